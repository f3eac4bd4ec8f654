import type { Kysely, Migration } from 'kysely';

/** E-licences (each revision a row), requests to amend or reissue them, and public notices such as revocations. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('licences')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('number', text, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('verify_code', text, (c) => c.notNull().unique())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('application_id', text, (c) => c.notNull().references('applications.id'))
      .addColumn('applicant_user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('holder_name', text, (c) => c.notNull())
      .addColumn('legal_representative', text, (c) => c.notNull())
      .addColumn('venue_name', text, (c) => c.notNull())
      .addColumn('venue_address', text, (c) => c.notNull())
      .addColumn('venue_kind', text, (c) => c.notNull())
      .addColumn('floor_area', 'double precision', (c) => c.notNull())
      .addColumn('path', text, (c) => c.notNull())
      .addColumn('issued_on', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('superseded_by', text)
      .addColumn('pdf_sha256', text, (c) => c.notNull())
      .addColumn('seal_key_id', text, (c) => c.notNull().references('seal_keys.id'))
      .addColumn('seal_digest', text, (c) => c.notNull())
      .addColumn('qr_signature', text, (c) => c.notNull())
      .addColumn('revoked_at', text)
      .addColumn('revocation_json', text)
      .addColumn('delivery_json', text)
      .addColumn('policy_version', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('licences_agency_number_revision', ['agency_id', 'number', 'revision'])
      .execute();
    await db.schema.createIndex('licences_agency_status').on('licences').columns(['agency_path', 'status']).execute();
    await db.schema.createIndex('licences_usci').on('licences').column('usci').execute();

    await db.schema
      .createTable('licence_requests')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('licence_id', text, (c) => c.notNull().references('licences.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('changes_json', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('materials_json', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('requested_by', text, (c) => c.notNull().references('users.id'))
      .addColumn('requested_at', text, (c) => c.notNull())
      .addColumn('decided_by', text)
      .addColumn('decided_at', text)
      .addColumn('decision_reason', text)
      .addColumn('new_licence_id', text)
      .execute();

    await db.schema
      .createTable('public_notices')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('title', text, (c) => c.notNull())
      .addColumn('body', text, (c) => c.notNull())
      .addColumn('target_type', text, (c) => c.notNull())
      .addColumn('target_id', text, (c) => c.notNull())
      .addColumn('published_at', text, (c) => c.notNull())
      .execute();
  },
};
