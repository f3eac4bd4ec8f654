/**
 * First paint of the portal home on a slow 4G line (issue 11 item 8; target: first contentful paint < 2.5 s).
 * `npm run bench -- firstpaint` (FEP_BENCH_RUNS, default 5): builds the web app, serves it with the product
 * (demo data, SQLite) and opens `/` in Debian's Chromium on a phone-sized screen with Chromium's own network
 * emulation (CDP Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbps down and up) and its cache
 * disabled. Each run is a fresh browser context; the figures are medians. In the same runs, as a reference:
 * the same build fetched with `Accept-Encoding: identity` (what a browser got before compression), and a
 * repeat visit with the cache on (hashed files come from the cache, index.html is revalidated).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp, createContext, WEB_DIST } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { CHROMIUM_FLAGS } from '../apps/web/e2e/support.ts';
import { machine } from './report.ts';

const RUNS = Number(process.env.FEP_BENCH_RUNS ?? 5);
/** Chromium DevTools' "Slow 4G": 150 ms round trip, 1.6 Mbps (in bytes per second for CDP). */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 1_600_000 / 8 };
const TARGET_MS = 2500;
/**
 * A label of the service guide cards, which render only with the API's answer (the guide's name also
 * stands in the banner, so it would be seen before the guides are).
 */
const GUIDE = '设定依据';

type Variant = 'compressed' | 'identity' | 'repeat';
interface Request {
  url: string;
  start: number;
  response?: number;
  end?: number;
  bytes: number;
  type?: string;
}
interface Run {
  fcp: number;
  guides: number;
  bytes: number;
  requests: number;
  waterfall: Request[];
}

/** Paint entries and the moment the first service guide is in the page, kept in the page for the bench to read. */
const OBSERVE = `
  window.__fp = {};
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__fp[e.name] = e.startTime; }).observe({ type: 'paint', buffered: true });
  const look = () => { if (document.body && document.body.textContent.includes(${JSON.stringify(GUIDE)})) window.__fp.guides = performance.now(); else requestAnimationFrame(look); };
  requestAnimationFrame(look);
`;

async function load(context: BrowserContext, page: Page, url: string, variant: Variant): Promise<Run> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: variant !== 'repeat' });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  if (variant === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const requests = new Map<string, Request>();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, start: e.timestamp, bytes: 0, type: e.type }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.response = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.end = e.timestamp;
      r.bytes = e.encodedDataLength;
    }
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __fp: { guides?: number } }).__fp.guides !== undefined, undefined, { timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const fp = await page.evaluate(() => (window as unknown as { __fp: Record<string, number> }).__fp);
  await cdp.detach();
  const all = [...requests.values()].sort((a, b) => a.start - b.start);
  const t0 = all[0]?.start ?? 0;
  const waterfall = all.map((r) => ({
    ...r,
    start: (r.start - t0) * 1000,
    ...(r.response ? { response: (r.response - t0) * 1000 } : {}),
    ...(r.end ? { end: (r.end - t0) * 1000 } : {}),
  }));
  return {
    fcp: fp['first-contentful-paint'] ?? Number.NaN,
    guides: fp.guides ?? Number.NaN,
    bytes: waterfall.reduce((s, r) => s + r.bytes, 0),
    requests: waterfall.length,
    waterfall,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** What the first paint of `/` needs: the entry script and CSS of index.html and their preloads, with their compressed sizes. */
function initialAssets(): { files: number; raw: number; gzip: number; br: number } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  let br = 0;
  for (const f of files) {
    const code = readFileSync(join(WEB_DIST, f));
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    br += brotliCompressSync(code).length;
  }
  return { files: files.length, raw, gzip, br };
}

export async function firstPaintBench(): Promise<string> {
  const root = new URL('..', import.meta.url).pathname;
  const built = spawnSync('npm', ['run', 'build', '-w', 'apps/web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('web build failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-bench-paint-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  const phone = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
  const runs: Record<Variant, Run[]> = { compressed: [], identity: [], repeat: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const variant of ['compressed', 'identity'] as const) {
        const context = await browser.newContext(phone);
        const page = await context.newPage();
        await page.addInitScript(OBSERVE);
        const r = await load(context, page, `${base}/`, variant);
        runs[variant].push(r);
        console.log(`run ${i + 1} ${variant}: FCP ${s(r.fcp)}, guides ${s(r.guides)}, ${kB(r.bytes)} in ${r.requests} requests`);
        if (variant === 'compressed') {
          // The same visitor comes back: a new page in the same context, its cache now filled.
          const again = await context.newPage();
          await again.addInitScript(OBSERVE);
          const rr = await load(context, again, `${base}/`, 'repeat');
          runs.repeat.push(rr);
          console.log(`run ${i + 1} repeat: FCP ${s(rr.fcp)}, guides ${s(rr.guides)}, ${kB(rr.bytes)} in ${rr.requests} requests`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await ctx.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const version = spawnSync(executablePath, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' built')[0];
  const row = (label: string, rs: Run[]) =>
    `| ${label} | **${s(median(rs.map((r) => r.fcp)))}** (${s(Math.min(...rs.map((r) => r.fcp)))}–${s(Math.max(...rs.map((r) => r.fcp)))}) | ${s(median(rs.map((r) => r.guides)))} | ${kB(median(rs.map((r) => r.bytes)))} | ${median(rs.map((r) => r.requests))} |`;
  // The waterfall of the compressed run whose first paint is the median one.
  const sorted = [...runs.compressed].sort((a, b) => a.fcp - b.fcp);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const assets = initialAssets();
  const jsOnDisk = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const fcp = median(runs.compressed.map((r) => r.fcp));
  return [
    '## First paint on slow 4G',
    '',
    `\`npm run bench -- firstpaint\` (bench/first-paint.ts, ${RUNS} runs, medians) · ${new Date().toISOString().slice(0, 10)} · ${machine()} · ${version} headless · load average ${loadavg()[0]!.toFixed(0)}`,
    '',
    'The product (demo data, SQLite) serves the production build; Chromium opens `/` on a 390×844 phone screen in a fresh context with',
    "its cache disabled and DevTools' network emulation (CDP `Network.emulateNetworkConditions`: 150 ms latency, 1.6 Mbps down and up).",
    'First contentful paint comes from the page’s PerformanceObserver (`paint` entries); "guides shown" is the first animation frame in',
    'which the service guides from the API are in the page (what a visitor came for). The server, Chromium and other work share the',
    'machine’s two cores (load average at the end of the run in the heading): the slowest runs are CPU, not the line.',
    `Target: first contentful paint < ${s(TARGET_MS)} — ${fcp < TARGET_MS ? 'met' : '**not met**'}.`,
    '',
    '| load of the portal home `/` | first contentful paint | guides shown | transferred | requests |',
    '|---|---|---:|---:|---:|',
    row('first visit, brotli/gzip as served', runs.compressed),
    row('first visit, `Accept-Encoding: identity` (no compression, as before)', runs.identity),
    row('repeat visit, cache on (hashed files from the cache)', runs.repeat),
    '',
    `What \`/\` links in index.html (entry script, CSS, modulepreloads): ${assets.files} files, ${kB(assets.raw)} raw, ${kB(assets.gzip)} gzip -9,`,
    `${kB(assets.br)} brotli; ${jsOnDisk.length} JS files in the build.`,
    '',
    `Waterfall of the median first visit (ms from the document request; FCP ${Math.round(mid.fcp)} ms, guides ${Math.round(mid.guides)} ms):`,
    '',
    '| request | type | start | first byte | done | transferred |',
    '|---|---|---:|---:|---:|---:|',
    ...mid.waterfall.map(
      (r) =>
        `| \`${new URL(r.url).pathname.replace(/-[\w-]{8}\.(js|css)$/, '.$1')}${new URL(r.url).search ? '?…' : ''}\` | ${r.type ?? ''} | ${Math.round(r.start)} | ${r.response ? Math.round(r.response) : '—'} | ${r.end ? Math.round(r.end) : '—'} | ${kB(r.bytes)} |`,
    ),
  ].join('\n');
}
