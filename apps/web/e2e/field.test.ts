import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppContext } from '../../api/src/platform/context.ts';
import { type E2E, PNG, recordLockedExit, SHOTS, sign, startE2E } from './support.ts';

/**
 * Browser test of the inspector's phone (SUP-09, SUP-12, LIC-04) in Debian's headless Chromium: the task
 * list as cards on a 390 × 844 phone (and as a table at 1366 × 768); a field record made with the network
 * off (Playwright's context.setOffline), with a photo and three signatures, surviving a reload without
 * network (the service worker's app shell), arriving once when the network is back; a server refusal
 * keeping the form with its Chinese message and 重试; a task the server has moved on with; an opening check
 * recorded from the same page.
 */
const PASSWORD = 'E2e-Field@2026';
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('the inspector’s phone in headless Chromium', () => {
  let e: E2E;
  let app: FastifyInstance;
  let ctx: AppContext;
  let browser: Browser;
  let base: string;
  /** Every request the server received (method, path, Idempotency-Key): what "offline" really did. */
  const seen: { method: string; path: string; key: string | undefined }[] = [];
  before(async () => {
    e = await startE2E(PASSWORD);
    ({ app, ctx, browser, base } = e);
    app.server.on('request', (req: IncomingMessage) =>
      seen.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, key: req.headers['idempotency-key'] as string | undefined }),
    );
  });
  after(async () => {
    await e?.close();
  });

  const token = (u: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } }).then((r) => r.json().token as string);
  async function userIds(...names: string[]) {
    return (await ctx.database.db.selectFrom('users').select('id').where('username', 'in', names).orderBy('username').execute()).map((u) => u.id);
  }
  /** A complaint task for the demo business of Liaoyang, assigned to the detachment's two inspectors. */
  async function complaintTask(reason: string): Promise<string> {
    const usci = (await ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/supervision/tasks',
      headers: { authorization: `Bearer ${await token('clerk.211000')}` },
      payload: { usci, trigger: 'complaint', reason, inspectorIds: await userIds('inspector.211000', 'inspector2.211000') },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }
  /** Whether a signature canvas has ink on it (a kept signature is drawn back after a reload). */
  const inked = (page: Page, label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
      return false;
    });
  async function phoneAt(path: string): Promise<{ phone: BrowserContext; page: Page }> {
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await e.login(page, '/admin/login', 'inspector.211000');
    await page.waitForURL((u) => u.pathname === '/admin');
    // The back office registers the field app's service worker; wait until it controls the page.
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller);
    if (path !== '/admin') await page.goto(`${base}${path}`);
    return { phone, page };
  }
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  test('the service worker and the manifest are served for an installable app, the worker never cached for long', async () => {
    const sw = await fetch(`${base}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type') ?? '', /javascript/);
    assert.equal(sw.headers.get('cache-control'), 'no-cache');
    const manifest = await fetch(`${base}/manifest.webmanifest`);
    assert.equal(manifest.status, 200);
    const m = (await manifest.json()) as { display: string; start_url: string; icons: { sizes: string }[] };
    assert.equal(m.display, 'standalone');
    assert.ok(m.icons.some((i) => i.sizes === '512x512'));
    assert.match((await (await fetch(`${base}/admin/tasks`)).text()).toString(), /rel="manifest"/);
  });

  test('SUP-09 the task list: cards with a thumb-sized field button on a phone, a table on a desktop', async () => {
    const taskId = await complaintTask('群众举报安全出口被锁闭（任务列表）');
    const { phone, page } = await phoneAt('/admin/tasks');
    await page.getByRole('heading', { name: '检查任务' }).waitFor();
    const card = page.locator('.list-card').filter({ has: page.locator(`a[href="/field/tasks/${taskId}"]`) });
    await card.waitFor();
    assert.equal(await page.locator('table').count(), 0, 'no table on a phone');
    assert.ok(await noHorizontalScroll(page), 'nothing scrolls sideways');
    const button = card.getByRole('button', { name: '现场检查' });
    const box = (await button.boundingBox())!;
    assert.ok(box.height >= 44 && box.width >= 44, `field button ${box.width}×${box.height}`);
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'field button on screen');
    // The header keeps one line: the agency's name is cut, not wrapped one character per line.
    const header = (await page.locator('.admin-header').boundingBox())!;
    assert.ok(header.height <= 64, `header ${header.height}px high`);
    await page.screenshot({ path: `${SHOTS}field-tasks-phone.png` });
    await phone.close();

    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await e.login(desk, '/admin/login', 'inspector.211000');
    await desk.waitForURL((u) => u.pathname === '/admin');
    await desk.goto(`${base}/admin/tasks`);
    await desk.locator(`tr:has(a[href="/field/tasks/${taskId}"])`).waitFor();
    assert.ok(await noHorizontalScroll(desk));
    await desk.screenshot({ path: `${SHOTS}field-tasks-desktop.png` });
    await desk.close();
  });

  test('SUP-09/10 a record made offline with a photo and signatures survives a reload offline and arrives once when online', async () => {
    const taskId = await complaintTask('群众举报安全出口被锁闭（离线）');
    const { phone, page } = await phoneAt('/admin/tasks');
    await page.locator(`a[href="/field/tasks/${taskId}"]`).getByRole('button', { name: '现场检查' }).click();
    await page.getByText('监督检查记录').waitFor();
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller);

    await phone.setOffline(true);
    const atOffline = seen.length;
    await page.getByText('离线', { exact: true }).waitFor();
    await recordLockedExit(page);
    await page.getByText('待上传').waitFor();
    assert.equal(await page.getByText(/Failed to fetch/).count(), 0, 'no English network error');
    await page.getByLabel('整改指导').fill('立即拆除锁具，保持安全出口畅通');
    await page.getByLabel('检查意见').fill('举报属实，已责令改正');
    await page.getByLabel('单位代表姓名').fill('张店长');
    const pads = (await page.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) as string[];
    assert.equal(pads.length, 3);
    for (const n of pads) await sign(page, n);
    // A signature is written to the phone's IndexedDB when its stroke ends: wait for the three to be there.
    const stored = () =>
      page.evaluate(
        (id) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('fep-field');
            open.onsuccess = () => {
              const get = open.result.transaction('drafts').objectStore('drafts').get(id);
              get.onsuccess = () => {
                const d = get.result as { signatures: Record<string, string>; files: Record<string, { blob?: Blob }> } | undefined;
                resolve(d ? Object.values(d.signatures).filter((ref) => d.files[ref]?.blob).length : 0);
                open.result.close();
              };
            };
            open.onerror = () => resolve(0);
          }),
        taskId,
      );
    for (let i = 0; (await stored()) < 3; i++) {
      assert.ok(i < 200, 'the three signatures are kept on the phone');
      await page.waitForTimeout(100); // polling IndexedDB, not a fixed wait
    }

    // A reload without network shows the app from the service worker, with the draft, the photo and the signatures.
    await page.reload();
    await page.getByText('监督检查记录').waitFor();
    assert.equal(await page.getByLabel('隐患1描述').inputValue(), '营业期间后门安全出口被锁闭');
    await page.locator('img.thumb').waitFor();
    for (const n of pads)
      await page.waitForFunction((l) => {
        const c = document.querySelector(`canvas[aria-label="${l}"]`) as HTMLCanvasElement | null;
        if (!c) return false;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) return true;
        return false;
      }, n);
    assert.ok(await inked(page, pads[2]!), 'the representative’s signature is kept');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}field-offline-form.png` });
    await page.getByLabel('隐患1描述').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}field-offline-hazard.png` });

    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page.getByText('已保存在本机，联网后自动提交').waitFor();
    await page.getByText('待提交 1 条').waitFor();
    await page.screenshot({ path: `${SHOTS}field-offline-queued.png` });
    // What setOffline does in this Chromium (Playwright 1.65): the page's requests and the service worker's
    // own fetches (the reload's navigation, the task read) fail as offline; only the browser's update check
    // of the worker script (GET /sw.js on reload and registration) is not emulated and still reaches the server.
    assert.deepEqual(
      seen.slice(atOffline).filter((r) => r.path !== '/sw.js'),
      [],
      'nothing but the worker’s update check reached the server while offline',
    );

    await phone.setOffline(false);
    await page.getByText('检查记录已提交').waitFor();
    assert.ok(await page.getByText('已下达责令改正通知').isVisible());
    await page.screenshot({ path: `${SHOTS}field-online-sent.png` });

    const records = seen.filter((r) => r.method === 'POST' && r.path === `/api/v1/inspection-tasks/${taskId}/record`);
    assert.equal(records.length, 1, 'one record sent');
    assert.ok(records[0]!.key, 'the record carries its Idempotency-Key');
    assert.ok(
      seen.filter((r) => r.method === 'POST' && r.path === '/api/v1/files').every((r) => r.key),
      'queued photos and signatures carry Idempotency-Keys',
    );
    const task = await ctx.database.db.selectFrom('inspection_tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    assert.equal(task.status, 'done');
    const signatures = JSON.parse(task.signatures_json!) as { inspectors: unknown[]; representative: string | null; representativeName: string };
    assert.equal(signatures.inspectors.length, 2);
    assert.ok(signatures.representative);
    assert.equal(signatures.representativeName, '张店长');
    const hazards = await ctx.database.db.selectFrom('hazards').selectAll().where('task_id', '=', taskId).execute();
    assert.equal(hazards.length, 1);
    assert.equal(hazards[0]!.major, 1);
    assert.equal((JSON.parse(hazards[0]!.photo_ids_json) as string[]).length, 1);
    assert.equal((await ctx.database.db.selectFrom('rectification_orders').select('id').where('source_id', '=', taskId).execute()).length, 1);
    await phone.close();
  });

  test('SUP-09 a refusal of the server keeps the form with its Chinese message and 重试', async () => {
    const taskId = await complaintTask('群众举报消防设施损坏（拒绝）');
    const { phone, page } = await phoneAt(`/field/tasks/${taskId}`);
    await page.getByText('监督检查记录').waitFor();
    await page.getByText('远程视频检查').click();
    await page.getByLabel('检查意见').fill('视频检查未发现问题');
    const pads = (await page.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) as string[];
    await sign(page, pads[0]!);
    await page.waitForTimeout(300); // the stroke's PNG is made when it ends
    await page.getByRole('button', { name: '提交检查记录' }).click();
    const alert = page.locator('.field-status').filter({ hasText: '提交未成功，表单已保留' });
    await alert.getByText('须有两名检查人员签名').waitFor();
    assert.ok(await page.getByLabel('检查意见').isVisible(), 'the form stays');
    assert.equal(await page.getByLabel('检查意见').inputValue(), '视频检查未发现问题');
    await page.screenshot({ path: `${SHOTS}field-refused.png` });
    await sign(page, pads[1]!);
    await page.waitForTimeout(300);
    await alert.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByText('检查记录已提交').waitFor();
    assert.equal((await ctx.database.db.selectFrom('inspection_tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status, 'done');
    await phone.close();
  });

  test('SUP-09 a task recorded meanwhile by someone else: the phone shows the conflict and keeps its copy until discarded', async () => {
    const taskId = await complaintTask('上级交办检查（冲突）');
    const { phone, page } = await phoneAt(`/field/tasks/${taskId}`);
    await page.getByText('监督检查记录').waitFor();
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller);
    await phone.setOffline(true);
    await page.getByText('远程视频检查').click();
    await page.getByLabel('检查意见').fill('本机记录：未发现问题');
    const pads = (await page.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) as string[];
    for (const n of pads) await sign(page, n);
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page.getByText('已保存在本机，联网后自动提交').waitFor();

    // The other inspector records the task from another phone while this one is offline.
    const other = await token('inspector2.211000');
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/inspection-tasks/${taskId}`, headers: { authorization: `Bearer ${other}` } })).json();
    const file = async () => {
      const boundary = 'e2efield';
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${other}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.png"\r\nContent-Type: image/png\r\n\r\n`),
          PNG,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      return r.json().id as string;
    };
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/inspection-tasks/${taskId}/record`,
      headers: { authorization: `Bearer ${other}` },
      payload: {
        mode: 'remote',
        checklist: (detail.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '另一名检查人员录入',
        signatures: { inspectors: [await file(), await file()], representative: null },
        order: null,
      },
    });
    assert.equal(recorded.statusCode, 200, recorded.body);

    await phone.setOffline(false);
    const conflict = page.locator('.field-status').filter({ hasText: '服务器上的任务已有变化，本机记录未提交' });
    await conflict.waitFor();
    assert.equal(await page.getByLabel('检查意见').inputValue(), '本机记录：未发现问题', 'the local copy stays to be seen');
    await page.screenshot({ path: `${SHOTS}field-conflict.png` });
    const task = await ctx.database.db.selectFrom('inspection_tasks').select('findings').where('id', '=', taskId).executeTakeFirstOrThrow();
    assert.equal(task.findings, '另一名检查人员录入', 'the server’s record is untouched');
    await conflict.getByRole('button', { name: '放弃本机记录' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/tasks');
    assert.equal(await page.evaluate(() => (navigator.onLine ? 'online' : 'offline')), 'online');
    await phone.close();
  });

  test('LIC-04 an opening check has its field button and is recorded from the phone', async () => {
    const clerk = await token('clerk.211000');
    const applicantToken = await token('applicant.211002');
    const as = (t: string) => ({ authorization: `Bearer ${t}` });
    const materials: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const boundary = 'e2eopening';
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...as(applicantToken), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${code}.png"\r\nContent-Type: image/png\r\n\r\n`),
          PNG,
          Buffer.from(code),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      materials[code] = [up.json().id];
    }
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/licensing/applications',
        headers: as(applicantToken),
        payload: {
          regionCode: '211002',
          venueKind: 'ktv',
          floorArea: 860,
          companyName: '辽阳月光娱乐有限公司',
          legalRepresentative: '赵刚',
          contactName: '孙静',
          contactPhone: '13912345678',
          venueName: '月光KTV',
          venueAddress: '白塔区新运大街18号',
          path: 'inspection',
          materials,
          submit: true,
        },
      })
    ).json();
    assert.equal(created.status, 'submitted', JSON.stringify(created));
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${created.id}/accept`, headers: as(clerk), payload: {} });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const assigned = await app.inject({
      method: 'POST',
      url: `/api/v1/licensing/applications/${created.id}/assign`,
      headers: as(clerk),
      payload: { inspectorIds: await userIds('inspector.211000', 'inspector2.211000') },
    });
    assert.equal(assigned.statusCode, 200, assigned.body);

    const { phone, page } = await phoneAt('/admin/tasks');
    await page.locator('.list-card').filter({ hasText: '月光KTV' }).getByRole('button', { name: '现场检查' }).click();
    await page.getByText('现场检查记录', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}field-opening-check.png`, fullPage: true });
    await page.getByLabel('检查意见').fill('消防设施完好，疏散通道畅通，符合要求');
    await page.getByRole('button', { name: '提交检查结果' }).click();
    await page.getByText('现场检查结果已提交').waitFor();
    const app2 = await ctx.database.db.selectFrom('applications').select('status').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.notEqual(app2.status, 'inspecting');
    await phone.close();
  });
});
