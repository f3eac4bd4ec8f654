import type { DataScope } from '@fep/domain';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { insertRows } from '../../db/compiled.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, InspectionTaskTable } from '../../db/schema.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { yieldToLoop } from '../../platform/workers/yield.ts';
import { INSPECTOR_IDS } from './inspections.columns.ts';

/**
 * Storage of inspection tasks, the only code that writes `inspection_tasks` and
 * `inspection_task_inspectors`. The two inspectors of a task live in the join table keyed by (user, task), so
 * "my tasks" is a lookup, not a LIKE over JSON; `inspector_ids_json` is their copy in the task's order, written
 * here in the same statement batch, and is what the inspectors of a given task are read from.
 */
export type TaskStatus = InspectionTaskTable['status'];

/** The inspectors of a loaded task, in order (from the denormalised copy written with the join rows). */
export function inspectorIdsOf(task: Pick<InspectionTaskTable, 'inspector_ids_json'>): string[] {
  return INSPECTOR_IDS.decode(task.inspector_ids_json) ?? [];
}

/**
 * The inspectors of tasks: task id → user ids in order. Read from the tasks' own `inspector_ids_json`, which this
 * repository writes with the join rows in the same statement batch; the join table is keyed by user (migration 0786)
 * and answers only "the tasks of this inspector".
 */
export async function inspectorsOfTasks(db: Executor, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('inspection_tasks')
      .select(['id', 'inspector_ids_json'])
      .where('id', 'in', taskIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, inspectorIdsOf(r));
  }
  return out;
}

export async function findTask(db: Executor, id: string): Promise<InspectionTaskTable | undefined> {
  return db.selectFrom('inspection_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The join rows of tasks, in key order (user, task): a draw's rows go into the table's one B-tree in order. */
function joinRows(rows: readonly InspectionTaskTable[]) {
  const out: { task_id: string; user_id: string; position: number }[] = [];
  for (const t of rows) {
    let position = 0;
    for (const user_id of new Set(inspectorIdsOf(t))) out.push({ task_id: t.id, user_id, position: ++position });
  }
  if (out.length > 1) out.sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0));
  return out;
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
  await countTasks(trx, [[row, 1]]);
  return row;
}

/**
 * Inserts a triggered task unless one with its `trigger_key` exists (the unique index decides between
 * concurrent inserts); true when this call inserted it.
 */
export async function insertTaskOnce(trx: Executor, row: InspectionTaskTable & { trigger_key: string }): Promise<boolean> {
  const r = await trx
    .insertInto('inspection_tasks')
    .values(row)
    // The unique index is partial (migration 0787): the conflict target names its predicate.
    .onConflict((oc) => oc.column('trigger_key').where('trigger_key', 'is not', null).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await insertJoinRows(trx, [row]);
  await countTasks(trx, [[row, 1]]);
  return true;
}

/**
 * Inserts many tasks (a random draw: a hundred thousand in a province) in statements of `chunk` rows, with
 * their inspectors. Each statement shape is compiled once (db/compiled.ts), not built again as a query tree of
 * 500 rows × 31 values for every statement.
 */
export async function insertTasks(trx: Executor, rows: InspectionTaskTable[], chunk = 500): Promise<void> {
  // Between statements the event loop turns (yieldToLoop): the other requests are served during a draw's seconds of writes.
  for (let i = 0; i < rows.length; i += chunk) {
    if (i > 0) await yieldToLoop();
    await insertRows(trx, 'inspection_tasks', rows.slice(i, i + chunk));
  }
  const values = joinRows(rows);
  for (let i = 0; i < values.length; i += 2000) {
    await yieldToLoop();
    await insertRows(trx, 'inspection_task_inspectors', values.slice(i, i + 2000));
  }
  await countTasks(
    trx,
    rows.map((r) => [r, 1]),
  );
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
  const set: Partial<InspectionTaskTable> = { ...rest, ...(ids ? { inspector_ids_json: INSPECTOR_IDS.encode(ids) } : {}), version: task.version + 1 };
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
  // The version check above guarantees the stored row was `task`: its count moves to the written row's key.
  await countTasks(trx, [
    [task, -1],
    [written, 1],
  ]);
  if (ids) {
    // The rows to replace are those of the task as read (the version check above proves it is the stored one),
    // found by the table's key (user, task).
    const before = [...new Set(inspectorIdsOf(task))];
    if (before.length > 0) await trx.deleteFrom('inspection_task_inspectors').where('user_id', 'in', before).where('task_id', '=', task.id).execute();
    await insertJoinRows(trx, [written]);
  }
  return written;
}

// ---- counts (figures, SUP-13) ------------------------------------------------------------------

type Counted = Pick<InspectionTaskTable, 'agency_id' | 'agency_path' | 'purpose' | 'status' | 'result'>;
const keyOf = (t: Counted) => JSON.stringify([t.agency_path, t.purpose, t.status, t.result ?? '']);

/**
 * Applies task count changes to `inspection_task_rollups` in the caller's transaction: +1 for a new task,
 * -1/+1 for a task whose key changed. Deltas are summed per key first (a draw of 50,000 tasks is a few
 * upserts) and applied in key order, so that two transactions touching the same keys lock them in the
 * same order and wait for each other instead of deadlocking on PostgreSQL.
 */
async function countTasks(trx: Executor, deltas: readonly (readonly [Counted, number])[]): Promise<void> {
  const sums = new Map<string, { t: Counted; n: number }>();
  for (const [t, d] of deltas) {
    const k = keyOf(t);
    const e = sums.get(k);
    if (e) e.n += d;
    else sums.set(k, { t, n: d });
  }
  const rows = [...sums.entries()]
    .filter(([, e]) => e.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { t, n }]) => ({ agency_path: t.agency_path, agency_id: t.agency_id, purpose: t.purpose, status: t.status, result: t.result ?? '', n }));
  for (const row of rows)
    await trx
      .insertInto('inspection_task_rollups')
      .values(row)
      .onConflict((oc) => oc.columns(['agency_path', 'purpose', 'status', 'result']).doUpdateSet({ n: sql`inspection_task_rollups.n + ${row.n}` }))
      .execute();
}

/**
 * The task counts in a data scope, by purpose and status: the same tasks `scopeFilter(scope, { agencyPath })`
 * selects, summed from the rollup rows. "An agency and below" is one index range on the rollup's key
 * (byte order: BINARY on SQLite, collation "C" on PostgreSQL), not a prefix test on every row.
 */
export async function taskCounts(db: Executor, scope: DataScope): Promise<{ purpose: string; status: string; n: number }[]> {
  let q = db.selectFrom('inspection_task_rollups').select(['purpose', 'status', sql<number>`sum(n)`.as('n')]);
  if (scope.kind === 'agency_and_below') q = q.where('agency_path', '>=', scope.agencyPath).where('agency_path', '<', prefixEnd(scope.agencyPath));
  else q = q.where(scopeFilter(scope, { agencyPath: 'inspection_task_rollups.agency_path' }));
  const rows = await q.groupBy(['purpose', 'status']).execute();
  return rows.map((r) => ({ purpose: r.purpose, status: r.status, n: Number(r.n) }));
}

/** The least string greater than every string that starts with `prefix` (byte order). */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
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

/** The tasks of a random plan with their inspectors, by USCI. */
export async function tasksOfPlan(db: Executor, planId: string): Promise<(InspectionTaskTable & { inspectorIds: string[] })[]> {
  const tasks = await db.selectFrom('inspection_tasks').selectAll().where('plan_id', '=', planId).orderBy('usci').execute();
  return tasks.map((t) => ({ ...t, inspectorIds: inspectorIdsOf(t) }));
}

// ---- the task list (keyset pages) ---------------------------------------------------------------

export interface TaskListQuery {
  statuses?: readonly string[] | undefined;
  /** Only the tasks this user is one of the inspectors of. */
  assignedTo?: string | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
  limit: number;
}

type Position = readonly [createdAt: string, id: string];

export function encodeTaskCursor(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

export function decodeTaskCursor(cursor: string): Position | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

/** Keyset condition: strictly after `p` in (created_at desc, id desc). */
function after(p: Position | null) {
  return (eb: ExpressionBuilder<DB, 'inspection_tasks'>) =>
    p ? eb.or([eb('created_at', '<', p[0]), eb.and([eb('created_at', '=', p[0]), eb('id', '<', p[1])])]) : sql<SqlBool>`1 = 1`;
}

/** Subqueries per statement: SQLite allows 500 terms in a compound select. */
const BRANCHES = 200;

/**
 * One page of the tasks in a scope, newest first, and the cursor of the next page (null on the last).
 * Never a sort of the whole table: in an agency's scope the page is merged from one index range per agency
 * path (and status) that has tasks — known from the rollup — each read newest first and cut at the page
 * size (index `inspection_tasks_agency_created` / `…_agency_status_created`); nationwide it is the newest
 * entries of `inspection_tasks_created`; a user's own tasks come from the inspector join table.
 */
export async function listTasks(
  db: Executor,
  scope: DataScope,
  q: TaskListQuery,
): Promise<{ rows: InspectionTaskTable[]; nextCursor: string | null; badCursor?: true }> {
  const position = q.cursor ? decodeTaskCursor(q.cursor) : null;
  if (q.cursor && !position) return { rows: [], nextCursor: null, badCursor: true };
  const take = q.limit + 1;
  const statuses = q.statuses?.length ? [...new Set(q.statuses)] : undefined;
  let ids: string[];
  if (scope.kind === 'none') ids = [];
  else if (q.assignedTo || scope.kind === 'self' || scope.kind === 'all') {
    const rows = await db
      .selectFrom('inspection_tasks')
      .select(['id', 'created_at'])
      .where(scopeFilter(scope, { agencyPath: 'inspection_tasks.agency_path' }))
      .$if(!!statuses, (qb) => qb.where('status', 'in', statuses as never[]))
      .$if(!!q.assignedTo, (qb) =>
        qb.where('id', 'in', (eb) => eb.selectFrom('inspection_task_inspectors').select('task_id').where('user_id', '=', q.assignedTo!)),
      )
      .where(after(position))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute();
    ids = rows.map((r) => r.id);
  } else {
    // The (path, status) pairs of the scope that have tasks at all.
    let keys = db
      .selectFrom('inspection_task_rollups')
      .select(['agency_path', 'status'])
      .where('n', '>', 0)
      .$if(!!statuses, (qb) => qb.where('status', 'in', statuses as string[]));
    keys =
      scope.kind === 'agency_and_below'
        ? keys.where('agency_path', '>=', scope.agencyPath).where('agency_path', '<', prefixEnd(scope.agencyPath))
        : keys.where(scopeFilter(scope, { agencyPath: 'inspection_task_rollups.agency_path' }));
    const pairs = await keys.groupBy(['agency_path', 'status']).execute();
    const branches: { path: string; status?: string }[] = statuses
      ? pairs.map((p) => ({ path: p.agency_path, status: p.status }))
      : [...new Set(pairs.map((p) => p.agency_path))].map((path) => ({ path }));
    let best: { id: string; created_at: string }[] = [];
    for (let i = 0; i < branches.length; i += BRANCHES) {
      const part = branches.slice(i, i + BRANCHES).map((b) =>
        db
          .selectFrom((sub) =>
            sub
              .selectFrom('inspection_tasks')
              .select(['id', 'created_at'])
              .where('agency_path', '=', b.path)
              .$if(b.status !== undefined, (qb) => qb.where('status', '=', b.status as never))
              .where(after(position))
              .orderBy('created_at', 'desc')
              .orderBy('id', 'desc')
              .limit(take)
              .as('b'),
          )
          .select(['b.id', 'b.created_at']),
      );
      let union = part[0]!;
      for (const p of part.slice(1)) union = union.unionAll(p);
      best = [...best, ...(await union.execute())].sort(newestFirst).slice(0, take);
    }
    ids = best.map((r) => r.id);
  }
  const more = ids.length > q.limit;
  const page = ids.slice(0, q.limit);
  const byId = new Map<string, InspectionTaskTable>();
  for (let i = 0; i < page.length; i += 500)
    for (const r of await db
      .selectFrom('inspection_tasks')
      .selectAll()
      .where('id', 'in', page.slice(i, i + 500))
      .execute())
      byId.set(r.id, r);
  const rows = page.map((id) => byId.get(id)).filter((r): r is InspectionTaskTable => !!r);
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeTaskCursor([last.created_at, last.id]) : null };
}

function newestFirst(a: { id: string; created_at: string }, b: { id: string; created_at: string }): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
