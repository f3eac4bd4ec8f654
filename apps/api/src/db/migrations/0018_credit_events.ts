import type { Kysely, Migration } from 'kysely';

/** Credit events of a unit (points and their source). */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('credit_events')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('source_type', text, (c) => c.notNull())
      .addColumn('source_id', text, (c) => c.notNull())
      .addColumn('occurred_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credit_events_usci').on('credit_events').column('usci').execute();
  },
};
