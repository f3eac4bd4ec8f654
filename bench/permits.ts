import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { renderLicence } from '../apps/api/src/features/licensing/licence-issuance.ts';
import { agencySealKey, verifySealedPdf } from '../apps/api/src/platform/documents/seal.ts';
import { benchPermit } from './fixtures.ts';
import { machine } from './report.ts';

/**
 * Sealed permits per second (LIC-07, target ≥ 100/s): a permit rendered (CJK font, QR code), sealed (SM3,
 * SM2) by issuance's own function and its seal verified from the bytes. The raw baseline is the same work
 * on the main thread, one after another (what issuance did before the render pool); the product renders on
 * the pool with `FEP_BENCH_INFLIGHT` permits in flight (default 16) and verifies each on the main thread.
 * The event loop delay is sampled over each window.
 */
export async function permitsBench(): Promise<string> {
  const seconds = Number(process.env.FEP_BENCH_SECONDS ?? 8);
  const inflight = Number(process.env.FEP_BENCH_INFLIGHT ?? 16);
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-bench-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }));
  const agency = await ctx.database.db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
  const sealKey = await agencySealKey(ctx.database.db, ctx.sealMasterKey, agency.id, new Date());
  const permit = benchPermit(agency, sealKey.id, '白塔消安许字〔2026〕第0001号');
  const keyOf = () => sealKey.publicKey;
  const pool = ctx.documents!;
  const one = async (where: { documents?: typeof pool }) => {
    const { pdf } = await renderLicence({ config: ctx.config, ...where }, permit, agency.name, sealKey);
    if (!verifySealedPdf(pdf, keyOf).ok) throw new Error('seal does not verify');
  };

  async function measure(label: string, lanes: number, where: { documents?: typeof pool }) {
    // Warm-up: the font parsed, the workers started, the key's verification precomputed.
    await Promise.all(Array.from({ length: Math.max(lanes, 4) }, () => one(where)));
    const h = monitorEventLoopDelay({ resolution: 1 });
    const load = loadavg()[0]!;
    h.enable();
    let n = 0;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (performance.now() < end) {
          await one(where);
          n++;
        }
      }),
    );
    const ms = performance.now() - t0;
    h.disable();
    const row = { label, perSecond: Math.round(n / (ms / 1000)), p99: h.percentile(99) / 1e6, max: h.max / 1e6, load };
    console.log(`${label.padEnd(70)} ${row.perSecond} /s, loop p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(0)} ms, load ${load.toFixed(2)}`);
    return row;
  }

  const raw = await measure('raw: render + seal + verify on the main thread, one at a time', 1, {});
  const product = await measure(`product: render + seal on the pool (${pool.constructor.name}), ${inflight} in flight, verify on the main thread`, inflight, {
    documents: pool,
  });
  await ctx.database.close();
  rmSync(dataDir, { recursive: true, force: true });
  const f = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  return [
    '## Sealed permits per second (LIC-07; target ≥ 100/s)',
    '',
    `\`npm run bench -- permits\` (bench/permits.ts; \`FEP_BENCH_SECONDS\`, \`FEP_BENCH_INFLIGHT\`) · ${new Date().toISOString().slice(0, 10)} · ${machine()}, SQLite`,
    '',
    'A permit rendered (CJK font, QR code to the verification page) and sealed (SM3 digest, SM2 signature) by',
    "issuance's own function (renderLicence), then its seal verified from the bytes. Raw baseline: the same on the",
    `main thread, one at a time. Product: the render pool (${process.env.FEP_PDF_WORKERS ?? 'one worker per core'}), ${inflight} permits in flight.`,
    'Load average (1 min) taken as each window starts: the machine is shared.',
    '',
    '| measure | permits / s | loop delay p99 | loop delay max | load average | × raw |',
    '|---|---:|---:|---:|---:|---:|',
    ...[raw, product].map(
      (r) => `| ${r.label} | ${r.perSecond} | ${f(r.p99)} ms | ${f(r.max)} ms | ${r.load.toFixed(2)} | ${(r.perSecond / raw.perSecond).toFixed(2)} |`,
    ),
  ].join('\n');
}
