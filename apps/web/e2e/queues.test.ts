import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { type E2E, PNG, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the back office's work queues (issue 11 item 5) in Debian's headless Chromium, on a
 * desktop (1366×768) and a phone (390×844): a clerk filters, sorts and exports the application queue,
 * opens a file and reads its 流转记录 and breadcrumbs; unknown addresses show 页面不存在; a clock on the
 * home page opens its file.
 */
const PASSWORD = 'E2e-Queues@2026';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('work queues in headless Chromium', () => {
  let e: E2E;
  let browser: Browser;
  let base: string;
  const ids: Record<string, string> = {};

  async function token(username: string): Promise<string> {
    const r = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    return (r.json() as { token: string }).token;
  }
  async function call(tok: string, method: string, url: string, payload?: unknown) {
    const r = await e.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${tok}` },
      ...(payload ? { payload: payload as string } : {}),
    });
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string };
  }
  async function upload(tok: string, name: string): Promise<string> {
    const boundary = 'e2equeues';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`${name}${Math.random()}`),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await e.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { authorization: `Bearer ${tok}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    return (r.json() as { id: string }).id;
  }
  async function submit(tok: string, venueName: string): Promise<string> {
    const materials: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) materials[code] = [await upload(tok, code)];
    const r = await call(tok, 'POST', '/api/v1/licensing/applications', {
      regionCode: '440106',
      venueKind: 'restaurant',
      floorArea: 1280,
      investment: 3_000_000,
      companyName: '队列演示餐饮管理有限公司',
      legalRepresentative: '王建华',
      contactName: '李敏',
      contactPhone: '13800138000',
      venueName,
      venueAddress: '天河路100号',
      path: 'inspection',
      materials,
      submit: true,
    });
    return r.id;
  }

  before(async () => {
    e = await startE2E(PASSWORD);
    ({ browser, base } = e);
    const applicant = await token('applicant.440106');
    ids.a = await submit(applicant, '甲子火锅店');
    ids.b = await submit(applicant, '乙丑茶餐厅');
    ids.c = await submit(applicant, '丙寅酒楼');
    await call(await token('clerk.440106'), 'POST', `/api/v1/licensing/applications/${ids.c}/accept`, {});
  });
  after(async () => {
    await e?.close();
  });

  async function clerkPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'clerk.440106');
    await page.getByText('需要关注的时限').waitFor();
    return page;
  }

  test('a clerk filters, sorts and exports the queue, opens a file and reads its timeline and breadcrumbs (desktop)', async () => {
    const page = await clerkPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('许可办件').click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.getByRole('row', { name: /甲子火锅店/ }).waitFor();
    assert.equal(await rows.count(), 2, 'the 待受理 queue holds the two submitted applications');
    assert.ok(await page.getByText('共 2 条').isVisible());
    assert.ok(
      await page
        .getByText(/剩余 \d+ 个工作日/)
        .first()
        .isVisible(),
      'each row shows its working days left',
    );

    // Sort by reference, both ways, on the server.
    const sorted = page.waitForResponse((r) => r.url().includes('/application-queue?') && r.url().includes('sort=referenceNo'));
    await page.getByRole('columnheader', { name: '申请编号' }).click();
    await sorted;
    assert.match(page.url(), /sort=referenceNo/);

    // Search.
    const searched = page.waitForResponse((r) => r.url().includes('/application-queue?') && r.url().includes('q='));
    await page.getByLabel('搜索').fill('茶餐');
    await page.getByLabel('搜索').press('Enter');
    await searched;
    await page.getByText('共 1 条').waitFor();
    assert.equal(await rows.count(), 1);
    assert.ok(await page.getByRole('row', { name: /乙丑茶餐厅/ }).isVisible());
    await page.screenshot({ path: `${SHOTS}queues-desktop-filtered.png` });

    // Export the current view: the file holds the filtered row only.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => sheet.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    assert.equal(sheet.length, 2, JSON.stringify(sheet));
    assert.equal(sheet[0]![0], '申请编号');
    assert.ok(sheet[1]!.includes('乙丑茶餐厅'));
    assert.ok(!sheet.flat().includes('甲子火锅店'));

    // Another queue, and into a file.
    await page.getByLabel('搜索').fill('');
    await page.getByLabel('搜索').press('Enter');
    await page.getByText('待检查', { exact: true }).click();
    await page
      .getByRole('row', { name: /丙寅酒楼/ })
      .getByRole('link')
      .click();
    const timeline = page.getByTestId('record-timeline');
    await timeline.getByText('受理', { exact: true }).waitFor();
    assert.ok(
      await timeline
        .getByText(/窗口工作人员/)
        .first()
        .isVisible(),
      'who acted, with the role in Chinese',
    );
    assert.ok(await timeline.getByText('提交申请').isVisible());
    assert.equal(await timeline.getByText(/application\.|clerk/).count(), 0, 'no internal code on the page');
    const crumbs = page.getByLabel('当前位置');
    assert.ok(await crumbs.getByText('办件详情').isVisible());
    await page.screenshot({ path: `${SHOTS}queues-desktop-file.png`, fullPage: true });
    await crumbs.getByRole('link', { name: '许可办件' }).click();
    await page.getByRole('row', { name: /甲子火锅店/ }).waitFor();
    await page.close();
  });

  test('on a phone the same queue shows cards, and a card opens its file with the timeline (390 px)', async () => {
    const page = await clerkPage(PHONE);
    await page.goto(`${base}/admin/applications`);
    await page.getByText('甲子火锅店').waitFor();
    assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the page fits the phone (scroll width ${width})`);
    await page.screenshot({ path: `${SHOTS}queues-phone-cards.png`, fullPage: true });
    await page.goto(`${base}/admin/applications/${ids.c}`);
    await page.getByTestId('record-timeline').getByText('受理', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}queues-phone-file.png`, fullPage: true });
    await page.close();
  });

  test('unknown addresses and missing files show 页面不存在 / 404, not the portal home', async () => {
    const page = await clerkPage(DESKTOP);
    await page.goto(`${base}/admin/no-such-page`);
    await page.getByText('页面不存在').first().waitFor();
    assert.ok(await page.getByRole('menu', { name: '工作台菜单' }).isVisible(), 'inside the back office frame');
    await page.screenshot({ path: `${SHOTS}queues-admin-404.png` });
    await page.goto(`${base}/admin/applications/01930000-0000-7000-8000-000000000000`);
    await page.getByText('办件不存在', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}queues-file-404.png` });
    await page.goto(`${base}/no/such/page`);
    await page.getByText('页面不存在').first().waitFor();
    assert.ok(await page.getByRole('navigation', { name: '办事大厅导航' }).isVisible(), 'inside the portal frame');
    await page.screenshot({ path: `${SHOTS}queues-portal-404.png` });
    await page.close();
  });

  test('the working calendar is a month grid with holidays (休) and adjusted working days (班) (issue 11 item 9)', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await clerkPage(viewport);
      await page.goto(`${base}/admin/calendar`);
      await page.getByLabel('年度').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '2026 年' }).click();
      const october = page.getByRole('table', { name: '2026 年 10 月' });
      await october.getByTitle('2026-10-01 国庆节').waitFor();
      assert.match((await october.getByTitle('2026-10-01 国庆节').textContent()) ?? '', /1休/);
      assert.ok((await page.getByText('12 月', { exact: true }).isVisible()) || viewport === PHONE);
      await october.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}queues-calendar-${viewport.width}.png` });
      await page.close();
    }
  });

  test('the unit import offers a template with the export’s columns (issue 11 item 9)', async () => {
    const page = await clerkPage(DESKTOP);
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('社会单位').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载导入模板/ }).click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await (await download).path());
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 4), ['统一社会信用代码', '单位名称', '地址', '行政区划代码']);
    assert.equal(wb.worksheets[1]!.name, '填写说明');
    await page.close();
  });

  test('a clock on the home page links to its file and says how many working days it is overdue', async () => {
    // Twenty days on, the 10-working-day check limits of the submitted applications are past.
    e.ctx.clock.moveTo(new Date(e.ctx.now().getTime() + 20 * 24 * 3600_000));
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await clerkPage(viewport);
      const attention = page.locator('.ant-card', { hasText: '需要关注的时限' });
      const link = attention.getByRole('link').filter({ hasText: /现场检查时限|检查/ });
      await link.first().waitFor();
      assert.ok(
        await attention
          .getByText(/已超期 \d+ 个工作日/)
          .first()
          .isVisible(),
      );
      await page.screenshot({ path: `${SHOTS}queues-home-clocks-${viewport.width}.png`, fullPage: true });
      await link.first().click();
      await page.waitForURL(/\/admin\/applications\/[0-9a-f-]+$/);
      await page.getByTestId('record-timeline').waitFor();
      await page.close();
    }
  });
});
