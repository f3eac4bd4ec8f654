import { chinaDateOf } from '@fep/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CreditEvent, CreditStandingRow } from '../../db/schema/credit.ts';
import type { UnitTable } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { transact } from '../../platform/transact.ts';
import { type MonitoringRiskFacts, monitoringRiskFacts } from '../monitoring/index.ts';
import { openHazardCountsOf } from '../supervision/index.ts';
import { type CreditPolicies, creditPolicies } from './credit.policy.ts';
import { INSPECTION_TRIGGERED, type InspectionTriggered } from './events.ts';
import {
  computeFrom,
  levelChange,
  levelsChanged,
  monitoringSince,
  recomputeStanding,
  sameStanding,
  standingStale,
  standingValues,
  triggerOf,
} from './standings.ts';

export const CREDIT_SWEEP_JOB = 'credit-sweep';
const LEASE_MS = 30 * 60_000;

export interface SweepRun {
  ran: boolean;
  recomputed: number;
  /** Standings rewritten (any stored value moved). */
  written: number;
  /** Standings whose level moved. */
  changed: number;
}

type Values = ReturnType<typeof standingValues>;
interface Moved {
  before: CreditStandingRow;
  values: Values;
  trigger: InspectionTriggered | null;
}
const COLUMNS = [
  'agency_id',
  'agency_path',
  'subject_name',
  'score',
  'level',
  'blacklisted',
  'explanation_json',
  'risk_score',
  'risk_level',
  'risk_factors_json',
  'policy_version',
  'computed_at',
] as const satisfies readonly (keyof Values)[];

/**
 * The nightly recomputation (CRD-01, CRD-04): every standing again under today's policies, so that a record
 * whose publicity period ended stops counting, and a policy version taking effect today (bands, points,
 * risk weights) moves the levels without waiting for the unit's next record.
 *
 * Set-based, so a province (2 million units) takes minutes, not hours (docs/benchmarks.md): standings are
 * read in pages by USCI; each page's records, directory entries and open-hazard counts in one read each;
 * policies once per agency; the standing computed in memory by the same `computeFrom` a record's own
 * transaction uses. Only standings that moved are written, a page's worth in one statement per chunk, each
 * row a compare-and-set on the version read with the page: a unit whose record was written meanwhile keeps
 * what its own transaction computed. Level changes go to the history in one insert. Lease-protected.
 */
export async function sweepCredit(ctx: AppContext, holder: string, page = 2000): Promise<SweepRun> {
  const { db, dialect } = ctx.database;
  if (!(await acquireLease(db, CREDIT_SWEEP_JOB, holder, ctx.now(), LEASE_MS))) return { ran: false, recomputed: 0, written: 0, changed: 0 };
  const run: SweepRun = { ran: true, recomputed: 0, written: 0, changed: 0 };
  const now = ctx.now();
  const today = chinaDateOf(now);
  const policies = new Map<string, Promise<CreditPolicies>>();
  const policiesOf = (agencyId: string) => {
    const known = policies.get(agencyId);
    if (known) return known;
    const p = creditPolicies(db, agencyId, today);
    policies.set(agencyId, p);
    return p;
  };
  const paths = new Map((await db.selectFrom('agencies').select(['id', 'path']).execute()).map((a) => [a.id, a.path]));
  try {
    let after = '';
    for (;;) {
      const standings = await db.selectFrom('credit_standings').selectAll().where('usci', '>', after).orderBy('usci').limit(page).execute();
      if (!standings.length) break;
      after = standings.at(-1)!.usci;
      const uscis = standings.map((s) => s.usci);
      const [records, units, hazards] = await Promise.all([
        db.selectFrom('credit_events').selectAll().where('usci', 'in', uscis).orderBy('usci').orderBy('occurred_at').orderBy('id').execute(),
        db.selectFrom('units').selectAll().where('usci', 'in', uscis).execute(),
        openHazardCountsOf(db, uscis),
      ]);
      const recordsOf = groupBy(records);
      const unitOf = new Map<string, UnitTable>(units.map((u) => [u.usci, u]));
      // Remote monitoring in each agency's window: one grouped read per distinct window on the page.
      const byWindow = new Map<string, string[]>();
      for (const s of standings) {
        const agencyId = unitOf.get(s.usci)?.agency_id ?? recordsOf.get(s.usci)?.at(-1)?.agency_id;
        if (!agencyId) continue;
        const since = monitoringSince(now, await policiesOf(agencyId));
        byWindow.set(since, [...(byWindow.get(since) ?? []), s.usci]);
      }
      const monitoring = new Map<string, MonitoringRiskFacts>();
      for (const [since, list] of byWindow) for (const [k, v] of await monitoringRiskFacts(db, list, since)) monitoring.set(k, v);
      const moved: Moved[] = [];
      for (const before of standings) {
        run.recomputed++;
        const rows = recordsOf.get(before.usci) ?? [];
        const unit = unitOf.get(before.usci);
        const agencyId = unit?.agency_id ?? rows.at(-1)?.agency_id;
        if (!agencyId) continue;
        const c = computeFrom(
          {
            usci: before.usci,
            records: rows,
            unit,
            agencyId,
            agencyPath: unit?.agency_path ?? paths.get(agencyId) ?? '',
            policies: await policiesOf(agencyId),
            hazards: hazards.get(before.usci) ?? { open: 0, major: 0 },
            monitoring: monitoring.get(before.usci),
          },
          today,
        );
        const values = standingValues(c, now);
        if (!sameStanding(before, values)) moved.push({ before, values, trigger: triggerOf(before, c, now) });
      }
      for (let i = 0; i < moved.length; i += CHUNK) {
        const chunk = moved.slice(i, i + CHUNK);
        const w = await transact(ctx, systemActor('credit-sweep'), async (trx, audit, emit) => {
          const written = await writeStandings(trx, dialect, chunk);
          const done = chunk.filter((m) => written.has(m.before.usci));
          const history = done.filter((m) => m.before.level !== m.values.level || m.before.blacklisted !== m.values.blacklisted);
          if (history.length)
            await trx
              .insertInto('credit_level_history')
              .values(
                history.map((m) => ({
                  id: uuidv7(now.getTime()),
                  usci: m.before.usci,
                  level_from: m.before.level,
                  level_to: m.values.level,
                  score: m.values.score,
                  blacklisted: m.values.blacklisted,
                  cause: 'sweep',
                  policy_version: m.values.policy_version,
                  at: m.values.computed_at,
                })),
              )
              .execute();
          // Each rewritten standing is an audited change with its before and after, as when a record moves it.
          for (const m of done)
            await audit({
              action: 'credit_standing.recompute',
              outcome: 'success',
              targetType: 'credit_standing',
              targetId: m.before.usci,
              before: { level: m.before.level, score: m.before.score },
              after: { level: m.values.level, score: m.values.score, blacklisted: m.values.blacklisted },
              details: { cause: 'sweep' },
              policyVersion: m.values.policy_version,
            });
          // A unit that became a non-random trigger: supervision opens its inspection task (CRD-02).
          for (const m of done)
            if (m.trigger)
              emit({
                type: INSPECTION_TRIGGERED,
                targetType: 'credit_standing',
                targetId: m.trigger.usci,
                agencyId: m.trigger.agencyId,
                payload: { ...m.trigger },
              });
          // Levels moved: the leaders' distribution recounts these units (MON-02), one event for the chunk.
          const moved = levelsChanged(
            done.map((m) => levelChange(m.before, { ...m.before, ...m.values })),
            null,
          );
          if (moved) emit(moved);
          // Changed meanwhile by a record's own transaction: its standing stays, and that is recorded too.
          for (const m of chunk.filter((x) => !written.has(x.before.usci)))
            await audit({
              action: 'credit_standing.recompute',
              outcome: 'failure',
              targetType: 'credit_standing',
              targetId: m.before.usci,
              details: { cause: 'sweep', reason: 'changed_meanwhile' },
              policyVersion: m.values.policy_version,
            });
          return { written: done.length, changed: done.filter((m) => m.before.level !== m.values.level).length };
        });
        run.written += w.written;
        run.changed += w.changed;
      }
      // A long run keeps its lease; one that lost it (another instance took over) stops where it is.
      if (!(await acquireLease(db, CREDIT_SWEEP_JOB, holder, ctx.now(), LEASE_MS))) break;
    }
    return run;
  } finally {
    await releaseLease(db, CREDIT_SWEEP_JOB, holder);
  }
}

/** Rows per write statement: 14 parameters a row stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function groupBy(records: CreditEvent[]): Map<string, CreditEvent[]> {
  const m = new Map<string, CreditEvent[]>();
  for (const r of records) {
    const xs = m.get(r.usci);
    if (xs) xs.push(r);
    else m.set(r.usci, [r]);
  }
  return m;
}

/**
 * One UPDATE … FROM (VALUES …) for a chunk of standings, each row only where its version is still the one
 * read with the page (compare-and-set); returns the USCIs written. VALUES carry text on PostgreSQL, hence the casts.
 */
async function writeStandings(trx: Executor, dialect: 'sqlite' | 'postgres', chunk: Moved[]): Promise<Set<string>> {
  const pg = dialect === 'postgres';
  const json = pg ? 'jsonb' : 'text';
  const cast: Record<(typeof COLUMNS)[number], string> = {
    agency_id: 'text',
    agency_path: 'text',
    subject_name: 'text',
    score: 'integer',
    level: 'text',
    blacklisted: 'integer',
    explanation_json: json,
    risk_score: 'real',
    risk_level: 'text',
    risk_factors_json: json,
    policy_version: 'text',
    computed_at: 'text',
  };
  const rows = chunk.map((m) => sql`(${sql.join([m.before.usci, m.before.version, ...COLUMNS.map((c) => m.values[c])])})`);
  const names = sql.raw(['usci', 'version', ...COLUMNS].map((c) => `v_${c}`).join(', '));
  const sets = sql.raw(COLUMNS.map((c) => `${c} = CAST(v.v_${c} AS ${cast[c]})`).join(', '));
  const r = await sql<{ usci: string }>`WITH v(${names}) AS (VALUES ${sql.join(rows)})
    UPDATE credit_standings SET ${sets}, version = credit_standings.version + 1
    FROM v WHERE credit_standings.usci = v.v_usci AND credit_standings.version = CAST(v.v_version AS integer)
    RETURNING credit_standings.usci`.execute(trx);
  return new Set(r.rows.map((x) => x.usci));
}

/**
 * The per-unit sweep (one read of each unit's inputs, one transaction per moved unit): the reference the
 * set-based sweep is tested against (same stored standings, same history), and the baseline it is measured
 * against (`max`: the bench times a sample). Not scheduled.
 */
export async function sweepCreditPerUnit(ctx: AppContext, holder: string, batch = 500, max = Number.POSITIVE_INFINITY): Promise<SweepRun> {
  const { db } = ctx.database;
  if (!(await acquireLease(db, CREDIT_SWEEP_JOB, holder, ctx.now(), LEASE_MS))) return { ran: false, recomputed: 0, written: 0, changed: 0 };
  const run: SweepRun = { ran: true, recomputed: 0, written: 0, changed: 0 };
  try {
    let after = '';
    for (;;) {
      const rows = await db.selectFrom('credit_standings').select('usci').where('usci', '>', after).orderBy('usci').limit(batch).execute();
      if (!rows.length) break;
      for (const { usci } of rows) {
        if (run.recomputed >= max) return run;
        run.recomputed++;
        // Read first: an unchanged unit (most of them, most nights) costs no transaction and no record event.
        if (!(await standingStale(db, usci, ctx.now()))) continue;
        const r = await transact(ctx, systemActor('credit-sweep'), async (trx, audit, emit) => {
          const x = await recomputeStanding(trx, usci, ctx.now(), 'sweep', emit);
          // Changed meanwhile by a record's own transaction: nothing left to do, and that is recorded too.
          await audit({
            action: 'credit_standing.recompute',
            outcome: x?.changed ? 'success' : 'failure',
            targetType: 'credit_standing',
            targetId: usci,
            before: x?.before ? { level: x.before.level, score: x.before.score } : undefined,
            after: x ? { level: x.after.level, score: x.after.score, blacklisted: x.after.blacklisted } : undefined,
            details: { cause: 'sweep', ...(x?.changed ? {} : { reason: 'changed_meanwhile' }) },
            policyVersion: x?.after.policy_version ?? null,
          });
          return x;
        });
        if (r?.changed) run.written++;
        if (r?.before && r.before.level !== r.after.level) run.changed++;
      }
      after = rows.at(-1)!.usci;
    }
    return run;
  } finally {
    await releaseLease(db, CREDIT_SWEEP_JOB, holder);
  }
}
