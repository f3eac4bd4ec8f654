import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Complaints about officers from the public (消防法 art. 57, OVS-03), in a table of their own — never in
 * the hazard reports' queue. The tracking code is kept only as its HMAC (unique: the public look-up).
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const path = dialect === 'postgres' ? sql`text collate "binary"` : 'text';
      await db.schema
        .createTable('officer_complaints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('officer_name', 'text')
        .addColumn('officer_badge', 'text')
        .addColumn('occurred_on', 'text')
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('complainant_name', 'text')
        .addColumn('complainant_phone', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('handler_id', 'text', (c) => c.references('users.id'))
        .addColumn('accepted_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('finding', 'text')
        .addColumn('reply', 'text')
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('officer_complaints_scope').on('officer_complaints').columns(['agency_path', 'status', 'submitted_at']).execute();
    },
  };
}
