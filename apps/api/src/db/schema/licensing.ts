import type { Insertable, Selectable, Updateable } from 'kysely';

// Permit applications, their notices, e-licences and requests on them, public notices. Conventions: see ../schema.ts.

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
  /** HMAC of the applicant's 办件查询 code (set on submission; the code itself is never stored). */
  lookup_code_hash: string | null;
}
export type Application = Selectable<ApplicationTable>;
export type NewApplication = Insertable<ApplicationTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;

export interface ApplicationNoticeTable {
  id: string;
  application_id: string;
  seq: number;
  items_json: string;
  issued_by: string;
  issued_at: string;
  resolved_at: string | null;
}
export type ApplicationNotice = Selectable<ApplicationNoticeTable>;
export type NewApplicationNotice = Insertable<ApplicationNoticeTable>;
export type ApplicationNoticeUpdate = Updateable<ApplicationNoticeTable>;

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
export type Licence = Selectable<LicenceTable>;
export type NewLicence = Insertable<LicenceTable>;
export type LicenceUpdate = Updateable<LicenceTable>;

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
export type LicenceRequest = Selectable<LicenceRequestTable>;
export type NewLicenceRequest = Insertable<LicenceRequestTable>;
export type LicenceRequestUpdate = Updateable<LicenceRequestTable>;

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
export type PublicNotice = Selectable<PublicNoticeTable>;
export type NewPublicNotice = Insertable<PublicNoticeTable>;
export type PublicNoticeUpdate = Updateable<PublicNoticeTable>;

/** A written voucher of intake (受理回执, 受理通知书, 补正材料通知书, 不予受理通知书), sealed like a permit. */
export interface ApplicationDocumentTable {
  id: string;
  application_id: string;
  agency_id: string;
  agency_path: string;
  kind: 'receipt' | 'acceptance' | 'correction' | 'rejection';
  number: string;
  verify_code: string;
  issued_on: string;
  status: 'valid';
  qr_facts: string;
  qr_signature: string;
  seal_key_id: string;
  /** '' until the sealed PDF is produced after the commit (document-production.ts). */
  seal_digest: string;
  /** '' until the sealed PDF is produced after the commit (document-production.ts). */
  pdf_sha256: string;
  /** What the PDF prints (INTAKE_DOCUMENT_CONTENT), recorded in the act's transaction; null on rows issued with their PDF. */
  content_json: string | null;
  /** The act recorded: 'submit', 'accept', 'reject' or 'notice:<seq>' (unique per application and kind). */
  act: string;
  policy_version: string | null;
  issued_by: string | null;
  created_at: string;
}
export type ApplicationDocument = Selectable<ApplicationDocumentTable>;
export type NewApplicationDocument = Insertable<ApplicationDocumentTable>;

export interface LicensingTables {
  applications: ApplicationTable;
  application_documents: ApplicationDocumentTable;
  application_notices: ApplicationNoticeTable;
  licences: LicenceTable;
  licence_requests: LicenceRequestTable;
  public_notices: PublicNoticeTable;
}
