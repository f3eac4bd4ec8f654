import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Inspection tasks: created by the permit flow and by supervision (features/tasks.ts builds them). Conventions: see ../schema.ts.

export interface InspectionTaskTable {
  id: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  purpose:
    | 'opening_check'
    | 'commitment_verification'
    | 'random'
    | 'complaint'
    | 'superior_order'
    | 'dishonest'
    | 'monitoring_alert'
    | 're_inspection'
    | 'seal_check';
  application_id: string | null;
  licence_id: string | null;
  usci: string;
  subject_name: string;
  venue_address: string;
  status: 'unassigned' | 'assigned' | 'done' | 'cancelled';
  inspector_ids_json: string;
  appointment_at: string | null;
  off_hours: number;
  checklist_json: string | null;
  result: string | null;
  findings: string | null;
  clock_id: string | null;
  policy_version: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  plan_id: string | null;
  unit_id: string | null;
  trigger_reason: string | null;
  mode: 'onsite' | 'remote' | null;
  signatures_json: string | null;
  draft_json: string | null;
  order_id: string | null;
  /** A triggered task's once-per-period key (`dishonest:<USCI>:<period>`), unique; null for every other task. */
  trigger_key: string | null;
  /** Incremented by every change (compare-and-set, features/inspections updateTaskIf). */
  version: Generated<number>;
}
export type InspectionTask = Selectable<InspectionTaskTable>;
export type NewInspectionTask = Insertable<InspectionTaskTable>;
export type InspectionTaskUpdate = Updateable<InspectionTaskTable>;

export interface TasksTables {
  inspection_tasks: InspectionTaskTable;
}
