/**
 * An inspection task (opening check, commitment verification, random, triggered or re-inspection) as a
 * pure transition table. A task is created unassigned or already assigned to its two inspectors
 * (双人执法); it is done once its record is entered, or cancelled (e.g. the order it re-inspects was
 * escalated). An action not allowed in the current state is refused (the API answers 409).
 */
export const TASK_STATUSES = ['unassigned', 'assigned', 'done', 'cancelled'] as const;
export type InspectionTaskStatus = (typeof TASK_STATUSES)[number];

export type InspectionTaskAction = 'assign' | 'save_draft' | 'record' | 'cancel';

export const TASK_STATUS_LABELS: Record<InspectionTaskStatus, string> = {
  unassigned: '待指派',
  assigned: '已指派，待检查',
  done: '已完成',
  cancelled: '已取消',
};

/** Why a task exists (its purpose), as the task lists and exports show it. */
export const TASK_PURPOSES = [
  'opening_check',
  'commitment_verification',
  'random',
  'complaint',
  'superior_order',
  'dishonest',
  'monitoring_alert',
  're_inspection',
  'seal_check',
] as const;
export type InspectionTaskPurpose = (typeof TASK_PURPOSES)[number];
export const TASK_PURPOSE_LABELS: Record<InspectionTaskPurpose, string> = {
  opening_check: '营业前现场检查',
  commitment_verification: '告知承诺许可后核查',
  random: '双随机抽查',
  complaint: '举报投诉核查',
  superior_order: '上级交办',
  dishonest: '严重失信单位检查',
  // A unit whose remote-monitoring alarms, faults or silent device pass the policy's thresholds (MON-01, SUP-06).
  monitoring_alert: '远程监控异常检查',
  re_inspection: '整改复查',
  // A seal's requests (ENF-05): entering to rectify, lifting, re-inspection, resumption — recorded on the seal.
  seal_check: '临时查封申请核查',
};

const TABLE: Record<InspectionTaskStatus, Partial<Record<InspectionTaskAction, InspectionTaskStatus>>> = {
  unassigned: { assign: 'assigned', cancel: 'cancelled' },
  // Reassignment keeps the task assigned; a draft changes nothing but the draft.
  assigned: { assign: 'assigned', save_draft: 'assigned', record: 'done', cancel: 'cancelled' },
  done: {},
  cancelled: {},
};

export class TaskTransitionError extends Error {
  constructor(
    readonly from: InspectionTaskStatus,
    readonly action: InspectionTaskAction,
  ) {
    super(`inspection task cannot ${action} while ${from}`);
  }
}

export function nextTaskStatus(from: InspectionTaskStatus, action: InspectionTaskAction): InspectionTaskStatus {
  const to = TABLE[from][action];
  if (!to) throw new TaskTransitionError(from, action);
  return to;
}

/** The states an action may start from: the `expected` of a compare-and-set update. */
export function taskStatesFor(action: InspectionTaskAction): InspectionTaskStatus[] {
  return TASK_STATUSES.filter((s) => TABLE[s][action] !== undefined);
}
