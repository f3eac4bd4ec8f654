import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB, InspectionTaskTable } from '../../db/schema.ts';

/**
 * Storage of inspection tasks, the only code that writes `inspection_tasks` and
 * `inspection_task_inspectors`. The two inspectors of a task live in the join table (indexed by user, so
 * "my tasks" is a lookup, not a LIKE over JSON); `inspector_ids_json` is kept as a denormalised copy,
 * written here in the same statement batch, so that synchronous readers (`inspectorIdsOf`) and code that
 * still reads the column keep working.
 */
export type TaskStatus = InspectionTaskTable['status'];

/** The inspectors of a loaded task, in order (from the denormalised copy written with the join rows). */
export function inspectorIdsOf(task: Pick<InspectionTaskTable, 'inspector_ids_json'>): string[] {
  return JSON.parse(task.inspector_ids_json) as string[];
}

/** The inspectors of tasks, from the join table: task id → user ids in order. */
export async function inspectorsOfTasks(db: Executor, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('inspection_task_inspectors')
      .select(['task_id', 'user_id'])
      .where('task_id', 'in', taskIds.slice(i, i + 500))
      .orderBy('task_id')
      .orderBy('position')
      .execute();
    for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r.user_id]);
  }
  return out;
}

export async function findTask(db: Executor, id: string): Promise<InspectionTaskTable | undefined> {
  return db.selectFrom('inspection_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

function joinRows(rows: readonly InspectionTaskTable[]) {
  return rows.flatMap((t) => [...new Set(inspectorIdsOf(t))].map((user_id, i) => ({ task_id: t.id, user_id, position: i + 1 })));
}

async function insertJoinRows(trx: Executor, rows: readonly InspectionTaskTable[]): Promise<void> {
  const values = joinRows(rows);
  for (let i = 0; i < values.length; i += 1000)
    await trx
      .insertInto('inspection_task_inspectors')
      .values(values.slice(i, i + 1000))
      .execute();
}

export async function insertTask(trx: Executor, row: InspectionTaskTable): Promise<InspectionTaskTable> {
  await trx.insertInto('inspection_tasks').values(row).execute();
  await insertJoinRows(trx, [row]);
  return row;
}

/** Inserts many tasks (a random draw) in statements of `chunk` rows, with their inspectors. */
export async function insertTasks(trx: Executor, rows: InspectionTaskTable[], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await trx.insertInto('inspection_tasks').values(part).execute();
    await insertJoinRows(trx, part);
  }
}

export interface TaskPatch extends Partial<Omit<InspectionTaskTable, 'id' | 'inspector_ids_json'>> {
  inspectorIds?: string[];
}

/**
 * Compare-and-set: applies `patch` only while the task is in one of `expected` states (and, with
 * `draftDiffersFrom`, only when the stored draft differs: saving the same draft twice writes once); returns the task as
 * written, or null when another request changed it first (the caller answers 409). New inspectors replace
 * the join rows in the same transaction.
 */
export async function updateTaskIf(
  trx: Executor,
  task: InspectionTaskTable,
  expected: readonly TaskStatus[],
  patch: TaskPatch,
  opts: { draftDiffersFrom?: string } = {},
): Promise<InspectionTaskTable | null> {
  const { inspectorIds, ...rest } = patch;
  const ids = inspectorIds ? [...new Set(inspectorIds)] : undefined;
  // The version read with the task: a change whose status stays the same (a re-assignment) still applies once.
  const set: Partial<InspectionTaskTable> = { ...rest, ...(ids ? { inspector_ids_json: JSON.stringify(ids) } : {}), version: task.version + 1 };
  const r = await trx
    .updateTable('inspection_tasks')
    .set(set)
    .where('id', '=', task.id)
    .where('status', 'in', [...expected])
    .where('version', '=', task.version)
    .$if(opts.draftDiffersFrom !== undefined, (q) => q.where((eb) => eb.or([eb('draft_json', 'is', null), eb('draft_json', '!=', opts.draftDiffersFrom!)])))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return null;
  const written = { ...task, ...set };
  if (ids) {
    await trx.deleteFrom('inspection_task_inspectors').where('task_id', '=', task.id).execute();
    await insertJoinRows(trx, [written]);
  }
  return written;
}

/** Filter: tasks the user is one of the inspectors of (an indexed EXISTS on the join table). */
export function assignedTo(userId: string) {
  return (eb: ExpressionBuilder<DB, 'inspection_tasks'>) =>
    eb.exists(
      eb
        .selectFrom('inspection_task_inspectors')
        .select('inspection_task_inspectors.task_id')
        .whereRef('inspection_task_inspectors.task_id', '=', 'inspection_tasks.id')
        .where('inspection_task_inspectors.user_id', '=', userId),
    );
}

/** The tasks of a random plan with their inspectors (from the join table), by USCI. */
export async function tasksOfPlan(db: Executor, planId: string): Promise<(InspectionTaskTable & { inspectorIds: string[] })[]> {
  const tasks = await db.selectFrom('inspection_tasks').selectAll().where('plan_id', '=', planId).orderBy('usci').execute();
  const ids = await inspectorsOfTasks(
    db,
    tasks.map((t) => t.id),
  );
  return tasks.map((t) => ({ ...t, inspectorIds: ids.get(t.id) ?? [] }));
}
