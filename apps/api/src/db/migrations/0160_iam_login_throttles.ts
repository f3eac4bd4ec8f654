import type { Kysely, Migration } from 'kysely';

/**
 * Failed sign-ins for usernames that have no account, counted and locked exactly like an account's, so
 * that a lockout (423 after the allowed failures) does not tell which usernames exist. Keyed by the SM3
 * of the normalised username: the table holds no username typed by a stranger.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_throttles')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
