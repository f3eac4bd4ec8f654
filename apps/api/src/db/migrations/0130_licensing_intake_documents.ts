import type { Kysely, Migration } from 'kysely';

/**
 * The written vouchers of intake (行政许可法 art. 32): 受理回执, 受理通知书, 补正材料通知书 and 不予受理通知书,
 * each numbered, sealed and verifiable like a permit; and the hash of the applicant's 办件查询 code on the
 * application (the code itself is never stored).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('application_documents')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('application_id', text, (c) => c.notNull().references('applications.id'))
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('verify_code', text, (c) => c.notNull().unique())
      .addColumn('issued_on', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      // The facts the QR signature covers, as signed (text: replayed byte for byte).
      .addColumn('qr_facts', text, (c) => c.notNull())
      .addColumn('qr_signature', text, (c) => c.notNull())
      .addColumn('seal_key_id', text, (c) => c.notNull().references('seal_keys.id'))
      .addColumn('seal_digest', text, (c) => c.notNull())
      .addColumn('pdf_sha256', text, (c) => c.notNull())
      // The act the document records: the notice (补正) or the step (受理, 不予受理, 提交) — one document per act.
      .addColumn('act', text, (c) => c.notNull())
      .addColumn('policy_version', text)
      .addColumn('issued_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('application_documents_act', ['application_id', 'kind', 'act'])
      .addUniqueConstraint('application_documents_number', ['agency_id', 'kind', 'number'])
      .execute();
    await db.schema.createIndex('application_documents_application').on('application_documents').column('application_id').execute();
    await db.schema.createIndex('application_documents_digest').on('application_documents').column('seal_digest').execute();
    await db.schema.alterTable('applications').addColumn('lookup_code_hash', text).execute();
  },
};
