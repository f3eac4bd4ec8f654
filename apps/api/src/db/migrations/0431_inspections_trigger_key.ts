import type { Kysely, Migration } from 'kysely';

/**
 * A triggered task's key (CRD-02, SUP-06): a unit on the serious-dishonesty list or at a trigger level is
 * inspected once per period as a non-random trigger, so the key `dishonest:<USCI>:<period>` is unique; a
 * second trigger for the same unit and period (a retried event, 20 parallel deliveries) inserts nothing.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('inspection_tasks').addColumn('trigger_key', 'text').execute();
    await db.schema.createIndex('inspection_tasks_trigger_key').on('inspection_tasks').column('trigger_key').unique().execute();
  },
};
