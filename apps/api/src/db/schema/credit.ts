import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Credit records, standings, requests and deliveries (CRD-01 … CRD-04). Conventions: see ../schema.ts.

export interface CreditEventTable {
  id: string;
  usci: string;
  agency_id: string;
  kind: string;
  points: number;
  reason: string;
  source_type: string;
  source_id: string;
  occurred_at: string;
  /** The `credit.deductions` version the points came from (null before 0060). */
  policy_version: string | null;
  severity: Generated<'general' | 'serious'>;
  status: Generated<'active' | 'withdrawn' | 'corrected' | 'repaired'>;
  version: Generated<number>;
  /** The day (China) publicity and repeat windows count from. */
  on_date: string | null;
  subject_name: string | null;
  status_reason: string | null;
  status_changed_at: string | null;
}
export type CreditEvent = Selectable<CreditEventTable>;
export type NewCreditEvent = Insertable<CreditEventTable>;
export type CreditEventUpdate = Updateable<CreditEventTable>;

export interface CreditStandingTable {
  usci: string;
  agency_id: string;
  agency_path: string;
  subject_name: string;
  score: number;
  level: 'A' | 'B' | 'C' | 'D';
  blacklisted: number;
  explanation_json: string;
  risk_score: number;
  risk_level: 'low' | 'medium' | 'high';
  risk_factors_json: string;
  policy_version: string;
  version: number;
  computed_at: string;
}
export type CreditStandingRow = Selectable<CreditStandingTable>;

export interface CreditLevelHistoryTable {
  id: string;
  usci: string;
  level_from: string | null;
  level_to: string;
  score: number;
  blacklisted: number;
  cause: string;
  policy_version: string;
  at: string;
}

export interface CreditRequestTable {
  id: string;
  kind: 'repair' | 'objection';
  status: 'pending' | 'granted' | 'refused' | 'upheld' | 'dismissed';
  version: number;
  usci: string;
  subject_name: string;
  agency_id: string;
  agency_path: string;
  record_id: string;
  reason: string;
  evidence_json: string;
  conditions_json: string;
  due_on: string;
  policy_version: string;
  submitted_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** The platform clock of the decision (migration 0432; null for requests filed before it). */
  clock_id: string | null;
}
export type CreditRequestRow = Selectable<CreditRequestTable>;

export interface CreditDeliveryTable {
  id: string;
  record_id: string;
  action: 'publish' | 'withdraw';
  payload_json: string;
  signature: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  delivered_at: string | null;
  created_at: string;
}
export type CreditDeliveryRow = Selectable<CreditDeliveryTable>;

export interface CreditTables {
  credit_events: CreditEventTable;
  credit_standings: CreditStandingTable;
  credit_level_history: CreditLevelHistoryTable;
  credit_requests: CreditRequestTable;
  credit_deliveries: CreditDeliveryTable;
}
