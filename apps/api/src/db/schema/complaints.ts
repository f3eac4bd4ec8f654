import type { Insertable, Selectable } from 'kysely';

// Hazard reports and complaints (features/complaints). Conventions: see ../schema.ts.

export interface ComplaintsTable {
  id: string;
  /** HMAC-SM3 of the tracking code (查询码); the code itself is shown once, to the reporter. */
  code_hash: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  channel: 'portal' | 'snapshot' | 'hotline_96119' | 'hotline_12345' | 'window' | 'open311';
  category: string;
  /** The category the reporter chose (intake confirms or changes `category`, with a recorded reason). */
  reported_category: string;
  description: string;
  unit_usci: string | null;
  address: string | null;
  /** WGS84. */
  lat: number | null;
  lng: number | null;
  /** The system the point arrived in (wgs84 | gcj02); stored converted. */
  coord_system: string | null;
  photos_json: string;
  anonymous: number;
  /** SM4-CBC + HMAC-SM3 of the reporter's {name, phone, idNumber}; null when none was given. */
  identity_enc: string | null;
  status: 'received' | 'verifying' | 'verified' | 'closed' | 'duplicate';
  received_at: string;
  clock_id: string | null;
  due_at: string;
  due_date: string | null;
  /** The statutory limit of the category at receipt (policy `complaints.deadlines`). */
  limit_unit: 'hours' | 'working_days';
  limit_amount: number;
  duplicate_of: string | null;
  task_id: string | null;
  outcome: 'founded' | 'partly_founded' | 'unfounded' | null;
  findings: string | null;
  order_id: string | null;
  verified_at: string | null;
  feedback: string | null;
  feedback_impossible: string | null;
  feedback_at: string | null;
  reopened_count: number;
  partner_id: string | null;
  external_ref: string | null;
  external_due_at: string | null;
  satisfaction: 'satisfied' | 'dissatisfied' | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type Complaint = Selectable<ComplaintsTable>;
export type NewComplaint = Insertable<ComplaintsTable>;

export interface ComplaintPhotosTable {
  id: string;
  sha256: string;
  size: number;
  content_type: string;
  complaint_id: string | null;
  created_at: string;
}

export interface ComplaintRewardsTable {
  complaint_id: string;
  agency_path: string;
  status: 'offered' | 'refused' | 'claimed' | 'paid';
  amount: number | null;
  reason: string | null;
  policy_version: string;
  decided_by: string;
  decided_at: string;
  claim_by: string | null;
  claimed_at: string | null;
  payee_enc: string | null;
  paid_at: string | null;
  payment_ref: string | null;
}
export type ComplaintReward = Selectable<ComplaintRewardsTable>;

export interface ComplaintReturnVisitsTable {
  id: string;
  complaint_id: string;
  agency_path: string;
  source: 'phone' | 'hotline_12345';
  satisfied: number;
  note: string | null;
  visited_by: string | null;
  visited_at: string;
}
export type ComplaintReturnVisit = Selectable<ComplaintReturnVisitsTable>;

export interface PartnerKeysTable {
  id: string;
  kind: 'hotline_12345' | 'open311';
  name: string;
  agency_id: string | null;
  /** HMAC-SM3 of the key id presented by the client (Open311 api_key; 12345 partner id). */
  key_hash: string;
  /** The 12345 signing secret, SM4-encrypted (needed in clear to check signatures); null for Open311 keys. */
  secret_enc: string | null;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  /** Where the 12345 platform receives progress and results (null: it only pulls them). */
  callback_url: string | null;
}
export type PartnerKey = Selectable<PartnerKeysTable>;

/** A progress report or the result of a 12345 work order, pushed to the platform (retried until 2xx). */
export interface WorkOrderReportsTable {
  id: string;
  partner_id: string;
  complaint_id: string;
  work_order_no: string;
  /** 1, 2, … per order: the order its steps happened in, which is the order of delivery. */
  seq: number;
  kind: 'progress' | 'result';
  payload_json: string;
  /** The signature of the last attempt (computed per attempt with the partner's secret). */
  signature: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  delivered_at: string | null;
  created_at: string;
}

export interface PartnerNoncesTable {
  partner_id: string;
  nonce: string;
  seen_at: string;
}

export interface ComplaintsTables {
  complaints: ComplaintsTable;
  complaint_photos: ComplaintPhotosTable;
  complaint_rewards: ComplaintRewardsTable;
  complaint_return_visits: ComplaintReturnVisitsTable;
  partner_keys: PartnerKeysTable;
  partner_nonces: PartnerNoncesTable;
  work_order_reports: WorkOrderReportsTable;
}
