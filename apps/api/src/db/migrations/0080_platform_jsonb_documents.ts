import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { toJsonb } from './0070_platform_jsonb.ts';

/**
 * The JSON documents 0070 left as text whose text nothing depends on become `jsonb` on PostgreSQL too,
 * now that every JSON column is read through its codec (db/json.ts), which compares and decodes documents,
 * not texts:
 * - `random_plans.summary_json`: what a draw produced, shown on the plan; not part of the published input.
 * - `policy_versions.values_json`: a new version is compared with the latest as a document (`sameJson`),
 *   and resolution reads the decoded values; nothing hashes the text.
 * - `domain_events.payload`: subscribers receive the decoded payload; a redelivery is keyed by the event id,
 *   never by the payload's text.
 * Still text, because their exact text matters: the enforcement record's `details` (hashed into the chain),
 * idempotency answers (replayed with their key order), a plan's frozen rates and items (0070).
 * SQLite keeps JSON as text (the codecs validate it).
 */
export const JSONB_COLUMNS_0080: [table: string, column: string][] = [
  ['random_plans', 'summary_json'],
  ['policy_versions', 'values_json'],
  ['domain_events', 'payload'],
];

export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect !== 'postgres') return;
    for (const [table, column] of JSONB_COLUMNS_0080) await toJsonb(db, table, column);
  },
});
