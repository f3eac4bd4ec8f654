/**
 * Event-loop holding of the heavy reads (`npm run bench -- loop`): a SQLite store of province size
 * (FEP_BENCH_UNITS generated units, default 1,000,000, in the Liaoyang detachment; a published and drawn
 * 5 % plan; one record chain of FEP_BENCH_CHAIN events, default 50,000), then for each heavy request:
 * its duration, the event loop's delay (perf_hooks.monitorEventLoopDelay, p99 and max) while it is
 * requested back to back, and the rate of unit lookups by USCI (autocannon in its own process,
 * bench/load.mjs) alone vs during it. The figures loop (a second autocannon process) is one of the phases.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { renderLicence } from '../apps/api/src/features/licensing/licence-issuance.ts';
import { AuditWriter } from '../apps/api/src/platform/audit/chain.ts';
import { agencySealKey } from '../apps/api/src/platform/documents/seal.ts';
import { benchPermit } from './fixtures.ts';
import { machine } from './report.ts';

const run = promisify(execFile);
const UNITS = Number(process.env.FEP_BENCH_UNITS ?? 1_000_000);
const CHAIN = Number(process.env.FEP_BENCH_CHAIN ?? 50_000);
const SECONDS = Number(process.env.FEP_BENCH_SECONDS ?? 6);
const BATCH = 200_000;

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

const f = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

interface Row {
  label: string;
  duration: string;
  p99: number;
  max: number;
  rps: number;
  ratio: number;
}

export async function loopBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-loop-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
  const app = await buildApp(ctx, { serveWeb: false });
  const rows: Row[] = [];
  let aloneRps = 0;
  let aloneP99 = 0;
  try {
    await app.ready();
    const db = ctx.database.db;
    const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211000').executeTakeFirstOrThrow();
    const t0 = performance.now();
    for (let from = 0; from < UNITS; from += BATCH) {
      const to = Math.min(UNITS, from + BATCH);
      await sql
        .raw(`with recursive s(i) as (select ${from} union all select i + 1 from s where i + 1 < ${to})
        insert into units (id, usci, name, address, region_code, agency_id, agency_path, venue_kind, floor_area, key_unit, risk_level, credit_level,
          owner_user_id, contact_name, contact_phone, created_at, updated_at, self_commitment, last_fire_on)
        select 'bench-' || printf('%012d', i), 'B' || printf('%017d', i), '压测单位' || i, '白塔区测试路' || (i % 999) || '号', '211000',
          '${agency.id}', '${agency.path}', case i % 3 when 0 then 'hotel' when 1 then 'ktv' else 'mall' end, 100 + i % 5000, case when i % 10 = 0 then 1 else 0 end,
          case i % 3 when 0 then 'low' when 1 then 'medium' else 'high' end, substr('ABCD', 1 + i % 4, 1), null, '张三', '13800000000',
          '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0, null from s`)
        .execute(db);
    }
    await sql`analyze`.execute(db);
    console.log(`[loop] ${UNITS.toLocaleString('en-US')} units generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const leader = await login(app, 'leader.211000', ctx.config.demoPassword);
    const plan = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/supervision/plans',
        headers: leader,
        payload: {
          title: '压测：5% 抽样',
          purpose: '压测',
          periodStart: '2027-01-01',
          periodEnd: '2027-12-31',
          rates: {},
          defaultRate: 0.05,
          excludeSelfCommitted: false,
        },
      })
    ).json() as { id: string };
    const pub = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision/plans/${plan.id}/publish`,
      headers: leader,
      payload: { publicValueSource: '压测公开随机数' },
    });
    const draw = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision/plans/${plan.id}/draw`,
      headers: leader,
      payload: { publicValue: '2027-01-01 3D 1 2 3' },
    });
    if (pub.statusCode !== 200 || draw.statusCode !== 200) throw new Error(`draw failed: ${pub.body} ${draw.body}`);
    const drawn = (draw.json() as { summary: { drawn: number } }).summary.drawn;

    // A long record chain on the plan: CHAIN events appended the way the product appends them.
    const chainId = (await db.selectFrom('audit_events').select('chain_id').where('target_id', '=', plan.id).executeTakeFirstOrThrow()).chain_id;
    const [targetType, targetId] = [chainId.slice(0, chainId.indexOf(':')), chainId.slice(chainId.indexOf(':') + 1)];
    for (let done = 0; done < CHAIN; done += 5000) {
      await db.transaction().execute(async (trx) => {
        const w = new AuditWriter(trx, 'sqlite', ctx.auditKey, { userId: null, role: 'system', agencyId: agency.id, ip: null, requestId: 'bench' }, new Date());
        for (let k = 0; k < 5000; k++) await w.append({ action: 'bench.note', targetType, targetId, details: { k: done + k } });
        await w.flush();
      });
    }
    console.log(`[loop] plan drawn (${drawn.toLocaleString('en-US')} tasks), chain ${chainId} of ${CHAIN.toLocaleString('en-US')}+ events`);

    const sealKey = await agencySealKey(db, ctx.sealMasterKey, agency.id, new Date());
    const permit = benchPermit(agency, sealKey.id, '辽阳消安许字〔2026〕第0001号');

    const get = (url: string) => async () => {
      const r = await app.inject({ method: 'GET', url, headers: leader });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    };
    const heavy: [string, () => Promise<unknown>][] = [
      [`GET /api/v1/public/plans/:id/replay (${(UNITS + 1500).toLocaleString('en-US')} units)`, get(`/api/v1/public/plans/${plan.id}/replay`)],
      ['GET /api/v1/public/plans/:id/inputs (the published file)', get(`/api/v1/public/plans/${plan.id}/inputs`)],
      [`GET /api/v1/public/plans/:id/results (${drawn.toLocaleString('en-US')} tasks)`, get(`/api/v1/public/plans/${plan.id}/results`)],
      [`GET /api/v1/units/export (CSV, ${(UNITS + 1500).toLocaleString('en-US')} units)`, get('/api/v1/units/export')],
      [`GET /api/v1/audit/verify (chain of ${(CHAIN + 2).toLocaleString('en-US')} events)`, get(`/api/v1/audit/verify?target=${encodeURIComponent(chainId)}`)],
      ['permit PDF render + SM2 seal (renderLicence, as in issuance)', () => renderLicence(ctx, permit, agency.name, sealKey)],
    ];

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const inspector = await login(app, 'inspector.211000', ctx.config.demoPassword);
    const lookup = { url: `${base}/api/v1/units?q=B${String(UNITS >> 1).padStart(17, '0')}`, connections: 10, headers: inspector };
    await cannon({ ...lookup, seconds: 2 });
    const eld = monitorEventLoopDelay({ resolution: 1 });
    eld.enable();
    const alone = await cannon(lookup);
    eld.disable();
    aloneRps = alone.rps;
    aloneP99 = eld.percentile(99) / 1e6;

    for (const [label, fn] of heavy) {
      // A warm-up run (statement caches, a worker's start), one timed run alone, then back to back during the lookups.
      await fn();
      const s = performance.now();
      await fn();
      const once = performance.now() - s;
      eld.reset();
      eld.enable();
      let stop = false;
      let n = 0;
      const loop = (async () => {
        while (!stop) {
          await fn();
          n++;
        }
      })();
      const during = await cannon(lookup);
      stop = true;
      await loop;
      eld.disable();
      rows.push({
        label,
        duration: `${f(once)} ms (${n} during the lookups)`,
        p99: eld.percentile(99) / 1e6,
        max: eld.max / 1e6,
        rps: during.rps,
        ratio: during.rps / alone.rps,
      });
      console.log(
        `[loop] ${label}: ${rows.at(-1)!.duration}, loop p99 ${f(rows.at(-1)!.p99)} ms max ${f(rows.at(-1)!.max)} ms, lookups ${Math.round(during.rps)} /s (${(during.rps / alone.rps).toFixed(2)} ×)`,
      );
    }
    {
      eld.reset();
      eld.enable();
      const [during, figs] = await Promise.all([cannon(lookup), cannon({ url: `${base}/api/v1/supervision/figures`, connections: 1, headers: leader })]);
      eld.disable();
      rows.push({
        label: 'GET /api/v1/supervision/figures, a client looping without pause',
        duration: `${Math.round(figs.rps).toLocaleString('en-US')} figures/s (${figs.errors + figs.non2xx} errors)`,
        p99: eld.percentile(99) / 1e6,
        max: eld.max / 1e6,
        rps: during.rps,
        ratio: during.rps / alone.rps,
      });
      console.log(`[loop] figures: ${rows.at(-1)!.duration}, lookups ${Math.round(during.rps)} /s (${(during.rps / alone.rps).toFixed(2)} ×)`);
    }
  } finally {
    await app.close();
    await ctx.database.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `## Heavy reads and the event loop (${UNITS.toLocaleString('en-US')} generated units, SQLite)`,
    '',
    `\`npm run bench -- loop\` (bench/loop.ts; \`FEP_BENCH_UNITS\`, \`FEP_BENCH_CHAIN\`, \`FEP_BENCH_SECONDS\`) · ${new Date().toISOString().slice(0, 10)} · ${machine()}`,
    '',
    'Each heavy request is made back to back in-process (`app.inject`) while autocannon (its own process, 10 connections) looks units up by USCI;',
    'the event loop delay is sampled (monitorEventLoopDelay, 1 ms resolution) over the same window. Target: no request holds the loop > 50 ms,',
    `lookups ≥ 0.9 × their rate alone. Lookups alone: ${Math.round(aloneRps).toLocaleString('en-US')} req/s, loop delay p99 ${f(aloneP99)} ms.`,
    '',
    '| heavy request | one run | loop delay p99 | loop delay max | lookups during | × alone |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${r.label} | ${r.duration} | ${f(r.p99)} ms | ${f(r.max)} ms | ${Math.round(r.rps).toLocaleString('en-US')} /s | ${r.ratio.toFixed(2)} |`,
    ),
  ].join('\n');
}
