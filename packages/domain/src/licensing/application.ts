/**
 * The opening-permit application (LIC-01 … LIC-06) as a state machine: a pure transition table. An
 * action not allowed in the current state is refused (the API answers 409 LICENSING.ILLEGAL_TRANSITION).
 */
export const LICENSING_PATHS = ['commitment', 'inspection'] as const;
export type LicensingPath = (typeof LICENSING_PATHS)[number];

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'correction_requested',
  'rejected',
  'accepted',
  'inspecting',
  'legal_review',
  'awaiting_decision',
  'granted',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '待受理',
  correction_requested: '待补正（已一次性告知）',
  rejected: '不予受理',
  accepted: '已受理，待现场检查',
  inspecting: '现场检查中',
  legal_review: '法制审核中',
  awaiting_decision: '待审批决定',
  granted: '准予许可',
  refused: '不予许可',
  withdrawn: '已撤回',
};

export type ApplicationAction =
  | 'submit'
  | 'issue_notice'
  | 'resubmit'
  | 'reject_at_intake'
  | 'accept'
  | 'assign_inspection'
  | 'record_inspection'
  | 'legal_review_pass'
  | 'legal_review_return'
  | 'decide'
  | 'withdraw';

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  issue_notice: '一次性告知补正',
  resubmit: '补正后重新提交',
  reject_at_intake: '不予受理',
  accept: '受理',
  assign_inspection: '指派检查人员',
  record_inspection: '录入现场检查结果',
  legal_review_pass: '法制审核通过',
  legal_review_return: '法制审核退回',
  decide: '作出许可决定',
  withdraw: '撤回申请',
};

const TABLE: Record<ApplicationStatus, Partial<Record<ApplicationAction, ApplicationStatus>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { issue_notice: 'correction_requested', reject_at_intake: 'rejected', accept: 'accepted', withdraw: 'withdrawn' },
  correction_requested: { resubmit: 'submitted', reject_at_intake: 'rejected', withdraw: 'withdrawn' },
  accepted: { assign_inspection: 'inspecting', withdraw: 'withdrawn' },
  inspecting: { assign_inspection: 'inspecting', record_inspection: 'awaiting_decision', withdraw: 'withdrawn' },
  legal_review: { legal_review_pass: 'awaiting_decision', legal_review_return: 'inspecting' },
  awaiting_decision: { decide: 'granted' },
  rejected: {},
  granted: {},
  refused: {},
  withdrawn: {},
};

export class ApplicationTransitionError extends Error {
  constructor(
    readonly from: ApplicationStatus,
    readonly action: ApplicationAction,
  ) {
    super(`application cannot ${action} while ${from}`);
  }
}

/**
 * The state after an action. Paths differ in two places: on the commitment path acceptance grants at
 * once (LIC-03); after the on-site check the file goes to legal review when the policy requires it,
 * and a decision is a grant or a refusal.
 */
export function nextApplicationStatus(
  from: ApplicationStatus,
  action: ApplicationAction,
  ctx: { path: LicensingPath; legalReviewRequired?: boolean; grant?: boolean } = { path: 'inspection' },
): ApplicationStatus {
  const to = TABLE[from][action];
  if (!to) throw new ApplicationTransitionError(from, action);
  if (action === 'accept' && ctx.path === 'commitment') return 'granted';
  if (action === 'assign_inspection' && ctx.path === 'commitment') throw new ApplicationTransitionError(from, action);
  if (action === 'record_inspection' && ctx.legalReviewRequired) return 'legal_review';
  if (action === 'decide') return ctx.grant === false ? 'refused' : 'granted';
  return to;
}

export function allowedActions(from: ApplicationStatus, path: LicensingPath): ApplicationAction[] {
  return (Object.keys(TABLE[from]) as ApplicationAction[]).filter((a) => !(a === 'assign_inspection' && path === 'commitment'));
}

/** Diagram of the table (Mermaid), for the docs. */
export function applicationStateDiagram(): string {
  const lines = ['stateDiagram-v2'];
  for (const [from, actions] of Object.entries(TABLE)) {
    for (const [action, to] of Object.entries(actions)) lines.push(`  ${from} --> ${to}: ${action}`);
  }
  lines.push(
    '  submitted --> granted: accept (commitment path)',
    '  inspecting --> legal_review: record_inspection (legal review required)',
    '  awaiting_decision --> refused: decide (refuse)',
  );
  return lines.join('\n');
}
