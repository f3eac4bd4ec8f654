import type { Kysely, Migration } from 'kysely';

/** Seal keys of each agency and the yearly numbering of the legal documents it issues. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('seal_keys')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('public_key', text, (c) => c.notNull())
      .addColumn('private_key_enc', text, (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('seal_keys_agency').on('seal_keys').columns(['agency_id', 'active']).execute();

    await db.schema
      .createTable('document_sequences')
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_sequences_pk', ['agency_id', 'kind', 'year'])
      .execute();
  },
};
