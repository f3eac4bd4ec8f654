import type { Kysely, Migration } from 'kysely';

/** Permit applications and the one-time notices (一次性告知) issued on them. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('applications')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('reference_no', text, (c) => c.notNull().unique())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('region_code', text, (c) => c.notNull())
      .addColumn('applicant_user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('company_name', text, (c) => c.notNull())
      .addColumn('legal_representative', text, (c) => c.notNull())
      .addColumn('contact_name', text, (c) => c.notNull())
      .addColumn('contact_phone', text, (c) => c.notNull())
      .addColumn('venue_name', text, (c) => c.notNull())
      .addColumn('venue_address', text, (c) => c.notNull())
      .addColumn('venue_kind', text, (c) => c.notNull())
      .addColumn('floor_area', 'double precision', (c) => c.notNull())
      .addColumn('investment', 'double precision')
      .addColumn('path', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('materials_json', text, (c) => c.notNull())
      .addColumn('pending_json', text, (c) => c.notNull())
      .addColumn('commitment_json', text)
      .addColumn('appointment_json', text)
      .addColumn('exemption_json', text)
      .addColumn('policy_json', text, (c) => c.notNull())
      .addColumn('clock_id', text)
      .addColumn('decision_json', text)
      .addColumn('licence_id', text)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('submitted_at', text)
      .addColumn('accepted_at', text)
      .addColumn('decided_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('applications_agency_status').on('applications').columns(['agency_path', 'status']).execute();
    await db.schema.createIndex('applications_applicant').on('applications').column('applicant_user_id').execute();

    await db.schema
      .createTable('application_notices')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('application_id', text, (c) => c.notNull().references('applications.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('items_json', text, (c) => c.notNull())
      .addColumn('issued_by', text, (c) => c.notNull().references('users.id'))
      .addColumn('issued_at', text, (c) => c.notNull())
      .addColumn('resolved_at', text)
      .addUniqueConstraint('application_notices_seq', ['application_id', 'seq'])
      .execute();
  },
};
