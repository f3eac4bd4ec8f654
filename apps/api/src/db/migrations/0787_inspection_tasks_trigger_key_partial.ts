import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `trigger_key` is set only on tasks a trigger opens (a seriously dishonest unit's yearly inspection, CRD-02); the
 * unique index over it held an entry for every other task too, all of them null. Made partial: the same uniqueness
 * where a key exists, and no index entry for the hundred thousand tasks of a random draw. `insertTaskOnce` names the
 * same predicate in its conflict target, which both dialects require to infer a partial unique index.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('inspection_tasks_trigger_key').execute();
    await db.schema
      .createIndex('inspection_tasks_trigger_key')
      .on('inspection_tasks')
      .column('trigger_key')
      .unique()
      .where(sql.ref('trigger_key'), 'is not', null)
      .execute();
  },
};
