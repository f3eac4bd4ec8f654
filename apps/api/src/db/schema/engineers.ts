import type { Generated, Selectable } from 'kysely';

// Registered fire engineer registration by commitment (LIC-12). Conventions: see ../schema.ts.

export interface EngineerRegistrationTable {
  id: string;
  agency_id: string;
  agency_path: string;
  user_id: string;
  name: string;
  id_number: string;
  level: 'first' | 'second';
  qualification_no: string;
  employer: string;
  employer_usci: string;
  phone: string;
  mailing_address: string;
  materials_json: string;
  commitment_text: string;
  status: 'pending' | 'approved' | 'refused' | 'dispatched';
  reasons: string | null;
  certificate_no: string | null;
  decided_by: string | null;
  decided_at: string | null;
  courier: string | null;
  tracking_no: string | null;
  dispatched_by: string | null;
  dispatched_at: string | null;
  clock_id: string | null;
  version: Generated<number>;
  created_at: string;
}

export interface EngineersTables {
  engineer_registrations: EngineerRegistrationTable;
}

export type EngineerRegistration = Selectable<EngineerRegistrationTable>;
