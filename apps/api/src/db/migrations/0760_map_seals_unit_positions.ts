import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-02: the map's seals layer and the units' positions.
 * - `units.lat`, `units.lng` (WGS84, both or neither) and `position_set_at`: the unit's place, owned by the units
 *   directory and set by staff (features/units, set-position.ts); the map's unit points follow it. Stores whose
 *   map already drew a unit (the demo data) take that point as the unit's position, so the two agree.
 * - The seals already recorded are announced once (`enforcement.seal_changed`, one pending delivery to the
 *   dashboard's rollup each), so the seals layer shows them as the new seals' own events will.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const real = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
    await db.schema.alterTable('units').addColumn('lat', real).execute();
    await db.schema.alterTable('units').addColumn('lng', real).execute();
    await db.schema.alterTable('units').addColumn('position_set_at', 'text').execute();
    await sql`update units set
        lat = (select p.lat from map_points p where p.layer = 'unit' and p.ref_id = units.usci),
        lng = (select p.lng from map_points p where p.layer = 'unit' and p.ref_id = units.usci),
        position_set_at = (select p.updated_at from map_points p where p.layer = 'unit' and p.ref_id = units.usci)
      where exists (select 1 from map_points p where p.layer = 'unit' and p.ref_id = units.usci)`.execute(db);
    const payload =
      dialect === 'postgres'
        ? sql`jsonb_build_object('sealId', s.id, 'agencyId', s.agency_id, 'agencyPath', s.agency_path, 'usci', s.usci, 'status', s.status, 'version', s.version)`
        : sql`json_object('sealId', s.id, 'agencyId', s.agency_id, 'agencyPath', s.agency_path, 'usci', s.usci, 'status', s.status, 'version', s.version)`;
    await sql`insert into domain_events (id, type, target_type, target_id, agency_id, payload, actor_user_id, occurred_at)
      select 'seal-map-' || s.id, 'enforcement.seal_changed', 'enforcement_seal', s.id, s.agency_id, ${payload}, null, s.updated_at
      from enforcement_seals s`.execute(db);
    await sql`insert into event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_error, done_at)
      select 'seal-map-' || s.id, 'dashboard.rollup', 'pending', 0, s.updated_at, null, null from enforcement_seals s`.execute(db);
  },
});
