import type { Insertable, Selectable, Updateable } from 'kysely';

// Referrals to enforcement. Conventions: see ../schema.ts.

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
export type EnforcementReferral = Selectable<EnforcementReferralTable>;
export type NewEnforcementReferral = Insertable<EnforcementReferralTable>;
export type EnforcementReferralUpdate = Updateable<EnforcementReferralTable>;

/**
 * The penalty case file (行政处罚案件, ENF-01 … ENF-07): one row per case, its steps' facts in columns, every
 * step also in the enforcement record (audit chain of target `enforcement_case`). `version` is the
 * compare-and-set counter of every transition (migration 0200).
 */
export interface EnforcementCaseTable {
  id: string;
  number: string | null;
  agency_id: string;
  agency_path: string;
  region_code: string;
  referral_id: string | null;
  procedure: 'on_the_spot' | 'ordinary' | 'fast_track';
  status: string;
  version: number;
  party_kind: 'unit' | 'person';
  party_name: string;
  party_usci: string | null;
  party_id_number: string | null;
  violation_code: string;
  facts: string;
  occurred_on: string | null;
  circumstances_json: string;
  proposal_json: string;
  policy_version: string;
  officer_ids_json: string;
  clock_id: string | null;
  filed_at: string | null;
  filed_by: string | null;
  notice_served_on: string | null;
  notice_outcome: 'fine' | 'warning' | 'no_penalty' | null;
  notice_fine: number | null;
  hearing_eligible: number;
  statement: string | null;
  hearing_requested_at: string | null;
  hearing_host_id: string | null;
  hearing_held_on: string | null;
  hearing_transcript: string | null;
  /** The hearing's date and time ('YYYY-MM-DD HH:mm', Beijing) and place as notified (migration 0254). */
  hearing_at: string | null;
  hearing_place: string | null;
  reviewer_id: string | null;
  review_passed_at: string | null;
  review_opinion: string | null;
  discussion_held_on: string | null;
  discussion_participants: string | null;
  discussion_conclusion: string | null;
  transferred_to: string | null;
  transfer_reason: string | null;
  outcome: 'fine' | 'warning' | 'no_penalty' | null;
  fine: number | null;
  deviation: number;
  deviation_reason: string | null;
  decision_number: string | null;
  decided_on: string | null;
  decided_by: string | null;
  service_method: 'in_person' | 'post' | 'electronic' | null;
  served_on: string | null;
  /** The postal tracking number of a service by post (migration 0252). */
  service_tracking_number: string | null;
  due_date: string | null;
  paid_on: string | null;
  paid_amount: number | null;
  receipt_number: string | null;
  payment_channel: string | null;
  published_at: string | null;
  publicity_until: string | null;
  withdrawn_at: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export type EnforcementCase = Selectable<EnforcementCaseTable>;
export type NewEnforcementCase = Insertable<EnforcementCaseTable>;
export type EnforcementCaseUpdate = Updateable<EnforcementCaseTable>;

/** Evidence of a case (ENF-01): a stored file, sealed into the record by its SHA-256. */
export interface EnforcementEvidenceTable {
  id: string;
  case_id: string;
  file_id: string;
  sha256: string;
  kind: 'photo' | 'scan' | 'transcript' | 'site_record' | 'other';
  description: string;
  recorded_by: string | null;
  recorded_at: string;
}
export type EnforcementEvidence = Selectable<EnforcementEvidenceTable>;

/**
 * Oversight alerts (OVS-01) raised by enforcement acts: a decision outside the engine's proposal, acting
 * outside jurisdiction. One alert per kind and target (unique).
 */
export interface OversightAlertTable {
  id: string;
  agency_id: string;
  agency_path: string;
  kind: string;
  target_type: string;
  target_id: string;
  message: string;
  raised_at: string;
}
export type OversightAlert = Selectable<OversightAlertTable>;

/**
 * A temporary seal (临时查封, ENF-05): proposed by two officers and decided collectively, or sealed in an
 * emergency on the head's oral approval and confirmed within the policy's hours; in force from its start
 * date to its end date (one extension), lifted on request after an inspection or by decision, and marked
 * `expired_unlifted` by the sweep when its end date has passed. `version` is the compare-and-set counter
 * (migration 0230).
 */
export interface EnforcementSealTable {
  id: string;
  number: string | null;
  agency_id: string;
  agency_path: string;
  region_code: string;
  case_id: string | null;
  status: 'proposed' | 'emergency' | 'in_force' | 'expired_unlifted' | 'lifted' | 'declined';
  version: number;
  usci: string;
  unit_name: string;
  situation: 'exits_blocked' | 'fire_systems_damaged' | 'flammables_in_crowded_place' | 'combustible_decoration' | 'other';
  scope: string;
  photo_ids_json: string;
  map_point_json: string | null;
  inspected_on: string;
  term_days: number;
  emergency: number;
  oral_approval: string | null;
  /** The instant by which an emergency seal must be confirmed collectively. */
  confirm_by: string | null;
  officer_ids_json: string;
  collective_record: string | null;
  collective_participants_json: string | null;
  decided_by: string | null;
  decided_at: string | null;
  start_date: string | null;
  end_date: string | null;
  extended_days: number | null;
  extension_reason: string | null;
  extended_by: string | null;
  extended_at: string | null;
  service_method: 'in_person' | 'post' | 'electronic' | null;
  served_on: string | null;
  service_tracking_number: string | null;
  lift_reason: string | null;
  lifted_by: string | null;
  lifted_at: string | null;
  expired_at: string | null;
  term_clock_id: string | null;
  service_clock_id: string | null;
  confirm_clock_id: string | null;
  policy_version: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export type EnforcementSeal = Selectable<EnforcementSealTable>;
export type EnforcementSealUpdate = Updateable<EnforcementSealTable>;

/** The party's online request on a seal (enter to rectify, lift, re-inspection, resumption), with its clocks and task. */
export interface EnforcementSealRequestTable {
  id: string;
  seal_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'enter' | 'lift' | 'reinspect' | 'resume';
  status: 'submitted' | 'inspected' | 'decided' | 'closed';
  version: number;
  note: string;
  photo_ids_json: string;
  submitted_by: string | null;
  submitted_at: string;
  task_id: string | null;
  inspection_clock_id: string | null;
  decision_clock_id: string | null;
  inspection_passed: number | null;
  inspection_findings: string | null;
  inspected_by: string | null;
  inspected_at: string | null;
  outcome: 'allow' | 'lift' | 'keep' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  updated_at: string;
}
export type EnforcementSealRequest = Selectable<EnforcementSealRequestTable>;
export type EnforcementSealRequestUpdate = Updateable<EnforcementSealRequestTable>;
/**
 * A written document of a case (ENF-04): recorded in the act's transaction with its content snapshot; the
 * sealed PDF is attached after the commit (`pdf_sha256` '' until then; migration 0240). Its standing
 * (valid, superseded by a new notice, revoked with the decision) is read from the case, not stored.
 */
export interface EnforcementDocumentTable {
  id: string;
  case_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'notice' | 'hearing_notice' | 'decision' | 'no_penalty_decision' | 'on_the_spot_decision';
  /** The act it records, unique per case (`notice@<case version>`, `decision`). */
  act: string;
  number: string;
  verify_code: string;
  issued_on: string;
  qr_facts: string;
  qr_signature: string;
  seal_key_id: string;
  seal_digest: string;
  pdf_sha256: string;
  content_json: string;
  policy_version: string | null;
  issued_by: string | null;
  created_at: string;
}
export type EnforcementDocument = Selectable<EnforcementDocumentTable>;

/** An online payment order of a fine (ENF-06; migration 0241): one per case and day. */
export interface EnforcementPaymentOrderTable {
  id: string;
  order_no: string;
  case_id: string;
  agency_id: string;
  agency_path: string;
  channel: string;
  channel_ref: string;
  amount: number;
  fine: number;
  late_fee: number;
  /** The day the amount was computed for (the late fee grows by the day), and the last day it may be paid. */
  as_of: string;
  pay_url: string;
  created_by: string | null;
  created_at: string;
  /** The instalment of an approved schedule it pays (migration 0258); null: the whole fine. */
  instalment: number | null;
}
export type EnforcementPaymentOrder = Selectable<EnforcementPaymentOrderTable>;

/** One instalment paid on its own (ENF-06; art. 66 ¶2, 72; migration 0257): its amount and the fee on it alone. */
export interface EnforcementInstalmentPaymentTable {
  id: string;
  case_id: string;
  plan_id: string;
  /** 1-based number of the instalment in the plan's schedule. */
  seq: number;
  amount: number;
  late_fee: number;
  paid_amount: number;
  paid_on: string;
  receipt_number: string;
  channel: 'bank' | 'online' | 'counter';
  recorded_by: string | null;
  recorded_at: string;
}
export type EnforcementInstalmentPayment = Selectable<EnforcementInstalmentPaymentTable>;

/** A deferral or instalments of a fine (ENF-06; 行政处罚法 art. 66 ¶2; migration 0250): requested by the party, decided by the head. */
export interface EnforcementPaymentPlanTable {
  id: string;
  case_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'deferral' | 'instalments';
  status: 'requested' | 'approved' | 'refused';
  schedule_json: string;
  reason: string;
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}
export type EnforcementPaymentPlan = Selectable<EnforcementPaymentPlanTable>;

/** A period of administrative review or litigation (ENF-06; art. 73 ¶3; migration 0251): no late fee accrues inside it. */
export interface EnforcementRemedyPeriodTable {
  id: string;
  case_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'review' | 'litigation';
  started_on: string;
  ended_on: string | null;
  note: string;
  end_note: string | null;
  recorded_by: string | null;
  recorded_at: string;
  ended_by: string | null;
  ended_at: string | null;
}
export type EnforcementRemedyPeriod = Selectable<EnforcementRemedyPeriodTable>;

/** The bigrams of a published decision's unit name, decision number and USCI for the public search (ENF-07; migration 0253). */
export interface EnforcementPublicGramTable {
  gram: string;
  published_at: string;
  case_id: string;
}

/** A party's recusal request against an officer of its case (ENF-08; 行政处罚法 art. 43; migration 0255). */
export interface EnforcementRecusalRequestTable {
  id: string;
  case_id: string;
  agency_id: string;
  agency_path: string;
  officer_user_id: string;
  reason: string;
  status: 'requested' | 'granted' | 'refused';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  replacement_officer_id: string | null;
}
export type EnforcementRecusalRequest = Selectable<EnforcementRecusalRequestTable>;

/** The 临时查封决定书 of a seal (ENF-05; migration 0256): like a case document, one per seal. */
export interface EnforcementSealDocumentTable {
  id: string;
  seal_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'seal_decision';
  number: string;
  verify_code: string;
  issued_on: string;
  qr_facts: string;
  qr_signature: string;
  seal_key_id: string;
  seal_digest: string;
  pdf_sha256: string;
  content_json: string;
  policy_version: string | null;
  issued_by: string | null;
  created_at: string;
}
export type EnforcementSealDocument = Selectable<EnforcementSealDocumentTable>;

export interface EnforcementTables {
  enforcement_referrals: EnforcementReferralTable;
  enforcement_cases: EnforcementCaseTable;
  enforcement_evidence: EnforcementEvidenceTable;
  oversight_alerts: OversightAlertTable;
  enforcement_seals: EnforcementSealTable;
  enforcement_seal_requests: EnforcementSealRequestTable;
  enforcement_documents: EnforcementDocumentTable;
  enforcement_instalment_payments: EnforcementInstalmentPaymentTable;
  enforcement_payment_orders: EnforcementPaymentOrderTable;
  enforcement_payment_plans: EnforcementPaymentPlanTable;
  enforcement_remedy_periods: EnforcementRemedyPeriodTable;
  enforcement_public_grams: EnforcementPublicGramTable;
  enforcement_recusal_requests: EnforcementRecusalRequestTable;
  enforcement_seal_documents: EnforcementSealDocumentTable;
}
