import type { Kysely, Migration } from 'kysely';

/** Metadata of uploaded files; the content itself is stored on disk, addressed by its SHA-256. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('agency_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
