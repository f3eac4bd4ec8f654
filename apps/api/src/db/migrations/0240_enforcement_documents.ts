import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The written documents of a penalty case (ENF-04): 行政处罚告知书, 行政处罚决定书, 不予行政处罚决定书 and
 * 当场处罚决定书, each recorded in the act's transaction (number, verification code, seal key, QR facts and a
 * snapshot of everything it prints) and rendered, sealed and attached after the commit: until then
 * `pdf_sha256`, `seal_digest` and `qr_signature` hold ''. One document per act of the case (`act`); the
 * content snapshot is a JSON document (jsonb on PostgreSQL, read through its codec).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('enforcement_documents')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('act', text, (c) => c.notNull())
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('verify_code', text, (c) => c.notNull().unique())
      .addColumn('issued_on', text, (c) => c.notNull())
      // The facts the QR signature covers, as signed (text: replayed byte for byte).
      .addColumn('qr_facts', text, (c) => c.notNull())
      .addColumn('qr_signature', text, (c) => c.notNull())
      .addColumn('seal_key_id', text, (c) => c.notNull().references('seal_keys.id'))
      .addColumn('seal_digest', text, (c) => c.notNull())
      .addColumn('pdf_sha256', text, (c) => c.notNull())
      .addColumn('content_json', json, (c) => c.notNull())
      .addColumn('policy_version', text)
      .addColumn('issued_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('enforcement_documents_act', ['case_id', 'act'])
      .execute();
    await db.schema.createIndex('enforcement_documents_case').on('enforcement_documents').columns(['case_id', 'created_at']).execute();
    await db.schema.createIndex('enforcement_documents_digest').on('enforcement_documents').column('seal_digest').execute();
  },
});
