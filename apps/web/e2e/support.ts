import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp, createContext } from '../../api/src/app.ts';
import { loadConfig } from '../../api/src/config.ts';
import type { AppContext } from '../../api/src/platform/context.ts';
import { describeRawCodes, findRawCodes, PAGE_SCRIPT } from './raw-codes.ts';

/**
 * What every browser test needs: the product with demo data on a free port, and Debian's Chromium
 * (never a downloaded browser) started with the flags that keep it off the network.
 */
/**
 * Screenshots go to the ignored .tmp/screenshots/ so that a test run never rewrites tracked files;
 * `npm run screenshots` (FEP_REFRESH_SCREENSHOTS=1) refreshes the ones kept in docs/screenshots/.
 */
export const SHOTS = new URL(process.env.FEP_REFRESH_SCREENSHOTS ? '../../../docs/screenshots/' : '../../../.tmp/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface E2E {
  app: FastifyInstance;
  ctx: AppContext;
  browser: Browser;
  base: string;
  dataDir: string;
  password: string;
  login(page: Page, path: string, username: string): Promise<void>;
  /** Scans the page now and fails on internal codes (pages are scanned anyway; this is for states a test passes through quickly). */
  scanRawCodes(page: Page): Promise<void>;
  close(): Promise<void>;
}

/** Starts the product with demo data (and `env`, e.g. a basemap) and a headless Chromium. */
export async function startE2E(password: string, env: Record<string, string> = {}): Promise<E2E> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-e2e-'));
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_DEMO_PASSWORD: password, FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', ...env }),
  );
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  // CI runs two test files at a time on two cores (a browser test beside PostgreSQL suites): a step may wait
  // longer than Playwright's 30 s default there without anything being wrong. Every page gets 60 s.
  const newContext = browser.newContext.bind(browser);
  const rawCodes = rawCodeGuard();
  browser.newContext = async (...args) => {
    const c = await newContext(...args);
    c.setDefaultTimeout(60_000);
    await rawCodes.watch(c);
    return c;
  };
  browser.newPage = async (...args) => {
    const c = await browser.newContext(...args);
    const p = await c.newPage();
    p.on('close', () => void c.close().catch(() => undefined));
    return p;
  };
  return {
    app,
    ctx,
    browser,
    base,
    dataDir,
    password,
    async login(page, path, username) {
      watchWrites(page);
      await page.goto(`${base}${path}`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      // Signed in only when the page has left the login form: a caller that navigates sooner races the
      // login request and lands on a page shown to an anonymous visitor.
      await page.waitForURL((u) => u.pathname !== path);
    },
    scanRawCodes: (page) => rawCodes.scan(page),
    async close() {
      await browser.close();
      await app.close();
      await ctx.database.close();
      rmSync(dataDir, { recursive: true, force: true });
      rawCodes.throwUnreported();
    },
  };
}

/**
 * No internal code reaches a person (issue 11 item 4), checked on every page of every browser test without
 * the test doing anything: each context scans its pages' visible text, titles, aria-labels, placeholders and
 * text fields after each load and DOM change (PAGE_SCRIPT) and once more before `page.close()`, which then
 * fails naming the page URL and the offending text. Pages a test never closes are reported by `E2E.close()`.
 */
function rawCodeGuard() {
  const offences = new Map<Page, Map<string, string>>();
  const check = (page: Page, url: string, text: string) => {
    const found = findRawCodes(text);
    if (found.length === 0) return;
    const perPage = offences.get(page) ?? new Map<string, string>();
    offences.set(page, perPage);
    const key = `${url} ${found.map((f) => f.text).join(' ')}`;
    if (!perPage.has(key)) perPage.set(key, `page ${url}:\n${describeRawCodes(text, found)}`);
  };
  const lastLook = async (page: Page) => {
    if (page.isClosed()) return;
    const text = await page.evaluate('window.__fepCollectText ? window.__fepCollectText() : ""').catch(() => '');
    if (typeof text === 'string') check(page, page.url(), text);
  };
  const report = (pages: Page[]) => {
    const lines = pages.flatMap((p) => [...(offences.get(p)?.values() ?? [])]);
    for (const p of pages) offences.delete(p);
    if (lines.length) throw new Error(`internal codes shown to a person (apps/web/e2e/raw-codes.ts):\n${lines.join('\n')}`);
  };
  return {
    async watch(c: BrowserContext) {
      await c.exposeBinding('__fepRawCodes', ({ page }, url: string, text: string) => check(page, url, text));
      await c.addInitScript(PAGE_SCRIPT);
      c.on('page', (page) => {
        const close = page.close.bind(page);
        page.close = async (...args) => {
          await lastLook(page);
          await close(...args);
          report([page]);
        };
      });
      const closeContext = c.close.bind(c);
      c.close = async (...args) => {
        const pages = c.pages();
        for (const page of pages) await lastLook(page);
        await closeContext(...args);
        report(pages);
      };
    },
    async scan(page: Page) {
      await lastLook(page);
      report([page]);
    },
    throwUnreported() {
      report([...offences.keys()]);
    },
  };
}

/** Signs a signature pad (a canvas labelled `label`) with a short stroke of the mouse. */
export async function sign(page: Page, label: string): Promise<void> {
  const pad = page.getByLabel(label, { exact: true });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 30, { steps: 5 });
  await page.mouse.move(box.x + 220, box.y + 80, { steps: 5 });
  await page.mouse.up();
}

/** On the field page: the escape routes fail, and a major hazard with a photo is recorded as 隐患 1. */
export async function recordLockedExit(page: Page): Promise<void> {
  await page
    .getByRole('radiogroup', { name: /疏散通道/ })
    .getByText('不符合')
    .click();
  await page.getByRole('button', { name: /添加隐患/ }).click();
  await page.getByLabel('隐患1描述').fill('营业期间后门安全出口被锁闭');
  await page.getByText('重大火灾隐患（GB 35181）').click();
  await page.locator('input[type=file]').first().setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('img.thumb').waitFor();
}

/** The page's writes (method, path, answer or failure), newest last, kept so that a failed wait can say what was sent. */
const WRITES = new WeakMap<Page, string[]>();

/** Records the page's non-GET requests and what became of them (installed by `login`). */
export function watchWrites(page: Page): void {
  if (WRITES.has(page)) return;
  const log: string[] = [];
  WRITES.set(page, log);
  const at = () => new Date().toISOString().slice(11, 23);
  const path = (url: string) => new URL(url).pathname;
  page.on('request', (r) => {
    if (r.method() !== 'GET') log.push(`${at()} sent ${r.method()} ${path(r.url())}`);
  });
  page.on('response', (r) => {
    if (r.request().method() !== 'GET') log.push(`${at()} answered ${r.status()} ${r.request().method()} ${path(r.url())}`);
  });
  page.on('requestfailed', (r) => {
    if (r.method() !== 'GET') log.push(`${at()} failed (${r.failure()?.errorText ?? '?'}) ${r.method()} ${path(r.url())}`);
  });
}

function recentWrites(page: Page): string {
  const log = WRITES.get(page);
  return log?.length ? `; the page's last writes: ${log.slice(-6).join(' | ')}` : '; the page sent no write';
}

/**
 * Waits for what the page shows once an action took effect; without it in time, a screenshot is kept
 * (failure-<name>.png) and the failure names the page's last writes and their answers.
 */
export async function expectShown(page: Page, locator: Locator, name: string, timeout = 60_000): Promise<void> {
  const seen = await locator.waitFor({ timeout }).then(
    () => true,
    () => false,
  );
  if (!seen) await failShowing(page, name, `not shown within ${timeout} ms`);
}

/** Fails a wait: keeps a screenshot of what the user saw (failure-<name>.png) and names the page's last writes. */
async function failShowing(page: Page, name: string, what: string): Promise<never> {
  await page.screenshot({ path: `${SHOTS}failure-${name}.png`, fullPage: true }).catch(() => undefined);
  assert.fail(`${name}: ${what} (screenshot failure-${name}.png)${recentWrites(page)}`);
}

/**
 * Waits for the toast that tells the outcome of an action: the expected success, or an error toast whose
 * text is then the failure. Without either in time, a screenshot of the page is kept beside the others
 * (failure-<name>.png) so that a run on a loaded machine says what the user saw.
 */
export async function expectOutcome(page: Page, success: string, name: string, timeout = 60_000): Promise<void> {
  const ok = page.locator('.ant-message-notice').filter({ hasText: success });
  const failed = page.locator('.ant-message-notice .ant-message-error');
  const seen = await ok
    .or(failed)
    .first()
    .waitFor({ timeout })
    .then(
      () => true,
      () => false,
    );
  if (!seen) await failShowing(page, name, `neither “${success}” nor an error was shown within ${timeout} ms`);
  if (!(await ok.count())) assert.fail(`${name}: the action failed with “${await failed.first().textContent()}”`);
}

/**
 * Taps a control on a touch screen once it is visible, stable and receives events (Playwright's actionability checks):
 * a tap at a box measured while a dialog still zooms open lands beside the control and sends nothing.
 */
export async function tap(target: Locator): Promise<void> {
  await target.tap();
}

/**
 * Clicks what sends a write and waits for the server's answer to it (a POST whose path ends with `path`),
 * failing with the status and the server's message when it is refused. A toast lasts three seconds, which a
 * starved test process can miss; the answer and the page's lasting state cannot be missed.
 */
export async function answerTo(page: Page, path: RegExp, click: () => Promise<void>, timeout = 60_000): Promise<void> {
  const answered = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === 'POST', { timeout });
  // When the click itself fails, its error is the one to report; the wait's later timeout must not
  // surface on its own as an unhandled rejection that hides it.
  answered.catch(() => undefined);
  await click();
  const r = await answered;
  assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`);
}

/**
 * The element's box once it has stopped moving (two reads 150 ms apart agree): a map that pans or zooms to
 * its pin after opening moves the pin under a tap aimed at where it was a moment before.
 */
export async function settledBox(locator: Locator, timeout = 15_000): Promise<{ x: number; y: number; width: number; height: number }> {
  const until = Date.now() + timeout;
  let last = await locator.boundingBox();
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    const box = await locator.boundingBox();
    if (box && last && Math.abs(box.x - last.x) < 0.5 && Math.abs(box.y - last.y) < 0.5) return box;
    assert.ok(Date.now() < until, `the element kept moving for ${timeout} ms`);
    last = box;
  }
}

/** axe-core's browser build, evaluated in the page (through the debugging protocol, so the product's CSP does not block it). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) on what the page shows now and fails on every
 * serious or critical violation, listing each rule and the elements it found (issue 11 item 8).
 * Lesser findings are returned for a caller that wants to look at them.
 */
export async function expectAccessible(page: Page, name: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page above
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations as AxeViolation[];
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const list = blocking
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(blocking.length, 0, `accessibility of ${name}: ${blocking.length} serious/critical axe-core violation(s)\n${list}`);
  return violations;
}

/** Picks the place of a venue in the 省 → 市 → 区 picker labelled 场所所在地 (components/RegionPicker.tsx). */
export async function pickPlace(page: Page, names: string[], label = '场所所在地'): Promise<void> {
  await page.getByLabel(label).click();
  for (const name of names)
    await page
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .click();
  // The menus close with an animation: a check of the page run meanwhile (axe-core) would see them half-gone.
  for (let i = 0; i < 100; i++) {
    const open = await page.evaluate(() => [...document.querySelectorAll('.ant-cascader-menus')].some((e) => (e as HTMLElement).offsetParent !== null));
    if (!open) return;
    await page.waitForTimeout(50);
  }
}

/**
 * Chooses options of an antd multiple select by their Chinese titles: each is typed into the select's
 * search and its option clicked, then checked as chosen. On a loaded machine the option list may re-render
 * or scroll away while it is clicked, so a choice that did not take is made again (at most three times);
 * an option already chosen is never clicked again (that would remove it).
 */
export async function chooseOptions(page: Page, label: string, titles: string[]): Promise<void> {
  const input = page.getByLabel(label);
  for (const title of titles) {
    const chosen = page.locator(`.ant-select-selection-item[title="${title}"]`);
    for (let attempt = 1; ; attempt++) {
      await input.click();
      await input.fill(title);
      await page
        .locator(`.ant-select-item-option[title="${title}"]`)
        .click({ timeout: 15_000 })
        .catch(() => undefined);
      const taken = await chosen.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (taken) break;
      assert.ok(attempt < 3, `option ${title} of ${label} could not be chosen`);
    }
  }
  // A multiple select keeps its list open after a choice; close it and let its fade-out finish, so that
  // what follows (an accessibility audit, a screenshot) sees the form and not a list half faded.
  await input.press('Escape');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/**
 * Fills the opening-permit form (ApplicationFormPage) on the commitment path: venue, applicant, four
 * uploaded materials and the signed commitment. `investment` left out stays blank (unknown).
 */
export async function fillCommitmentApplication(
  page: Page,
  a: { venueName: string; venueAddress: string; floorArea: string; investment?: string; representative: string; tag: string },
): Promise<void> {
  await page.getByLabel('场所名称').fill(a.venueName);
  await page.getByLabel('场所地址').fill(a.venueAddress);
  await page.getByLabel('建筑面积（㎡）').fill(a.floorArea);
  if (a.investment !== undefined) await page.getByLabel('工程投资额（元，选填）').fill(a.investment);
  await page.getByLabel('法定代表人', { exact: true }).fill(a.representative);
  await page.getByLabel('联系人').fill('李敏');
  await page.getByLabel('联系电话').fill('13800138000');
  await page.getByText('告知承诺：签署承诺书').waitFor();
  const inputs = page.locator('input[type=file]');
  for (let i = 0; i < 4; i++)
    await inputs.nth(i).setInputFiles({ name: `材料${i + 1}.png`, mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.from(`${a.tag}-${i}`)]) });
  await page.getByText('材料4.png').waitFor();
  await page.getByLabel('承诺人（法定代表人或授权人）').fill(a.representative);
  await page.getByText('我已阅读并签署上述承诺，承诺内容真实').click();
}

/**
 * A fire registered through the API by `inspector.211000`, with both Liaoyang inspectors investigating, at the unit of
 * `applicant.211000`, reported ten hours ago and out eight hours ago; `conditions` and `sealedAreas` vary per test.
 * Returns the incident's id, the inspector's headers and the unit's USCI.
 */
export async function registerIncident(
  e: E2E,
  password: string,
  o: { place: string; conditions: Record<string, unknown>; sealedAreas: string[] },
): Promise<{ id: string; headers: Record<string, string>; usci: string }> {
  const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector.211000', password } });
  const headers = { authorization: `Bearer ${login.json().token}` };
  const db = e.ctx.database.db;
  const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
  const investigators = (await db.selectFrom('users').select('id').where('username', 'in', ['inspector.211000', 'inspector2.211000']).execute()).map(
    (u) => u.id,
  );
  const now = Date.now();
  const created = await e.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers,
    payload: {
      unitUsci: usci,
      place: o.place,
      reportedAt: new Date(now - 10 * 3_600_000).toISOString(),
      extinguishedAt: new Date(now - 8 * 3_600_000).toISOString(),
      conditions: o.conditions,
      investigatorUserIds: investigators,
      sealing: { areas: o.sealedAreas, photoFileIds: [] },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  return { id: created.json().id as string, headers, usci };
}
