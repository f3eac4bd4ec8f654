import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// The directory of supervised units. Conventions: see ../schema.ts.

/** Columns with a database default are `Generated`: optional on insert. */
export interface UnitTable {
  id: string;
  usci: string;
  name: string;
  address: string;
  region_code: string;
  agency_id: string;
  agency_path: string;
  venue_kind: string | null;
  floor_area: number | null;
  key_unit: Generated<number>;
  risk_level: 'low' | 'medium' | 'high';
  credit_level: 'A' | 'B' | 'C' | 'D';
  owner_user_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: string;
  updated_at: string;
  self_commitment: Generated<number>;
  last_fire_on: string | null;
  /** 消防安全责任人 and 消防安全管理人 (migration 0271): name and credit subject key (hash of the ID number). */
  responsible_name: string | null;
  responsible_key: string | null;
  manager_name: string | null;
  manager_key: string | null;
  /** The unit's place (WGS84, both or neither; migration 0760), set by staff; the map's unit point follows it. */
  lat: number | null;
  lng: number | null;
  position_set_at: string | null;
}
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;

export interface UnitsTables {
  units: UnitTable;
}
