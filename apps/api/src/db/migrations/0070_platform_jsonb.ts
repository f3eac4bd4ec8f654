import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * JSON documents of the business tables become `jsonb` on PostgreSQL: the database itself refuses text that
 * is not JSON, and the documents can be indexed and queried where a feature needs it. Columns whose exact
 * text matters stay text: the enforcement record's `details` (hashed as written), idempotency answers and
 * event payloads (replayed as written), a plan's frozen rates and items (its published input hash is recomputed
 * from them) and policy values (versions are compared as written). SQLite keeps JSON as text (the codec in db/json.ts validates it).
 * Migration 0080 later made policy values, event payloads and a draw's summary jsonb as well (read as documents).
 */
export const JSONB_COLUMNS: [table: string, column: string][] = [
  ['applications', 'materials_json'],
  ['applications', 'pending_json'],
  ['applications', 'commitment_json'],
  ['applications', 'appointment_json'],
  ['applications', 'exemption_json'],
  ['applications', 'policy_json'],
  ['applications', 'decision_json'],
  ['application_notices', 'items_json'],
  ['inspection_tasks', 'inspector_ids_json'],
  ['inspection_tasks', 'checklist_json'],
  ['inspection_tasks', 'signatures_json'],
  ['inspection_tasks', 'draft_json'],
  ['licences', 'revocation_json'],
  ['licences', 'delivery_json'],
  ['licence_requests', 'changes_json'],
  ['licence_requests', 'materials_json'],
  ['rectification_orders', 'items_json'],
  ['hazards', 'photo_ids_json'],
];

export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect !== 'postgres') return;
    for (const [table, column] of JSONB_COLUMNS) await toJsonb(db, table, column);
  },
});

/** Turns a text column of JSON documents into jsonb (PostgreSQL only); a row that is not JSON fails the migration. */
export async function toJsonb(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  await sql`alter table ${sql.id(table)} alter column ${sql.id(column)} type jsonb using ${sql.id(column)}::jsonb`.execute(db);
}
