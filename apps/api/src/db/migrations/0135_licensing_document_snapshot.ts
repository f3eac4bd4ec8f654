import type { Kysely, Migration } from 'kysely';

/**
 * The content snapshot of an intake document: everything its PDF prints, recorded in the act's transaction,
 * so that the sealed PDF is rendered after the commit (by a subscriber, or on the first download) from the
 * recorded facts. Until then `pdf_sha256`, `seal_digest` and `qr_signature` hold '' (rows issued before
 * this migration already have their PDF and no snapshot).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('application_documents').addColumn('content_json', 'text').execute();
  },
};
