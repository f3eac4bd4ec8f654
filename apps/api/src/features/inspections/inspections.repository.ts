import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB, InspectionTaskTable } from '../../db/schema.ts';

/**
 * Storage of inspection tasks, the only code that writes `inspection_tasks`. The task's two inspectors
 * are read and written only here (`inspectorIdsOf`, `insertTask`, `updateTaskIf`), so that how they are
 * stored can change without touching licensing or supervision.
 */
export type TaskStatus = InspectionTaskTable['status'];

export function inspectorIdsOf(task: Pick<InspectionTaskTable, 'inspector_ids_json'>): string[] {
  return JSON.parse(task.inspector_ids_json) as string[];
}

export async function findTask(db: Executor, id: string): Promise<InspectionTaskTable | undefined> {
  return db.selectFrom('inspection_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTask(trx: Executor, row: InspectionTaskTable): Promise<InspectionTaskTable> {
  await trx.insertInto('inspection_tasks').values(row).execute();
  return row;
}

/** Inserts many tasks (a random draw) in statements of `chunk` rows. */
export async function insertTasks(trx: Executor, rows: InspectionTaskTable[], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk)
    await trx
      .insertInto('inspection_tasks')
      .values(rows.slice(i, i + chunk))
      .execute();
}

export interface TaskPatch extends Partial<Omit<InspectionTaskTable, 'id' | 'inspector_ids_json'>> {
  inspectorIds?: string[];
}

/**
 * Compare-and-set: applies `patch` only while the task is in one of `expected` states; returns the task as
 * written, or null when another request changed it first (the caller answers 409).
 */
export async function updateTaskIf(
  trx: Executor,
  task: InspectionTaskTable,
  expected: readonly TaskStatus[],
  patch: TaskPatch,
): Promise<InspectionTaskTable | null> {
  const { inspectorIds, ...rest } = patch;
  const set: Partial<InspectionTaskTable> = { ...rest, ...(inspectorIds ? { inspector_ids_json: JSON.stringify(inspectorIds) } : {}) };
  const r = await trx
    .updateTable('inspection_tasks')
    .set(set)
    .where('id', '=', task.id)
    .where('status', 'in', [...expected])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return null;
  return { ...task, ...set };
}

/** Filter: tasks the user is one of the inspectors of. */
export function assignedTo(userId: string) {
  return (_eb: ExpressionBuilder<DB, 'inspection_tasks'>) => sql<SqlBool>`inspection_tasks.inspector_ids_json like ${`%"${userId.replace(/[%_"\\]/g, '')}"%`}`;
}
