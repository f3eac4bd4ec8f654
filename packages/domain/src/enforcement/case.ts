/**
 * The penalty case (行政处罚案件, ENF-01/ENF-04) as a state machine: a pure transition table, like the
 * application's. Guards that depend on data (a hearing only where the decision is hearing-eligible, legal
 * review where policy requires it, two certified officers) are checked by the use cases; the table says
 * only which step may follow which. An action not allowed in the current state is a 409.
 *
 * Paths (行政处罚法 2021): 简易程序 — decided on the spot (art. 51: a warning, or a fine ≤ 200 CNY for a
 * person / ≤ 3,000 CNY for an organisation); 普通程序 — filed, investigated, prior notice (arts 44, 62),
 * hearing on request (arts 63–64), legal review (art. 58), collective discussion (art. 57), decision (art.
 * 59–60), service (art. 61); 快速办理 — the ordinary steps with shorter clocks (policy).
 */
export const CASE_PROCEDURES = ['on_the_spot', 'ordinary', 'fast_track'] as const;
export type CaseProcedure = (typeof CASE_PROCEDURES)[number];
export const CASE_PROCEDURE_LABELS: Record<CaseProcedure, string> = { on_the_spot: '简易程序（当场处罚）', ordinary: '普通程序', fast_track: '快速办理' };

export const CASE_STATUSES = [
  'referred',
  'investigating',
  'notice_served',
  'hearing_requested',
  'hearing_scheduled',
  'heard',
  'legal_review',
  'awaiting_decision',
  'decided',
  'served',
  'closed',
  'not_filed',
  'transferred',
  'revoked',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  referred: '待立案审批',
  investigating: '已立案，调查取证中',
  notice_served: '已告知，待陈述申辩',
  hearing_requested: '已申请听证',
  hearing_scheduled: '已通知听证，待举行',
  heard: '已听证',
  legal_review: '法制审核中',
  awaiting_decision: '待审批决定',
  decided: '已决定，待送达',
  served: '已送达，执行中',
  closed: '已结案',
  not_filed: '不予立案',
  transferred: '已移送',
  revoked: '决定已撤销',
};

export type CaseAction =
  | 'file'
  | 'decline_filing'
  | 'transfer'
  | 'decide_on_the_spot'
  | 'serve_notice'
  | 'request_hearing'
  | 'schedule_hearing'
  | 'record_hearing'
  | 'submit_review'
  | 'review_pass'
  | 'review_return'
  | 'submit_decision'
  | 'decide'
  | 'serve_decision'
  | 'close'
  | 'revoke';

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  file: '立案',
  decline_filing: '不予立案',
  transfer: '移送（公安机关或者其他有权机关）',
  decide_on_the_spot: '当场作出处罚决定',
  serve_notice: '送达行政处罚告知书',
  request_hearing: '申请听证',
  schedule_hearing: '安排听证并送达听证通知书',
  record_hearing: '记录听证',
  submit_review: '提交法制审核',
  review_pass: '法制审核通过',
  review_return: '法制审核退回',
  submit_decision: '提请审批',
  decide: '作出处罚决定',
  serve_decision: '送达决定书',
  close: '结案',
  revoke: '撤销决定',
};

const TABLE: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  referred: { file: 'investigating', decline_filing: 'not_filed', transfer: 'transferred' },
  investigating: { serve_notice: 'notice_served', decide_on_the_spot: 'decided', transfer: 'transferred' },
  // The party's statement and defence are recorded on the case without changing its step (art. 45).
  notice_served: { request_hearing: 'hearing_requested', submit_review: 'legal_review', submit_decision: 'awaiting_decision' },
  // The hearing is scheduled and the party notified at least 7 days before it (art. 64 (2)); a new date is a new notice.
  hearing_requested: { schedule_hearing: 'hearing_scheduled' },
  hearing_scheduled: { schedule_hearing: 'hearing_scheduled', record_hearing: 'heard' },
  heard: { submit_review: 'legal_review', submit_decision: 'awaiting_decision' },
  // Returned by the reviewer, the case goes back to investigation; a new prior notice follows if the facts change.
  legal_review: { review_pass: 'awaiting_decision', review_return: 'investigating' },
  awaiting_decision: { decide: 'decided', submit_review: 'legal_review' },
  decided: { serve_decision: 'served', revoke: 'revoked' },
  served: { close: 'closed', revoke: 'revoked' },
  closed: { revoke: 'revoked' },
  not_filed: {},
  transferred: {},
  revoked: {},
};

export class CaseTransitionError extends Error {
  constructor(
    readonly from: CaseStatus,
    readonly action: CaseAction,
  ) {
    super(`案件当前状态“${CASE_STATUS_LABELS[from]}”不能“${CASE_ACTION_LABELS[action]}”`);
  }
}

/** The status after `action`, or a CaseTransitionError. */
export function caseTransition(from: CaseStatus, action: CaseAction): CaseStatus {
  const to = TABLE[from][action];
  if (!to) throw new CaseTransitionError(from, action);
  return to;
}

export function caseActionsFrom(from: CaseStatus): CaseAction[] {
  return Object.keys(TABLE[from]) as CaseAction[];
}

/**
 * 简易程序 (行政处罚法 art. 51): facts conclusive, and a warning or a fine of at most 200 CNY (person) /
 * 3,000 CNY (organisation). The ceilings are policy (`limits`) because the law may change them.
 */
export function onTheSpotAllowed(
  limits: { personMaxFine: number; unitMaxFine: number },
  partyKind: 'unit' | 'person',
  outcome: { kind: 'warning' } | { kind: 'fine'; amount: number },
): boolean {
  if (outcome.kind === 'warning') return true;
  return outcome.amount <= (partyKind === 'unit' ? limits.unitMaxFine : limits.personMaxFine);
}

/**
 * Whether the party must be told of the right to a hearing (行政处罚法 art. 63): a large fine (thresholds are
 * policy; national default person ≥ 2,000 / unit ≥ 30,000 CNY, to confirm), 责令停产停业 / 停止使用, or revocation.
 */
export function hearingEligible(
  thresholds: { personFine: number; unitFine: number },
  partyKind: 'unit' | 'person',
  proposed: { fine?: number; suspension?: boolean; revocation?: boolean },
): boolean {
  if (proposed.suspension || proposed.revocation) return true;
  if (proposed.fine === undefined) return false;
  return proposed.fine >= (partyKind === 'unit' ? thresholds.unitFine : thresholds.personFine);
}

/**
 * 回避 (ENF-08; 行政处罚法 art. 43): a party who thinks an officer has a direct interest in the case may ask that
 * the officer withdraw; the head decides, and the investigation is not stopped meanwhile (¶3). A request is
 * possible while the case is being handled — from filing until the decision is made.
 */
export const RECUSAL_STATUS_LABELS: Record<'requested' | 'granted' | 'refused', string> = {
  requested: '待负责人决定',
  granted: '决定回避',
  refused: '决定不予回避',
};
const RECUSAL_OPEN: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'referred',
  'investigating',
  'notice_served',
  'hearing_requested',
  'hearing_scheduled',
  'heard',
  'legal_review',
  'awaiting_decision',
]);
export function recusalOpen(status: CaseStatus): boolean {
  return RECUSAL_OPEN.has(status);
}

/**
 * 快速办理 (ENF-01): a case outside the on-the-spot limits whose facts are clear, whose party applies in writing,
 * admits the violation and accepts the penalty and does not dispute the facts or the law, may be handled with
 * simplified evidence and approval (《消防救援机构办理行政案件程序规定》, 快速办理一节; 条文待核实). Never for a
 * party who is blind, deaf, mute, a minor or suspected mentally ill, nor where a hearing must be offered (行政处罚法
 * art. 63); the fine intended stays below the policy's limits (default: the hearing thresholds, 待确认). The
 * answer is the first condition not met, with the field it concerns and the reason in words, or null.
 */
export function fastTrackRefusal(
  limits: { personFineBelow: number; unitFineBelow: number },
  partyKind: 'unit' | 'person',
  input: { factsClear: boolean; partyAdmits: boolean; noObjection: boolean; vulnerableParty: boolean; hearingEligible: boolean; fine: number | null },
): { field: string; message: string } | null {
  const basis = '（《消防救援机构办理行政案件程序规定》快速办理的规定，条文待核实）';
  if (!input.factsClear) return { field: 'fastTrack.factsClear', message: `事实清楚的案件方可快速办理${basis}` };
  if (!input.partyAdmits) return { field: 'fastTrack.partyAdmits', message: `当事人书面申请、自愿认错认罚的方可快速办理${basis}` };
  if (!input.noObjection) return { field: 'fastTrack.noObjection', message: `当事人对违法事实和法律适用没有异议的方可快速办理${basis}` };
  if (input.vulnerableParty) return { field: 'fastTrack.vulnerableParty', message: `当事人系盲、聋、哑人，未成年人或者疑似精神病人的，不适用快速办理${basis}` };
  if (input.hearingEligible) return { field: 'fine', message: '依法应当告知听证权利的案件不适用快速办理（行政处罚法第六十三条），请按普通程序办理' };
  const below = partyKind === 'unit' ? limits.unitFineBelow : limits.personFineBelow;
  if (input.fine !== null && input.fine >= below)
    return { field: 'fine', message: `快速办理的案件拟罚款应低于 ${below} 元（本地政策，待确认），请按普通程序办理` };
  return null;
}
