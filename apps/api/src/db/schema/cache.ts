import type { Selectable } from 'kysely';

// Counters of cached reference data (policy, calendar), bumped by each write (migration 0040). Conventions: see ../schema.ts.

export interface CacheVersionTable {
  name: string;
  version: number;
}
export type CacheVersion = Selectable<CacheVersionTable>;

export interface CacheTables {
  cache_versions: CacheVersionTable;
}
