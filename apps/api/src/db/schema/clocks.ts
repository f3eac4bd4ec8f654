import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Statutory clocks, their history and raised alerts. Conventions: see ../schema.ts.

export interface ClockTable {
  id: string;
  target_type: string;
  target_id: string;
  title: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  assignee_user_id: string | null;
  unit: 'working_days' | 'calendar_days' | 'hours';
  amount: number;
  warn_before: number;
  legal_document: string;
  legal_clause: string | null;
  started_at: string;
  status: 'running' | 'paused' | 'stopped';
  due_date: string | null;
  due_at: string | null;
  due_soon_at: string | null;
  provisional: number;
  alert_state: 'ok' | 'due_soon' | 'overdue';
  policy_version: string | null;
  created_at: string;
  updated_at: string;
  /** Events applied so far (migration 0040): the version a change compares and sets. */
  event_seq: Generated<number>;
}
export type Clock = Selectable<ClockTable>;
export type NewClock = Insertable<ClockTable>;
export type ClockUpdate = Updateable<ClockTable>;

export interface ClockEventTable {
  id: string;
  clock_id: string;
  seq: number;
  type: 'pause' | 'resume' | 'extend' | 'stop';
  at: string;
  amount: number | null;
  reason: string | null;
  actor_user_id: string | null;
}
export type ClockEvent = Selectable<ClockEventTable>;
export type NewClockEvent = Insertable<ClockEventTable>;
export type ClockEventUpdate = Updateable<ClockEventTable>;

export interface ClockAlertTable {
  clock_id: string;
  kind: 'due_soon' | 'overdue';
  raised_at: string;
}
export type ClockAlert = Selectable<ClockAlertTable>;
export type NewClockAlert = Insertable<ClockAlertTable>;
export type ClockAlertUpdate = Updateable<ClockAlertTable>;

export interface ClocksTables {
  clocks: ClockTable;
  clock_events: ClockEventTable;
  clock_alerts: ClockAlertTable;
}
