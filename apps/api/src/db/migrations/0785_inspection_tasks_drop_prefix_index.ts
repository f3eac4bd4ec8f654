import type { Kysely, Migration } from 'kysely';

/**
 * `inspection_tasks_agency_status (agency_path, status)` is the leading part of
 * `inspection_tasks_agency_status_created (agency_path, status, created_at, id)`: every search the shorter index
 * served, the longer one serves the same way (on SQLite and PostgreSQL alike). Keeping both cost every inserted
 * task one more index entry — a province's random draw inserts a hundred thousand tasks in one transaction.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('inspection_tasks_agency_status').ifExists().execute();
  },
};
