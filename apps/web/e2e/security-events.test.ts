import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of 安全事件 (等保 8.1.4.3, issue 10 item 4) in Debian's headless Chromium: a clerk's refused
 * attempts (another jurisdiction's unit, a page without the permission) are read by the head of the
 * detachment in Chinese — who, what, why, how many times — on a desktop and on a 390 px phone.
 */
const PASSWORD = 'E2e-Security@2026';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('security events in headless Chromium', () => {
  let e: E2E;
  let browser: Browser;
  let base: string;

  before(async () => {
    e = await startE2E(PASSWORD);
    ({ browser, base } = e);
    const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.440106', password: PASSWORD } });
    const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const { db } = e.ctx.database;
    const liaoyang = await db.selectFrom('agencies').select('path').where('region_code', '=', '211000').executeTakeFirstOrThrow();
    const foreign = await db.selectFrom('units').select('id').where('agency_path', 'like', `${liaoyang.path}%`).limit(1).executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) assert.equal((await e.app.inject({ method: 'GET', url: `/api/v1/units/${foreign.id}`, headers })).statusCode, 404);
    assert.equal((await e.app.inject({ method: 'GET', url: '/api/v1/events/dead-letters', headers })).statusCode, 403);
  });
  after(async () => {
    await e?.close();
  });

  async function auditorPage(viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'zh-CN' })).newPage();
    await e.login(page, '/admin/login', 'leader.440100');
    await page.getByText('需要关注的时限').waitFor();
    return page;
  }

  test('the head of the detachment reads who tried what, why it was refused and how often (desktop)', async () => {
    const page = await auditorPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('安全事件').click();
    const scope = page.getByRole('row', { name: /超出管辖或数据范围/ });
    await scope.waitFor();
    const cells = (await scope.locator('td').allTextContents()).map((c) => c.trim());
    const text = cells.join(' | ');
    assert.match(text, /clerk\.440106/);
    assert.ok(cells.includes('窗口工作人员'), text);
    assert.ok(cells.includes('一个社会单位'), text);
    assert.ok(cells.includes('社会单位'), text);
    assert.ok(cells.includes('3'), `three refusals counted in one row: ${text}`);
    assert.ok(await page.getByRole('row', { name: /无此操作权限/ }).isVisible());

    const filtered = page.waitForResponse((r) => r.url().includes('/audit/refusals?') && r.url().includes('reason=permission'));
    await page.getByLabel('拒绝原因').click();
    await page.getByTitle('无此操作权限').click();
    await filtered;
    await page.getByText('共 1 条').waitFor();
    assert.equal(await page.getByRole('row', { name: /超出管辖或数据范围/ }).count(), 0);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${SHOTS}security-events-desktop.png` });
    await page.close();
  });

  test('on a phone the events are cards that fit the screen (390 px)', async () => {
    const page = await auditorPage(PHONE);
    await page.goto(`${base}/admin/security-events`);
    await page.getByText('超出管辖或数据范围').first().waitFor();
    assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the page fits the phone (scroll width ${width})`);
    await page.screenshot({ path: `${SHOTS}security-events-phone.png`, fullPage: true });
    await page.close();
  });

  test('a clerk has no 安全事件 in the menu and is told 无权访问 at its address', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
    await e.login(page, '/admin/login', 'clerk.440106');
    await page.getByText('需要关注的时限').waitFor();
    assert.equal(await page.getByRole('menu', { name: '工作台菜单' }).getByText('安全事件').count(), 0);
    await page.goto(`${base}/admin/security-events`);
    await page.getByText('无权访问').first().waitFor();
    await page.close();
  });
});
