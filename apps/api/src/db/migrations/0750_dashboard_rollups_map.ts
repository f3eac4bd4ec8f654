import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-02 / SUP-13: the rollups of the leaders' dashboard and map (features/dashboard is their one writer).
 * - `dashboard_counts`: per agency path, metric, breakdown and Beijing day, a count and an amount, kept by
 *   the dashboard's subscriber of domain events (exactly once per event through its idempotency claim);
 * - `map_points`: one row per point of a layer (unit, hazard, complaint, alarm) with its position;
 * - `map_cells`: the points summed per grid cell at a few zoom levels, written in the same transaction as
 *   every point, so a province's two million units are drawn from a few hundred cells, not scanned.
 * `agency_path` is compared by byte ranges (collation "binary", migration 0040 on PostgreSQL).
 */
/** The event types the rollup subscriber took when this migration was written (a migration never changes afterwards). */
const ROLLUP_TYPES = [
  'licensing.application_submitted',
  'licensing.permit_granted',
  'licensing.application_refused',
  'clocks.alert_raised',
  'supervision.order_issued',
  'supervision.major_hazard_listed',
  'enforcement.penalty_decided',
  'complaints.received',
  'complaints.verified',
  'monitoring.fire_alarm_received',
  'monitoring.device_went_offline',
  'credit.inspection_triggered',
];

export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const real = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
    const big = dialect === 'postgres' ? ('bigint' as const) : ('integer' as const);
    await db.schema
      .createTable('dashboard_counts')
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('metric', text, (c) => c.notNull())
      .addColumn('breakdown', text, (c) => c.notNull())
      .addColumn('day', text, (c) => c.notNull())
      .addColumn('n', big, (c) => c.notNull())
      .addColumn('amount', real, (c) => c.notNull())
      .addPrimaryKeyConstraint('dashboard_counts_pk', ['agency_path', 'metric', 'breakdown', 'day'])
      .execute();
    await db.schema.createIndex('dashboard_counts_day').on('dashboard_counts').columns(['day', 'agency_path', 'metric']).execute();
    await db.schema
      .createTable('map_points')
      .addColumn('layer', text, (c) => c.notNull())
      .addColumn('ref_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('lat', real, (c) => c.notNull())
      .addColumn('lng', real, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('risk', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('label', text, (c) => c.notNull())
      .addColumn('usci', text)
      .addColumn('updated_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('map_points_pk', ['layer', 'ref_id'])
      .execute();
    await db.schema.createIndex('map_points_position').on('map_points').columns(['layer', 'lat', 'lng']).execute();
    await db.schema.createIndex('map_points_usci').on('map_points').columns(['usci', 'layer']).execute();
    await db.schema
      .createTable('map_cells')
      .addColumn('layer', text, (c) => c.notNull())
      .addColumn('z', 'integer', (c) => c.notNull())
      .addColumn('cx', 'integer', (c) => c.notNull())
      .addColumn('cy', 'integer', (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('risk', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('n', big, (c) => c.notNull())
      .addColumn('sum_lat', real, (c) => c.notNull())
      .addColumn('sum_lng', real, (c) => c.notNull())
      .addPrimaryKeyConstraint('map_cells_pk', ['layer', 'z', 'cy', 'cx', 'agency_path', 'kind', 'risk', 'status'])
      .execute();
    // The dashboard's running clocks by matter and state come from this index alone (no read of the rows).
    // The facts of the store so far are counted too: a pending delivery to the rollup for each past event of the
    // types it takes (the dispatcher then counts them like new ones; features/dashboard/rollup.ts lists the types).
    await sql`insert into event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, last_error, done_at)
      select id, 'dashboard.rollup', 'pending', 0, occurred_at, null, null from domain_events where type in (${sql.join(ROLLUP_TYPES)})`.execute(db);
    // The dashboard's credit and risk distribution counts the directory's levels from this index alone (credit feature, levelCounts).
    await db.schema.createIndex('units_levels').on('units').columns(['agency_path', 'credit_level', 'risk_level']).execute();
    await db.schema.createIndex('clocks_dashboard').on('clocks').columns(['status', 'agency_path', 'target_type', 'alert_state']).execute();
  },
});
