import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-03: a partner may authenticate by mutual TLS behind the proxy instead of signing its calls. The administrator
 * registers the SHA-256 fingerprint of the partner's client certificate (64 lowercase hex characters); a partner
 * with one authenticates by that certificate only (platform/partners/certificates.ts, docs/partners.md).
 */
export const migration = (_dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('gateway_partners').addColumn('client_cert_sha256', 'text').execute();
  },
});
