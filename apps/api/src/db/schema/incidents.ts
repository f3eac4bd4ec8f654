import type { Generated, Selectable } from 'kysely';

// Fire incidents (FIR-01 … FIR-03). Conventions: see ../schema.ts.

export interface IncidentTable {
  id: string;
  agency_id: string;
  agency_path: string;
  region_code: string;
  unit_usci: string | null;
  unit_name: string | null;
  place: string;
  reported_at: string;
  extinguished_at: string;
  tier: 'onsite_registration' | 'simple' | 'general';
  /** The conditions the tier was chosen from, and each lighter tier's failing conditions. */
  conditions_json: string;
  failing_json: string;
  investigators_json: string;
  policy_version: string;
  /** registered: on-site registration (closed on the spot); investigating; determined. */
  status: 'registered' | 'investigating' | 'determined';
  sealing_status: 'none' | 'sealed' | 'lifted';
  sealed_areas_json: string;
  sealed_photo_ids_json: string;
  sealed_at: string | null;
  sealing_lifted_at: string | null;
  determination_clock_id: string | null;
  declaration_clock_id: string | null;
  declared_loss: number | null;
  declared_note: string | null;
  declared_at: string | null;
  cause: string | null;
  determined_at: string | null;
  served_at: string | null;
  review_last_day: string | null;
  created_by: string | null;
  created_at: string;
  version: number;
}
export type Incident = Selectable<IncidentTable>;

export interface IncidentSealingChangeTable {
  id: string;
  incident_id: string;
  seq: number;
  kind: 'seal' | 'shrink' | 'lift';
  areas_json: string;
  reason: string;
  at: string;
  actor_user_id: string | null;
}
export type IncidentSealingChange = Selectable<IncidentSealingChangeTable>;

export interface IncidentReviewTable {
  id: string;
  incident_id: string;
  /** The reviewing agency: the next-higher agency of the incident's. */
  agency_id: string;
  agency_path: string;
  applicant_user_id: string | null;
  applied_at: string;
  reasons: string;
  status: 'applied' | 'accepted' | 'rejected' | 'decided';
  accept_clock_id: string | null;
  file_clock_id: string | null;
  decision_clock_id: string | null;
  accepted_at: string | null;
  outcome: 'upheld' | 'redetermine' | null;
  decision_reasons: string | null;
  decided_at: string | null;
  created_at: string;
  version: number;
}
export type IncidentReview = Selectable<IncidentReviewTable>;

export interface IncidentsTables {
  incidents: IncidentTable;
  incident_sealing_changes: IncidentSealingChangeTable;
  incident_reviews: IncidentReviewTable;
  incident_accountability: IncidentAccountabilityTable;
  incident_documents: IncidentDocumentTable;
}

export interface IncidentAccountabilityTable {
  id: string;
  incident_id: string;
  agency_id: string;
  agency_path: string;
  deaths: number;
  high_impact: number;
  team_lead: string;
  team_members_json: string;
  parties_json: string;
  measures: string;
  status: 'investigated' | 'evaluated';
  evaluation: string | null;
  evaluated_by: string | null;
  evaluated_at: string | null;
  clock_id: string | null;
  recorded_by: string | null;
  version: Generated<number>;
  created_at: string;
}
export type IncidentAccountability = Selectable<IncidentAccountabilityTable>;

/** FIR-03: the 火灾事故认定书 of an incident, recorded when served; the sealed PDF attached on first download. */
export interface IncidentDocumentTable {
  id: string;
  incident_id: string;
  /** 1 for the first determination, 2 for a re-determination after review, …: the highest is in force. */
  seq: number;
  agency_id: string;
  agency_path: string;
  number: string;
  verify_code: string;
  issued_on: string;
  qr_facts: string;
  qr_signature: string;
  seal_key_id: string;
  seal_digest: string;
  pdf_sha256: string;
  content_json: string;
  issued_by: string | null;
  created_at: string;
}
export type IncidentDocument = Selectable<IncidentDocumentTable>;
