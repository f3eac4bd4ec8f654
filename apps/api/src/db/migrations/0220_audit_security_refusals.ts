import type { Kysely, Migration } from 'kysely';

/**
 * Security events of refused requests (等保 2.0 GB/T 22239-2019 8.1.4.3 a: 对重要用户行为和重要安全事件进行审计):
 * one row per acting account, route and answered code in each window, counting the refusals of that window.
 * Aggregated so that a flood of refused requests grows a count, not the store. The first refusal of a row
 * is also written, hash-chained, to the enforcement record (platform/audit/refusals.ts).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('security_refusals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text')
      .addColumn('actor_agency_id', 'text')
      // Whose auditors see the row: the acting staff member's agency, or (an applicant) the agency owning the record.
      .addColumn('agency_path', 'text')
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('first_at', 'text', (c) => c.notNull())
      .addColumn('last_at', 'text', (c) => c.notNull())
      .addColumn('last_target', 'text')
      .addColumn('source_ip', 'text')
      .addColumn('request_id', 'text')
      .execute();
    await db.schema.createIndex('security_refusals_key').on('security_refusals').columns(['window_start', 'actor_user_id', 'route', 'code']).unique().execute();
    await db.schema.createIndex('security_refusals_last_at').on('security_refusals').columns(['last_at']).execute();
    await db.schema.createIndex('security_refusals_agency').on('security_refusals').columns(['agency_path', 'last_at']).execute();
  },
};
