import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { deliverPushes } from '../../api/src/platform/partners/outbox.ts';
import type { TestApp } from '../../api/src/test-support/harness.ts';
import { multipartFile, TINY_PNG } from '../../api/src/test-support/harness.ts';
import { applicationInput } from '../../api/src/test-support/licensing.ts';
import { PartnerSimulator } from '../../api/src/test-support/partners.ts';
import { answerTo, type E2E, expectAccessible, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of 对外推送记录 (MON-03) in Debian's headless Chromium: two permits issued, pushed to two
 * e-licence sharing services — one answers, one is down — and the administrator reads the delivery log and
 * replays a push, on a desktop and on a 390 px phone.
 */
const PASSWORD = 'E2e-Partners@2026';
const DESKTOP = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' } as const;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

describe('partner delivery log in headless Chromium', () => {
  let e: E2E;
  let browser: Browser;
  let base: string;
  let up: PartnerSimulator;
  let down: PartnerSimulator;

  before(async () => {
    e = await startE2E(PASSWORD);
    ({ browser, base } = e);
    const token = async (username: string) =>
      ((await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } })).json() as { token: string }).token;
    const [admin, applicant, clerk] = [await token('admin.440106'), await token('applicant.440106'), await token('clerk.440106')];
    // The simulators sign with the product's clock, reached as a test app would.
    const t = {
      app: e.app,
      clock: {
        get now() {
          return e.ctx.now();
        },
      },
    } as unknown as TestApp;
    up = new PartnerSimulator(t);
    down = new PartnerSimulator(t);
    await up.start();
    await down.start();
    await up.register(admin, 'elicence_sharing', '省电子证照共享服务');
    await down.register(admin, 'elicence_sharing', '市电子证照库');
    await down.stop();
    const files: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const mp = multipartFile(`${code}.png`, Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
      const r = await e.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${applicant}`, ...mp.headers },
        payload: mp.payload,
      });
      files[code] = [(r.json() as { id: string }).id];
    }
    const body = applicationInput('440106', 'commitment', files, { commitment: { signerName: '王建华', accepted: true }, submit: true });
    const filed = await e.app.inject({
      method: 'POST',
      url: '/api/v1/licensing/applications',
      headers: { authorization: `Bearer ${applicant}` },
      payload: body,
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const id = (filed.json() as { id: string }).id;
    const accepted = await e.app.inject({
      method: 'POST',
      url: `/api/v1/licensing/applications/${id}/accept`,
      headers: { authorization: `Bearer ${clerk}` },
      payload: {},
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    await e.ctx.events.drain();
    const run = await deliverPushes(e.ctx, 'e2e');
    assert.deepEqual([run.delivered, run.failed], [1, 1], 'one service answered, the other is down');
  });
  after(async () => {
    await up?.stop();
    await e?.close();
  });

  async function adminPage(options: typeof DESKTOP | typeof PHONE): Promise<Page> {
    const page = await (await browser.newContext(options)).newPage();
    await e.login(page, '/admin/login', 'admin.440106');
    await page.getByText('需要关注的时限').waitFor();
    return page;
  }

  test('the administrator reads the delivery log and replays a delivered push (desktop)', async () => {
    const page = await adminPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('对外推送记录').click();
    const failed = page.getByRole('row', { name: /市电子证照库/ });
    await failed.waitFor();
    assert.match((await failed.textContent()) ?? '', /推送失败，等待重试/);
    assert.match((await failed.textContent()) ?? '', /无法连接对方平台/);
    const delivered = page.getByRole('row', { name: /省电子证照共享服务/ });
    assert.match((await delivered.textContent()) ?? '', /已送达/);
    await expectAccessible(page, 'partner-deliveries');
    await page.screenshot({ path: `${SHOTS}partner-deliveries-desktop.png` });

    await answerTo(page, /\/api\/v1\/gateway\/deliveries\/[^/]+\/replay$/, () => delivered.getByRole('button', { name: '重新推送' }).click());
    await page
      .getByRole('row', { name: /省电子证照共享服务/ })
      .filter({ hasText: '待推送' })
      .waitFor();
    const before = up.received.length;
    await deliverPushes(e.ctx, 'e2e');
    assert.equal(up.received.length, before + 1, 'sent again once');
    await page.reload();
    const again = page.getByRole('row', { name: /省电子证照共享服务/ });
    await again.filter({ hasText: '已送达' }).waitFor();
    await again.getByRole('button', { name: '推送记录' }).click();
    const dialog = page.getByRole('dialog', { name: '推送记录' });
    await dialog.getByText(/重新推送：管理员重新推送/).waitFor();
    assert.equal(await dialog.getByText(/推送：送达/).count(), 2, 'two deliveries in the log');
    await page.screenshot({ path: `${SHOTS}partner-deliveries-log-desktop.png` });
    await page.close();
  });

  test('the administrator registers a unified portal and is shown its signing secret once (desktop)', async () => {
    const page = await adminPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('对接平台').click();
    await page.getByRole('row', { name: /省电子证照共享服务/ }).waitFor();
    await page.getByRole('button', { name: '登记对接平台' }).click();
    const dialog = page.getByRole('dialog', { name: '登记对接平台' });
    await dialog.getByLabel('平台类型').click();
    await page.getByTitle('统一政务服务门户（赣服通、粤商通等）').click();
    await dialog.getByLabel('平台名称').fill('粤商通');
    await dialog.getByLabel('接收推送的地址（https）').fill('https://yst.example.gov.cn/fep/callback');
    assert.ok(await dialog.getByLabel('接收办件状态和办理结果回调').isChecked(), 'the usual scopes of the kind are ticked');
    await answerTo(page, /\/api\/v1\/gateway\/partners$/, () => dialog.getByRole('button', { name: '登记并签发密钥' }).click());
    const shown = page.getByRole('dialog', { name: '接口密钥已签发' });
    await shown.getByText('签名密钥只显示这一次').waitFor();
    assert.match(await shown.getByLabel('签名密钥').inputValue(), /^[0-9a-f]{64}$/, 'the secret is shown');
    // The form's dialog closes with an animation: the picture is taken once it is gone.
    await dialog.waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SHOTS}partners-secret-desktop.png` });
    await shown.getByRole('button', { name: 'Close' }).or(shown.locator('.ant-modal-close')).first().click();
    await page
      .getByRole('row', { name: /粤商通/ })
      .filter({ hasText: '启用' })
      .waitFor();
    await page.close();
  });

  test('the administrator registers a partner’s client certificate fingerprint (mutual TLS); a malformed one is refused in Chinese (desktop)', async () => {
    const page = await adminPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('对接平台').click();
    const row = page.getByRole('row', { name: /市电子证照库/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /请求签名/);
    await row.getByRole('button', { name: '客户端证书' }).click();
    const dialog = page.getByRole('dialog', { name: /客户端证书/ });
    const field = dialog.getByLabel('客户端证书指纹（SHA-256）');
    await field.fill('12:34:zz');
    await field.press('Enter');
    await dialog.getByText('客户端证书指纹须为 SHA-256 指纹（64 位十六进制字符，可用冒号分隔）').waitFor();
    await field.fill('50:9D:B1:B6:A5:83:6E:44:0D:E3:5F:B7:A6:11:9D:03:E2:2A:E0:88:66:E0:DA:71:C3:A7:90:2D:5B:2D:52:97');
    // A PUT (answerTo waits for POSTs): the answer awaited the same way, so a starved runner cannot miss it.
    const answered = page.waitForResponse((r) => /\/certificate$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT', { timeout: 60_000 });
    await field.press('Enter');
    const put = await answered;
    assert.ok(put.ok(), `${put.status()} ${await put.text()}`);
    await page
      .getByRole('row', { name: /市电子证照库/ })
      .filter({ hasText: '双向 TLS 客户端证书' })
      .waitFor();
    const stored = await e.ctx.database.db
      .selectFrom('gateway_partners')
      .select('client_cert_sha256')
      .where('name', '=', '市电子证照库')
      .executeTakeFirstOrThrow();
    assert.equal(stored.client_cert_sha256, '509db1b6a5836e440de35fb7a6119d03e22ae08866e0da71c3a7902d5b2d5297');
    await page.screenshot({ path: `${SHOTS}partners-certificate-desktop.png` });
    await page.close();
  });

  test('on a phone the pushes are cards that fit the screen, and one is replayed by a tap (390 px)', async () => {
    const page = await adminPage(PHONE);
    await page.goto(`${base}/admin/partner-deliveries`);
    await page.getByText('市电子证照库').first().waitFor();
    assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.viewport.width + 1, `the page fits the phone (scroll width ${width})`);
    const card = page.locator('.ant-list-item, .ant-card').filter({ hasText: '省电子证照共享服务' }).filter({ hasText: '已送达' }).first();
    const replay = card.getByRole('button', { name: '重新推送' });
    await replay.scrollIntoViewIfNeeded();
    const box = await replay.boundingBox();
    assert.ok(box, 'the replay button is on the card');
    await answerTo(page, /\/api\/v1\/gateway\/deliveries\/[^/]+\/replay$/, () => page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2));
    await page.getByText('待推送').first().waitFor();
    await page.screenshot({ path: `${SHOTS}partner-deliveries-phone.png`, fullPage: true });
    await page.close();
  });
});
