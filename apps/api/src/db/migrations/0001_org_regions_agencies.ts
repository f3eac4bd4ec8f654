import type { Kysely, Migration } from 'kysely';

/** Regions (statistics-bureau codes) and the agency tree, kept as a materialised path so that "agency and below" is one prefix match. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('development_zone', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('agencies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('agencies.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().unique())
      .addColumn('path', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
