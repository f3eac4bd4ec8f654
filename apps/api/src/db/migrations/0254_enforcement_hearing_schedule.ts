import type { Kysely, Migration } from 'kysely';

/**
 * The hearing's schedule (ENF-04; 行政处罚法 art. 64 (2)): its date and time (Beijing, 'YYYY-MM-DD HH:mm') and
 * place, set when the officers schedule it and notify the party with the 听证通知书; the host is the existing
 * `hearing_host_id`, now chosen with the schedule.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('enforcement_cases').addColumn('hearing_at', 'text').execute();
    await db.schema.alterTable('enforcement_cases').addColumn('hearing_place', 'text').execute();
  },
};
