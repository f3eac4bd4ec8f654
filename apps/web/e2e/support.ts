import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp, createContext } from '../../api/src/app.ts';
import { loadConfig } from '../../api/src/config.ts';
import type { AppContext } from '../../api/src/platform/context.ts';

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
  close(): Promise<void>;
}

export async function startE2E(password: string): Promise<E2E> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-e2e-'));
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_DEMO_PASSWORD: password, FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }),
  );
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  // CI runs two test files at a time on two cores (a browser test beside PostgreSQL suites): a step may wait
  // longer than Playwright's 30 s default there without anything being wrong. Every page gets 60 s.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const c = await newContext(...args);
    c.setDefaultTimeout(60_000);
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
      await page.goto(`${base}${path}`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
    },
    async close() {
      await browser.close();
      await app.close();
      await ctx.database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
