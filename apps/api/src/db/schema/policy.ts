import type { Insertable, Selectable, Updateable } from 'kysely';

// Jurisdiction overrides of policy kinds. Conventions: see ../schema.ts.

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
export type PolicyVersion = Selectable<PolicyVersionTable>;
export type NewPolicyVersion = Insertable<PolicyVersionTable>;
export type PolicyVersionUpdate = Updateable<PolicyVersionTable>;

export interface PolicyTables {
  policy_versions: PolicyVersionTable;
}
