/**
 * The credit and risk distribution's rollup under the nightly recomputation (`npm run bench -- levels`), MON-02 /
 * CRD-04: FEP_BENCH_LEVELS_UNITS units of one agency (default 50,000) with 1–3 records and a stale standing each, as
 * in the credit part. The set-based sweep moves every standing (a policy version taking effect: the worst night),
 * announcing each written chunk's units in one `credit.level_changed`; then the dispatch of those events, which the
 * dashboard's rollup counts — timed apart (dispatch off during the sweep). The sweep is the raw baseline the added
 * dispatch is set beside; a usual night (none moved) follows. The rollup is checked against the credit feature's count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { creditLevelCounts, sweepCredit } from '../apps/api/src/features/credit/index.ts';
import { levelFigures } from '../apps/api/src/features/dashboard/index.ts';
import { seedStaleCreditUnits } from './fixtures.ts';
import { machine } from './report.ts';

const UNITS = Number(process.env.FEP_BENCH_LEVELS_UNITS ?? 50_000);

export async function levelsBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-levels-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: join(dir, 'data'), FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }), {
    autoDispatch: false,
  });
  const db = ctx.database.db;
  try {
    const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
    const nowIso = ctx.now().toISOString();
    await seedStaleCreditUnits(db, agency, UNITS, nowIso);
    const time = async <T>(fn: () => Promise<T>) => {
      const s = performance.now();
      const x = await fn();
      return { x, seconds: (performance.now() - s) / 1000 };
    };
    const load = loadavg()[0]!.toFixed(1);
    const moved = await time(() => sweepCredit(ctx, 'bench'));
    const queued = await db
      .selectFrom('event_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const dispatched = await time(() => ctx.events.drain());
    const current = await time(() => sweepCredit(ctx, 'bench'));
    const loadAfter = loadavg()[0]!.toFixed(1);
    const key = (c: { level: string; risk: string; units: number }) => `${c.level}|${c.risk}|${c.units}`;
    const rolled = (await levelFigures(db, agency.path)).map(key).sort();
    const counted = (await creditLevelCounts(db, { kind: 'agency_and_below', agencyPath: agency.path })).map(key).sort();
    if (JSON.stringify(rolled) !== JSON.stringify(counted)) throw new Error(`rollup ${rolled} differs from the count ${counted}`);
    const perUnit = (s: number) => ((s * 1000) / UNITS).toFixed(3);
    return `## Credit and risk distribution: the rollup's cost in the nightly recomputation

\`npm run bench -- levels\` (FEP_BENCH_LEVELS_UNITS=${UNITS}) · ${machine()}, SQLite · load average ${load} before, ${loadAfter} after (shared machine)

${UNITS.toLocaleString('en-US')} units of one agency, each with 1–3 records and a stale standing; every standing moves (the worst night).
The sweep announces each written chunk's units in one \`credit.level_changed\` (${Number(queued.n).toLocaleString('en-US')} deliveries queued
for ${moved.x.written.toLocaleString('en-US')} standings written); the dashboard's rollup then recounts them, timed apart.

| Step                                                                   | Seconds | ms per unit |
| ---------------------------------------------------------------------- | ------: | ----------: |
| Set-based sweep, all moved (the raw baseline, events written included) | ${moved.seconds.toFixed(1)} | ${perUnit(moved.seconds)} |
| Dispatch of its events: the rollup recounts every unit                 | ${dispatched.seconds.toFixed(1)} | ${perUnit(dispatched.seconds)} |
| Set-based sweep, none moved (a usual night: no event)                  | ${current.seconds.toFixed(1)} | ${perUnit(current.seconds)} |

After the dispatch the rollup's distribution equals the credit feature's count of the agency (checked).`;
  } finally {
    await ctx.database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
