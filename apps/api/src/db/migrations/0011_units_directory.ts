import type { Kysely, Migration } from 'kysely';

/** The directory of units (businesses and venues) under supervision, scoped by agency path. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('usci', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', 'text', (c) => c.notNull())
      .addColumn('venue_kind', 'text')
      .addColumn('floor_area', 'double precision')
      .addColumn('key_unit', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('risk_level', 'text', (c) => c.notNull())
      .addColumn('credit_level', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('units_agency_path').on('units').columns(['agency_path', 'id']).execute();
  },
};
