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

export interface EnforcementTables {
  enforcement_referrals: EnforcementReferralTable;
}
