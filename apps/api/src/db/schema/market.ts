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

export interface MarketTables {
  service_organisations: ServiceOrganisationTable;
}
