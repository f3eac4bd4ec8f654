import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Task counts per agency, purpose, status and result (features/inspections keeps them in the transaction
 * of every task change), backfilled from the tasks that exist; and the indexes the task list pages on
 * (keyset: newest first, per agency and per agency and status), so that neither figures nor the list scan
 * or sort the whole task table at province scale.
 *
 * On PostgreSQL `agency_path` is compared with the "C" collation (byte order, as SQLite's BINARY), so that a
 * path prefix is one index range whatever the database's default collation.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const pathType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
      await db.schema
        .createTable('inspection_task_rollups')
        .addColumn('agency_path', pathType, (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('inspection_task_rollups_pk', ['agency_path', 'purpose', 'status', 'result'])
        .execute();
      await sql`insert into inspection_task_rollups (agency_path, agency_id, purpose, status, result, n)
        select agency_path, min(agency_id), purpose, status, coalesce(result, ''), count(*)
        from inspection_tasks group by agency_path, purpose, status, coalesce(result, '')`.execute(db);
      await db.schema.createIndex('inspection_tasks_created').on('inspection_tasks').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('inspection_tasks_agency_created').on('inspection_tasks').columns(['agency_path', 'created_at', 'id']).execute();
      await db.schema
        .createIndex('inspection_tasks_agency_status_created')
        .on('inspection_tasks')
        .columns(['agency_path', 'status', 'created_at', 'id'])
        .execute();
    },
  };
}
