import type { Kysely, Migration } from 'kysely';

/** Units: the self-commitment flag and last fire date that the draw weighs, and indexes for lookups by USCI and by name. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .alterTable('units')
      .addColumn('self_commitment', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('units').addColumn('last_fire_on', text).execute();
    await db.schema.createIndex('units_usci_lookup').on('units').column('usci').execute();
    await db.schema.createIndex('units_name').on('units').columns(['agency_path', 'name']).execute();
  },
};
