import type { Kysely, Migration } from 'kysely';

/**
 * Figures (SUP-13) count hazards and rectification orders per agency of the caller's scope: covering
 * indexes, so that each count is an index range per agency, never a scan of the table.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('hazards_agency_status_major').on('hazards').columns(['agency_path', 'status', 'major']).execute();
    await db.schema
      .createIndex('rectification_orders_agency_status_deadline')
      .on('rectification_orders')
      .columns(['agency_path', 'status', 'deadline_date'])
      .execute();
    await db.schema.createIndex('random_plans_agency').on('random_plans').columns(['agency_path', 'created_at']).execute();
  },
};
