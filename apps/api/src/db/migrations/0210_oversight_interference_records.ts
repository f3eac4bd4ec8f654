import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Interference records (ENF-08): an insider's attempt to ask about, direct or influence a case, as recorded
 * by the officer approached. Append-only like the enforcement record (migration 0003): the database itself
 * refuses UPDATE and DELETE, so a record cannot be softened or removed afterwards.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const path = dialect === 'postgres' ? sql`text collate "binary"` : 'text';
      await db.schema
        .createTable('interference_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
        .addColumn('agency_path', path, (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('person_name', 'text', (c) => c.notNull())
        .addColumn('person_position', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('act', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('case_reference', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('response', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Oversight lists and the monthly report: the scope range on the path, then the time of the approach.
      await db.schema.createIndex('interference_records_scope').on('interference_records').columns(['agency_path', 'occurred_at']).execute();
      // The recorder's own records and the officer's file.
      await db.schema.createIndex('interference_records_recorder').on('interference_records').columns(['recorded_by', 'occurred_at']).execute();

      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER interference_records_no_update BEFORE UPDATE ON interference_records BEGIN SELECT RAISE(ABORT, 'interference_records is append-only'); END`.execute(
          db,
        );
        await sql`CREATE TRIGGER interference_records_no_delete BEFORE DELETE ON interference_records BEGIN SELECT RAISE(ABORT, 'interference_records is append-only'); END`.execute(
          db,
        );
      } else {
        await sql`CREATE FUNCTION interference_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'interference_records is append-only'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER interference_records_no_update BEFORE UPDATE ON interference_records FOR EACH ROW EXECUTE FUNCTION interference_records_append_only()`.execute(
          db,
        );
        await sql`CREATE TRIGGER interference_records_no_delete BEFORE DELETE ON interference_records FOR EACH ROW EXECUTE FUNCTION interference_records_append_only()`.execute(
          db,
        );
      }
    },
  };
}
