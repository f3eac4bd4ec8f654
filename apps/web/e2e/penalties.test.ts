import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addDays } from '@fep/domain';
import { verifySealedPdf } from '../../api/src/platform/documents/seal.ts';
import { servedFine } from '../../api/src/test-support/penalties.ts';
import { type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the unit's penalty page (ENF-04, ENF-06), on a desktop (1366×768) and a phone (390×844):
 * the unit sees what it owes (应缴金额, due date), downloads the sealed 行政处罚决定书, pays through the payment
 * channel's test double (its pay page, 确认缴款) and comes back to a paid fine.
 */
const PASSWORD = 'E2e-Pay@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('penalty payment in the portal in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });
  const token = async (username: string) =>
    ((await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } })).json() as { token: string }).token;

  for (const { name, ...device } of VIEWPORTS) {
    test(`ENF-04/ENF-06 [${name}] the unit sees 应缴金额, downloads the 决定书 and pays through the test double`, async () => {
      const c = await servedFine({ app: e.app, ctx: e.ctx, login: token }, 20000);
      const context = await e.browser.newContext({ ...device, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      await e.login(page, '/login', 'applicant.211000');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));

      // The list of the unit's cases leads to the case.
      await page.goto(`${e.base}/portal/penalties`);
      await page.getByRole('heading', { name: '行政处罚', exact: true }).waitFor();
      await page
        .getByRole('link', { name: /占用、堵塞、封闭疏散通道/ })
        .first()
        .waitFor();
      await page.goto(`${e.base}/portal/penalties/${c.id}`);
      const payCard = page.locator('.ant-card', { has: page.getByText('罚款缴纳', { exact: true }) });
      await payCard.getByText('应缴金额（元）').waitFor();
      assert.ok(await payCard.getByText('20,000.00').first().isVisible());
      assert.ok(await payCard.getByText(c.payment!.dueDate).isVisible());
      const docs = page.locator('.ant-card', { has: page.getByText('文书下载', { exact: true }) });
      await docs.getByText('行政处罚决定书', { exact: true }).waitFor();
      await docs.getByText('行政处罚告知书', { exact: true }).waitFor();
      await page.screenshot({ path: `${SHOTS}penalty-portal-${name}.png`, fullPage: true });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling on ${name}: ${widths.join(' > ')}`);

      // The sealed decision downloads and its seal verifies.
      const [download] = await Promise.all([page.waitForEvent('download'), docs.getByRole('button', { name: '下载行政处罚决定书' }).click()]);
      const file = join(e.dataDir, `决定书-${name}.pdf`);
      await download.saveAs(file);
      const pdf = readFileSync(file);
      const keys = new Map((await e.ctx.database.db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
      assert.equal(verifySealedPdf(pdf, (id) => keys.get(id)).ok, true);

      // 缴纳罚款 → the channel's page → 确认缴款 → back to a paid fine.
      await payCard.getByRole('button', { name: /缴纳罚款/ }).click();
      await page.waitForURL(/\/api\/v1\/payments\/test-channel\/pay\//);
      await page.getByText('应缴金额').waitFor();
      await page.screenshot({ path: `${SHOTS}penalty-pay-page-${name}.png`, fullPage: true });
      await page.getByRole('button', { name: '确认缴款' }).click();
      await page.getByText('缴款成功').waitFor();
      await page.getByRole('link', { name: '返回消防执法服务平台' }).click();
      await page.waitForURL(new RegExp(`/portal/penalties/${c.id}$`));
      await payCard.getByText(/已于 .* 缴纳 20,000\.00 元/).waitFor();
      assert.equal(await page.getByRole('button', { name: /缴纳罚款/ }).count(), 0);
      await page.screenshot({ path: `${SHOTS}penalty-paid-${name}.png`, fullPage: true });
      const row = await e.ctx.database.db.selectFrom('enforcement_cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.payment_channel], ['closed', 'online']);
      await context.close();
    });
  }

  test('ENF-06 [phone] under approved instalments the page lists each instalment and pays the one due now, the case staying open', async () => {
    const c = await servedFine({ app: e.app, ctx: e.ctx, login: token }, 20000);
    const post = async (who: string, url: string, payload: unknown) => {
      const r = await e.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${await token(who)}` } });
      assert.equal(r.statusCode, 200, r.body);
    };
    const due = c.payment!.dueDate;
    const schedule = [
      { dueDate: addDays(due, 10), amount: 12000 },
      { dueDate: addDays(due, 40), amount: 8000 },
    ];
    await post('applicant.211000', `/api/v1/portal/penalties/${c.id}/payment-plan`, { kind: 'instalments', schedule, reason: '资金周转困难，请求分两期缴纳' });
    await post('approver.211000', `/api/v1/enforcement/cases/${c.id}/payment-plan-decision`, { approve: true, reason: '同意' });
    const context = await e.browser.newContext({ viewport: VIEWPORTS[1].viewport, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/login', 'applicant.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${e.base}/portal/penalties/${c.id}`);
    const payCard = page.locator('.ant-card', { has: page.getByText('罚款缴纳', { exact: true }) });
    await payCard.getByText('分期缴纳明细').waitFor();
    await payCard.getByText(/本期应缴（元）：第 1 期（共 2 期）/).waitFor();
    assert.ok(await payCard.getByText(schedule[1]!.dueDate).first().isVisible());
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling: ${widths.join(' > ')}`);
    await page.screenshot({ path: `${SHOTS}penalty-instalments-phone.png`, fullPage: true });
    await payCard.getByRole('button', { name: /缴纳第 1 期/ }).click();
    await page.waitForURL(/\/api\/v1\/payments\/test-channel\/pay\//);
    await page.getByRole('button', { name: '确认缴款' }).click();
    await page.getByText('缴款成功').waitFor();
    await page.getByRole('link', { name: '返回消防执法服务平台' }).click();
    await page.waitForURL(new RegExp(`/portal/penalties/${c.id}$`));
    await payCard.getByRole('button', { name: /缴纳第 2 期/ }).waitFor();
    await payCard
      .getByText(/已缴纳/)
      .first()
      .waitFor();
    const row = await e.ctx.database.db.selectFrom('enforcement_cases').select(['status', 'paid_on']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.paid_on], ['served', null]);
    await context.close();
  });
});
