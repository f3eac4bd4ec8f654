import type { Insertable, Selectable } from 'kysely';

// The inspectors of an inspection task (features/inspections). Conventions: see ../schema.ts.

export interface InspectionTaskInspectorTable {
  task_id: string;
  user_id: string;
  /** 1 and 2: the order in which the task names them (the first signs first). */
  position: number;
}
export type InspectionTaskInspector = Selectable<InspectionTaskInspectorTable>;
export type NewInspectionTaskInspector = Insertable<InspectionTaskInspectorTable>;

export interface InspectionsTables {
  inspection_task_inspectors: InspectionTaskInspectorTable;
}
