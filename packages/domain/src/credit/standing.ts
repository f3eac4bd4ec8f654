import type { CreditLevelsPolicy, CreditPublicityPolicy, CreditSanctionsPolicy, CreditSeverity, SamplingFactorsPolicy } from '../policy/kinds.ts';
import type { CreditLevel } from '../supervision/draw.ts';
import type { CreditRecordKind } from './deduction.ts';

/**
 * A unit's credit standing (CRD-01 … CRD-03), a pure function of its records and the policies in force:
 * score, level, serious-dishonesty list and the effects on supervision, each with the records and rules
 * behind it, so every level is explainable and recomputed whenever a record or a policy changes.
 */

/** A record's life: in effect; withdrawn (its decision revoked); corrected (objection upheld); repaired (信用修复). */
export type CreditRecordStatus = 'active' | 'withdrawn' | 'corrected' | 'repaired';

export interface CreditRecordFact {
  id: string;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  points: number;
  /** The day of the finding or decision (YYYY-MM-DD): publicity and the repeat window count from it. */
  on: string;
  status: CreditRecordStatus;
  reason: string;
}

/** Months added to a civil date (the last day of a shorter month when the day does not exist). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The publicity window of a record (CRD-03; 国家发展改革委令第58号, legal-rules §1.10): published from the
 * decision day; repair may be applied for from `repairFrom` (the minimum period elapsed); publication ends
 * by itself on `until` (exclusive: the record is off the portal on that day).
 */
export function publicityWindow(on: string, severity: CreditSeverity, policy: CreditPublicityPolicy): { from: string; repairFrom: string; until: string } {
  const p = policy[severity];
  return { from: on, repairFrom: addMonths(on, p.minMonths), until: addMonths(on, p.maxMonths) };
}

/** Whether a record still counts on `today`: in effect and inside its publicity period. */
export function inEffect(r: CreditRecordFact, today: string, policy: CreditPublicityPolicy): boolean {
  return r.status === 'active' && today < publicityWindow(r.on, r.severity, policy).until;
}

export interface RepairConditions {
  /** 58号令: the dishonest act corrected, the penalty fulfilled, a credit commitment signed. */
  corrected: boolean;
  penaltyFulfilled: boolean;
  commitmentSigned: boolean;
}
export type RepairRefusal = 'not_in_effect' | 'not_deduction' | 'minimum_period' | 'not_corrected' | 'penalty_unfulfilled' | 'no_commitment';

/** Whether a record may be repaired on `today`, and every reason it may not (CRD-03). */
export function repairEligibility(
  r: CreditRecordFact,
  today: string,
  conditions: RepairConditions,
  policy: CreditPublicityPolicy,
): { eligible: boolean; refusals: RepairRefusal[]; repairFrom: string } {
  const w = publicityWindow(r.on, r.severity, policy);
  const refusals: RepairRefusal[] = [];
  if (!inEffect(r, today, policy)) refusals.push('not_in_effect');
  if (r.points >= 0) refusals.push('not_deduction');
  if (today < w.repairFrom) refusals.push('minimum_period');
  if (!conditions.corrected) refusals.push('not_corrected');
  if (!conditions.penaltyFulfilled) refusals.push('penalty_unfulfilled');
  if (!conditions.commitmentSigned) refusals.push('no_commitment');
  return { eligible: refusals.length === 0, refusals, repairFrom: w.repairFrom };
}

export type BlacklistCriterion = 'major_hazard_unrectified' | 'refusal_to_correct' | 'repeat_violations';

export interface CreditStanding {
  score: number;
  level: CreditLevel;
  /** The level the score alone gives (the list forces D). */
  scoreLevel: CreditLevel;
  blacklisted: boolean;
  blacklistReasons: { criterion: BlacklistCriterion; recordIds: string[] }[];
  /** The records that count, with their points: the explanation of the score. */
  counted: { id: string; kind: CreditRecordKind; points: number; reason: string; until: string }[];
  /** The band rule applied, e.g. "A级：≥ 90 分". */
  rule: string;
}

export function levelOfScore(score: number, bands: CreditLevelsPolicy['bands']): CreditLevel {
  return score >= bands.A ? 'A' : score >= bands.B ? 'B' : score >= bands.C ? 'C' : 'D';
}

function bandRule(level: CreditLevel, bands: CreditLevelsPolicy['bands']): string {
  if (level === 'A') return `A级：${bands.A} 分及以上`;
  if (level === 'B') return `B级：${bands.B}–${bands.A - 1} 分`;
  if (level === 'C') return `C级：${bands.C}–${bands.B - 1} 分`;
  return `D级：${bands.C} 分以下`;
}

export function creditStanding(
  records: readonly CreditRecordFact[],
  today: string,
  policies: { levels: CreditLevelsPolicy; sanctions: CreditSanctionsPolicy; publicity: CreditPublicityPolicy },
): CreditStanding {
  const { levels, sanctions, publicity } = policies;
  const live = records.filter((r) => inEffect(r, today, publicity)).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1));
  const score = live.reduce((s, r) => s + r.points, levels.baseScore);
  const scoreLevel = levelOfScore(score, levels.bands);
  const reasons: CreditStanding['blacklistReasons'] = [];
  const bl = sanctions.blacklist;
  // A major hazard not rectified by its deadline is an overdue order of serious severity (it listed a major hazard).
  const unrectified = live.filter((r) => r.kind === 'order_overdue' && r.severity === 'serious');
  if (bl.majorHazardUnrectified && unrectified.length) reasons.push({ criterion: 'major_hazard_unrectified', recordIds: unrectified.map((r) => r.id) });
  const refused = live.filter((r) => r.kind === 'order_refused');
  if (bl.refusalToCorrect && refused.length) reasons.push({ criterion: 'refusal_to_correct', recordIds: refused.map((r) => r.id) });
  const windowStart = addMonths(today, -bl.repeatViolations.months);
  const repeats = live.filter((r) => r.kind === 'penalty' && r.on > windowStart);
  if (repeats.length >= bl.repeatViolations.count) reasons.push({ criterion: 'repeat_violations', recordIds: repeats.map((r) => r.id) });
  const blacklisted = reasons.length > 0;
  const level: CreditLevel = blacklisted ? 'D' : scoreLevel;
  return {
    score,
    level,
    scoreLevel,
    blacklisted,
    blacklistReasons: reasons,
    counted: live.map((r) => ({ id: r.id, kind: r.kind, points: r.points, reason: r.reason, until: publicityWindow(r.on, r.severity, publicity).until })),
    rule: blacklisted ? '列入严重失信主体名单：D级' : bandRule(level, levels.bands),
  };
}

/**
 * The effect of a level on supervision (CRD-02, SUP-04): the factor by which the level moves the unit's
 * stratum rate (the sampling-factors policy), and whether the unit is inspected as a non-random trigger.
 */
export function creditEffects(
  level: CreditLevel,
  blacklisted: boolean,
  factors: SamplingFactorsPolicy,
  sanctions: CreditSanctionsPolicy,
): { stratumRateFactor: number; blacklisted: boolean; nonRandomTrigger: boolean } {
  return { stratumRateFactor: factors.credit[level], blacklisted, nonRandomTrigger: blacklisted || sanctions.triggerLevels.includes(level) };
}

/** A decided penalty's severity for credit (CRD-01): a fine at or above the policy's threshold is serious; a warning is general. */
export function penaltySeverity(outcome: string, fineYuan: number | null, policy: CreditPublicityPolicy): CreditSeverity {
  return outcome === 'fine' && (fineYuan ?? 0) >= policy.seriousFineYuan ? 'serious' : 'general';
}
