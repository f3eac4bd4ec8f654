import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { verifySealedPdf } from '../../api/src/platform/documents/seal.ts';
import { answerTo, type E2E, registerIncident, SHOTS, startE2E, tap } from './support.ts';

/**
 * Browser test on a 390 px phone and a desktop: a unit books a fire drill at the times that suit it and the agency's
 * clerk confirms one in the back-office queue (SVC-03, 辽阳 003 #16); the 火灾事故认定书 served on a fire is downloaded as
 * a sealed PDF by the unit on its phone and by the inspector on a desktop, and verified by its code (FIR-03).
 */
const PASSWORD = 'E2e-Appointments@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;
const DESKTOP = { viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;

/** The Beijing civil date `days` from now, YYYY-MM-DD. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function noSidewaysScroll(page: Page, what: string) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll! <= inner!, `${what}: no horizontal scrolling (${scroll} > ${inner})`);
}

describe("appointments at the unit's time and the determination PDF in headless Chromium", () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('SVC-03 [phone + desktop] a unit proposes times for a drill on its phone; the clerk confirms one of them on a desktop; the unit sees it confirmed', async () => {
    const day = beijingDay(3);
    const unit = await e.browser.newContext(PHONE);
    const page = await unit.newPage();
    await e.login(page, '/login', 'applicant.440106');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${e.base}/portal/appointment-requests`);
    await page.getByRole('heading', { name: '预约演练培训' }).waitFor();
    await page.getByLabel('单位名称').fill('天河区浏览器测试商场');
    await page.getByLabel('所在地区代码').fill('440106');
    await page.getByLabel('演练或培训内容').fill('全员疏散逃生演练');
    await page.getByLabel('地点', { exact: true }).fill('商场一层中庭');
    await page.getByLabel('参加人数').fill('150');
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByLabel('方便的时间一').fill(`${day}T09:30`);
    await page.getByLabel('方便的时间二（可选）').fill(`${day}T14:00`);
    await answerTo(page, /\/appointments\/requests$/, () => tap(page.getByRole('button', { name: '提交预约' })));
    const card = page.locator('.ant-card', { hasText: '全员疏散逃生演练' });
    await card.getByText('待消防救援机构确认').waitFor();
    await card.getByText(`${day} 09:30；${day} 14:00`).waitFor();
    await card.getByText('答复期限').waitFor();
    await page.screenshot({ path: `${SHOTS}appointment-request-phone.png`, fullPage: true });
    await noSidewaysScroll(page, 'the portal page');

    const office = await e.browser.newContext(DESKTOP);
    const clerk = await office.newPage();
    await e.login(clerk, '/admin/login', 'clerk.440106');
    await clerk.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await clerk.goto(`${e.base}/admin/appointment-requests`);
    const row = clerk.locator('tr', { hasText: '天河区浏览器测试商场' });
    await row.getByText(`${day} 09:30；${day} 14:00`).waitFor();
    await row.getByRole('button', { name: '确认时间' }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByLabel(`${day} 14:00`).check();
    await answerTo(clerk, /\/confirm$/, () => dialog.getByRole('button', { name: /确\s*定/ }).click());
    await dialog.waitFor({ state: 'hidden' });
    await clerk.getByText('全部', { exact: true }).click();
    await clerk.locator('tr', { hasText: '天河区浏览器测试商场' }).getByText('已确认').waitFor();
    await clerk.screenshot({ path: `${SHOTS}appointment-queue-desktop.png`, fullPage: true });
    await office.close();

    await page.reload();
    await page.locator('.ant-card', { hasText: '全员疏散逃生演练' }).getByText(`已确认：${day} 14:00，开始前会发送提醒`).waitFor();
    await noSidewaysScroll(page, 'the portal page after confirmation');
    await unit.close();
  });

  test('FIR-03 [phone + desktop] the 火灾事故认定书 served is downloaded as a sealed PDF by the unit on its phone and by the inspector on a desktop', async () => {
    const { id, headers } = await registerIncident(e, PASSWORD, {
      place: '浏览器测试认定书仓库',
      conditions: {
        factsClear: true,
        noObjection: true,
        noCompensationDispute: false,
        casualties: 0,
        arsonSuspected: false,
        insuranceClaim: false,
        directLoss: 80_000,
      },
      sealedAreas: ['仓库一层'],
    });
    const db = e.ctx.database.db;
    const now = Date.now();
    const determined = await e.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${id}/determination`,
      headers,
      payload: { cause: '电气线路故障引燃纸箱', servedAt: new Date(now - 3_600_000).toISOString() },
    });
    assert.equal(determined.statusCode, 200, determined.body);
    const keys = new Map((await db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
    const check = (file: string) => {
      const pdf = readFileSync(file);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(verifySealedPdf(pdf, (k) => keys.get(k)).ok, true, `${file}: the seal verifies`);
      return pdf;
    };

    const unit = await e.browser.newContext(PHONE);
    const page = await unit.newPage();
    await e.login(page, '/login', 'applicant.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${e.base}/portal/incidents`);
    const card = page.locator('.ant-card', { hasText: '浏览器测试认定书仓库' });
    await card.getByText(/火认字〔\d{4}〕第\d{4}号/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), tap(card.getByRole('button', { name: '下载火灾事故认定书' }))]);
    assert.match(download.suggestedFilename(), /^火灾事故认定书-.*\.pdf$/);
    const mine = join(e.dataDir, 'determination-unit.pdf');
    await download.saveAs(mine);
    const fromPortal = check(mine);
    await page.screenshot({ path: `${SHOTS}incident-determination-phone.png`, fullPage: true });
    await noSidewaysScroll(page, 'the portal incidents page');
    await unit.close();

    const office = await e.browser.newContext(DESKTOP);
    const officer = await office.newPage();
    await e.login(officer, '/admin/login', 'inspector.211000');
    await officer.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await officer.goto(`${e.base}/admin/incidents/${id}`);
    const [staffDownload] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: '下载火灾事故认定书' }).click()]);
    const theirs = join(e.dataDir, 'determination-staff.pdf');
    await staffDownload.saveAs(theirs);
    assert.deepEqual(check(theirs), fromPortal, 'one sealed document for the party and the agency');
    // The verification code printed on it opens the public verification page.
    const { verify_code } = await db.selectFrom('incident_documents').select('verify_code').where('incident_id', '=', id).executeTakeFirstOrThrow();
    await officer.goto(`${e.base}/verify/${verify_code}`);
    await officer.getByText('火灾事故认定书真实有效').waitFor();
    await office.close();
  });
});
