import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Inspectors and their conflicts, random plans, hazards, rectification orders and their extensions. Conventions: see ../schema.ts.

export interface InspectorTable {
  user_id: string;
  agency_id: string;
  certificate_no: string;
  certified_until: string;
  active: number;
  created_at: string;
}
export type Inspector = Selectable<InspectorTable>;
export type NewInspector = Insertable<InspectorTable>;
export type InspectorUpdate = Updateable<InspectorTable>;

export interface InspectorConflictTable {
  id: string;
  inspector_user_id: string;
  usci: string;
  kind: 'relative' | 'former_employer' | 'declared';
  note: string | null;
  declared_at: string;
}
export type InspectorConflict = Selectable<InspectorConflictTable>;
export type NewInspectorConflict = Insertable<InspectorConflictTable>;
export type InspectorConflictUpdate = Updateable<InspectorConflictTable>;

export interface RandomPlanTable {
  id: string;
  agency_id: string;
  agency_path: string;
  title: string;
  purpose: string;
  period_start: string;
  period_end: string;
  rates_json: string;
  items_json: string;
  status: 'draft' | 'published' | 'drawn';
  inputs_hash: string | null;
  inputs_sha256: string | null;
  public_value_source: string | null;
  public_value: string | null;
  seed: string | null;
  summary_json: string | null;
  /** The drawn result as a file (FEP-DRAW-RESULT): the drawn units and their inspectors in the order drawn. */
  result_sha256: string | null;
  /** Drawn units whose inspection tasks are still to be written (written in short transactions after the draw). */
  tasks_pending: number;
  policy_version: string | null;
  created_by: string;
  published_at: string | null;
  drawn_at: string | null;
  created_at: string;
  updated_at: string;
}
export type RandomPlan = Selectable<RandomPlanTable>;
export type NewRandomPlan = Insertable<RandomPlanTable>;
export type RandomPlanUpdate = Updateable<RandomPlanTable>;

export interface HazardTable {
  id: string;
  task_id: string;
  usci: string;
  subject_name: string;
  agency_id: string;
  agency_path: string;
  item_code: string | null;
  description: string;
  major: number;
  photo_ids_json: string;
  status: 'ordered' | 'closed' | 'escalated';
  order_id: string | null;
  created_at: string;
  updated_at: string;
}
export type Hazard = Selectable<HazardTable>;
export type NewHazard = Insertable<HazardTable>;
export type HazardUpdate = Updateable<HazardTable>;

/** Columns with a database default are `Generated`: optional on insert. */
export interface RectificationOrderTable {
  id: string;
  agency_id: string;
  agency_path: string;
  usci: string;
  subject_name: string;
  source_type: string;
  source_id: string;
  items_json: string;
  deadline_date: string;
  clock_id: string | null;
  status: 'open' | 'reported' | 'closed' | 'escalated';
  created_at: string;
  updated_at: string;
  number: string | null;
  guidance: string | null;
  pdf_sha256: string | null;
  listed: Generated<number>;
  reinspection_task_id: string | null;
  closed_at: string | null;
}
export type RectificationOrder = Selectable<RectificationOrderTable>;
export type NewRectificationOrder = Insertable<RectificationOrderTable>;
export type RectificationOrderUpdate = Updateable<RectificationOrderTable>;

export interface OrderExtensionTable {
  id: string;
  order_id: string;
  agency_path: string;
  requested_days: number;
  reason: string;
  status: 'pending' | 'approved' | 'denied';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}
export type OrderExtension = Selectable<OrderExtensionTable>;
export type NewOrderExtension = Insertable<OrderExtensionTable>;
export type OrderExtensionUpdate = Updateable<OrderExtensionTable>;

export interface SupervisionTables {
  inspectors: InspectorTable;
  rectification_orders: RectificationOrderTable;
  inspector_conflicts: InspectorConflictTable;
  random_plans: RandomPlanTable;
  hazards: HazardTable;
  order_extensions: OrderExtensionTable;
}
