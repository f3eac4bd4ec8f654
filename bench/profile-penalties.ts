/**
 * Profiling aid for the public 行政处罚公示 page (not a benchmark): `node --cpu-prof --cpu-prof-dir=.tmp/prof
 * --import tsx bench/profile-penalties.ts` seeds FEP_BENCH_PENALTIES published decisions (default 100,000),
 * serves the product, asks for the first page, a city's page and page 200 one after another 200 times each,
 * prints the query plans of the page and its total, and exits; open the .cpuprofile in Chrome DevTools or
 * summarise it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDateOf } from '@fep/domain';
import SQLite from 'better-sqlite3';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { seedPublishedDecisions } from './penalties.ts';

const dir = mkdtempSync(join(tmpdir(), 'fep-prof-'));
const ctx = await createContext(loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
await seedPublishedDecisions(ctx, Number(process.env.FEP_BENCH_PENALTIES ?? 100_000));
const app = await buildApp(ctx, { serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
for (const query of ['', 'region=2110', 'page=200']) {
  const ms: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await fetch(`${base}/api/v1/public/penalties?${query}`).then((r) => r.arrayBuffer());
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`?${query}: p50 ${ms[100]!.toFixed(1)} ms, p95 ${ms[190]!.toFixed(1)} ms`);
}
const rdb = new SQLite(join(dir, 'fep.sqlite'), { readonly: true });
const today = chinaDateOf(new Date());
const where = 'withdrawn_at is null and published_at is not null and publicity_until >= ?';
for (const [label, text] of [
  ['page ids', `select id from enforcement_cases where ${where} order by published_at desc, id desc limit 20 offset 3980`],
  ['capped total', `select count(*) from (select 1 from enforcement_cases where ${where} limit 10001)`],
  ['city total', `select count(*) from (select 1 from enforcement_cases where ${where} and region_code like '2110%' limit 10001)`],
] as const) {
  const plan = rdb.prepare(`explain query plan ${text}`).all(today) as { detail: string }[];
  console.log(`${label}: ${plan.map((p) => p.detail).join(' / ')}`);
}
rdb.close();
await app.close();
await ctx.database.close();
rmSync(dir, { recursive: true, force: true });
