import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../api/src/platform/context.ts';
import { chooseOptions, type E2E, expectAccessible, recordLockedExit, SHOTS, sign, startE2E } from './support.ts';

/**
 * Browser test of supervision (SUP-03, SUP-09, SUP-10) in Debian's headless Chromium: a leader publishes
 * and draws a plan; an inspector completes a task on a phone-sized screen (390×844) with a hazard and a
 * photo, the draft surviving a reload; the unit sees its rectification order in the portal.
 */
const PASSWORD = 'E2e-Sup@2026';

describe('supervision in headless Chromium', () => {
  let e: E2E;
  let app: FastifyInstance;
  let ctx: AppContext;
  let browser: Browser;
  let base: string;
  before(async () => {
    e = await startE2E(PASSWORD);
    ({ app, ctx, browser, base } = e);
  });
  after(async () => {
    await e?.close();
  });
  const login = (page: Page, path: string, username: string) => e.login(page, path, username);

  test('SUP-03/08 a leader publishes and draws a plan; the public page replays it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    await login(page, '/admin/login', 'leader.211000');
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('双随机抽查').click();
    await page.getByRole('button', { name: '制定抽查计划' }).click();
    await page.getByLabel('计划名称').fill('2027 年第一季度“双随机”消防监督抽查');
    await page.getByLabel('检查事项').fill('日常监督抽查');
    // Venue kinds of a campaign are chosen by their Chinese names, never typed as codes.
    await chooseOptions(page, '专项治理：提高比例的场所类别（选填）', ['歌舞厅、卡拉OK厅', '互联网上网服务营业场所']);
    await page.getByLabel('计划名称').click();
    await page.getByLabel('专项治理比例（%）').fill('60');
    await page.getByPlaceholder('开始日期').click();
    await page.getByPlaceholder('开始日期').fill('2027-01-01');
    await page.getByPlaceholder('结束日期').fill('2027-03-31');
    await page.keyboard.press('Enter');
    // Enter in the range picker commits the dates; the form may submit with it, otherwise press 创建.
    const created = page.getByText('计划已创建，公布后方可抽取');
    // A loaded CI machine may take several seconds to answer the Enter-submitted form: wait long enough
    // before pressing 创建, or the plan would be created twice.
    await created.waitFor({ timeout: 15_000 }).catch(async () => {
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /创\s*建/ })
        .click({ force: true });
      await created.waitFor();
    });
    await page
      .getByRole('button', { name: /公\s*布/ })
      .first()
      .click();
    await page.getByLabel('公开随机数来源').fill('2026-12-01 中国福利彩票3D开奖号码');
    const published = page.waitForResponse((r) => /\/publish$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /公\s*布/ })
      .click();
    // Publication cannot be undone: it asks for confirmation first.
    await page.locator('.ant-modal-confirm-title', { hasText: '确认公布“' }).waitFor();
    await page.getByRole('button', { name: '确认公布' }).click();
    const publishAnswer = await published;
    assert.ok(publishAnswer.ok(), `publish: ${publishAnswer.status()} ${await publishAnswer.text()}`);
    await page.getByText('已公布，输入摘要已公开').waitFor();
    await page
      .getByRole('button', { name: /抽\s*取/ })
      .first()
      .click();
    await page.getByLabel('公开随机数', { exact: true }).fill('5 8 1');
    // Wait for the server's answer itself, so that a refusal is reported with its reason.
    const drawn = page.waitForResponse((r) => /\/draw$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /抽\s*取/ })
      .click();
    await page.getByText('抽取结果立即生成检查任务并公示，不能撤销或重新抽取。').waitFor();
    await page.getByRole('button', { name: '确认抽取' }).click();
    const answer = await drawn;
    assert.ok(answer.ok(), `draw: ${answer.status()} ${await answer.text()}`);
    await page.getByText('已抽取并生成检查任务').waitFor();
    // Both the draw dialog and its confirmation close (two dialogs may be leaving at once).
    await page.waitForFunction(() => document.querySelectorAll('[role="dialog"]').length === 0);
    await page.screenshot({ path: `${SHOTS}backoffice-plans.png`, fullPage: true });

    // The plan's page lists the drawn units with their inspectors, filterable and exportable (issue 11 item 9).
    await page.getByRole('link', { name: '2027 年第一季度“双随机”消防监督抽查' }).first().click();
    await page.getByText('抽中的检查对象').waitFor();
    const drawnRows = page.locator('.ant-table-tbody tr.ant-table-row');
    await drawnRows.first().waitFor();
    const total = Number(
      (await page
        .getByText(/^共 \d+ 条$/)
        .first()
        .textContent())!.match(/\d+/)![0],
    );
    assert.ok(total > 0, 'the plan drew units');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await (await download).path());
    assert.equal(wb.worksheets[0]!.rowCount, 1 + total, 'the export holds every drawn unit of the plan');
    await page.screenshot({ path: `${SHOTS}backoffice-plan-units.png`, fullPage: true });
    await page.goBack();
    // The draw's strata in words (risk, credit, key unit, campaign), not as `high|A|general|campaign`.
    await page.getByRole('button', { name: '展开行' }).first().click();
    await page.getByRole('columnheader', { name: '分层（风险 · 信用 · 单位类别）' }).waitFor();
    assert.ok(
      await page
        .getByText(/风险 · 信用[A-D]级 · (重点|一般)单位/)
        .first()
        .isVisible(),
    );
    await page.screenshot({ path: `${SHOTS}backoffice-plan-strata.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByText(/抽取比例 \d+% · 抽中/)
      .first()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}backoffice-plan-strata-phone.png`, fullPage: false });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('link', { name: '公示页' }).first().click();
    await page.getByRole('button', { name: '按公开输入重新抽取并比对' }).click();
    await page.getByText(/复核一致/).waitFor();
    await page.screenshot({ path: `${SHOTS}portal-plan-public.png`, fullPage: false });
    await page.close();
  });

  test('SUP-09/10 an inspector records a hazard with a photo on a phone; the unit sees the order in the portal', async () => {
    // A complaint task for the demo business of Liaoyang, assigned to the detachment's two inspectors.
    const tok = (u: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } }).then((r) => r.json().token as string);
    const clerk = await tok('clerk.211000');
    const ids = (
      await ctx.database.db.selectFrom('users').select('id').where('username', 'in', ['inspector.211000', 'inspector2.211000']).orderBy('username').execute()
    ).map((u) => u.id);
    const usci = (await ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    const task = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/supervision/tasks',
        headers: { authorization: `Bearer ${clerk}` },
        payload: { usci, trigger: 'complaint', reason: '群众举报安全出口被锁闭', inspectorIds: ids },
      })
    ).json();
    assert.ok(task.id, JSON.stringify(task));

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await login(page, '/admin/login', 'inspector.211000');
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.goto(`${base}/field/tasks/${task.id}`);
    await page.getByText('监督检查记录').waitFor();
    await expectAccessible(page, 'field page');
    await recordLockedExit(page);
    await page.getByLabel('整改指导').fill('立即拆除锁具，保持安全出口畅通');
    // The draft survives a reload.
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByLabel('隐患1描述').waitFor();
    assert.equal(await page.getByLabel('隐患1描述').inputValue(), '营业期间后门安全出口被锁闭');
    // The photo itself is kept on the phone (IndexedDB), so its thumbnail comes back after the reload.
    await page.locator('img.thumb').waitFor();
    await page.getByLabel('检查意见').fill('举报属实，已责令改正');
    await page.getByLabel('单位代表姓名').fill('张店长');
    const names = await page.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
    for (const n of names) await sign(page, n!);
    await page.screenshot({ path: `${SHOTS}field-inspection-phone.png`, fullPage: true });
    await page.waitForTimeout(500); // the last signature is uploaded when the stroke ends
    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page
      .getByText(/检查记录已提交|提交失败|须/)
      .first()
      .waitFor();
    assert.ok(
      await page.getByText('检查记录已提交').isVisible(),
      await page
        .locator('.ant-alert-message')
        .allInnerTexts()
        .then((x) => x.join('；')),
    );
    await phone.close();

    const portal = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(portal, '/login', 'applicant.211000');
    await portal.getByRole('link', { name: '整改通知' }).click();
    await portal.getByText('营业期间后门安全出口被锁闭').waitFor();
    assert.ok(
      await portal
        .getByText(/消责改字〔2026〕第\d{4}号/)
        .first()
        .isVisible(),
    );
    assert.ok(await portal.getByText('重大火灾隐患 挂牌督办').isVisible());
    await portal.screenshot({ path: `${SHOTS}portal-orders.png`, fullPage: true });
    await portal.close();
  });

  test('SUP-01 a clerk imports units from a CSV and sees the rejected rows with their reasons', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'clerk.211000');
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('社会单位').click();
    const good = completeUsci('91211002MA0E2E001');
    const csv = [
      '统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话',
      `${good},星海大酒店,白塔区中华大街1号,211002,宾馆、饭店,3200,是,中,A,否,赵敏,13700001111`,
      `${good.slice(0, 17)}${good.at(-1) === '0' ? '1' : '0'},校验位错误的单位,某路1号,211002,,,,,,,,`,
      `${completeUsci('91211002MA0E2E002')},外地单位,天河路1号,440106,,,,,,,,`,
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: '单位名录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText(/共 3 行：新增 1/).waitFor();
    assert.ok(await page.getByText('统一社会信用代码校验位不正确').isVisible());
    assert.ok(await page.getByText('行政区划不在本机构辖区内').isVisible());
    await page.waitForTimeout(500); // let the dialog finish opening before the screenshot
    await page.screenshot({ path: `${SHOTS}backoffice-units-import.png` });
    await page.close();
  });
});
