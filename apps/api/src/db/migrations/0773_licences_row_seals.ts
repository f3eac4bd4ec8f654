import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Permits join the sealed tables (issue 10 item 5, tamper class “a business row edited without an event”):
 * an e-licence's number, holder, venue, status and seal are its legal substance (消防法 art. 15; 行政许可法
 * art. 39), and a change to them made outside a recorded transaction must be found by `verify` like a
 * clock's. The marking triggers are those of 0270 (PostgreSQL's `audit_mark_dirty()` serves every table);
 * the columns are frozen here as they were sealed (db/sealed-tables.ts lists them for the running code).
 * Left out: JSON documents (`revocation_json` is jsonb on PostgreSQL, whose text form is not the one read
 * back), the floor area (a float) and timestamps, which a recorded act sets together with what it seals.
 * Permits that exist now are sealed at the next start.
 */
const COLUMNS = [
  'id',
  'number',
  'revision',
  'verify_code',
  'agency_id',
  'application_id',
  'usci',
  'holder_name',
  'legal_representative',
  'venue_name',
  'venue_address',
  'venue_kind',
  'path',
  'issued_on',
  'status',
  'superseded_by',
  'pdf_sha256',
  'seal_key_id',
  'seal_digest',
  'qr_signature',
  'revoked_at',
] as const;

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const cols = sql.raw(COLUMNS.join(', '));
      if (dialect === 'postgres') {
        await sql`CREATE TRIGGER licences_mark_dirty AFTER INSERT OR UPDATE OF ${cols} ON licences FOR EACH ROW EXECUTE FUNCTION audit_mark_dirty()`.execute(
          db,
        );
      } else {
        const old = sql.raw(`json_object(${COLUMNS.map((c) => `'${c}', OLD.${c}`).join(', ')})`);
        const upsert = (oldJson: ReturnType<typeof sql.raw>) =>
          sql`INSERT INTO audit_dirty_rows (table_name, row_id, mark, old_json) SELECT 'licences', NEW.id, mark, ${oldJson} FROM audit_tx_mark WHERE id = 1
            ON CONFLICT (table_name, row_id) DO UPDATE SET mark = excluded.mark,
            old_json = CASE WHEN audit_dirty_rows.mark = excluded.mark THEN audit_dirty_rows.old_json ELSE excluded.old_json END;`;
        await sql`CREATE TRIGGER licences_mark_dirty_insert AFTER INSERT ON licences BEGIN ${upsert(sql.raw('NULL'))} END`.execute(db);
        await sql`CREATE TRIGGER licences_mark_dirty_update AFTER UPDATE OF ${cols} ON licences BEGIN ${upsert(old)} END`.execute(db);
      }
      await sql`INSERT INTO audit_dirty_rows (table_name, row_id, mark) SELECT 'licences', id, 'initial' FROM licences`.execute(db);
    },
  };
}
