import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-03: the partner gateway. Partners registered by an administrator (per-partner key and sealed secret,
 * scopes), the nonces of signed inbound requests (each accepted once), the inbound log (accepted and refused
 * calls), the one delivery outbox for outbound pushes with its attempt log, and the federated portal identities
 * (which applicant account a unified portal's user acts through).
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    const json = dialect === 'postgres' ? ('jsonb' as const) : text;
    await db.schema
      .createTable('gateway_partners')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('key_id', text, (c) => c.notNull().unique())
      .addColumn('secret_enc', text, (c) => c.notNull())
      .addColumn('scopes_json', json, (c) => c.notNull())
      .addColumn('callback_url', text)
      .addColumn('agency_id', text, (c) => c.references('agencies.id'))
      .addColumn('agency_path', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('revoked_at', text)
      .execute();
    await db.schema
      .createTable('gateway_nonces')
      .addColumn('partner_id', text, (c) => c.notNull())
      .addColumn('nonce', text, (c) => c.notNull())
      .addColumn('seen_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('gateway_nonces_pk', ['partner_id', 'nonce'])
      .execute();
    await db.schema.createIndex('gateway_nonces_seen').on('gateway_nonces').column('seen_at').execute();
    await db.schema
      .createTable('gateway_inbound_log')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('partner_id', text)
      .addColumn('method', text, (c) => c.notNull())
      .addColumn('path', text, (c) => c.notNull())
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('code', text)
      .addColumn('reason', text)
      .addColumn('ip', text)
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('gateway_inbound_log_at').on('gateway_inbound_log').columns(['at', 'id']).execute();
    await db.schema
      .createTable('gateway_deliveries')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('partner_id', text, (c) => c.notNull().references('gateway_partners.id'))
      .addColumn('topic', text, (c) => c.notNull())
      .addColumn('dedupe_key', text, (c) => c.notNull())
      .addColumn('subject', text, (c) => c.notNull())
      .addColumn('agency_path', text, (c) => c.notNull())
      .addColumn('payload_json', json, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('due_at', text)
      .addColumn('due_basis', text)
      .addColumn('last_error', text)
      .addColumn('last_http_status', 'integer')
      .addColumn('delivered_at', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('gateway_deliveries_once', ['partner_id', 'dedupe_key'])
      .execute();
    await db.schema.createIndex('gateway_deliveries_due').on('gateway_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('gateway_deliveries_created').on('gateway_deliveries').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('gateway_deliveries_agency').on('gateway_deliveries').columns(['agency_path', 'created_at']).execute();
    await db.schema
      .createTable('gateway_delivery_attempts')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('delivery_id', text, (c) => c.notNull().references('gateway_deliveries.id'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('error', text)
      .addColumn('duration_ms', 'integer')
      .addColumn('actor_user_id', text)
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('gateway_delivery_attempts_delivery').on('gateway_delivery_attempts').columns(['delivery_id', 'at']).execute();
    await db.schema
      .createTable('gateway_identities')
      .addColumn('partner_id', text, (c) => c.notNull().references('gateway_partners.id'))
      .addColumn('subject', text, (c) => c.notNull())
      .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('usci', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('gateway_identities_pk', ['partner_id', 'subject', 'usci'])
      .execute();
  },
});
