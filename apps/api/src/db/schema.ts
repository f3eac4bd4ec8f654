/**
 * Table types. Conventions (docs/decisions.md): ids are text (UUIDv7), instants are ISO-8601 UTC text,
 * civil dates are 'YYYY-MM-DD' text, booleans are integers 0/1, JSON is text — the same on SQLite and
 * PostgreSQL, so that the one query layer behaves identically on both.
 */
export interface AgencyTable {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string;
  level: 'corps' | 'detachment' | 'brigade';
  region_code: string;
  path: string;
  created_at: string;
}
export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: 'province' | 'city' | 'county';
  /** 1 for statistical development-zone codes (71–79), which are not GB/T 2260 divisions. */
  development_zone: number;
}
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  kind: 'staff' | 'applicant';
  agency_id: string | null;
  usci: string | null;
  phone: string | null;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  national: number;
  created_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}
export interface UserRoleTable {
  user_id: string;
  role: string;
}
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  source_ip: string | null;
  revoked_at: string | null;
}
export interface AuditEventTable {
  id: string;
  chain_id: string;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_agency_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  outcome: 'success' | 'failure' | 'denied';
  source_ip: string | null;
  request_id: string | null;
  policy_version: string | null;
  change_digest: string;
  details: string;
  prev_hash: string;
  hash: string;
}
export interface AuditChainHeadTable {
  chain_id: string;
  last_seq: number;
  last_hash: string;
  updated_at: string;
}
export interface PolicyVersionTable {
  id: string;
  kind: string;
  agency_id: string;
  version: number;
  effective_from: string;
  effective_to: string | null;
  values_json: string;
  legal_document: string;
  legal_clause: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}
export interface CalendarDayTable {
  region_code: string;
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
  source: string;
  updated_by: string | null;
  updated_at: string;
}
export interface CalendarYearTable {
  region_code: string;
  year: number;
  published: number;
  source_notice: string;
  updated_by: string | null;
  updated_at: string;
}
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
}
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
export interface ClockAlertTable {
  clock_id: string;
  kind: 'due_soon' | 'overdue';
  raised_at: string;
}
export interface OutboxTable {
  id: string;
  channel: string;
  recipient_user_id: string | null;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}
export interface JobLeaseTable {
  name: string;
  holder: string;
  lease_until: string;
}
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'in_progress' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}
export interface FileTable {
  id: string;
  sha256: string;
  size: number;
  content_type: string;
  original_name: string;
  uploaded_by: string;
  agency_id: string | null;
  created_at: string;
}
export interface UnitTable {
  id: string;
  usci: string;
  name: string;
  address: string;
  region_code: string;
  agency_id: string;
  agency_path: string;
  venue_kind: string | null;
  floor_area: number | null;
  key_unit: number;
  risk_level: 'low' | 'medium' | 'high';
  credit_level: 'A' | 'B' | 'C' | 'D';
  owner_user_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  agencies: AgencyTable;
  regions: RegionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  audit_chain_heads: AuditChainHeadTable;
  policy_versions: PolicyVersionTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  clocks: ClockTable;
  clock_events: ClockEventTable;
  clock_alerts: ClockAlertTable;
  outbox: OutboxTable;
  job_leases: JobLeaseTable;
  idempotency_keys: IdempotencyKeyTable;
  files: FileTable;
  units: UnitTable;
}
