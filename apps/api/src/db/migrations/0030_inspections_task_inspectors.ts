import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The inspectors of a task in a table of their own (task, user, position) instead of a JSON array
 * searched with LIKE: "the tasks of this inspector" becomes an indexed lookup. The JSON column stays,
 * written as a denormalised copy by the inspections repository, so that code reading it keeps working.
 * Existing tasks keep their inspectors: the arrays are copied here, in batches.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('inspection_task_inspectors')
      .addColumn('task_id', 'text', (c) => c.notNull().references('inspection_tasks.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('inspection_task_inspectors_pk', ['task_id', 'position'])
      .addUniqueConstraint('inspection_task_inspectors_task_user', ['task_id', 'user_id'])
      .execute();
    await db.schema.createIndex('inspection_task_inspectors_user').on('inspection_task_inspectors').columns(['user_id', 'task_id']).execute();

    const batch = 1000;
    let after = '';
    for (;;) {
      const rows = (
        await sql<{
          id: string;
          inspector_ids_json: string;
        }>`select id, inspector_ids_json from inspection_tasks where id > ${after} order by id limit ${batch}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      const values: { task_id: string; user_id: string; position: number }[] = [];
      for (const r of rows) {
        let ids: unknown = [];
        try {
          ids = JSON.parse(r.inspector_ids_json);
        } catch {
          ids = [];
        }
        const seen = new Set<string>();
        for (const u of Array.isArray(ids) ? ids : []) {
          if (typeof u !== 'string' || seen.has(u)) continue;
          seen.add(u);
          values.push({ task_id: r.id, user_id: u, position: seen.size });
        }
      }
      for (let i = 0; i < values.length; i += 500)
        await (db as Kysely<{ inspection_task_inspectors: { task_id: string; user_id: string; position: number } }>)
          .insertInto('inspection_task_inspectors')
          .values(values.slice(i, i + 500))
          .execute();
      after = rows[rows.length - 1]!.id;
      if (rows.length < batch) break;
    }
  },
};
