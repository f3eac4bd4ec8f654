import type { Kysely, Migration } from 'kysely';

/** Jurisdiction overrides of policy kinds: versioned, effective-dated, each with its legal basis. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('policy_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_to', 'text')
      .addColumn('values_json', 'text', (c) => c.notNull())
      .addColumn('legal_document', 'text', (c) => c.notNull())
      .addColumn('legal_clause', 'text')
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('policy_versions_kind_agency_version', ['kind', 'agency_id', 'version'])
      .execute();
  },
};
