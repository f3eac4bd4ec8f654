/**
 * The mixed soak (issue "Holds under attack, faults and load", item 10): the product on SQLite with a generated
 * directory, loaded for FEP_SOAK_SECONDS (600) at a fixed FEP_SOAK_RATE (1,000 req/s) by autocannon in a process
 * of its own (bench/soak-load.mjs), with a weighted mix of what its users do: unit lookups by USCI, unit lists,
 * name search, supervision figures, task lists, durable application submissions with Idempotency-Keys and the
 * public pages (service guide, permit register, complaint categories). Target: p99 < 100 ms, 0 errors, flat memory.
 *
 * The server process samples, in windows of 10 s: answers and their p99 as the server measured them, the event
 * loop's worst delay, and the heap (the lowest sample of the window, i.e. after the window's collections). The raw
 * limit of the same run is a plain Fastify route over a prepared better-sqlite3 statement for the same lookup.
 *   FEP_SOAK_UNITS  units generated (default 200,000)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { pathRange } from '../apps/api/src/platform/org/scope.ts';
import { generateUnits } from './fixtures.ts';
import { machine } from './report.ts';
import { submissionFixture } from './write.ts';

const run = promisify(execFile);
const SECONDS = Number(process.env.FEP_SOAK_SECONDS ?? 600);
const RATE = Number(process.env.FEP_SOAK_RATE ?? 1000);
const UNITS = Number(process.env.FEP_SOAK_UNITS ?? 200_000);
const WINDOW_MS = 10_000;

interface Kind {
  kind: string;
  label: string;
  weight: number;
  method: 'GET' | 'POST';
  paths: string[];
  headers?: Record<string, string>;
  body?: unknown;
  uniqueKey?: boolean;
}
interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
  byKind: Record<string, { sent: number; failed: number; statuses: Record<string, number> }>;
}
interface Window {
  answers: number;
  p99: number;
  loopMax: number;
  heapMin: number;
  rssMax: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0);
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;

async function login(app: { inject: (o: object) => Promise<{ json(): unknown }> }, username: string, password: string) {
  const r = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).json() as { token: string };
  return { authorization: `Bearer ${r.token}` };
}

export async function soakBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-soak-'));
  try {
    const ctx = await createContext(loadConfig({ DATA_DIR: join(dir, 'data'), FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
    const app = await buildApp(ctx, { serveWeb: false });
    const db = ctx.database.db;
    const detachment = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211000').executeTakeFirstOrThrow();
    const brigade = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
    const t0 = performance.now();
    const uscis = await generateUnits(db, [brigade, detachment, detachment], UNITS);
    console.log(`[soak] ${UNITS.toLocaleString('en-US')} units generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // What the server sees, per window and per route.
    const byRoute = new Map<string, number[]>();
    let current: number[] = [];
    app.addHook('onResponse', async (req, reply) => {
      const ms = reply.elapsedTime;
      current.push(ms);
      const route = `${req.method} ${req.routeOptions.url ?? '?'}`;
      const list = byRoute.get(route) ?? [];
      if (!list.length) byRoute.set(route, list);
      list.push(ms);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const inspector = await login(app, 'inspector.211000', ctx.config.demoPassword);
    const leader = await login(app, 'leader.210000', ctx.config.demoPassword);
    const submission = await submissionFixture(app, ctx.config.demoPassword);
    const sample = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const step = Math.max(1, Math.floor(uscis.length / 500));
    const kinds: Kind[] = [
      {
        kind: 'lookup',
        label: '单位查询（统一社会信用代码）',
        weight: 40,
        method: 'GET',
        paths: sample(500, (i) => `/api/v1/units?q=${uscis[(i * step) % uscis.length]}`),
        headers: inspector,
      },
      { kind: 'list', label: '单位列表（首页）', weight: 8, method: 'GET', paths: ['/api/v1/units?limit=20'], headers: inspector },
      {
        kind: 'search',
        label: '单位名称检索',
        weight: 8,
        method: 'GET',
        paths: sample(200, (i) => `/api/v1/units?q=${encodeURIComponent(`压测单位${(i * 7919) % UNITS}`)}`),
        headers: inspector,
      },
      { kind: 'figures', label: '监督检查统计（总队领导）', weight: 4, method: 'GET', paths: ['/api/v1/supervision/figures'], headers: leader },
      { kind: 'tasks', label: '检查任务列表（总队领导）', weight: 4, method: 'GET', paths: ['/api/v1/inspection-tasks'], headers: leader },
      {
        kind: 'submit',
        label: '许可申请提交（带幂等键，持久写入）',
        weight: 6,
        method: 'POST',
        paths: ['/api/v1/licensing/applications'],
        headers: { ...submission.auth, 'content-type': 'application/json' },
        body: submission.body,
        uniqueKey: true,
      },
      {
        kind: 'guide',
        label: '办事指南（公开）',
        weight: 12,
        method: 'GET',
        paths: ['/api/v1/licensing/guide?region=440106', '/api/v1/licensing/guide?region=211002'],
      },
      { kind: 'register', label: '许可公示（公开）', weight: 12, method: 'GET', paths: ['/api/v1/licences/register'] },
      {
        kind: 'categories',
        label: '投诉举报类别（公开）',
        weight: 6,
        method: 'GET',
        paths: ['/api/v1/complaints/categories?region=440106', '/api/v1/complaints/categories?region=211002'],
      },
    ];
    // Every kind answers 2xx before the soak starts: a mix of refusals would measure nothing.
    for (const k of kinds)
      for (const [i, path] of k.paths.slice(0, 20).entries()) {
        const r = await fetch(`${base}${path}`, {
          method: k.method,
          headers: { ...k.headers, ...(k.uniqueKey ? { 'idempotency-key': `probe-${k.kind}-${i}` } : {}) },
          ...(k.body ? { body: JSON.stringify(k.body) } : {}),
        });
        if (r.status >= 300) throw new Error(`${k.kind}: ${k.method} ${path} → ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      }

    const windows: Window[] = [];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let heapMin = Number.POSITIVE_INFINITY;
    let rssMax = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      heapMin = Math.min(heapMin, m.heapUsed);
      rssMax = Math.max(rssMax, m.rss);
    }, 1000);
    const windower = setInterval(() => {
      const sorted = current.sort((a, b) => a - b);
      windows.push({ answers: sorted.length, p99: pct(sorted, 0.99), loopMax: loop.max / 1e6, heapMin, rssMax });
      current = [];
      loop.reset();
      heapMin = Number.POSITIVE_INFINITY;
      rssMax = 0;
      const w = windows.at(-1)!;
      if (windows.length % 6 === 0)
        console.log(
          `[soak] ${windows.length * 10} s: ${(w.answers / 10).toFixed(0)}/s, p99 ${w.p99.toFixed(1)} ms, loop max ${w.loopMax.toFixed(0)} ms, heap ${mb(w.heapMin)}`,
        );
    }, WINDOW_MS);
    byRoute.clear();
    current = [];
    const { stdout } = await run(
      process.execPath,
      [
        new URL('./soak-load.mjs', import.meta.url).pathname,
        JSON.stringify({ url: base, connections: 40, seconds: SECONDS, rate: RATE, kinds: kinds.map(({ label: _l, ...k }) => k) }),
      ],
      { maxBuffer: 1 << 26 },
    );
    clearInterval(sampler);
    clearInterval(windower);
    loop.disable();
    const load = JSON.parse(stdout) as LoadResult;

    // The raw limit of the same run: the lookup's query over a plain route, at full speed for 10 s.
    const raw = Fastify();
    const rdb = new SQLite(join(dir, 'data', 'fep.sqlite'), { readonly: true });
    const { from, to } = pathRange(detachment.path);
    const stmt = rdb.prepare('SELECT * FROM units WHERE usci = ? AND agency_path >= ? AND agency_path < ?');
    raw.get('/u', async (req) => ({ items: [stmt.get((req.query as { q: string }).q, from, to)], next: null }));
    await raw.listen({ port: 0, host: '127.0.0.1' });
    const rawOut = await run(
      process.execPath,
      [
        new URL('./load.mjs', import.meta.url).pathname,
        JSON.stringify({ url: `http://127.0.0.1:${(raw.server.address() as { port: number }).port}/u?q=${uscis[0]}`, connections: 10, seconds: 10 }),
      ],
      { maxBuffer: 1 << 24 },
    );
    const rawLookup = JSON.parse(rawOut.stdout) as { rps: number; p99: number };
    await raw.close();
    rdb.close();
    await app.close();
    await ctx.database.close();

    const full = windows.filter((w) => w.answers > 0);
    const rates = full.map((w) => w.answers / (WINDOW_MS / 1000));
    const worst = full.reduce((a, w) => (w.p99 > a.p99 ? w : a), full[0] ?? { p99: 0, loopMax: 0, answers: 0, heapMin: 0, rssMax: 0 });
    const firstMinute = full.slice(0, 6);
    const lastMinute = full.slice(-6);
    const heapOf = (ws: Window[]) => Math.min(...ws.map((w) => w.heapMin));
    const rssOf = (ws: Window[]) => Math.max(...ws.map((w) => w.rssMax));
    const failures = load.errors + load.non2xx + load.timeouts;
    const routeRows = [...byRoute.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([route, list]) => {
        const s = list.sort((a, b) => a - b);
        return `| \`${route}\` | ${s.length.toLocaleString('en-US')} | ${pct(s, 0.5).toFixed(2)} ms | ${pct(s, 0.99).toFixed(1)} ms | ${s.at(-1)!.toFixed(0)} ms |`;
      });
    const kindRows = kinds.map((k) => {
      const s = load.byKind[k.kind]!;
      const statuses = Object.entries(s.statuses)
        .map(([code, n]) => `${n} × ${code}`)
        .join(', ');
      return `| ${k.label} | ${k.weight} % | ${s.sent.toLocaleString('en-US')} | ${s.failed}${statuses ? ` (${statuses})` : ''} |`;
    });
    console.log(
      `[soak] ${load.rps.toFixed(0)} req/s, p99 ${load.p99} ms, max ${load.max} ms, ${failures} failed; raw lookup ${rawLookup.rps.toFixed(0)} req/s`,
    );
    return [
      '## Mixed soak at a fixed rate (SQLite)',
      '',
      `\`npm run bench -- soak\` (bench/soak.ts, bench/soak-load.mjs; \`FEP_SOAK_SECONDS\`, \`FEP_SOAK_RATE\`, \`FEP_SOAK_UNITS\`) · ${new Date().toISOString().slice(0, 10)} · ${machine()}`,
      '',
      `The product on SQLite with demo data and ${UNITS.toLocaleString('en-US')} generated units serves, for ${SECONDS} s, autocannon (its own process, 40 connections)`,
      `offering a fixed ${RATE.toLocaleString('en-US')} requests/s drawn from the mix below. The server measures each answer (Fastify's elapsed time) and samples, per`,
      '10 s window, the event loop delay (monitorEventLoopDelay, 1 ms resolution) and the heap (lowest sample of the window). Target: ≥ 1,000 req/s,',
      'p99 < 100 ms, 0 errors, flat memory.',
      '',
      '| figure | value | raw limit, same run |',
      '|---|---|---|',
      `| served, as the client saw it | ${Math.round(load.rps).toLocaleString('en-US')} req/s over ${SECONDS} s (${load.total.toLocaleString('en-US')} answers); p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms | plain Fastify + better-sqlite3, the lookup alone at full speed: ${Math.round(rawLookup.rps).toLocaleString('en-US')} req/s, p99 ${rawLookup.p99} ms |`,
      `| failed (errors, non-2xx, timeouts) | ${failures} | — |`,
      `| 10 s windows | ${full.length}; rate ${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} req/s; worst window p99 ${worst.p99.toFixed(1)} ms (server); windows with p99 ≥ 100 ms: ${full.filter((w) => w.p99 >= 100).length} | — |`,
      `| event loop | worst delay in any window ${Math.max(...full.map((w) => w.loopMax)).toFixed(0)} ms; windows with a delay ≥ 50 ms: ${full.filter((w) => w.loopMax >= 50).length} | — |`,
      `| memory, first minute → last minute | heap ${mb(heapOf(firstMinute))} → ${mb(heapOf(lastMinute))}; RSS ${mb(rssOf(firstMinute))} → ${mb(rssOf(lastMinute))} | — |`,
      '',
      '| request (what a user does) | share | sent | not 2xx |',
      '|---|---:|---:|---:|',
      ...kindRows,
      '',
      '| route, as the server measured it | answers | p50 | p99 | max |',
      '|---|---:|---:|---:|---:|',
      ...routeRows,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
