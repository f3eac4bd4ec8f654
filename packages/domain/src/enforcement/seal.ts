import { addDays } from '../dates.ts';

/**
 * 临时查封 (temporary seal, ENF-05) and the party's online requests on it, as pure transition tables.
 *
 * Law (national defaults; the periods are `enforcement.procedure` policy):
 * - 消防法 art. 54: a hazard that may seriously threaten public safety and is not removed in time — the
 *   dangerous part or place shall be sealed temporarily.
 * - 消防监督检查规定 (公安部令第120号) art. 22: the five situations (below); at most 30 days; may be
 *   imposed again if still not remedied. Art. 23: decided collectively (集体研究) with scope, term and
 *   method; the decision served within 3 working days of the inspection; in an emergency sealed on the
 *   head's oral approval, then decided collectively within 24 hours, released at once if not agreed.
 *   Art. 24: the party's request to enter the sealed part to rectify shall be allowed (no production,
 *   business or use there). Art. 25: lifting on the party's application after an inspection.
 * - 行政强制法 art. 18 (two officers), 19 (emergency: approval within 24 h, release if refused), 23 (only the
 *   places involved), 25 (≤ 30 days, extendable once by ≤ 30 days with the head's approval), 28 (release
 *   when the term has expired, among others).
 * - 消防法 art. 70 ¶2: resumption of use after a report and a passed inspection.
 *
 * A seal whose end date has passed must be lifted or newly decided: a seal left in place after its term
 * lost its agency the case in court (上海, 2017–2019); the sweep marks it `expired_unlifted` and alerts.
 */

/** The five situations of 消防监督检查规定 art. 22 ¶1, in the order of the article. */
export const SEAL_SITUATIONS = ['exits_blocked', 'fire_systems_damaged', 'flammables_in_crowded_place', 'combustible_decoration', 'other'] as const;
export type SealSituation = (typeof SEAL_SITUATIONS)[number];
export const SEAL_SITUATION_LABELS: Record<SealSituation, string> = {
  exits_blocked: '疏散通道、安全出口数量不足或者严重堵塞，已不具备安全疏散条件',
  fire_systems_damaged: '建筑消防设施严重损坏，不再具备防火灭火功能',
  flammables_in_crowded_place: '人员密集场所违反消防安全规定，使用、储存易燃易爆危险品',
  combustible_decoration: '公众聚集场所违反消防技术标准，采用易燃、可燃材料装修，可能导致重大人员伤亡',
  other: '其他可能严重威胁公共安全的火灾隐患',
};

export const SEAL_STATUSES = ['proposed', 'emergency', 'in_force', 'expired_unlifted', 'lifted', 'declined'] as const;
export type SealStatus = (typeof SEAL_STATUSES)[number];
export const SEAL_STATUS_LABELS: Record<SealStatus, string> = {
  proposed: '待集体研究决定',
  emergency: '紧急查封，待24小时内确认',
  in_force: '查封中',
  expired_unlifted: '期限届满未解除',
  lifted: '已解除',
  declined: '未决定查封',
};

export type SealAction = 'decide' | 'decline' | 'serve' | 'extend' | 'lift' | 'expire' | 'request';
export const SEAL_ACTION_LABELS: Record<SealAction, string> = {
  decide: '集体研究决定查封',
  decline: '集体研究不同意查封',
  serve: '送达临时查封决定书',
  extend: '延长查封期限',
  lift: '解除查封',
  expire: '期限届满',
  request: '提出申请',
};

const TABLE: Record<SealStatus, Partial<Record<SealAction, SealStatus>>> = {
  proposed: { decide: 'in_force', decline: 'declined' },
  // An emergency seal is in place already: confirmed it stays, not agreed it is released at once (art. 23).
  emergency: { decide: 'in_force', decline: 'lifted', request: 'emergency' },
  in_force: { serve: 'in_force', extend: 'in_force', lift: 'lifted', expire: 'expired_unlifted', request: 'in_force' },
  // After the term only release remains (行政强制法 art. 28 ¶1 (4)); a new seal is a new decision.
  expired_unlifted: { lift: 'lifted', request: 'expired_unlifted' },
  lifted: {},
  declined: {},
};

export class SealTransitionError extends Error {
  constructor(
    readonly from: SealStatus,
    readonly action: SealAction,
  ) {
    super(`临时查封当前状态“${SEAL_STATUS_LABELS[from]}”，不能${SEAL_ACTION_LABELS[action]}`);
  }
}

export function sealTransition(from: SealStatus, action: SealAction): SealStatus {
  const to = TABLE[from]?.[action];
  if (!to) throw new SealTransitionError(from, action);
  return to;
}

export function sealActionsFrom(from: SealStatus): SealAction[] {
  return Object.keys(TABLE[from] ?? {}) as SealAction[];
}

/** The last day of a term of `days` from `startDate` (the first day is not counted: start + days). */
export function sealEndDate(startDate: string, days: number): string {
  return addDays(startDate, days);
}

/**
 * Whether a term or an extension is within the law: a term of 1 … `maxDays`; one extension of 1 … `extensionDays`,
 * decided while the seal is in force and before its end date has passed.
 */
export function sealTermAllowed(days: number, maxDays: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= maxDays;
}
export function sealExtensionAllowed(
  seal: { status: SealStatus; endDate: string | null; extendedDays: number | null },
  days: number,
  extensionDays: number,
  today: string,
): { ok: true } | { ok: false; reason: 'state' | 'once' | 'expired' | 'days' } {
  if (seal.status !== 'in_force' || !seal.endDate) return { ok: false, reason: 'state' };
  if (seal.extendedDays !== null) return { ok: false, reason: 'once' };
  if (today > seal.endDate) return { ok: false, reason: 'expired' };
  if (!Number.isInteger(days) || days < 1 || days > extensionDays) return { ok: false, reason: 'days' };
  return { ok: true };
}

/** A seal in force is expired once its end date is behind today (the end date itself is the last day). */
export function sealExpired(seal: { status: SealStatus; endDate: string | null }, today: string): boolean {
  return seal.status === 'in_force' && seal.endDate !== null && today > seal.endDate;
}

/* ---------------------------------------------------------------------------------------------------------
 * The party's online requests (ENF-05)
 * ------------------------------------------------------------------------------------------------------- */

export const SEAL_REQUEST_KINDS = ['enter', 'lift', 'reinspect', 'resume'] as const;
export type SealRequestKind = (typeof SEAL_REQUEST_KINDS)[number];
export const SEAL_REQUEST_KIND_LABELS: Record<SealRequestKind, string> = {
  enter: '申请进入查封部位整改',
  lift: '整改后申请解除查封',
  reinspect: '再次整改后申请复查',
  resume: '整改后申请恢复使用、生产、经营',
};

export const SEAL_REQUEST_STATUSES = ['submitted', 'inspected', 'decided', 'closed'] as const;
export type SealRequestStatus = (typeof SEAL_REQUEST_STATUSES)[number];
export const SEAL_REQUEST_STATUS_LABELS: Record<SealRequestStatus, string> = {
  submitted: '已提交，待检查',
  inspected: '已检查，待决定',
  decided: '已决定',
  closed: '查封已解除，申请办结',
};

export const SEAL_REQUEST_OUTCOMES = ['allow', 'lift', 'keep'] as const;
export type SealRequestOutcome = (typeof SEAL_REQUEST_OUTCOMES)[number];
export const SEAL_REQUEST_OUTCOME_LABELS: Record<SealRequestOutcome, string> = {
  allow: '同意进入查封部位整改',
  lift: '检查合格，解除查封',
  keep: '检查不合格，继续查封',
};

export type SealRequestAction = 'inspect' | 'decide' | 'close';
const REQUEST_TABLE: Record<SealRequestStatus, Partial<Record<SealRequestAction, SealRequestStatus>>> = {
  // A request to enter is answered without an inspection (it shall be allowed, art. 24); the others are inspected first.
  submitted: { inspect: 'inspected', decide: 'decided', close: 'closed' },
  inspected: { decide: 'decided', close: 'closed' },
  decided: {},
  closed: {},
};

export class SealRequestTransitionError extends Error {
  constructor(
    readonly from: SealRequestStatus,
    readonly action: SealRequestAction,
  ) {
    super(`该申请当前状态“${SEAL_REQUEST_STATUS_LABELS[from]}”，不能办理这一步骤`);
  }
}

/** The next status of a request; `enter` skips the inspection, the others may not. */
export function sealRequestTransition(kind: SealRequestKind, from: SealRequestStatus, action: SealRequestAction): SealRequestStatus {
  if (kind === 'enter' && action === 'inspect') throw new SealRequestTransitionError(from, action);
  if (kind !== 'enter' && from === 'submitted' && action === 'decide') throw new SealRequestTransitionError(from, action);
  const to = REQUEST_TABLE[from]?.[action];
  if (!to) throw new SealRequestTransitionError(from, action);
  return to;
}

/**
 * Whether the party may make a request of this kind now. Entering to rectify is for a seal in force; lifting
 * and resumption for a seal in force or past its term (lifting is then overdue); a re-inspection follows an
 * inspection that found the hazard not removed (the seal was kept). One open request of a kind at a time.
 */
export function sealRequestAllowed(
  kind: SealRequestKind,
  seal: { status: SealStatus },
  requests: ReadonlyArray<{ kind: SealRequestKind; status: SealRequestStatus; outcome: SealRequestOutcome | null }>,
): { ok: true } | { ok: false; reason: 'state' | 'open' | 'no_kept_inspection' } {
  const statuses: SealStatus[] = kind === 'enter' ? ['in_force', 'emergency'] : ['in_force', 'expired_unlifted'];
  if (!statuses.includes(seal.status)) return { ok: false, reason: 'state' };
  if (requests.some((r) => r.kind === kind && (r.status === 'submitted' || r.status === 'inspected'))) return { ok: false, reason: 'open' };
  if (kind === 'reinspect' && !requests.some((r) => r.kind !== 'enter' && r.status === 'decided' && r.outcome === 'keep'))
    return { ok: false, reason: 'no_kept_inspection' };
  return { ok: true };
}

/** The outcomes a decision on a request may take: entry is allowed; otherwise the inspection decides (art. 25). */
export function sealRequestOutcomeAllowed(kind: SealRequestKind, inspectionPassed: boolean | null, outcome: SealRequestOutcome): boolean {
  if (kind === 'enter') return outcome === 'allow';
  if (inspectionPassed === null) return false;
  return inspectionPassed ? outcome === 'lift' : outcome === 'keep';
}
