import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerTo, type E2E, registerIncident, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of fire incidents on a phone (390×844, FIR-03): a general investigation registered through the API
 * naming the unit; the business declares its direct loss on the portal, and once the determination is served applies
 * for review there — zero trips.
 */
const PASSWORD = 'E2e-Incidents@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

describe('fire incidents in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('FIR-02 FIR-03 [phone] the inspector sees the sealed scope on the file; the business declares its loss and applies for review on the portal', async () => {
    const { id, headers } = await registerIncident(e, PASSWORD, {
      place: '浏览器测试仓库',
      conditions: {
        factsClear: true,
        noObjection: true,
        noCompensationDispute: false,
        casualties: 0,
        arsonSuspected: false,
        insuranceClaim: true,
        directLoss: 80_000,
      },
      sealedAreas: ['仓库一层', '仓库二层'],
    });
    const now = Date.now();

    // The inspector's list and file on the phone: cards, the tier and why, the sealed scope.
    const office = await e.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const officer = await office.newPage();
    await e.login(officer, '/admin/login', 'inspector.211000');
    await officer.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await officer.goto(`${e.base}/admin/incidents`);
    await officer.getByRole('link', { name: '浏览器测试仓库' }).first().click();
    await officer.getByText('现场封闭：现场封闭中').waitFor();
    await officer.getByText(/当前封闭范围：仓库一层、仓库二层/).waitFor();
    await officer.getByText(/简易调查程序不适用：当事人对损失赔偿有争议/).waitFor();
    await officer.screenshot({ path: `${SHOTS}incidents-admin-phone.png`, fullPage: true });
    const officeWidths = await officer.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(officeWidths[0]! <= officeWidths[1]!, `no horizontal scrolling on the file: ${officeWidths.join(' > ')}`);
    await office.close();

    const context = await e.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/login', 'applicant.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${e.base}/portal/incidents`);
    const card = page.locator('.ant-card', { hasText: '浏览器测试仓库' });
    await card.getByText(/仓库一层、仓库二层/).waitFor();
    await card.getByRole('button', { name: '申报损失' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('直接财产损失（元）').fill('76000');
    await dialog.getByLabel(/损失说明/).fill('库存纸箱和货架');
    await answerTo(page, /\/loss$/, () => dialog.getByRole('button', { name: /提\s*交/ }).click());
    await card.getByText('已申报 76,000 元').waitFor();

    const determined = await e.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${id}/determination`,
      headers,
      payload: { cause: '电气线路故障引燃纸箱', servedAt: new Date(now - 3_600_000).toISOString() },
    });
    assert.equal(determined.statusCode, 200, determined.body);
    await page.reload();
    await card.getByRole('button', { name: '申请复核' }).click();
    await page.getByRole('dialog').getByLabel('申请复核的理由').fill('起火部位认定与监控录像不符');
    await answerTo(page, /\/reviews$/, () =>
      page
        .getByRole('dialog')
        .getByRole('button', { name: /提\s*交/ })
        .click(),
    );
    await card.getByText(/复核：已申请，待受理（辽宁省消防救援总队）/).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SHOTS}incidents-portal-phone.png`, fullPage: true });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling: ${widths.join(' > ')}`);
    await context.close();
  });
});
