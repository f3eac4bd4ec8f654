/**
 * Supervision figures and the task list at province scale (`npm run bench -- figures`): N generated
 * inspection tasks (FEP_BENCH_TASKS, default 5,000,000) written straight into a store created by
 * createContext, then
 *   - GET /api/v1/supervision/figures p95 as the Liaoning corps leader, beside the same aggregate on the
 *     rollup table by plain better-sqlite3 / pg, and beside counting the tasks (the computation before the rollup);
 *   - GET /api/v1/inspection-tasks p95 (first page, a page 20 cursors deep, a status filter);
 *   - unit lookups by USCI over HTTP (autocannon in its own process) alone and while a second client loops
 *     on the figures, with the event loop's delay (perf_hooks.monitorEventLoopDelay) in each phase.
 * PostgreSQL too when DATABASE_URL is set (FEP_BENCH_PG_TASKS rows, default 2,000,000).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import type { Db } from '../apps/api/src/db/database.ts';
import { machine } from './report.ts';

const run = promisify(execFile);
const TASKS = Number(process.env.FEP_BENCH_TASKS ?? 5_000_000);
const PG_TASKS = Number(process.env.FEP_BENCH_PG_TASKS ?? 2_000_000);
const SECONDS = Number(process.env.FEP_BENCH_SECONDS ?? 8);
const BATCH = 250_000;

const PURPOSES = `case abs(i * 7919) % 10 when 0 then 'complaint' when 1 then 'superior_order' when 2 then 'dishonest' when 3 then 'opening_check' when 4 then 're_inspection' else 'random' end`;
const STATUSES = `case abs(i * 104729) % 5 when 0 then 'unassigned' when 1 then 'assigned' when 2 then 'assigned' when 3 then 'done' else 'cancelled' end`;

/** Task rows i in [from, to): agency by i mod the agency count, created one second apart, result on done tasks. */
function generateSql(dialect: 'sqlite' | 'postgres', from: number, to: number): string {
  const series =
    dialect === 'sqlite'
      ? `with recursive s(i) as (select ${from} union all select i + 1 from s where i + 1 < ${to})`
      : `with s(i) as (select generate_series(${from}, ${to - 1})::bigint)`;
  const created =
    dialect === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01T00:00:00Z', '+' || (i * 30) || ' seconds')`
      : `to_char(timestamp '2020-01-01' + (i * 30) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const pad = dialect === 'sqlite' ? `printf('%012d', i)` : `lpad(i::text, 12, '0')`;
  return `${series}, t as (select i, ${PURPOSES} as purpose, ${STATUSES} as status from s)
    insert into inspection_tasks (id, agency_id, agency_path, region_code, purpose, usci, subject_name, venue_address, status, inspector_ids_json,
      off_hours, result, created_at, updated_at, version)
    select 'bench-' || ${pad}, a.id, a.path, a.region_code, t.purpose, 'U' || (i % 100000), '压测单位', '压测地址', t.status, '[]', 0,
      case when t.status = 'done' then (case when i % 3 = 0 then 'hazards' else 'pass' end) else null end, ${created}, ${created}, 0
    from t join bench_agencies a on a.k = i % (select count(*) from bench_agencies)`;
}

async function generate(db: Db, dialect: 'sqlite' | 'postgres', n: number): Promise<number> {
  const t0 = performance.now();
  await sql`create table bench_agencies as select row_number() over (order by id) - 1 as k, id, path, region_code from agencies`.execute(db);
  for (let from = 0; from < n; from += BATCH) await sql.raw(generateSql(dialect, from, Math.min(n, from + BATCH))).execute(db);
  // The rollup as migration 0050 backfills it (the generated rows bypass the repository).
  await sql`delete from inspection_task_rollups`.execute(db);
  await sql`insert into inspection_task_rollups (agency_path, agency_id, purpose, status, result, n)
    select agency_path, min(agency_id), purpose, status, coalesce(result, ''), count(*) from inspection_tasks group by agency_path, purpose, status, coalesce(result, '')`.execute(
    db,
  );
  await sql`drop table bench_agencies`.execute(db);
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
  return (performance.now() - t0) / 1000;
}

async function p95(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n * 0.5)]!, p95: ms[Math.min(n - 1, Math.floor(n * 0.95))]!, max: ms[n - 1]! };
}
const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

async function cannon(o: Record<string, unknown>) {
  const { stdout } = await run(process.execPath, [new URL('./load.mjs', import.meta.url).pathname, JSON.stringify({ seconds: SECONDS, ...o })], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout) as { rps: number; p99: number; errors: number; non2xx: number; total: number };
}

async function login(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return { authorization: `Bearer ${(r.json() as { token: string }).token}` };
}

interface Row {
  label: string;
  value: string;
  reference?: string;
}

async function measure(name: string, databaseUrl: string | undefined, n: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-fig-'));
  let schema: string | undefined;
  if (databaseUrl) {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const rows: Row[] = [];
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
    schema ? { pgSchema: schema } : {},
  );
  const app = await buildApp(ctx, { serveWeb: false });
  try {
    await app.ready();
    const db = ctx.database.db;
    const genS = await generate(db, databaseUrl ? 'postgres' : 'sqlite', n);
    const total = Number((await db.selectFrom('inspection_tasks').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    console.log(`[${name}] generated ${n.toLocaleString('en-US')} tasks in ${genS.toFixed(1)} s (${total.toLocaleString('en-US')} in the store)`);
    const province = (await db.selectFrom('agencies').select('path').where('region_code', '=', '210000').executeTakeFirstOrThrow()).path;
    const inScope = Number(
      (
        await db
          .selectFrom('inspection_task_rollups')
          .select(sql<number>`sum(n)`.as('n'))
          .where('agency_path', '>=', province)
          .where('agency_path', '<', `${province.slice(0, -1)}0`)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const leader = await login(app, 'leader.210000', ctx.config.demoPassword);

    // Figures: the product, the same aggregate on the rollup by the plain driver, and counting the tasks.
    const figures = () => app.inject({ method: 'GET', url: '/api/v1/supervision/figures', headers: leader });
    await p95(20, figures);
    const prod = await p95(200, figures);
    const upper = `${province.slice(0, -1)}0`;
    const rollupSql = 'select purpose, status, sum(n) as n from inspection_task_rollups where agency_path >= $1 and agency_path < $2 group by purpose, status';
    let raw: { p50: number; p95: number; max: number };
    let pool: pg.Pool | undefined;
    if (databaseUrl) {
      pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
      raw = await p95(200, () => pool!.query(rollupSql, [province, upper]));
    } else {
      const rdb = new SQLite(join(dir, 'fep.sqlite'), { readonly: true });
      const stmt = rdb.prepare(rollupSql.replace('$1', '?').replace('$2', '?'));
      raw = await p95(200, async () => stmt.all(province, upper));
      rdb.close();
    }
    const scan = await p95(3, () =>
      db
        .selectFrom('inspection_tasks')
        .select(['purpose', 'status', sql<number>`count(*)`.as('n')])
        .where(sql<boolean>`substr(agency_path, 1, ${province.length}) = ${province}`)
        .groupBy(['purpose', 'status'])
        .execute(),
    );
    rows.push({
      label: `figures, Liaoning corps leader (${inScope.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} tasks in scope; target p95 < 50 ms)`,
      value: `p50 ${f(prod.p50)} ms, p95 ${f(prod.p95)} ms, max ${f(prod.max)} ms`,
      reference: `raw rollup aggregate p95 ${f(raw.p95)} ms; counting the tasks (before) p50 ${f(scan.p50)} ms`,
    });

    // The task list: first page, 20 pages deep, a status filter.
    const list = (q = '') => app.inject({ method: 'GET', url: `/api/v1/inspection-tasks${q}`, headers: leader });
    const first = await p95(50, () => list());
    let cursor = '';
    for (let i = 0; i < 20; i++) cursor = String((await list(cursor ? `?cursor=${cursor}` : '')).headers['x-next-cursor']);
    const deep = await p95(50, () => list(`?cursor=${cursor}`));
    const status = await p95(50, () => list('?status=assigned'));
    rows.push({
      label: 'task list, 200 a page, Liaoning corps leader (keyset)',
      value: `first page p95 ${f(first.p95)} ms; page 21 p95 ${f(deep.p95)} ms; status=assigned p95 ${f(status.p95)} ms`,
    });

    // Unit lookups alone, then while a client loops on the figures; event-loop delay in each phase.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const inspector = await login(app, 'inspector.211000', ctx.config.demoPassword);
    const usci = (await db.selectFrom('units').select('usci').where('region_code', '=', '211000').limit(1).executeTakeFirstOrThrow()).usci;
    const lookup = { url: `${base}/api/v1/units?q=${usci}`, connections: 10, headers: inspector };
    await cannon({ ...lookup, seconds: 2 });
    const eld = monitorEventLoopDelay({ resolution: 5 });
    eld.enable();
    const alone = await cannon(lookup);
    eld.disable();
    const aloneP99 = eld.percentile(99) / 1e6;
    eld.reset();
    eld.enable();
    const [mixed, loop] = await Promise.all([cannon(lookup), cannon({ url: `${base}/api/v1/supervision/figures`, connections: 1, headers: leader })]);
    eld.disable();
    const mixedP99 = eld.percentile(99) / 1e6;
    const mixedMax = eld.max / 1e6;
    rows.push({
      label: 'unit lookup by USCI over HTTP, 10 connections: alone vs while a client loops on figures (target ≥ 0.9 × alone)',
      value: `${Math.round(mixed.rps).toLocaleString('en-US')} req/s during the figures loop (${Math.round(loop.rps).toLocaleString('en-US')} figures/s, ${loop.errors + loop.non2xx} errors) — ratio ${(mixed.rps / alone.rps).toFixed(2)}`,
      reference: `alone ${Math.round(alone.rps).toLocaleString('en-US')} req/s`,
    });
    rows.push({
      label: 'event-loop delay p99 (monitorEventLoopDelay, 5 ms resolution)',
      value: `${f(mixedP99)} ms during the figures loop (max ${f(mixedMax)} ms)`,
      reference: `${f(aloneP99)} ms during lookups alone`,
    });
    await pool?.end();
  } finally {
    await app.close();
    await ctx.database.close();
    if (databaseUrl && schema) {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  for (const r of rows) console.log(`[${name}] ${r.label}: ${r.value}${r.reference ? ` | ${r.reference}` : ''}`);
  return rows;
}

export async function figuresBench(): Promise<string> {
  const parts: [string, string | undefined, number][] = [['SQLite', undefined, TASKS]];
  if (process.env.DATABASE_URL) parts.push(['PostgreSQL', process.env.DATABASE_URL, PG_TASKS]);
  const md = [
    '## Supervision figures and task list at province scale',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} · ${machine()} · \`npm run bench -- figures\` (bench/figures.ts; \`FEP_BENCH_TASKS\`, \`FEP_BENCH_PG_TASKS\`, \`FEP_BENCH_SECONDS\`).`,
    'Tasks are generated by SQL straight into a store made by createContext (demo agencies; the rollup backfilled as migration 0050 does).',
    'Figures and the list are requested in-process (`app.inject`); lookups come from autocannon in a process of its own, and the figures loop',
    'from a second autocannon process (1 connection).',
  ];
  for (const [name, url, n] of parts) {
    const rows = await measure(name, url, n);
    md.push('', `### ${name}, ${n.toLocaleString('en-US')} tasks`, '', '| measure | product | reference, same run |', '|---|---|---|');
    for (const r of rows) md.push(`| ${r.label} | ${r.value} | ${r.reference ?? '—'} |`);
  }
  return md.join('\n');
}
