import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf, completeUsci } from '@fep/domain';
import { answerTo, type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of technical service organisations (MKT-01) on a phone (390×844): a leader opens an organisation's
 * file from the register, sees its engineers, reports, art. 69 violation and the engineer's suspension, reads the
 * engineer's credit, registers another engineer; the public directory shows the organisation's ban with its reason.
 */
const PASSWORD = 'E2e-Market@2026';

describe('technical service organisations in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('MKT-01 [phone] an organisation’s file with engineers, reports, violations and bans; the public directory shows the ban', async () => {
    const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader.211000', password: PASSWORD } });
    const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const post = async (url: string, payload: unknown) => {
      const r = await e.app.inject({ method: 'POST', url, headers, payload: payload as string });
      assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
      return r.json() as Record<string, string>;
    };
    const today = chinaDateOf(e.ctx.now());
    const org = await post('/api/v1/market/organisations', {
      usci: completeUsci('91211000MA7400001'),
      name: '辽阳浏览器测试消防检测有限公司',
      kind: 'maintenance_testing',
      declared: {
        enterpriseLegalPerson: true,
        workplaceSquareMetres: 260,
        firstClassEngineers: 1,
        secondClassEngineers: 1,
        operators: 8,
        intermediateOperators: 3,
        qualitySystem: true,
      },
    });
    const engineer = await post(`/api/v1/market/organisations/${org.id}/engineers`, { name: '周工', certificateNo: 'ZC2026880001', class: 'first' });
    const report = await post(`/api/v1/market/organisations/${org.id}/reports`, {
      reportNumber: 'JC-E2E-001',
      kind: 'testing',
      unitUsci: completeUsci('91211000MA7400002'),
      unitName: '辽阳某宾馆',
      reportDate: today,
      engineerId: engineer.id,
      conclusion: 'qualified',
    });
    await post(`/api/v1/market/organisations/${org.id}/violations`, {
      kind: 'false_document',
      severity: 'general',
      facts: '未到现场检测即出具检测报告',
      foundOn: today,
      engineerId: engineer.id,
      reportId: report.id,
    });
    await e.ctx.events.drain();
    await post(`/api/v1/market/organisations/${org.id}/bans`, {
      subject: 'organisation',
      measure: 'suspension',
      startsOn: today,
      endsOn: '2027-06-30',
      reason: '出具虚假检测报告，责令停止执业',
      legalBasis: '《中华人民共和国消防法》第六十九条第一款',
    });

    const context = await e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'leader.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await page.goto(`${e.base}/admin/organisations`);
    await page.getByPlaceholder('服务单位统一社会信用代码').fill(completeUsci('91211000MA7400002'));
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-card', { hasText: '按服务单位查询报告' }).getByText('JC-E2E-001').first().waitFor();
    await page.getByRole('link', { name: org.name }).click();
    await page.getByRole('heading', { name: org.name }).waitFor();
    await page.getByText('该机构正被责令停止执业').waitFor();
    await page.getByText('JC-E2E-001').first().waitFor();
    await page.getByText('未到现场检测即出具检测报告').first().waitFor();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling on a phone: ${widths.join(' > ')}`);
    await page.screenshot({ path: `${SHOTS}market-organisation-phone.png`, fullPage: true });

    await page.getByRole('button', { name: '信用记录' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/得分 80/).waitFor();
    await dialog.getByText('个人信用记录仅供工作人员查看，不予公开。').waitFor();
    await dialog.getByRole('button', { name: /关\s*闭|Close/ }).click();

    await page.getByRole('button', { name: '登记工程师' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('姓名').fill('吴工');
    await form.getByLabel('注册证书编号').fill('ZC2026880002');
    await answerTo(page, /\/engineers$/, () => form.getByRole('button', { name: /登\s*记/ }).click());
    await page.getByText('吴工').first().waitFor();
    await context.close();

    const pub = await e.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await pub.goto(`${e.base}/organisations`);
    await pub
      .getByText(/责令停止执业（.* 至 2027-06-30）：出具虚假检测报告，责令停止执业/)
      .first()
      .waitFor();
    await pub.screenshot({ path: `${SHOTS}market-directory-phone.png`, fullPage: true });
    await pub.close();
  });
});
