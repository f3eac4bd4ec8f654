import type { Selectable } from 'kysely';

// Fire technical service organisations (MKT-01). Conventions: see ../schema.ts.

export interface ServiceOrganisationTable {
  id: string;
  usci: string;
  name: string;
  kind: 'maintenance_testing' | 'assessment';
  agency_id: string;
  agency_path: string;
  region_code: string;
  /** declared: self-declared, not yet verified; verified: verified and meeting the conditions; failing: verified and not. */
  status: 'declared' | 'verified' | 'failing';
  version: number;
  declared_json: string;
  verified_json: string | null;
  failures_json: string;
  policy_version: string;
  verified_by: string | null;
  verified_at: string | null;
  created_at: string;
}
export type ServiceOrganisation = Selectable<ServiceOrganisationTable>;

/** A registered fire engineer (注册消防工程师) practising with an organisation; `subject_key` is the person's credit subject (CRD-01). */
export interface ServiceEngineerTable {
  id: string;
  organisation_id: string;
  name: string;
  certificate_no: string;
  class: 'first' | 'second';
  status: 'practising' | 'suspended' | 'left';
  subject_key: string;
  version: number;
  created_by: string | null;
  created_at: string;
}
export type ServiceEngineer = Selectable<ServiceEngineerTable>;

/** A maintenance, test or assessment report, tied to the organisation and its signing engineer. */
export interface ServiceReportTable {
  id: string;
  organisation_id: string;
  report_number: string;
  kind: 'maintenance' | 'testing' | 'assessment';
  unit_usci: string;
  unit_name: string;
  report_date: string;
  engineer_id: string;
  conclusion: 'qualified' | 'unqualified' | 'rectify';
  agency_path: string;
  created_by: string | null;
  created_at: string;
}
export type ServiceReport = Selectable<ServiceReportTable>;

/** A violation of 消防法 art. 69 found against an organisation (and its signing engineer). */
export interface ServiceViolationTable {
  id: string;
  organisation_id: string;
  engineer_id: string | null;
  report_id: string | null;
  kind: 'false_document' | 'inaccurate_document';
  severity: 'general' | 'serious';
  facts: string;
  legal_basis: string;
  found_on: string;
  agency_id: string;
  agency_path: string;
  recorded_by: string | null;
  created_at: string;
}
export type ServiceViolation = Selectable<ServiceViolationTable>;

/** 责令停止执业 / 吊销 / 市场禁入 of an organisation or an engineer, for a period or permanently (ends_on null). */
export interface ServiceBanTable {
  id: string;
  subject_type: 'organisation' | 'engineer';
  subject_id: string;
  organisation_id: string;
  measure: 'suspension' | 'revocation' | 'market_ban';
  starts_on: string;
  ends_on: string | null;
  reason: string;
  legal_basis: string;
  agency_path: string;
  recorded_by: string | null;
  created_at: string;
}
export type ServiceBan = Selectable<ServiceBanTable>;

export interface MarketTables {
  service_organisations: ServiceOrganisationTable;
  service_engineers: ServiceEngineerTable;
  service_reports: ServiceReportTable;
  service_violations: ServiceViolationTable;
  service_bans: ServiceBanTable;
}
