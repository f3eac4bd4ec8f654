import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * SVC-03: training and drills booked at a time that suits the unit (辽阳 003 #16: 与社会单位提前预约) and requests for
 * service outside office hours — one table, the unit's proposed times, the agency's answer and the reply clock;
 * `reminded_at` is the reminder's once-only mark. FIR-03: the 火灾事故认定书 of an incident,
 * one per determination (a re-determination after review issues the next `seq`), recorded with its verification code and
 * content snapshot when the determination is served; its sealed PDF is
 * attached on first download (compare-and-set on the empty file reference), as the case documents are.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('appointment_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('usci', text)
      .addColumn('requester_user_id', text)
      .addColumn('requester_name', text, (c) => c.notNull())
      .addColumn('unit_name', text, (c) => c.notNull())
      .addColumn('topic', text, (c) => c.notNull())
      .addColumn('place', text, (c) => c.notNull())
      .addColumn('people', 'integer', (c) => c.notNull())
      .addColumn('contact', text, (c) => c.notNull())
      .addColumn('proposed_json', json, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('starts_at', text)
      .addColumn('counter_at', text)
      .addColumn('answer', text)
      .addColumn('answered_by', text)
      .addColumn('clock_id', text)
      .addColumn('policy_version', text)
      .addColumn('reminded_at', text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointment_requests_scope').on('appointment_requests').columns(['agency_path', 'created_at']).execute();
    await db.schema.createIndex('appointment_requests_unit').on('appointment_requests').columns(['usci', 'created_at']).execute();
    await db.schema.createIndex('appointment_requests_due').on('appointment_requests').columns(['status', 'starts_at']).execute();
    await db.schema.createIndex('appointment_bookings_reminder').on('appointment_bookings').columns(['status', 'reminded_at']).execute();
    await db.schema
      .createTable('incident_documents')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('incident_id', text, (c) => c.notNull().references('incidents.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('verify_code', text, (c) => c.notNull().unique())
      .addColumn('issued_on', text, (c) => c.notNull())
      .addColumn('qr_facts', text, (c) => c.notNull())
      .addColumn('qr_signature', text, (c) => c.notNull())
      .addColumn('seal_key_id', text, (c) => c.notNull())
      .addColumn('seal_digest', text, (c) => c.notNull())
      .addColumn('pdf_sha256', text, (c) => c.notNull())
      .addColumn('content_json', json, (c) => c.notNull())
      .addColumn('issued_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('incident_documents_seq', ['incident_id', 'seq'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('incident_documents').execute();
    await db.schema.dropIndex('appointment_bookings_reminder').execute();
    await db.schema.dropTable('appointment_requests').execute();
  },
});
