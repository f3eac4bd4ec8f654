/**
 * Supervision benchmarks (issue: unit directory at province scale, verifiable draws), each next to the raw
 * limit measured in the same run. The dataset is generated here, never committed.
 *   - import N units from CSV through the product vs plain csv-parse + better-sqlite3 inserts
 *   - publish + draw a 5 % stratified sample of N units with 2,000 inspectors (HTTP, in-process), replay
 *   - unit lookup by USCI over HTTP as a logged-in inspector (10 and 100 connections) vs plain Fastify + better-sqlite3
 *   - directory search: page 50 vs page 1 (keyset pagination)
 */

import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { completeUsci } from '@fep/domain';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse';
import Fastify from 'fastify';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { importUnits } from '../apps/api/src/features/units/index.ts';
import { systemActor } from '../apps/api/src/platform/actor.ts';
import { uuidv7 } from '../apps/api/src/platform/ids.ts';
import { seededRandom as prng } from '../apps/api/src/platform/seeded-random.ts';

const run = promisify(execFile);

export interface Row {
  label: string;
  value: string;
  reference?: string;
  ratio?: string;
}

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A deterministic CSV of `n` units in Liaoyang (detachment and brigade), with valid USCIs. */
export async function generate(file: string, n: number): Promise<string[]> {
  const out = createWriteStream(file);
  const rnd = prng(2026);
  const kinds = ['hotel', 'restaurant', 'mall', 'market', 'ktv', 'cinema', 'internet_cafe'];
  const sample: string[] = [];
  out.write('统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    let body = '';
    for (let k = 0; k < 9; k++) body += CHARS[Math.floor(rnd() * 31)];
    const usci = completeUsci(`92211000${body}`);
    if (i % 1000 === 0) sample.push(usci);
    const r = rnd();
    buf += `${usci},压测单位${i},白塔区测试路${i % 999}号,${i % 3 === 0 ? '211002' : '211000'},${kinds[i % kinds.length]},${Math.round(50 + rnd() * 5000)},${r < 0.1 ? '是' : '否'},${r < 0.6 ? '低' : r < 0.9 ? '中' : '高'},${'ABCD'[Math.floor(rnd() * 4)]},${r < 0.3 ? '是' : '否'},,\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return sample;
}

/**
 * The same units as `generate` writes to the CSV, inserted straight into the product's store (FEP_BENCH_SEED=raw):
 * two million rows through the product's import take longer than the draw they are seeded for, and the draw
 * reads the directory, not how it was filled. Returns the sample of USCIs `generate` returns.
 */
export function seedUnitsRaw(file: string, n: number, agency: { id: string; path: string }): string[] {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 60000');
  const rnd = prng(2026);
  const kinds = ['hotel', 'restaurant', 'mall', 'market', 'ktv', 'cinema', 'internet_cafe'];
  const sample: string[] = [];
  const cols = [
    'id',
    'usci',
    'name',
    'address',
    'region_code',
    'agency_id',
    'agency_path',
    'venue_kind',
    'floor_area',
    'key_unit',
    'risk_level',
    'credit_level',
    'self_commitment',
    'created_at',
    'updated_at',
  ];
  const per = 1000;
  const stmt = (rows: number) =>
    db.prepare(
      `INSERT INTO units (${cols.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${cols.map(() => '?').join(',')})`).join(',')} ON CONFLICT (usci) DO NOTHING`,
    );
  const full = stmt(per);
  const now = new Date().toISOString();
  let done = 0;
  const write = db.transaction((count: number) => {
    let values: unknown[] = [];
    for (let i = 0; i < count; i++) {
      let body = '';
      for (let k = 0; k < 9; k++) body += CHARS[Math.floor(rnd() * 31)];
      const usci = completeUsci(`92211000${body}`);
      const idx = done + i;
      if (idx % 1000 === 0) sample.push(usci);
      const r = rnd();
      const area = Math.round(50 + rnd() * 5000);
      const credit = 'ABCD'[Math.floor(rnd() * 4)];
      values.push(
        uuidv7(),
        usci,
        `压测单位${idx}`,
        `白塔区测试路${idx % 999}号`,
        idx % 3 === 0 ? '211002' : '211000',
        agency.id,
        agency.path,
        kinds[idx % kinds.length],
        area,
        r < 0.1 ? 1 : 0,
        r < 0.6 ? 'low' : r < 0.9 ? 'medium' : 'high',
        credit,
        r < 0.3 ? 1 : 0,
        now,
        now,
      );
      if (values.length === per * cols.length) {
        full.run(values);
        values = [];
      }
    }
    if (values.length) stmt(values.length / cols.length).run(values);
  });
  while (done < n) {
    const count = Math.min(50_000, n - done);
    write(count);
    done += count;
  }
  db.close();
  return sample;
}

async function rawImport(file: string, dbFile: string): Promise<number> {
  const db = new SQLite(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536'); // the same settings as the product's store
  db.exec(`CREATE TABLE units (id TEXT PRIMARY KEY, usci TEXT NOT NULL UNIQUE, name TEXT NOT NULL, address TEXT NOT NULL, region_code TEXT NOT NULL,
    agency_id TEXT NOT NULL, agency_path TEXT NOT NULL, venue_kind TEXT, floor_area REAL, key_unit INTEGER, risk_level TEXT, credit_level TEXT,
    owner_user_id TEXT, contact_name TEXT, contact_phone TEXT, created_at TEXT, updated_at TEXT, self_commitment INTEGER, last_fire_on TEXT);
    CREATE INDEX units_agency_path ON units(agency_path, id); CREATE INDEX units_usci_lookup ON units(usci); CREATE INDEX units_name ON units(agency_path, name);`);
  const ins = db.prepare('INSERT INTO units VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(usci) DO UPDATE SET name = excluded.name');
  const write = db.transaction((rows: string[][]) => {
    const now = new Date().toISOString();
    for (const c of rows)
      ins.run(
        uuidv7(),
        c[0],
        c[1],
        c[2],
        c[3],
        'a',
        '/a/',
        c[4],
        Number(c[5]),
        c[6] === '是' ? 1 : 0,
        c[7],
        c[8],
        null,
        null,
        null,
        now,
        now,
        c[9] === '是' ? 1 : 0,
        null,
      );
  });
  const t0 = performance.now();
  let batch: string[][] = [];
  let first = true;
  let n = 0;
  for await (const rec of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }))) {
    if (first) {
      first = false;
      continue;
    }
    batch.push(rec as string[]);
    n++;
    if (batch.length === 5000) {
      write(batch);
      batch = [];
    }
  }
  if (batch.length) write(batch);
  const s = (performance.now() - t0) / 1000;
  db.close();
  return n / s;
}

/** autocannon in a process of its own, so that the load generator does not share the server's thread. */
async function cannon(url: string, connections: number, headers: Record<string, string>, seconds = 5) {
  const args = [
    join(new URL('.', import.meta.url).pathname, '../node_modules/autocannon/autocannon.js'),
    '-j',
    '-c',
    String(connections),
    '-d',
    String(seconds),
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await run(process.execPath, args);
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

export async function supervisionBench(units: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-sup-'));
  const rows: Row[] = [];
  try {
    const seedRaw = process.env.FEP_BENCH_SEED === 'raw';
    const csv = join(dir, 'units.csv');
    const sample = seedRaw ? [] : await generate(csv, units);
    const rawRate = seedRaw ? 0 : await rawImport(csv, join(dir, 'raw.sqlite'));

    // One file of all the units: the import's row limit (FEP_IMPORT_MAX_ROWS, 500,000 by default) raised to it.
    const ctx = await createContext(
      loadConfig({ DATA_DIR: join(dir, 'data'), FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', FEP_IMPORT_MAX_ROWS: String(units + 1) }),
    );
    const app = await buildApp(ctx, { serveWeb: false });
    const db = ctx.database.db;
    const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211000').executeTakeFirstOrThrow();
    if (seedRaw) sample.push(...seedUnitsRaw(ctx.database.file!, units, agency));
    else {
      const t0 = performance.now();
      const report = await importUnits(
        ctx,
        { ...systemActor('clerk'), agencyId: agency.id, requestId: 'bench', scope: { kind: 'agency_and_below', agencyPath: agency.path } },
        { file: createReadStream(csv), format: 'csv' },
      );
      const importS = (performance.now() - t0) / 1000;
      const rate = report.inserted / importS;
      rows.push({
        label: `import ${units.toLocaleString('en-US')} units from CSV (target ≥ 0.25 × raw, < 60 s)`,
        value: `${Math.round(rate).toLocaleString('en-US')} rows/s, ${importS.toFixed(1)} s (${report.inserted.toLocaleString('en-US')} inserted, ${report.rejected} rejected)`,
        reference: `raw csv-parse + better-sqlite3: ${Math.round(rawRate).toLocaleString('en-US')} rows/s`,
        ratio: (rate / rawRate).toFixed(2),
      });
    }

    // 2,000 certified inspectors in the detachment.
    const now = new Date().toISOString();
    const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'inspector.211000').executeTakeFirstOrThrow()).password_hash;
    for (let i = 0; i < 2000; i += 500) {
      const us = Array.from({ length: 500 }, (_, k) => ({
        id: uuidv7(),
        username: `bench.inspector.${i + k}`,
        display_name: `压测检查员${i + k}`,
        password_hash: hash,
        kind: 'staff' as const,
        agency_id: agency.id,
        usci: null,
        phone: null,
        failed_count: 0,
        locked_until: null,
        disabled: 0,
        national: 0,
        created_at: now,
        password_changed_at: now,
        last_login_at: null,
      }));
      await db.insertInto('users').values(us).execute();
      await db
        .insertInto('inspectors')
        .values(
          us.map((u, k) => ({ user_id: u.id, agency_id: agency.id, certificate_no: `B${i + k}`, certified_until: '2028-12-31', active: 1, created_at: now })),
        )
        .execute();
    }
    const login = async (username: string) =>
      (
        (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: ctx.config.demoPassword } })).json() as {
          token: string;
        }
      ).token;
    const leader = { authorization: `Bearer ${await login('leader.211000')}` };
    const rates = Object.fromEntries(
      ['low', 'medium', 'high'].flatMap((r) => ['A', 'B', 'C', 'D'].flatMap((c) => ['key', 'general'].map((k) => [`${r}|${c}|${k}`, 0.05]))),
    );
    const plan = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/supervision/plans',
        headers: leader,
        payload: {
          title: '压测：5% 分层抽样',
          purpose: '压测',
          periodStart: '2027-01-01',
          periodEnd: '2027-12-31',
          rates,
          defaultRate: 0.05,
          excludeSelfCommitted: false,
        },
      })
    ).json() as { id: string };
    const p0 = performance.now();
    const pub = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision/plans/${plan.id}/publish`,
      headers: leader,
      payload: { publicValueSource: '压测公开随机数' },
    });
    const p1 = performance.now();
    const draw = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision/plans/${plan.id}/draw`,
      headers: leader,
      payload: { publicValue: '2027-01-01 3D 1 2 3' },
    });
    const p2 = performance.now();
    if (pub.statusCode !== 200 || draw.statusCode !== 200) throw new Error(`draw failed: ${pub.body} ${draw.body}`);
    const drawn = (draw.json() as { summary: { drawn: number } }).summary.drawn;
    // The draw answers with its first tasks written; the rest follow in short transactions (DRAW_TASKS_PENDING).
    let pt = p2;
    for (;;) {
      const pending = (await db.selectFrom('random_plans').select('tasks_pending').where('id', '=', plan.id).executeTakeFirstOrThrow()).tasks_pending;
      pt = performance.now();
      if (pending === 0) break;
      if (pt - p2 > 120_000) throw new Error(`tasks still pending after 120 s: ${pending}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const tasks = Number(
      (
        await db
          .selectFrom('inspection_tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('plan_id', '=', plan.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const p3 = performance.now();
    const replay = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${plan.id}/replay` });
    const p4 = performance.now();
    rows.push({
      label: `publish + draw 5 % of ${(units + 1500).toLocaleString('en-US')} units, 2,000 inspectors, persist (targets: publish < 5 s, draw < 2 s)`,
      value: `${((p2 - p0) / 1000).toFixed(2)} s (publish ${((p1 - p0) / 1000).toFixed(2)} s, draw ${((p2 - p1) / 1000).toFixed(2)} s; ${drawn.toLocaleString('en-US')} drawn; all ${tasks.toLocaleString('en-US')} tasks written ${((pt - p2) / 1000).toFixed(2)} s after the draw answered; load average ${loadavg()[0]!.toFixed(1)})`,
      reference: `replay from the published inputs ${((p4 - p3) / 1000).toFixed(2)} s, identical: ${(replay.json() as { identical: boolean }).identical}`,
    });

    // Lookups over HTTP.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const inspector = { authorization: `Bearer ${await login('inspector.211000')}` };
    {
      // Warm-up, so that statement caches and the JIT are in the state a running server is in.
      const t = performance.now();
      for (let i = 0; i < 100; i++) await fetch(`${base}/api/v1/units?q=${sample[0]}`, { headers: inspector }).then((x) => x.arrayBuffer());
      void t;
    }
    const prod10 = await cannon(`${base}/api/v1/units?q=${sample[0]}`, 10, inspector);
    const prod100 = await cannon(`${base}/api/v1/units?q=${sample[0]}`, 100, inspector);
    const raw = Fastify();
    const file = join(dir, 'data', 'fep.sqlite');
    const rdb = new SQLite(file, { readonly: true });
    const stmt = rdb.prepare('SELECT * FROM units WHERE usci = ?');
    raw.get('/u', async (req) => stmt.get((req.query as { q: string }).q));
    await raw.listen({ port: 0, host: '127.0.0.1' });
    const rawBase = `http://127.0.0.1:${(raw.server.address() as { port: number }).port}`;
    const raw10 = await cannon(`${rawBase}/u?q=${sample[0]}`, 10, {});
    rows.push({
      label: 'unit lookup by USCI over HTTP, inspector session, 10 connections (target ≥ 0.3 × raw)',
      value: `${Math.round(prod10.rps).toLocaleString('en-US')} req/s, p99 ${prod10.p99} ms${prod10.errors ? `, ${prod10.errors} errors` : ''}`,
      reference: `raw Fastify + better-sqlite3: ${Math.round(raw10.rps).toLocaleString('en-US')} req/s`,
      ratio: (prod10.rps / raw10.rps).toFixed(2),
    });
    rows.push({
      label: 'unit lookup by USCI over HTTP, 100 connections (target p99 < 50 ms)',
      value: `${Math.round(prod100.rps).toLocaleString('en-US')} req/s, p99 ${prod100.p99} ms`,
    });
    await raw.close();
    rdb.close();

    // Search: page 1 and page 50 of the directory (keyset).
    let next: string | null = null;
    const times: number[] = [];
    for (let page = 1; page <= 50; page++) {
      const t = performance.now();
      const r = (await fetch(`${base}/api/v1/units?limit=50${next ? `&after=${next}` : ''}`, { headers: inspector }).then((x) => x.json())) as {
        next: string | null;
      };
      times.push(performance.now() - t);
      next = r.next;
    }
    const median = async (url: string) => {
      const ts: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await fetch(url, { headers: inspector }).then((x) => x.arrayBuffer());
        ts.push(performance.now() - t);
      }
      return ts.sort((a, b) => a - b)[15]!;
    };
    const page1 = await median(`${base}/api/v1/units?limit=50`);
    const page50 = await median(`${base}/api/v1/units?limit=50&after=${next}`);
    rows.push({
      label: 'directory search page 50 vs page 1 (50 rows, keyset)',
      value: `page 50: ${page50.toFixed(1)} ms`,
      reference: `page 1: ${page1.toFixed(1)} ms`,
      ratio: (page50 / page1).toFixed(2),
    });
    await app.close();
    await ctx.database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
