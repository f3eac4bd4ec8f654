import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// The agency tree and the regions it is keyed by. Conventions: see ../schema.ts.

/** Columns with a database default are `Generated`: optional on insert. */
export interface RegionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: 'province' | 'city' | 'county';
  /** 1 for statistical development-zone codes (71–79), which are not GB/T 2260 divisions. */
  development_zone: Generated<number>;
}
export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type RegionUpdate = Updateable<RegionTable>;

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string;
  level: 'corps' | 'detachment' | 'brigade';
  region_code: string;
  path: string;
  created_at: string;
}
export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;

export interface OrgTables {
  agencies: AgencyTable;
  regions: RegionTable;
}
