import type { Insertable, Selectable } from 'kysely';

// Enforcement oversight: interference records, complaints about officers, case reviews, training. Conventions: see ../schema.ts.

/** Append-only (database triggers): no Updateable type. */
export interface InterferenceRecordTable {
  id: string;
  agency_id: string;
  agency_path: string;
  recorded_by: string;
  person_name: string;
  person_position: string;
  role: 'leading_cadre' | 'superior_staff' | 'internal_staff' | 'other';
  channel: 'phone' | 'in_person' | 'message' | 'proxy' | 'other';
  act: 'inquiry' | 'intervention' | 'influence';
  occurred_at: string;
  case_reference: string;
  content: string;
  response: string | null;
  created_at: string;
}
export type InterferenceRecord = Selectable<InterferenceRecordTable>;
export type NewInterferenceRecord = Insertable<InterferenceRecordTable>;

export interface OfficerComplaintTable {
  id: string;
  code_hash: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  officer_name: string | null;
  officer_badge: string | null;
  occurred_on: string | null;
  account: string;
  complainant_name: string | null;
  complainant_phone: string | null;
  status: 'submitted' | 'accepted' | 'concluded' | 'declined';
  handler_id: string | null;
  accepted_at: string | null;
  closed_at: string | null;
  finding: 'substantiated' | 'partly_substantiated' | 'unsubstantiated' | null;
  reply: string | null;
  submitted_at: string;
  updated_at: string;
}
export type OfficerComplaint = Selectable<OfficerComplaintTable>;
export type NewOfficerComplaint = Insertable<OfficerComplaintTable>;

export interface CaseReviewTable {
  id: string;
  agency_id: string;
  agency_path: string;
  case_reference: string;
  file_kind: 'penalty' | 'seizure' | 'inspection';
  reviewer_id: string;
  total: number;
  grade: 'excellent' | 'pass' | 'fail';
  /** The scored lines and failed criteria (codec: features/oversight/oversight.columns.ts). */
  result_json: string;
  comment: string | null;
  policy_version: string;
  reviewed_at: string;
}
export type CaseReview = Selectable<CaseReviewTable>;
export type NewCaseReview = Insertable<CaseReviewTable>;

export interface CaseReviewOfficerTable {
  review_id: string;
  user_id: string;
  agency_id: string;
}
export type CaseReviewOfficer = Selectable<CaseReviewOfficerTable>;

/** Append-only (database triggers). */
export interface OfficerTrainingTable {
  id: string;
  user_id: string;
  course: string;
  hours: number;
  completed_on: string;
  recorded_by: string;
  created_at: string;
}
export type OfficerTraining = Selectable<OfficerTrainingTable>;
export type NewOfficerTraining = Insertable<OfficerTrainingTable>;

export interface OversightTables {
  interference_records: InterferenceRecordTable;
  officer_complaints: OfficerComplaintTable;
  case_reviews: CaseReviewTable;
  case_review_officers: CaseReviewOfficerTable;
  officer_training: OfficerTrainingTable;
}
