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
import { POLICY_KINDS, recordPoints, VENUE_KINDS } from '@fep/domain';
import { createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { creditLevelCounts, sweepCredit } from '../apps/api/src/features/credit/index.ts';
import { levelFigures } from '../apps/api/src/features/dashboard/index.ts';
import { uuidv7 } from '../apps/api/src/platform/ids.ts';
import { machine } from './report.ts';

const UNITS = Number(process.env.FEP_BENCH_LEVELS_UNITS ?? 50_000);

export async function levelsBench(): Promise<string> {
  const national = { deductions: POLICY_KINDS['credit.deductions'].nationalDefault, levels: POLICY_KINDS['credit.levels'].nationalDefault };
  const dir = mkdtempSync(join(tmpdir(), 'fep-bench-levels-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: join(dir, 'data'), FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }), {
    autoDispatch: false,
  });
  const db = ctx.database.db;
  try {
    const agency = await db.selectFrom('agencies').selectAll().where('region_code', '=', '211002').executeTakeFirstOrThrow();
    const nowIso = ctx.now().toISOString();
    let seed = 424242;
    const r = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const kinds = ['penalty', 'false_commitment', 'order_overdue', 'reward'] as const;
    for (let i = 0; i < UNITS; i += 500) {
      const units = [];
      const records = [];
      const standings = [];
      for (let k = i; k < Math.min(UNITS, i + 500); k++) {
        const usci = `91211002B${String(k).padStart(8, '0')}X`;
        units.push({
          id: uuidv7(),
          usci,
          name: `基准单位${k}`,
          address: `白塔区基准路${k % 999}号`,
          region_code: agency.region_code,
          agency_id: agency.id,
          agency_path: agency.path,
          venue_kind: VENUE_KINDS[k % VENUE_KINDS.length]!,
          floor_area: 100 + (k % 5000),
          key_unit: k % 10 === 0 ? 1 : 0,
          risk_level: 'low' as const,
          credit_level: 'A' as const,
          owner_user_id: null,
          contact_name: '张三',
          contact_phone: '13800001234',
          created_at: nowIso,
          updated_at: nowIso,
          self_commitment: 0,
          last_fire_on: null,
          responsible_name: null,
          responsible_key: null,
          manager_name: null,
          manager_key: null,
        });
        for (let j = 0, n = 1 + Math.floor(r() * 3); j < n; j++) {
          const kind = kinds[Math.floor(r() * kinds.length)]!;
          const on = `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
          records.push({
            id: uuidv7(),
            usci,
            agency_id: agency.id,
            kind,
            severity: 'general' as const,
            points: recordPoints(national.deductions, national.levels, kind, 'general'),
            reason: '基准测试',
            source_type: 'bench',
            source_id: `${usci}-${j}`,
            occurred_at: `${on}T02:00:00.000Z`,
            on_date: on,
            policy_version: null,
            subject_name: `基准单位${k}`,
          });
        }
        standings.push({
          usci,
          agency_id: agency.id,
          agency_path: agency.path,
          subject_name: `基准单位${k}`,
          score: 0,
          level: 'D' as const,
          blacklisted: 0,
          explanation_json: '{"rule":"","scoreLevel":"D","blacklistReasons":[],"counted":[]}',
          risk_score: 0,
          risk_level: 'low' as const,
          risk_factors_json: '[]',
          policy_version: 'stale',
          version: 0,
          computed_at: nowIso,
        });
      }
      await db.insertInto('units').values(units).execute();
      await db.insertInto('credit_events').values(records).execute();
      await db.insertInto('credit_standings').values(standings).execute();
    }
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
