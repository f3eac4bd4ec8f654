import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * TEST FIXTURE — NEVER CHANGE IT. This is the schema exactly as shipped before migrations were split per
 * feature (apps/api/src/db/migrations/): three migrations under the names '0001_foundation',
 * '0002_licensing' and '0003_supervision'. Stores created by that code exist; the migration test builds
 * one with this file to prove they move forward to the per-feature migrations without re-running
 * anything or losing data, and that a fresh store ends with the same schema. Editing it would make that
 * test prove something about a store nobody has.
 */
export function legacyMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('regions')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('parent_code', 'text')
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('development_zone', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema
          .createTable('agencies')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('parent_id', 'text', (c) => c.references('agencies.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('short_name', 'text', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('region_code', 'text', (c) => c.notNull().unique())
          .addColumn('path', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
          .addColumn('usci', 'text')
          .addColumn('phone', 'text')
          .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'text')
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('national', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('password_changed_at', 'text', (c) => c.notNull())
          .addColumn('last_login_at', 'text')
          .execute();
        await db.schema.createIndex('users_agency').on('users').column('agency_id').execute();

        await db.schema
          .createTable('user_roles')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('source_ip', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

        await db.schema
          .createTable('audit_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('chain_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('actor_user_id', 'text')
          .addColumn('actor_role', 'text')
          .addColumn('actor_agency_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_type', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('source_ip', 'text')
          .addColumn('request_id', 'text')
          .addColumn('policy_version', 'text')
          .addColumn('change_digest', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addUniqueConstraint('audit_events_chain_seq', ['chain_id', 'seq'])
          .execute();
        await db.schema.createIndex('audit_events_target').on('audit_events').column('target_id').execute();
        await db.schema.createIndex('audit_events_actor_agency').on('audit_events').columns(['actor_agency_id', 'occurred_at']).execute();

        await db.schema
          .createTable('audit_chain_heads')
          .addColumn('chain_id', 'text', (c) => c.primaryKey())
          .addColumn('last_seq', 'integer', (c) => c.notNull())
          .addColumn('last_hash', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        // The enforcement record is append-only: the database itself refuses UPDATE and DELETE.
        if (dialect === 'sqlite') {
          await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(
            db,
          );
          await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(
            db,
          );
        } else {
          await sql`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`.execute(
            db,
          );
          await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
          await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
        }

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

        await db.schema
          .createTable('calendar_days')
          .addColumn('region_code', 'text', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('calendar_days_pk', ['region_code', 'date'])
          .execute();
        await db.schema
          .createTable('calendar_years')
          .addColumn('region_code', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('published', 'integer', (c) => c.notNull())
          .addColumn('source_notice', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('calendar_years_pk', ['region_code', 'year'])
          .execute();

        await db.schema
          .createTable('clocks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('target_type', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', 'text', (c) => c.notNull())
          .addColumn('region_code', 'text', (c) => c.notNull())
          .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
          .addColumn('unit', 'text', (c) => c.notNull())
          .addColumn('amount', 'integer', (c) => c.notNull())
          .addColumn('warn_before', 'integer', (c) => c.notNull())
          .addColumn('legal_document', 'text', (c) => c.notNull())
          .addColumn('legal_clause', 'text')
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('due_date', 'text')
          .addColumn('due_at', 'text')
          .addColumn('due_soon_at', 'text')
          .addColumn('provisional', 'integer', (c) => c.notNull())
          .addColumn('alert_state', 'text', (c) => c.notNull())
          .addColumn('policy_version', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('clocks_due').on('clocks').columns(['status', 'due_at']).execute();
        await db.schema.createIndex('clocks_agency_path').on('clocks').column('agency_path').execute();
        await db.schema.createIndex('clocks_target').on('clocks').columns(['target_type', 'target_id']).execute();

        await db.schema
          .createTable('clock_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('clock_id', 'text', (c) => c.notNull().references('clocks.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('amount', 'integer')
          .addColumn('reason', 'text')
          .addColumn('actor_user_id', 'text')
          .addUniqueConstraint('clock_events_clock_seq', ['clock_id', 'seq'])
          .execute();

        // One row per clock and alert kind: the primary key is what makes the sweep raise an alert once,
        // even if two processes race past the lease.
        await db.schema
          .createTable('clock_alerts')
          .addColumn('clock_id', 'text', (c) => c.notNull().references('clocks.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('raised_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('clock_alerts_pk', ['clock_id', 'kind'])
          .execute();

        await db.schema
          .createTable('outbox')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('recipient_user_id', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .execute();

        await db.schema
          .createTable('job_leases')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('lease_until', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('idempotency_keys')
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('response_status', 'integer')
          .addColumn('response_body', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
          .execute();

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

        await db.schema
          .createTable('units')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('usci', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('region_code', 'text', (c) => c.notNull())
          .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', 'text', (c) => c.notNull())
          .addColumn('venue_kind', 'text')
          .addColumn('floor_area', 'double precision')
          .addColumn('key_unit', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('risk_level', 'text', (c) => c.notNull())
          .addColumn('credit_level', 'text', (c) => c.notNull())
          .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
          .addColumn('contact_name', 'text')
          .addColumn('contact_phone', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('units_agency_path').on('units').columns(['agency_path', 'id']).execute();
      },
    },
    '0002_licensing': {
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

        await db.schema
          .createTable('inspectors')
          .addColumn('user_id', text, (c) => c.primaryKey().references('users.id'))
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('certificate_no', text, (c) => c.notNull())
          .addColumn('certified_until', text, (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .execute();

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

        await db.schema
          .createTable('inspection_tasks')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('region_code', text, (c) => c.notNull())
          .addColumn('purpose', text, (c) => c.notNull())
          .addColumn('application_id', text)
          .addColumn('licence_id', text)
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('subject_name', text, (c) => c.notNull())
          .addColumn('venue_address', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('inspector_ids_json', text, (c) => c.notNull())
          .addColumn('appointment_at', text)
          .addColumn('off_hours', 'integer', (c) => c.notNull())
          .addColumn('checklist_json', text)
          .addColumn('result', text)
          .addColumn('findings', text)
          .addColumn('clock_id', text)
          .addColumn('policy_version', text)
          .addColumn('completed_at', text)
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('inspection_tasks_agency_status').on('inspection_tasks').columns(['agency_path', 'status']).execute();

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

        await db.schema
          .createTable('enforcement_referrals')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('subject_name', text, (c) => c.notNull())
          .addColumn('source_type', text, (c) => c.notNull())
          .addColumn('source_id', text, (c) => c.notNull())
          .addColumn('reason', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('credit_events')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('kind', text, (c) => c.notNull())
          .addColumn('points', 'integer', (c) => c.notNull())
          .addColumn('reason', text, (c) => c.notNull())
          .addColumn('source_type', text, (c) => c.notNull())
          .addColumn('source_id', text, (c) => c.notNull())
          .addColumn('occurred_at', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('credit_events_usci').on('credit_events').column('usci').execute();

        await db.schema
          .createTable('rectification_orders')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('subject_name', text, (c) => c.notNull())
          .addColumn('source_type', text, (c) => c.notNull())
          .addColumn('source_id', text, (c) => c.notNull())
          .addColumn('items_json', text, (c) => c.notNull())
          .addColumn('deadline_date', text, (c) => c.notNull())
          .addColumn('clock_id', text)
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('rectification_orders_usci').on('rectification_orders').column('usci').execute();
      },
    },
    '0003_supervision': {
      async up(db: Kysely<unknown>) {
        const text = 'text' as const;
        await db.schema
          .alterTable('units')
          .addColumn('self_commitment', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('units').addColumn('last_fire_on', text).execute();
        await db.schema.createIndex('units_usci_lookup').on('units').column('usci').execute();
        await db.schema.createIndex('units_name').on('units').columns(['agency_path', 'name']).execute();

        await db.schema
          .createTable('inspector_conflicts')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('inspector_user_id', text, (c) => c.notNull().references('users.id'))
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('kind', text, (c) => c.notNull())
          .addColumn('note', text)
          .addColumn('declared_at', text, (c) => c.notNull())
          .addUniqueConstraint('inspector_conflicts_pair', ['inspector_user_id', 'usci'])
          .execute();

        await db.schema
          .createTable('random_plans')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('title', text, (c) => c.notNull())
          .addColumn('purpose', text, (c) => c.notNull())
          .addColumn('period_start', text, (c) => c.notNull())
          .addColumn('period_end', text, (c) => c.notNull())
          .addColumn('rates_json', text, (c) => c.notNull())
          .addColumn('items_json', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('inputs_hash', text)
          .addColumn('inputs_sha256', text)
          .addColumn('public_value_source', text)
          .addColumn('public_value', text)
          .addColumn('seed', text)
          .addColumn('summary_json', text)
          .addColumn('policy_version', text)
          .addColumn('created_by', text, (c) => c.notNull())
          .addColumn('published_at', text)
          .addColumn('drawn_at', text)
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();

        await db.schema.alterTable('inspection_tasks').addColumn('plan_id', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('unit_id', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('trigger_reason', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('mode', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('signatures_json', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('draft_json', text).execute();
        await db.schema.alterTable('inspection_tasks').addColumn('order_id', text).execute();
        await db.schema.createIndex('inspection_tasks_plan').on('inspection_tasks').column('plan_id').execute();
        await db.schema.createIndex('inspection_tasks_usci').on('inspection_tasks').columns(['usci', 'purpose']).execute();

        await db.schema
          .createTable('hazards')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('task_id', text, (c) => c.notNull().references('inspection_tasks.id'))
          .addColumn('usci', text, (c) => c.notNull())
          .addColumn('subject_name', text, (c) => c.notNull())
          .addColumn('agency_id', text, (c) => c.notNull().references('agencies.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('item_code', text)
          .addColumn('description', text, (c) => c.notNull())
          .addColumn('major', 'integer', (c) => c.notNull())
          .addColumn('photo_ids_json', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('order_id', text)
          .addColumn('created_at', text, (c) => c.notNull())
          .addColumn('updated_at', text, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('hazards_agency_status').on('hazards').columns(['agency_path', 'status']).execute();

        await db.schema.alterTable('rectification_orders').addColumn('number', text).execute();
        await db.schema.alterTable('rectification_orders').addColumn('guidance', text).execute();
        await db.schema.alterTable('rectification_orders').addColumn('pdf_sha256', text).execute();
        await db.schema
          .alterTable('rectification_orders')
          .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('rectification_orders').addColumn('reinspection_task_id', text).execute();
        await db.schema.alterTable('rectification_orders').addColumn('closed_at', text).execute();

        await db.schema
          .createTable('order_extensions')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('order_id', text, (c) => c.notNull().references('rectification_orders.id'))
          .addColumn('agency_path', text, (c) => c.notNull())
          .addColumn('requested_days', 'integer', (c) => c.notNull())
          .addColumn('reason', text, (c) => c.notNull())
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('requested_by', text, (c) => c.notNull())
          .addColumn('requested_at', text, (c) => c.notNull())
          .addColumn('decided_by', text)
          .addColumn('decided_at', text)
          .addColumn('decision_reason', text)
          .execute();
      },
    },
  };
}
