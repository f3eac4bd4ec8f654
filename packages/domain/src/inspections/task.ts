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
