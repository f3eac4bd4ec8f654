import { isDeepStrictEqual } from 'node:util';
import {
  BLACKLIST_CRITERION_LABELS,
  type CreditLevel,
  type CreditRecordFact,
  type CreditStanding,
  chinaDateOf,
  creditStanding,
  isPersonSubject,
  type RiskScore,
  riskScore,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { CreditEvent, CreditStandingRow } from '../../db/schema/credit.ts';
import type { UnitTable } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { DomainEventInput } from '../../platform/events/outbox.ts';
import type { Emit } from '../../platform/transact.ts';
import { type MonitoringRiskFacts, monitoringRiskFacts } from '../monitoring/index.ts';
import { openHazardCounts } from '../supervision/index.ts';
import { unitByUsci } from '../units/index.ts';
import { RISK_FACTORS, STANDING_EXPLANATION } from './credit.columns.ts';
import { type CreditPolicies, creditPolicies } from './credit.policy.ts';
import { CREDIT_LEVEL_CHANGED, type CreditLevelChange, type CreditLevelChanged, INSPECTION_TRIGGERED, type InspectionTriggered } from './events.ts';

/** A stored record as the domain reads it. */
export function recordFact(e: CreditEvent): CreditRecordFact {
  return {
    id: e.id,
    kind: e.kind as CreditRecordFact['kind'],
    severity: e.severity,
    points: e.points,
    on: e.on_date ?? chinaDateOf(e.occurred_at),
    status: e.status,
    reason: e.reason,
  };
}

export const recordsOf = (db: Executor, usci: string) =>
  db.selectFrom('credit_events').selectAll().where('usci', '=', usci).orderBy('occurred_at').orderBy('id').execute();

const addMonthsIso = (date: string, months: number) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + months;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}${date.slice(7)}`;
};

export interface Computed {
  usci: string;
  standing: CreditStanding;
  risk: RiskScore;
  policies: CreditPolicies;
  agencyId: string;
  agencyPath: string;
  subjectName: string;
}

/** What a unit's standing is computed from, read either one unit at a time or a page of units at once (the sweep). */
export interface StandingInputs {
  usci: string;
  records: CreditEvent[];
  unit: UnitTable | undefined;
  agencyId: string;
  agencyPath: string;
  policies: CreditPolicies;
  hazards: { open: number; major: number };
  /** Remote-monitoring alarms, faults and offline devices in the policy's window (none without devices). */
  monitoring?: MonitoringRiskFacts | undefined;
}

/**
 * The standing and risk of a unit from its inputs (no reads): the one computation both the per-unit path
 * (a record's own transaction) and the set-based nightly sweep run, so both store the same values.
 */
export function computeFrom(i: StandingInputs, today: string): Computed {
  const { records: rows, unit, policies } = i;
  const standing = creditStanding(rows.map(recordFact), today, policies);
  const twoYearsAgo = addMonthsIso(today, -24);
  const risk = riskScore(
    {
      venueKind: unit?.venue_kind ?? null,
      floorArea: unit?.floor_area ?? null,
      keyUnit: unit?.key_unit === 1,
      openHazards: i.hazards.open,
      majorHazards: i.hazards.major,
      penalties: rows.filter((r) => r.kind === 'penalty' && r.status === 'active' && (r.on_date ?? '') > twoYearsAgo).length,
      fireInTwoYears: !!unit?.last_fire_on && unit.last_fire_on > twoYearsAgo,
      creditLevel: standing.level,
      monitoring: i.monitoring,
    },
    policies.risk,
  );
  return {
    usci: i.usci,
    standing,
    risk,
    policies,
    agencyId: i.agencyId,
    agencyPath: i.agencyPath,
    subjectName: unit?.name ?? rows.at(-1)?.subject_name ?? i.usci,
  };
}

/** The start of the risk model's remote-monitoring window. */
export function monitoringSince(now: Date, policies: CreditPolicies): string {
  return new Date(now.getTime() - policies.risk.monitoring.windowDays * 86_400_000).toISOString();
}

/** The stored columns of a computed standing (everything but the key and the version). */
export function standingValues(c: Computed, now: Date) {
  return {
    agency_id: c.agencyId,
    agency_path: c.agencyPath,
    subject_name: c.subjectName,
    score: c.standing.score,
    level: c.standing.level,
    blacklisted: c.standing.blacklisted ? 1 : 0,
    explanation_json: STANDING_EXPLANATION.encode({
      rule: c.standing.rule,
      scoreLevel: c.standing.scoreLevel,
      blacklistReasons: c.standing.blacklistReasons,
      counted: c.standing.counted.map((x) => x.id),
    }),
    risk_score: c.risk.score,
    risk_level: c.risk.level,
    risk_factors_json: RISK_FACTORS.encode(c.risk.factors),
    policy_version: c.policies.versionKey,
    computed_at: now.toISOString(),
  };
}

/**
 * Computes a unit's standing and risk from its records, its directory facts and the policies in force for
 * its agency today. A subject not (yet) in the directory is judged under the agency of its latest record.
 */
export async function computeStanding(db: Executor, usci: string, now: Date, records?: CreditEvent[]): Promise<Computed | null> {
  const rows = records ?? (await recordsOf(db, usci));
  const unit = await unitByUsci(db, usci, null);
  const last = rows.at(-1);
  const agencyId = unit?.agency_id ?? last?.agency_id;
  if (!agencyId) return null;
  const today = chinaDateOf(now);
  const policies = await creditPolicies(db, agencyId, today);
  const agency = await db.selectFrom('agencies').select(['path']).where('id', '=', agencyId).executeTakeFirstOrThrow();
  const hazards = await openHazardCounts(db, usci);
  const monitoring = (await monitoringRiskFacts(db, [usci], monitoringSince(now, policies))).get(usci);
  return computeFrom({ usci, records: rows, unit, agencyId, agencyPath: unit?.agency_path ?? agency.path, policies, hazards, monitoring }, today);
}

const COMPARED = [
  'score',
  'level',
  'blacklisted',
  'explanation_json',
  'risk_score',
  'risk_level',
  'risk_factors_json',
  'policy_version',
  'agency_path',
  'subject_name',
] as const;
/**
 * Whether two standings hold the same values. JSON columns are compared decoded: PostgreSQL's jsonb gives its
 * own text back (spaces, key order), so a text comparison rewrote every standing every night there.
 */
export function sameStanding(a: Pick<CreditStandingRow, (typeof COMPARED)[number]>, b: Pick<CreditStandingRow, (typeof COMPARED)[number]>): boolean {
  // Equal text is equal JSON (SQLite, usually): decoding is only for text that differs.
  return COMPARED.every((k) =>
    String(a[k]) === String(b[k])
      ? true
      : k === 'explanation_json'
        ? isDeepStrictEqual(STANDING_EXPLANATION.decode(a[k]), STANDING_EXPLANATION.decode(b[k]))
        : k === 'risk_factors_json'
          ? isDeepStrictEqual(RISK_FACTORS.decode(a[k]), RISK_FACTORS.decode(b[k]))
          : false,
  );
}

/** Whether a unit's stored standing differs from what today's records, facts and policies give (read only: the sweep's test). */
export async function standingStale(db: Executor, usci: string, now: Date): Promise<boolean> {
  const before = await db.selectFrom('credit_standings').selectAll().where('usci', '=', usci).executeTakeFirst();
  const c = await computeStanding(db, usci, now);
  if (!before || !c) return !!c;
  return !sameStanding(before, standingValues(c, now));
}

/**
 * Recomputes and stores a unit's standing inside the caller's transaction (compare-and-set on the row's
 * version: a writer that lost the race gets CREDIT.CONFLICT and its transaction rolls back). A change of
 * level is kept in the level history with its cause.
 */
export async function recomputeStanding(
  trx: Executor,
  usci: string,
  now: Date,
  cause: string,
  emit?: Emit,
): Promise<{ before: CreditStandingRow | undefined; after: CreditStandingRow; changed: boolean } | null> {
  const c = await computeStanding(trx, usci, now);
  if (!c) return null;
  const before = await trx.selectFrom('credit_standings').selectAll().where('usci', '=', usci).executeTakeFirst();
  const nowIso = now.toISOString();
  const values = standingValues(c, now);
  let after: CreditStandingRow;
  // Nothing moved (the nightly sweep over an unchanged unit): no write.
  if (before && sameStanding(before, values)) return { before, after: before, changed: false };
  if (before) {
    const r = await trx
      .updateTable('credit_standings')
      .set({ ...values, version: before.version + 1 })
      .where('usci', '=', usci)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CREDIT.CONFLICT', '该单位的信用状况正在被他人更新，请稍后重试');
    after = { ...before, ...values, version: before.version + 1 };
  } else {
    after = { usci, ...values, version: 0 };
    const r = await trx
      .insertInto('credit_standings')
      .values(after)
      .onConflict((oc) => oc.column('usci').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('CREDIT.CONFLICT', '该单位的信用状况正在被他人更新，请稍后重试');
  }
  if (emit) {
    emitTrigger(emit, before, c, now);
    const moved = levelsChanged([levelChange(before, after)], after.agency_id);
    if (moved) emit(moved);
  }
  if (!before || before.level !== after.level || before.blacklisted !== after.blacklisted)
    await trx
      .insertInto('credit_level_history')
      .values({
        id: uuidv7(now.getTime()),
        usci,
        level_from: before?.level ?? null,
        level_to: after.level,
        score: after.score,
        blacklisted: after.blacklisted,
        cause,
        policy_version: after.policy_version,
        at: nowIso,
      })
      .execute();
  return { before, after, changed: true };
}

/**
 * What the random draw reads of credit (SUP-04, CRD-02): the credit level and risk level of each unit with a
 * standing under an agency path, and whether it is a non-random trigger (on the list or at a trigger level).
 */
export async function drawStandings(
  db: Executor,
  agencyPath: string,
): Promise<Map<string, { creditLevel: CreditLevel; riskLevel: 'low' | 'medium' | 'high'; blacklisted: boolean }>> {
  const rows = await db
    .selectFrom('credit_standings')
    .select(['usci', 'level', 'risk_level', 'blacklisted'])
    .where('agency_path', 'like', `${agencyPath}%`)
    .execute();
  return new Map(rows.map((r) => [r.usci, { creditLevel: r.level, riskLevel: r.risk_level, blacklisted: r.blacklisted === 1 }]));
}

/** Whether a stored standing is a non-random trigger under the sanctions policy (CRD-02). */
export function isTrigger(s: Pick<CreditStandingRow, 'level' | 'blacklisted'>, policies: CreditPolicies): boolean {
  return s.blacklisted === 1 || policies.sanctions.triggerLevels.includes(s.level);
}

/**
 * The trigger a computed standing raises (CRD-02): null unless it is on the list or at a trigger level and the
 * standing before was not; the reason names the list criteria or the level, in Chinese.
 */
export function triggerOf(before: Pick<CreditStandingRow, 'level' | 'blacklisted'> | undefined, c: Computed, now: Date): InspectionTriggered | null {
  const after = { level: c.standing.level, blacklisted: c.standing.blacklisted ? 1 : 0 };
  // A person (an engineer) is no unit to inspect: no supervision trigger.
  if (isPersonSubject(c.usci)) return null;
  if (!isTrigger(after, c.policies) || (before && isTrigger(before, c.policies))) return null;
  const reason = c.standing.blacklisted
    ? `列入严重失信主体名单（${c.standing.blacklistReasons.map((r) => BLACKLIST_CRITERION_LABELS[r.criterion]).join('；')}），作为非随机触发对象实施检查`
    : `信用等级为${c.standing.level}级（失信），作为非随机触发对象实施检查`;
  return {
    usci: c.usci,
    agencyId: c.agencyId,
    period: chinaDateOf(now).slice(0, 4),
    level: c.standing.level,
    blacklisted: c.standing.blacklisted,
    reason,
  };
}

/** The change of levels of a standing written (null when neither level moved, or for a person). */
export function levelChange(
  before: Pick<CreditStandingRow, 'level' | 'risk_level'> | undefined,
  after: Pick<CreditStandingRow, 'usci' | 'agency_path' | 'level' | 'risk_level'>,
): CreditLevelChange | null {
  if (isPersonSubject(after.usci)) return null;
  if (before && before.level === after.level && before.risk_level === after.risk_level) return null;
  return {
    usci: after.usci,
    agencyPath: after.agency_path,
    levelFrom: before?.level ?? null,
    levelTo: after.level,
    riskFrom: before?.risk_level ?? null,
    riskTo: after.risk_level,
  };
}

/** The CREDIT_LEVEL_CHANGED event of the standings one transaction wrote (null when no level moved). */
export function levelsChanged(changes: (CreditLevelChange | null)[], agencyId: string | null): DomainEventInput | null {
  const units = changes.filter((c): c is CreditLevelChange => c !== null);
  if (!units.length) return null;
  const payload: CreditLevelChanged = { units };
  return { type: CREDIT_LEVEL_CHANGED, targetType: 'credit_standing', targetId: units[0]!.usci, agencyId, payload: { ...payload } };
}

function emitTrigger(emit: Emit, before: CreditStandingRow | undefined, c: Computed, now: Date): void {
  const t = triggerOf(before, c, now);
  if (t) emit({ type: INSPECTION_TRIGGERED, targetType: 'credit_standing', targetId: t.usci, agencyId: t.agencyId, payload: { ...t } });
}
