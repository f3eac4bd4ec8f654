import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../api/src/platform/context.ts';
import { verifySealedPdf } from '../../api/src/platform/documents/seal.ts';
import { multipartFile } from '../../api/src/test-support/harness.ts';
import { applicationInput } from '../../api/src/test-support/licensing.ts';
import { type E2E, PNG, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the intake documents (LIC-01 / LIC-06): on a desktop (1366×768) and on a phone (390×844)
 * the applicant downloads the sealed 受理通知书 from the portal, then — signed out — looks the application up
 * at 办件查询 with the number and code of the 受理回执 and downloads its documents; the clerk downloads the
 * same notice in the back office.
 */
const PASSWORD = 'E2e-Doc@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('intake documents and 办件查询 in headless Chromium', () => {
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

  async function token(username: string): Promise<string> {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    return (r.json() as { token: string }).token;
  }

  /** An inspection-path application of the Tianhe brigade, submitted and accepted (by API: the forms are covered elsewhere). */
  async function acceptedApplication(venueName: string, path: 'inspection' | 'commitment' = 'inspection'): Promise<{ id: string; reference: string }> {
    const applicant = await token('applicant.440106');
    const materials: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const mp = multipartFile(`${code}.png`, Buffer.concat([PNG, Buffer.from(`${venueName}-${code}`)]), 'image/png');
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${applicant}`, ...mp.headers },
        payload: mp.payload,
      });
      materials[code] = [(up.json() as { id: string }).id];
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/licensing/applications',
      headers: { authorization: `Bearer ${applicant}` },
      payload: applicationInput('440106', path, materials, {
        venueName,
        venueAddress: '天河路100号',
        submit: true,
        ...(path === 'commitment' ? { commitment: { signerName: '王建华', accepted: true } } : {}),
      }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json() as { id: string; referenceNo: string };
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/licensing/applications/${a.id}/accept`,
      headers: { authorization: `Bearer ${await token('clerk.440106')}` },
      payload: {},
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    return { id: a.id, reference: a.referenceNo };
  }

  async function savedPdf(page: Page, click: () => Promise<void>, name: string): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = join(dataDir, name);
    await download.saveAs(file);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const keys = new Map((await ctx.database.db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
    assert.equal(verifySealedPdf(pdf, (id) => keys.get(id)).ok, true, `${name}: the seal verifies`);
    return pdf;
  }

  for (const { name, ...device } of VIEWPORTS) {
    test(`LIC-01/06 [${name}] the applicant downloads the 受理通知书, then looks the application up at 办件查询 without login`, async () => {
      const a = await acceptedApplication(`鑫源大酒店（${name === 'phone' ? '手机' : '电脑'}）`);

      // Signed in: the application page lists the sealed documents and shows the 办件查询 code.
      const context = await browser.newContext({ ...device, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      await e.login(page, '/login', 'applicant.440106');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${e.base}/portal/applications/${a.id}`);
      const card = page.locator('.ant-card', { has: page.getByText('文书下载', { exact: true }) });
      await card.getByText('受理通知书', { exact: true }).waitFor();
      await card.getByText('受理回执', { exact: true }).waitFor();
      const code = ((await card.locator('.ant-typography strong').first().textContent()) ?? '').trim();
      assert.match(code, /^[A-Z2-9]{8}$/);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}documents-portal-${name}.png`, fullPage: name === 'desktop' });
      await savedPdf(page, () => card.getByRole('button', { name: '下载受理通知书' }).click(), `受理通知书-${name}.pdf`);
      await context.close();

      // Signed out: 办件查询 by number and code.
      const anon = await browser.newContext({ ...device, locale: 'zh-CN', acceptDownloads: true });
      const lookup = await anon.newPage();
      await lookup.goto(`${e.base}/track`);
      await lookup.getByLabel('申请编号').fill(a.reference);
      await lookup.getByLabel('办件查询码').fill('AAAAAAAA');
      await lookup.getByRole('button', { name: /查\s*询/ }).click();
      await lookup.getByText('申请编号或查询码不正确').waitFor();
      await lookup.getByLabel('办件查询码').fill(code.toLowerCase());
      await lookup.getByRole('button', { name: /查\s*询/ }).click();
      await lookup.getByText('办理进度', { exact: true }).waitFor();
      assert.ok(await lookup.getByText('已受理，待现场检查').isVisible());
      assert.ok(await lookup.getByText(/等待安排两名检查人员现场检查/).isVisible());
      // Nothing personal on the public page.
      const text = (await lookup.locator('body').textContent()) ?? '';
      assert.doesNotMatch(text, /李敏|13800138000|王建华/);
      await lookup.screenshot({ path: `${SHOTS}documents-lookup-${name}.png`, fullPage: true });
      const widths = await lookup.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling on ${name}: ${widths.join(' > ')}`);
      await savedPdf(lookup, () => lookup.getByRole('button', { name: '下载受理回执' }).click(), `受理回执-${name}.pdf`);

      // The notice's QR code leads to the public verification page.
      await lookup
        .getByRole('link', { name: /^[A-Z0-9]{12}$/ })
        .last()
        .click();
      await lookup.getByText('受理通知书真实有效').waitFor();
      await lookup.screenshot({ path: `${SHOTS}documents-verify-${name}.png`, fullPage: true });
      await anon.close();
    });
  }

  test('LIC-06/07 the clerk downloads the 受理通知书 and the permit the agency issued in the back office', async () => {
    // On the commitment path acceptance grants the permit at once (LIC-03).
    const a = await acceptedApplication('鑫源大酒店（窗口）', 'commitment');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'clerk.440106');
    await page.getByRole('menu', { name: '工作台菜单' }).waitFor();
    await page.goto(`${e.base}/admin/applications/${a.id}`);
    const card = page.locator('.ant-card', { has: page.getByText('文书下载', { exact: true }) });
    await card.getByText('受理通知书', { exact: true }).waitFor();
    // Staff never see the applicant's 办件查询 code.
    assert.equal(await card.locator('.ant-alert').count(), 0);
    await savedPdf(page, () => card.getByRole('button', { name: '下载受理通知书' }).click(), '受理通知书-窗口.pdf');
    await savedPdf(page, () => card.getByRole('button', { name: '下载电子许可证' }).click(), '许可证-窗口.pdf');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}documents-admin.png` });
    await context.close();
  });
});
