import type { Kysely, Migration } from 'kysely';

/**
 * A version on inspection tasks: every change of a task increments it and checks the one it read, so that
 * two re-assignments of an already assigned task (same status before and after) cannot both apply.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('inspection_tasks')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
