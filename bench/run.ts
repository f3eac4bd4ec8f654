/**
 * Benchmarks (`npm run bench`): not tests, nothing is asserted. Each part prints its figures and writes its
 * own section of docs/benchmarks.md (with the command and machine); `npm run bench -- <part> [<part> …]`
 * runs only those parts: base, supervision, lookup, figures, write, loop, firstpaint, penalties, credit, levels, complaints, crash,
 * monitoring, dashboard, soak, permits.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addWorkingDays, buildCalendar, policyKind, resolvePolicy } from '@fep/domain';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { renderLicence } from '../apps/api/src/features/licensing/licence-issuance.ts';
import { loadCalendar } from '../apps/api/src/platform/calendar/calendar.repository.ts';
import { agencySealKey, verifySealedPdf } from '../apps/api/src/platform/documents/seal.ts';
import { complaintsBench } from './complaints.ts';
import { crashBench } from './crash.ts';
import { creditBench } from './credit.ts';
import { dashboardBench } from './dashboard.ts';
import { figuresBench } from './figures.ts';
import { firstPaintBench } from './first-paint.ts';
import { benchPermit } from './fixtures.ts';
import { levelsBench } from './levels.ts';
import { lookupBench, lookupSection } from './lookup.ts';
import { loopBench } from './loop.ts';
import { monitoringBench } from './monitoring.ts';
import { penaltiesBench } from './penalties.ts';
import { permitsBench } from './permits.ts';
import { machine, writeSection } from './report.ts';
import { soakBench } from './soak.ts';
import { supervisionBench } from './supervision.ts';
import { writeBench } from './write.ts';

function rate(label: string, ms: number, fn: () => void): { label: string; perSecond: number } {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    fn();
    n++;
  }
  return { label, perSecond: Math.round(n / (ms / 1000)) };
}

async function rateAsync(label: string, ms: number, fn: () => Promise<unknown>): Promise<{ label: string; perSecond: number }> {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return { label, perSecond: Math.round(n / (ms / 1000)) };
}

async function baseBench(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-bench-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const cal = await loadCalendar(ctx.database.db, '211000');
  const plain = buildCalendar([], [2026]);
  const chain = [{ id: 'p', name: '省', level: 'corps' as const, regionCode: '440000' }];

  // LIC-07: a permit rendered (CJK font, QR), sealed (SM3 digest, SM2 signature) and verified from the file.
  const agency = await ctx.database.db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
  const sealKey = await agencySealKey(ctx.database.db, ctx.sealMasterKey, agency.id, new Date());
  const permit = benchPermit(agency, sealKey.id, '白塔消安许字〔2026〕第0001号');
  const keyOf = () => sealKey.publicKey;

  const results = [
    await rateAsync('permit PDF render + SM2 seal + verify (LIC-07; target ≥ 50/s)', 5000, async () => {
      const { pdf } = await renderLicence(ctx, permit, agency.name, sealKey);
      if (!verifySealedPdf(pdf, keyOf).ok) throw new Error('seal does not verify');
    }),
    rate('addWorkingDays(20) on the 2026 calendar', 1000, () => addWorkingDays(cal, '2026-09-25', 20)),
    rate('addWorkingDays(20), no holidays', 1000, () => addWorkingDays(plain, '2026-03-02', 20)),
    rate('resolvePolicy(licensing.inspection), 1 override', 1000, () =>
      resolvePolicy(
        policyKind('licensing.inspection'),
        chain,
        [
          {
            id: 'v',
            kind: 'licensing.inspection',
            agencyId: 'p',
            version: 1,
            effectiveFrom: '2025-01-01',
            effectiveTo: null,
            values: { checkWorkingDays: 7 },
            legalBasis: { document: 'x' },
          },
        ],
        '2026-11-23',
      ),
    ),
    await rateAsync('HTTP (in-process) GET /api/v1/policies/resolved, all kinds', 2000, () =>
      app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=211002&at=2026-11-23' }),
    ),
    await rateAsync('HTTP (in-process) GET /api/v1/calendar/working-days/add', 2000, () =>
      app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-09-30&days=5&region=211000' }),
    ),
  ];
  await app.close();
  await ctx.database.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const r of results) console.log(`${r.label.padEnd(64)} ${r.perSecond.toLocaleString('en-US')} /s`);
  return [
    '## Operations (single process, sequential)',
    '',
    `\`npm run bench -- base\` · ${new Date().toISOString().slice(0, 10)} · ${machine()}, SQLite`,
    '',
    '| operation | per second |',
    '|---|---:|',
    ...results.map((r) => `| ${r.label} | ${r.perSecond.toLocaleString('en-US')} |`),
  ].join('\n');
}

async function supervisionPart(): Promise<string> {
  const units = Number(process.env.FEP_BENCH_UNITS ?? 1_000_000);
  const supervision = await supervisionBench(units);
  for (const r of supervision) console.log(`${r.label}: ${r.value}${r.reference ? ` | ${r.reference}` : ''}${r.ratio ? ` | ratio ${r.ratio}` : ''}`);
  return [
    `## Supervision at scale (${units.toLocaleString('en-US')} generated units; \`FEP_BENCH_UNITS\` changes the size${process.env.FEP_BENCH_SEED === 'raw' ? '; `FEP_BENCH_SEED=raw`: units inserted directly, no import measured' : ''})`,
    '',
    `\`npm run bench -- supervision\` · ${new Date().toISOString().slice(0, 10)} · ${machine()}, SQLite`,
    '',
    'Each figure next to the raw limit measured in the same run: plain csv-parse + better-sqlite3 for the import,',
    'a plain Fastify route over a prepared better-sqlite3 statement for the lookup. HTTP load comes from autocannon',
    'in a process of its own. Publishing a plan (freezing and hashing its inputs) is the announcement made before the',
    'public random value exists; the draw (read and check the published file, draw, keep the result and write the first',
    '2,000 inspection tasks in one transaction, results public) is the step the < 2 s target applies to. The remaining',
    'tasks are written after it, 2,000 per transaction; the time until the last is written is given beside it.',
    '',
    '| measure | product | raw limit, same run | product / raw |',
    '|---|---|---|---:|',
    ...supervision.map((r) => `| ${r.label} | ${r.value} | ${r.reference ?? '—'} | ${r.ratio ?? '—'} |`),
  ].join('\n');
}

async function lookupPart(): Promise<string> {
  const rows = await lookupBench();
  const db = process.env.DATABASE_URL ? 'SQLite and local PostgreSQL 15' : 'SQLite (DATABASE_URL not set: PostgreSQL not measured)';
  return lookupSection(rows, `${machine()}, ${db}`, `${process.env.DATABASE_URL ? 'DATABASE_URL=postgres://… ' : ''}npm run bench -- lookup`);
}

const PARTS: Record<string, () => Promise<string>> = {
  base: baseBench,
  supervision: supervisionPart,
  lookup: lookupPart,
  figures: figuresBench,
  write: writeBench,
  loop: loopBench,
  firstpaint: firstPaintBench,
  penalties: penaltiesBench,
  complaints: complaintsBench,
  credit: creditBench,
  levels: levelsBench,
  crash: crashBench,
  monitoring: monitoringBench,
  dashboard: dashboardBench,
  soak: soakBench,
  permits: permitsBench,
};
const asked = process.argv.slice(2);
for (const p of asked) if (!PARTS[p]) throw new Error(`unknown benchmark part ${p}; known: ${Object.keys(PARTS).join(', ')}`);
for (const name of asked.length ? asked : Object.keys(PARTS)) {
  writeSection(name, await PARTS[name]!());
}
spawnSync(
  process.execPath,
  [
    new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url).pathname,
    'format',
    '--write',
    new URL('../docs/benchmarks.md', import.meta.url).pathname,
  ],
  {
    stdio: 'inherit',
  },
);
process.exit(0);
