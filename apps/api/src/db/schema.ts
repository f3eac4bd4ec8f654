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
  self_commitment: number;
  last_fire_on: string | null;
}

export interface SealKeyTable {
  id: string;
  agency_id: string;
  public_key: string;
  private_key_enc: string;
  active: number;
  created_at: string;
}
export interface DocumentSequenceTable {
  agency_id: string;
  kind: string;
  year: number;
  last: number;
}
export interface InspectorTable {
  user_id: string;
  agency_id: string;
  certificate_no: string;
  certified_until: string;
  active: number;
  created_at: string;
}
export interface ApplicationTable {
  id: string;
  reference_no: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  applicant_user_id: string;
  usci: string;
  company_name: string;
  legal_representative: string;
  contact_name: string;
  contact_phone: string;
  venue_name: string;
  venue_address: string;
  venue_kind: string;
  floor_area: number;
  investment: number | null;
  path: 'commitment' | 'inspection';
  status: string;
  /** { materialCode: fileId[] } */
  materials_json: string;
  /** material codes still owed after an acceptance with pending documents */
  pending_json: string;
  commitment_json: string | null;
  appointment_json: string | null;
  exemption_json: string | null;
  /** { policyKind: versionKey } used by this application's decisions */
  policy_json: string;
  clock_id: string | null;
  decision_json: string | null;
  licence_id: string | null;
  version: number;
  submitted_at: string | null;
  accepted_at: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface ApplicationNoticeTable {
  id: string;
  application_id: string;
  seq: number;
  items_json: string;
  issued_by: string;
  issued_at: string;
  resolved_at: string | null;
}
export interface InspectionTaskTable {
  id: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  purpose: 'opening_check' | 'commitment_verification' | 'random' | 'complaint' | 'superior_order' | 'dishonest' | 're_inspection';
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
}
export interface LicenceTable {
  id: string;
  number: string;
  revision: number;
  verify_code: string;
  agency_id: string;
  agency_path: string;
  application_id: string;
  applicant_user_id: string;
  usci: string;
  holder_name: string;
  legal_representative: string;
  venue_name: string;
  venue_address: string;
  venue_kind: string;
  floor_area: number;
  path: 'commitment' | 'inspection';
  issued_on: string;
  status: 'valid' | 'amended' | 'reissued' | 'revoked';
  superseded_by: string | null;
  pdf_sha256: string;
  seal_key_id: string;
  seal_digest: string;
  qr_signature: string;
  revoked_at: string | null;
  revocation_json: string | null;
  delivery_json: string | null;
  policy_version: string | null;
  created_at: string;
  updated_at: string;
}
export interface LicenceRequestTable {
  id: string;
  licence_id: string;
  agency_path: string;
  kind: 'amend' | 'reissue';
  changes_json: string;
  reason: string;
  materials_json: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  new_licence_id: string | null;
}
export interface PublicNoticeTable {
  id: string;
  agency_id: string;
  agency_path: string;
  kind: string;
  title: string;
  body: string;
  target_type: string;
  target_id: string;
  published_at: string;
}
export interface EnforcementReferralTable {
  id: string;
  agency_id: string;
  agency_path: string;
  usci: string;
  subject_name: string;
  source_type: string;
  source_id: string;
  reason: string;
  status: 'open' | 'taken' | 'closed';
  created_at: string;
}
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
}
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
  listed: number;
  reinspection_task_id: string | null;
  closed_at: string | null;
}
export interface InspectorConflictTable {
  id: string;
  inspector_user_id: string;
  usci: string;
  kind: 'relative' | 'former_employer' | 'declared';
  note: string | null;
  declared_at: string;
}
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
  policy_version: string | null;
  created_by: string;
  published_at: string | null;
  drawn_at: string | null;
  created_at: string;
  updated_at: string;
}
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

/** Domain events (outbox): one row per fact, written in the transaction of the change (platform/events). */
export interface DomainEventTable {
  id: string;
  type: string;
  target_type: string | null;
  target_id: string | null;
  agency_id: string | null;
  /** JSON object. */
  payload: string;
  actor_user_id: string | null;
  occurred_at: string;
}
/** One delivery of an event to one subscriber: pending → done, or dead after the last retry. */
export interface EventDeliveryTable {
  event_id: string;
  subscriber: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  done_at: string | null;
}
export interface DB {
  domain_events: DomainEventTable;
  event_deliveries: EventDeliveryTable;
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
  seal_keys: SealKeyTable;
  document_sequences: DocumentSequenceTable;
  inspectors: InspectorTable;
  applications: ApplicationTable;
  application_notices: ApplicationNoticeTable;
  inspection_tasks: InspectionTaskTable;
  licences: LicenceTable;
  licence_requests: LicenceRequestTable;
  public_notices: PublicNoticeTable;
  enforcement_referrals: EnforcementReferralTable;
  credit_events: CreditEventTable;
  rectification_orders: RectificationOrderTable;
  inspector_conflicts: InspectorConflictTable;
  random_plans: RandomPlanTable;
  hazards: HazardTable;
  order_extensions: OrderExtensionTable;
}
