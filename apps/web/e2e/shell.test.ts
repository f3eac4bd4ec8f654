import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { POLICY_KINDS } from '@fep/domain';
import type { Browser, Page } from 'playwright-core';
import { type E2E, expectAccessible, SHOTS, startE2E } from './support.ts';

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
    const entry = page.waitForResponse((r) => /\/assets\/index-[\w-]+\.js$/.test(r.url()));
    await page.goto(base);
    await page.getByText('公众聚集场所投入使用、营业前消防安全检查').first().waitFor();
    // Issue 11 item 8: the build's brotli copy, cached for good; accessible (axe-core); a skip link comes first.
    const script = await (await entry).allHeaders();
    assert.equal(script['content-encoding'], 'br');
    assert.equal(script['cache-control'], 'public, max-age=31536000, immutable');
    await expectAccessible(page, 'portal home');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
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

  /** Opens the new-version form of 随机抽查比例与频次 and changes one number in the generated form. */
  async function editQuota(page: Page, shot: string) {
    await login(page, '/admin/login', 'admin.211000');
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await page.goto(`${base}/admin/policies`);
    await page.getByRole('button', { name: /新增版本/ }).click();
    const dialog = page.getByRole('dialog', { name: /新增政策参数版本/ });
    // On a loaded machine the option list may re-render while it is tapped: choose again until the form shows.
    const field = dialog.getByText('同一单位每年最多被抽取次数', { exact: true }).filter({ visible: true });
    for (let attempt = 1; ; attempt++) {
      await dialog.getByLabel('参数种类').fill('随机抽查比例与频次');
      await page.locator('.ant-select-item-option[title="随机抽查比例与频次"]').click();
      const shown = await field.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 3) assert.fail('the form of 随机抽查比例与频次 did not open after three choices of the kind');
    }
    // The generated form (from the kind's schema) labels every field in Chinese and refuses out-of-range values.
    const draws = dialog.getByLabel('同一单位每年最多被抽取次数');
    await draws.fill('');
    await dialog.getByLabel('依据文件（文号或名称）').fill('辽阳市消防救援支队便民服务20项措施');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('必须填写').first().waitFor();
    await draws.fill('3');
    await dialog.getByLabel('条款').fill('第五条');
    await page.screenshot({ path: `${SHOTS}${shot}-form.png`, fullPage: false });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // Before the version takes effect: what changes (old → new) and on which legal basis.
    const confirm = page.getByRole('dialog', { name: '确认新版本' });
    await confirm.getByRole('cell', { name: '同一单位每年最多被抽取次数' }).waitFor();
    assert.equal(await confirm.locator('tr[data-row-key]').count(), 1, 'only the changed field is listed');
    assert.ok(await confirm.getByText('辽阳市消防救援支队便民服务20项措施 第五条').isVisible());
    await page.screenshot({ path: `${SHOTS}${shot}-confirm.png`, fullPage: false });
    return confirm;
  }

  test('an administrator changes a policy through the generated form, sees the difference and confirms it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const confirm = await editQuota(page, 'backoffice-policy-editor');
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/policies/versions' && r.request().method() === 'POST');
    await confirm.getByRole('button', { name: /确认生效/ }).click();
    const answer = await saved;
    assert.ok(answer.ok(), `new version: ${answer.status()} ${await answer.text()}`);
    assert.deepEqual((answer.request().postDataJSON() as { values: unknown }).values, { maxDrawsPerUnitPerYear: 3 });
    await page.getByText('已新增政策参数版本').waitFor();
    await page.close();
  });

  test('every policy kind opens in the generated form with Chinese labels and no internal code', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'admin.211000');
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await page.goto(`${base}/admin/policies`);
    await page.getByRole('button', { name: /新增版本/ }).click();
    const dialog = page.getByRole('dialog', { name: /新增政策参数版本/ });
    for (const def of Object.values(POLICY_KINDS)) {
      const first = Object.values(def.fields)[0] as { label: string };
      const label = dialog.getByText(first.label, { exact: true }).filter({ visible: true }).first();
      // Choosing in antd's searchable select can miss on a loaded machine (the option list re-renders while it
      // is clicked): the kind is chosen again until its form shows, at most three times.
      for (let attempt = 1; ; attempt++) {
        await dialog.getByLabel('参数种类').fill(def.title);
        await page.locator(`.ant-select-item-option[title="${def.title}"]`).click();
        const shown = await label.waitFor({ timeout: 15_000 }).then(
          () => true,
          () => false,
        );
        if (shown) break;
        assert.ok(attempt < 3, `the form of ${def.title} did not open`);
      }
      await e.scanRawCodes(page);
      if (def.kind === 'licensing.exemption' || def.kind === 'licensing.commitment')
        await page.screenshot({ path: `${SHOTS}backoffice-policy-editor-${def.kind.replace('.', '-')}.png`, fullPage: false });
    }
    await page.close();
  });

  test('the policy editor and its confirmation work on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const confirm = await editQuota(page, 'backoffice-policy-editor-phone');
    await confirm.getByRole('button', { name: /返回修改/ }).click();
    await confirm.waitFor({ state: 'hidden' });
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
