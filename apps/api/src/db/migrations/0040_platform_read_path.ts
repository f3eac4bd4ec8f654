import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The read path near the raw limit (docs/decisions.md "Read path caches and indexes"):
 * - data scope as an index range on the materialised path: on PostgreSQL a byte-order collation
 *   "binary" (the C locale; SQLite has its own of the same name), and the hot path columns use it so that
 *   their indexes answer `agency_path COLLATE "binary" >= p AND < p'` (platform/org/scope.ts);
 * - name search in the unit directory by trigram: FTS5 `trigram` on SQLite (an external-content index
 *   kept by triggers), `pg_trgm` with a GIN index on PostgreSQL. The extension is trusted (PostgreSQL 13+),
 *   so the database owner may create it without being a superuser; where it cannot be created the
 *   search falls back to a scan with LIKE (same results, no index) and the migration still succeeds;
 * - a version column on clocks for compare-and-set transitions;
 * - one counter row per cached kind of reference data (policy, calendar), bumped by each write, so
 *   other processes notice a change with one cheap read.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cache_versions')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`insert into cache_versions (name, version) values ('policy', 0), ('calendar', 0)`.execute(db);
      // A clock's version: the number of its events. A pause, resume, extension or stop sets it from the
      // value it read, so of two concurrent changes exactly one applies.
      await db.schema
        .alterTable('clocks')
        .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update clocks set event_seq = (select count(*) from clock_events where clock_events.clock_id = clocks.id)`.execute(db);
      if (dialect === 'sqlite') {
        await sql`create virtual table units_fts using fts5(name, content='units', content_rowid='rowid', tokenize='trigram')`.execute(db);
        await sql`create trigger units_fts_insert after insert on units begin
          insert into units_fts(rowid, name) values (new.rowid, new.name); end`.execute(db);
        await sql`create trigger units_fts_delete after delete on units begin
          insert into units_fts(units_fts, rowid, name) values ('delete', old.rowid, old.name); end`.execute(db);
        await sql`create trigger units_fts_update after update of name on units begin
          insert into units_fts(units_fts, rowid, name) values ('delete', old.rowid, old.name);
          insert into units_fts(rowid, name) values (new.rowid, new.name); end`.execute(db);
        await sql`insert into units_fts(units_fts) values ('rebuild')`.execute(db);
        return;
      }
      await sql`create collation if not exists "binary" (provider = libc, locale = 'C')`.execute(db);
      for (const [table, column] of [
        ['agencies', 'path'],
        ['units', 'agency_path'],
        ['clocks', 'agency_path'],
      ] as const) {
        await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "binary"`.execute(db);
      }
      // Extensions are per database: installed once into the public schema (not into the schema of the
      // running store, which tests drop), and found again wherever an administrator put it.
      await sql`do $$ begin
          create extension if not exists pg_trgm with schema public;
        exception when others then
          raise notice 'pg_trgm not available (%): unit name search scans', sqlerrm;
        end $$`.execute(db);
      const ext = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_trgm'`.execute(db);
      const schema = ext.rows[0]?.schema;
      if (schema) await sql`create index units_name_trgm on units using gin (name ${sql.raw(`"${schema.replace(/"/g, '""')}".gin_trgm_ops`)})`.execute(db);
    },
  };
}
