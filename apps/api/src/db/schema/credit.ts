import type { Insertable, Selectable, Updateable } from 'kysely';

// Credit events of units. Conventions: see ../schema.ts.

export interface CreditEventTable {
  id: string;
  usci: string;
  agency_id: string;
  kind: string;
  points: number;
  reason: string;
  source_type: string;
  source_id: string;
  occurred_at: string;
  /** The `credit.deductions` version the points came from (null before 0060). */
  policy_version: string | null;
}
export type CreditEvent = Selectable<CreditEventTable>;
export type NewCreditEvent = Insertable<CreditEventTable>;
export type CreditEventUpdate = Updateable<CreditEventTable>;

export interface CreditTables {
  credit_events: CreditEventTable;
}
