import type { Kysely, Migration } from 'kysely';

/**
 * Attempt counters of public look-ups (办件查询): one row per key (a client address, an application number)
 * and window, so that several processes share the limit and numbers cannot be enumerated.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attempt_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
  },
};
