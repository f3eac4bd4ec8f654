import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The 临时查封决定书 of a seal (ENF-05; 行政强制法 art. 24): recorded in the collective decision's transaction with
 * its number, verification code, seal key, QR facts and content snapshot, its sealed PDF attached after the
 * commit (`pdf_sha256` '' until then), like a penalty case's documents (migration 0240) — a table of its own
 * because a seal need not belong to a case. One per seal.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('enforcement_seal_documents')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('seal_id', text, (c) => c.notNull().unique().references('enforcement_seals.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('verify_code', text, (c) => c.notNull().unique())
      .addColumn('issued_on', text, (c) => c.notNull())
      .addColumn('qr_facts', text, (c) => c.notNull())
      .addColumn('qr_signature', text, (c) => c.notNull())
      .addColumn('seal_key_id', text, (c) => c.notNull())
      .addColumn('seal_digest', text, (c) => c.notNull())
      .addColumn('pdf_sha256', text, (c) => c.notNull())
      .addColumn('content_json', json, (c) => c.notNull())
      .addColumn('policy_version', text)
      .addColumn('issued_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('enforcement_seal_documents_digest').on('enforcement_seal_documents').column('seal_digest').execute();
  },
});
