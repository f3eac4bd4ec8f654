import type { Kysely, Migration } from 'kysely';

/**
 * Checks raised by remote monitoring (MON-01 → SUP-06): one row per unit and month whose alarms, faults or silent
 * device passed the thresholds of `monitoring.check_trigger`, with the reasons; unique per unit and period, so the
 * nightly sweep raises each once however often it runs.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('monitoring_check_triggers')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('period', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('reasons_json', text, (c) => c.notNull())
      .addColumn('policy_version', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('monitoring_check_triggers_once').on('monitoring_check_triggers').columns(['usci', 'period']).unique().execute();
  },
};
