import type { ApplicationQueueQuery, ApplicationQueueRow } from '@fep/contracts';
import { chinaDateTimeOf, LICENSING_PATH_LABELS } from '@fep/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { DUE_ORDER, DUE_SELECT, dueFilter, dueViewsOfJoined, type JoinedDue } from '../../platform/clocks/due.ts';
import { cappedCount, type ExportColumn, searchAny } from '../../platform/lists/lists.ts';
import { applicationScope } from './licensing.access.ts';
import { presentApplicationSummary } from './licensing.presenter.ts';

/**
 * The clerk's queue of applications (待受理, 待补正, 待检查 …): the applications of the actor's scope
 * filtered by status, path, due state and a search text, sorted by submission, due date or reference, a
 * page at a time with the total. The due date comes from the application's statutory clock.
 * Indexes: applications (agency_path, status) narrows the scope and the queue; clocks by primary key.
 */
function filtered(db: Executor, actor: Actor, q: ApplicationQueueQuery, nowIso: string) {
  let query = db.selectFrom('applications').leftJoin('clocks', 'clocks.id', 'applications.clock_id').where(applicationScope(actor));
  if (q.status) query = query.where('applications.status', 'in', q.status.split(','));
  if (q.path) query = query.where('applications.path', '=', q.path);
  if (q.q?.trim())
    query = query.where(searchAny(['applications.reference_no', 'applications.company_name', 'applications.venue_name', 'applications.usci'], q.q));
  if (q.due) query = query.where(dueFilter(q.due, nowIso));
  return query;
}

type Joined = ApplicationTable & JoinedDue;

/** The rows of one window of the queue, in the requested order, with their due dates. */
export async function applicationQueueRows(
  db: Executor,
  actor: Actor,
  q: ApplicationQueueQuery,
  now: Date,
  offset: number,
  limit: number,
): Promise<ApplicationQueueRow[]> {
  const nowIso = now.toISOString();
  const dir = q.order === 'ascend' ? 'asc' : 'desc';
  let query = filtered(db, actor, q, nowIso)
    .selectAll('applications')
    .select([...DUE_SELECT]);
  switch (q.sort) {
    case 'dueDate':
      // Matters without a running clock sort after every due date, whatever the direction's NULL order.
      query = query.orderBy(DUE_ORDER, dir);
      break;
    case 'referenceNo':
      query = query.orderBy('applications.reference_no', dir);
      break;
    default:
      query = query.orderBy(sql`coalesce(applications.submitted_at, applications.created_at)`, dir);
  }
  const rows = (await query.orderBy('applications.id', dir).limit(limit).offset(offset).execute()) as Joined[];
  const dues = await dueViewsOfJoined(db, rows, now);
  return rows.map((r) => ({ ...presentApplicationSummary(r), due: (r.c_id && dues.get(r.c_id)) || null }));
}

export async function applicationQueueTotal(db: Executor, actor: Actor, q: ApplicationQueueQuery, now: Date): Promise<{ total: number; capped: boolean }> {
  return cappedCount(db, filtered(db, actor, q, now.toISOString()));
}

/** The columns of the queue's Excel export (the table's columns, in Chinese). */
export const APPLICATION_EXPORT: ExportColumn<ApplicationQueueRow>[] = [
  { title: '申请编号', width: 22, value: (r) => r.referenceNo },
  { title: '单位', width: 28, value: (r) => r.companyName },
  { title: '统一社会信用代码', width: 22, value: (r) => r.usci },
  { title: '场所', width: 24, value: (r) => r.venueName },
  { title: '类别', value: (r) => r.venueKindLabel },
  { title: '方式', value: (r) => LICENSING_PATH_LABELS[r.path] },
  { title: '状态', value: (r) => r.statusLabel },
  { title: '提交时间', width: 18, value: (r) => (r.submittedAt ? chinaDateTimeOf(r.submittedAt) : '') },
  { title: '办理期限', width: 14, value: (r) => r.due?.dueDate ?? '' },
  { title: '剩余工作日', width: 18, value: (r) => r.due?.label ?? '' },
];
