import type { Kysely, Migration } from 'kysely';

/** Our own working-day calendar per region, and which years have a published schedule (a year without one is never treated as Monday–Friday silently). */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('calendar_days')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_days_pk', ['region_code', 'date'])
      .execute();
    await db.schema
      .createTable('calendar_years')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('published', 'integer', (c) => c.notNull())
      .addColumn('source_notice', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_years_pk', ['region_code', 'year'])
      .execute();
  },
};
