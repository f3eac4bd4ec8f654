import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the web shell in Debian's headless Chromium (never a downloaded browser): a clerk in
 * the back office and an applicant in the public portal, each seeing what their role allows.
 * Screenshots go to docs/screenshots/.
 */
const PASSWORD = 'E2e-Demo@2026';

describe('web shell in headless Chromium', () => {
  let e: E2E;
  let browser: Browser;
  let base: string;
  before(async () => {
    e = await startE2E(PASSWORD);
    ({ browser, base } = e);
  });
  after(async () => {
    await e?.close();
  });
  const login = (page: Page, path: string, username: string) => e.login(page, path, username);

  test('the public portal lists the service guides of the chosen place without login', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await page.goto(base);
    await page.getByText('公众聚集场所投入使用、营业前消防安全检查').first().waitFor();
    assert.ok(await page.getByText('办事指南').first().isVisible());
    assert.ok(await page.getByRole('button', { name: '企业登录', exact: true }).isVisible());
    await page.screenshot({ path: `${SHOTS}portal-home.png`, fullPage: true });
    await page.close();
  });

  test('a clerk logs in to the back office and sees the menus of the role, the overdue clocks and the policy with provenance', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'clerk.211000');
    await page.getByText('需要关注的时限').waitFor();
    const menu = page.getByRole('menu', { name: '工作台菜单' });
    for (const item of ['工作台首页', '我的时限', '社会单位', '政策参数', '工作日历']) assert.ok(await menu.getByText(item).isVisible(), item);
    assert.ok(await page.getByText('辽阳市消防救援支队').first().isVisible());
    assert.ok(await page.getByText('已超期').first().isVisible(), 'demo clocks include overdue ones');
    await page.screenshot({ path: `${SHOTS}backoffice-clerk-home.png`, fullPage: true });

    await menu.getByText('我的时限').click();
    await page.getByRole('columnheader', { name: '法定依据' }).waitFor();
    await page.screenshot({ path: `${SHOTS}backoffice-clerk-clocks.png`, fullPage: true });

    await menu.getByText('政策参数').click();
    await page.getByText('举报投诉核查时限').first().waitFor();
    assert.ok(await page.getByText('国家规定').first().isVisible());
    assert.ok(
      await page
        .getByText(/辽阳市消防救援支队 第1版/)
        .first()
        .isVisible(),
      'Liaoyang overrides show their provenance',
    );
    assert.equal(await page.getByRole('button', { name: /新增版本/ }).count(), 0, 'a clerk may not add policy versions');
    await page.screenshot({ path: `${SHOTS}backoffice-clerk-policy.png`, fullPage: false });
    await page.close();
  });

  test('an administrator may add a policy version from the policy page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'admin.211000');
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('政策参数').click();
    await page.getByRole('button', { name: /新增版本/ }).click();
    await page.getByLabel('依据文件（文号或名称）').fill('辽阳市消防救援支队便民服务20项措施');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新增政策参数版本').waitFor();
    await page.close();
  });

  test('the national administrator enters the 2027 holiday schedule when it is published', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'admin.000000');
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('工作日历').click();
    await page.getByLabel('年度').click();
    await page.getByTitle('2027 年').click();
    await page.getByText('2027 年的国务院节假日安排尚未录入').waitFor();
    await page.getByRole('button', { name: /录入国务院安排/ }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已保存 2027 年安排/).waitFor();
    await page.getByText('2027 年的国务院节假日安排尚未录入').waitFor({ state: 'detached' });
    await page.close();
  });

  test('an applicant logs in at the portal, sees the own unit and no back office', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await page.goto(base);
    await page.getByRole('button', { name: '企业登录', exact: true }).click();
    await login(page, '/login', 'applicant.360100');
    await page.getByText('我的单位').waitFor();
    await page.getByText('统一社会信用代码').first().waitFor();
    assert.equal(await page.getByRole('button', { name: '进入工作台' }).count(), 0);
    await page.screenshot({ path: `${SHOTS}portal-applicant.png`, fullPage: true });
    await page.goto(`${base}/admin`);
    await page.getByText('工作台仅供消防救援机构工作人员使用').waitFor();
    await page.close();
  });
});
