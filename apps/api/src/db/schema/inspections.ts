import type { Insertable, Selectable } from 'kysely';

// The inspectors of an inspection task and the task counts (features/inspections). Conventions: see ../schema.ts.

export interface InspectionTaskInspectorTable {
  task_id: string;
  user_id: string;
  /** 1 and 2: the order in which the task names them (the first signs first). */
  position: number;
}
export type InspectionTaskInspector = Selectable<InspectionTaskInspectorTable>;
export type NewInspectionTaskInspector = Insertable<InspectionTaskInspectorTable>;

/**
 * How many inspection tasks an agency has of each purpose, status and result (result '' while none):
 * written in the transaction of every task insert and status/result change (inspections.repository.ts),
 * so that figures sum a few rows per agency instead of scanning the tasks.
 */
export interface InspectionTaskRollupTable {
  agency_path: string;
  agency_id: string;
  purpose: string;
  status: string;
  result: string;
  n: number;
}

export interface InspectionsTables {
  inspection_task_inspectors: InspectionTaskInspectorTable;
  inspection_task_rollups: InspectionTaskRollupTable;
}
