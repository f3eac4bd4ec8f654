import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../api/src/platform/context.ts';
import { answerTo, type E2E, expectAccessible, expectOutcome, fillCommitmentApplication, PNG, pickPlace, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the opening permit (LIC-01 … LIC-07) in Debian's headless Chromium: an applicant
 * applies on the commitment path and downloads the sealed permit; a clerk takes an inspection-path
 * application through intake and assignment, the inspector records the check and the approver decides.
 */
const PASSWORD = 'E2e-Lic@2026';

describe('licensing in headless Chromium', () => {
  let e: E2E;
  let app: FastifyInstance;
  let ctx: AppContext;
  let browser: Browser;
  let dataDir: string;
  before(async () => {
    e = await startE2E(PASSWORD);
    ({ app, ctx, browser, dataDir } = e);
  });
  after(async () => {
    await e?.close();
  });
  const login = (page: Page, path: string, username: string) => e.login(page, path, username);

  async function apiAs(username: string) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const token = (r.json() as { token: string }).token;
    return async (method: string, url: string, payload?: unknown) => {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload: payload as string } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in this test
      return res.json() as Record<string, any>;
    };
  }

  test('LIC-01/03/07 an applicant applies on the commitment path and downloads the sealed permit', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await login(page, '/login', 'applicant.440106');
    await page.getByText('我的办件 · 在线申请').click();
    await page.getByRole('button', { name: /新建申请/ }).click();
    await page.getByText('一、场所信息').waitFor();
    await expectAccessible(page, 'application form');
    await pickPlace(page, ['广东省', '广州市', '天河区']);
    await page.getByText('广州市天河区消防救援大队').waitFor();
    await fillCommitmentApplication(page, {
      venueName: '鑫源大酒店',
      venueAddress: '天河路100号',
      floorArea: '1280',
      investment: '3000000',
      representative: '王建华',
      tag: 'e2e',
    });
    await page.screenshot({ path: `${SHOTS}portal-apply-commitment.png`, fullPage: true });
    await page.getByRole('button', { name: /提交申请/ }).click();
    await page.getByText('待受理').first().waitFor();
    assert.ok(await page.getByText('营业前消防安全检查・告知承诺许可时限').isVisible());

    // The clerk of the Tianhe brigade accepts it in the back office: the permit is issued at once.
    const clerkPage = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(clerkPage, '/admin/login', 'clerk.440106');
    await clerkPage.getByRole('menu', { name: '工作台菜单' }).getByText('许可办件').click();
    await clerkPage.getByRole('cell', { name: '鑫源大酒店' }).waitFor();
    await expectAccessible(clerkPage, 'clerk queue');
    await clerkPage
      .getByRole('row', { name: /鑫源大酒店/ })
      .getByRole('link')
      .click();
    await clerkPage.getByRole('heading', { name: /鑫源大酒店/ }).waitFor();
    await clerkPage.getByRole('button', { name: '受理并当场许可' }).click();
    await clerkPage.getByRole('button', { name: '确认受理' }).click();
    await expectOutcome(clerkPage, '已受理并发放电子许可证', 'licensing-accept-commitment');
    await clerkPage.close();

    await page.reload();
    await page.getByText('电子许可证', { exact: true }).waitFor();
    assert.ok(
      await page
        .getByText(/天河消安许字〔2026〕第\d{4}号/)
        .first()
        .isVisible(),
    );
    await page.screenshot({ path: `${SHOTS}portal-application-granted.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载电子许可证/ }).click()]);
    const file = join(dataDir, 'permit.pdf');
    await download.saveAs(file);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    // Anyone checks the downloaded file on the public verification page.
    await page
      .getByRole('link', { name: /^[A-Z0-9]{12}$/ })
      .first()
      .click();
    await page.getByText('许可证有效').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'permit.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText(/电子印章有效；许可证当前状态：有效/).waitFor();
    await page.screenshot({ path: `${SHOTS}portal-verify.png`, fullPage: true });
    await context.close();
  });

  test('LIC-04/06 a clerk takes an inspection-path application through intake to a decision', async () => {
    // The applicant's submission, by API (the form is covered above).
    const applicant = await apiAs('applicant.211002');
    const materials: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const boundary = 'e2eboundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${code}.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(code),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'applicant.211002', password: PASSWORD } })).json()
        .token as string;
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
      materials[code] = [up.json().id];
    }
    const created = await applicant('POST', '/api/v1/licensing/applications', {
      regionCode: '211002',
      venueKind: 'ktv',
      floorArea: 860,
      companyName: '辽阳星光娱乐有限公司',
      legalRepresentative: '赵刚',
      contactName: '孙静',
      contactPhone: '13912345678',
      venueName: '星光KTV',
      venueAddress: '白塔区新运大街8号',
      path: 'inspection',
      materials,
      submit: true,
    });
    assert.equal(created.status, 'submitted');

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(page, '/admin/login', 'clerk.211000');
    await page.getByRole('menu', { name: '工作台菜单' }).getByText('许可办件').click();
    await page
      .getByRole('row', { name: /星光KTV/ })
      .getByRole('link')
      .click();
    await page.getByText('营业前消防安全检查・现场检查时限').waitFor();
    await expectAccessible(page, 'file page');
    await page.screenshot({ path: `${SHOTS}backoffice-application-intake.png`, fullPage: true });
    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    await answerTo(page, /\/accept$/, () => page.getByRole('button', { name: '确认受理' }).click());
    await page.getByText('已受理', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '指派检查人员' }).click();
    await answerTo(page, /\/assign$/, () => page.getByRole('button', { name: '指 派' }).click());
    // Assigned: the file now offers to reassign or reschedule instead.
    await page.getByRole('button', { name: '重新指派/改约' }).waitFor();
    const detail = await (await apiAs('clerk.211000'))('GET', `/api/v1/licensing/applications/${created.id}`);
    const inspectorId = detail.tasks[0].inspectors[0].id as string;
    const inspectorName = (await ctx.database.db.selectFrom('users').select('username').where('id', '=', inspectorId).executeTakeFirstOrThrow()).username;
    await page.close();

    const inspector = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(inspector, '/admin/login', inspectorName);
    await inspector.getByRole('menu', { name: '工作台菜单' }).getByText('检查任务').click();
    await inspector.getByRole('link', { name: /星光KTV/ }).click();
    await inspector.getByRole('button', { name: '录入现场检查结果' }).click();
    await inspector.getByLabel('检查意见').fill('消防设施完好，疏散通道畅通，符合要求');
    await inspector.getByRole('dialog').getByText('现场检查记录').waitFor();
    await inspector.waitForTimeout(300);
    await inspector.screenshot({ path: `${SHOTS}backoffice-inspection.png`, fullPage: false });
    await answerTo(inspector, /\/inspection$/, () => inspector.getByRole('button', { name: '提交检查结果' }).click());
    await inspector.getByRole('dialog').waitFor({ state: 'detached' });
    await inspector.close();

    const approver = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await login(approver, '/admin/login', 'approver.211000');
    await approver.getByRole('menu', { name: '工作台菜单' }).getByText('许可办件').click();
    await approver.getByText('待决定').click();
    await approver
      .getByRole('row', { name: /星光KTV/ })
      .getByRole('link')
      .click();
    await approver.getByText('营业前消防安全检查・许可决定时限').waitFor();
    await approver.getByRole('button', { name: '作出许可决定' }).click();
    // The decision issues and seals the permit (the first one of an agency also generates its seal key):
    // wait for the server's answer itself, so that a refusal is reported with its reason.
    const decided = approver.waitForResponse((r) => /\/decision$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST', { timeout: 60_000 });
    await approver.getByRole('button', { name: '确认决定' }).click();
    const answer = await decided;
    assert.ok(answer.ok(), `decision: ${answer.status()} ${await answer.text()}`);
    await approver.getByText('已准予许可并发放电子许可证').waitFor({ timeout: 60_000 });
    await approver.getByRole('dialog').waitFor({ state: 'detached' });
    assert.ok(
      await approver
        .getByText(/白塔消安许字〔2026〕第\d{4}号/)
        .first()
        .isVisible(),
    );
    await approver.screenshot({ path: `${SHOTS}backoffice-decision.png`, fullPage: true });
    await approver.close();
  });
});
