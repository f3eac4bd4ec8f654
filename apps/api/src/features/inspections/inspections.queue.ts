import type { DataScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable } from '../../db/schema.ts';
import { DUE_ORDER, DUE_SELECT, dueFilter, type JoinedDue } from '../../platform/clocks/due.ts';
import { cappedCount, searchAny } from '../../platform/lists/lists.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { assignedTo } from './inspections.repository.ts';

/** The filters of the task list page (the contract's TaskQueueQuery without its page). */
export interface TaskQueueFilter {
  q?: string;
  status?: string;
  purpose?: string;
  planId?: string;
  /** Only the tasks this user is one of the two inspectors of. */
  assignedTo?: string;
  due?: 'overdue' | 'due_soon';
  sort?: 'createdAt' | 'dueDate';
  order?: 'ascend' | 'descend';
}

/**
 * Inspection tasks of a scope for the back office's task list: filtered by status, purpose, the caller's
 * own tasks, a plan's draw, due state and a search text (unit, address, USCI), sorted by creation or due date.
 * Indexes: inspection_tasks (agency_path, status, created_at, id) for the scope and the default order;
 * the join table's (user_id) for 指派给我的; (plan_id) for a plan's drawn units; clocks by primary key.
 */
function filtered(db: Executor, scope: DataScope, f: TaskQueueFilter, nowIso: string) {
  let query = db
    .selectFrom('inspection_tasks')
    .leftJoin('clocks', 'clocks.id', 'inspection_tasks.clock_id')
    .where(scopeFilter(scope, { agencyPath: 'inspection_tasks.agency_path' }));
  if (f.status) query = query.where('inspection_tasks.status', 'in', f.status.split(',') as InspectionTaskTable['status'][]);
  if (f.purpose) query = query.where('inspection_tasks.purpose', 'in', f.purpose.split(',') as InspectionTaskTable['purpose'][]);
  if (f.planId) query = query.where('inspection_tasks.plan_id', '=', f.planId);
  if (f.assignedTo) query = query.where(assignedTo(f.assignedTo));
  if (f.q?.trim()) query = query.where(searchAny(['inspection_tasks.subject_name', 'inspection_tasks.venue_address', 'inspection_tasks.usci'], f.q));
  if (f.due) query = query.where(dueFilter(f.due, nowIso));
  return query;
}

export async function taskQueueRows(
  db: Executor,
  scope: DataScope,
  f: TaskQueueFilter,
  now: Date,
  offset: number,
  limit: number,
): Promise<(InspectionTaskTable & JoinedDue)[]> {
  const dir = f.order === 'ascend' ? 'asc' : 'desc';
  let query = filtered(db, scope, f, now.toISOString())
    .selectAll('inspection_tasks')
    .select([...DUE_SELECT]);
  query = f.sort === 'dueDate' ? query.orderBy(DUE_ORDER, dir) : query.orderBy('inspection_tasks.created_at', dir);
  return (await query.orderBy('inspection_tasks.id', dir).limit(limit).offset(offset).execute()) as (InspectionTaskTable & JoinedDue)[];
}

export async function taskQueueTotal(db: Executor, scope: DataScope, f: TaskQueueFilter, now: Date): Promise<{ total: number; capped: boolean }> {
  return cappedCount(db, filtered(db, scope, f, now.toISOString()));
}
