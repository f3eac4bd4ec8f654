import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Hazard reports and complaints (CMP-01 … CMP-04), owned by features/complaints. The reporter's name,
 * phone and ID are one SM4-encrypted column (key outside the database); the tracking code is kept only as
 * its HMAC. A 12345 work order is unique on (partner, work-order number): a pushed order is idempotent.
 * Rewards, return visits, partner keys (12345 signing secrets, Open311 API keys) and the nonces that refuse
 * a replayed partner request have tables of their own.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const path = dialect === 'postgres' ? sql`text collate "binary"` : 'text';
      const json = dialect === 'postgres' ? ('jsonb' as const) : ('text' as const);
      const real = dialect === 'postgres' ? ('double precision' as const) : ('real' as const);
      await db.schema
        .createTable('complaints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('reported_category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('unit_usci', 'text')
        .addColumn('address', 'text')
        .addColumn('lat', real)
        .addColumn('lng', real)
        .addColumn('coord_system', 'text')
        .addColumn('photos_json', json, (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('identity_enc', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('clock_id', 'text')
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text')
        .addColumn('limit_unit', 'text', (c) => c.notNull())
        .addColumn('limit_amount', 'integer', (c) => c.notNull())
        .addColumn('duplicate_of', 'text')
        .addColumn('task_id', 'text')
        .addColumn('outcome', 'text')
        .addColumn('findings', 'text')
        .addColumn('order_id', 'text')
        .addColumn('verified_at', 'text')
        .addColumn('feedback', 'text')
        .addColumn('feedback_impossible', 'text')
        .addColumn('feedback_at', 'text')
        .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('partner_id', 'text')
        .addColumn('external_ref', 'text')
        .addColumn('external_due_at', 'text')
        .addColumn('satisfaction', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('complaints_scope').on('complaints').columns(['agency_path', 'status', 'received_at']).execute();
      await db.schema.createIndex('complaints_unit').on('complaints').columns(['unit_usci', 'received_at']).execute();
      await db.schema.createIndex('complaints_place').on('complaints').columns(['lat', 'lng', 'received_at']).execute();
      await db.schema.createIndex('complaints_received').on('complaints').columns(['received_at', 'id']).execute();
      await sql`create unique index complaints_work_order on complaints (partner_id, external_ref) where external_ref is not null`.execute(db);

      // Photos of a report sent without an account (随手拍): stored like any upload (by SHA-256, re-encoded), but
      // owned by no user — the reporter's anonymity holds for the photo too; bound to the report on submission.
      await db.schema
        .createTable('complaint_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('complaint_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('complaint_photos_of').on('complaint_photos').column('complaint_id').execute();

      await db.schema
        .createTable('complaint_rewards')
        .addColumn('complaint_id', 'text', (c) => c.primaryKey().references('complaints.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('amount', 'integer')
        .addColumn('reason', 'text')
        .addColumn('policy_version', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addColumn('claim_by', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('payee_enc', 'text')
        .addColumn('paid_at', 'text')
        .addColumn('payment_ref', 'text')
        .execute();

      await db.schema
        .createTable('complaint_return_visits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('satisfied', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('visited_by', 'text')
        .addColumn('visited_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('complaint_return_visits_of').on('complaint_return_visits').columns(['complaint_id', 'visited_at']).execute();

      await db.schema
        .createTable('partner_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('secret_enc', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('partner_nonces')
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('partner_nonces_pk', ['partner_id', 'nonce'])
        .execute();
    },
  };
}
