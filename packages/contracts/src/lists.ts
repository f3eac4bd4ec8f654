/**
 * The back office's work queues (ant-design-pro style list pages): one query shape for search, filters,
 * sort and page, one page shape with the total, one due-date view computed from the statutory clock,
 * and the Excel export of the same view. Routes: apps/api/src/features/licensing/queues.routes.ts.
 */
import { type Static, Type } from 'typebox';
// The page shapes live in common.ts (features import them without a cycle through licensing); re-exported here.
import { Nullable, PageOf, PageParams, SortOrder } from './common.ts';
import { ApplicationSummaryView, TaskView } from './licensing.ts';

export { PageOf, PageParams, SortOrder };

/**
 * The due date of a matter from its statutory clock: the date, the working days left on the regional
 * calendar (negative: overdue by that many), whether it is provisional (a year without a published
 * schedule) and the Chinese text (`剩余 3 个工作日`, `已超期 2 个工作日`).
 */
export const DueView = Type.Object({
  clockId: Type.String(),
  dueDate: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('stopped')]),
  workingDaysLeft: Nullable(Type.Integer()),
  alert: Type.Union([Type.Literal('ok'), Type.Literal('due_soon'), Type.Literal('overdue')]),
  provisional: Type.Boolean(),
  label: Type.String(),
});
export type DueView = Static<typeof DueView>;

/** GET /api/v1/licensing/application-queue (and …/export): the clerk's queue of applications. */
export const ApplicationQueueQuery = Type.Object({
  ...PageParams,
  /** Comma-separated statuses (a queue such as 待受理 = `submitted`). */
  status: Type.Optional(Type.String({ maxLength: 200 })),
  path: Type.Optional(Type.Union([Type.Literal('commitment'), Type.Literal('inspection')])),
  sort: Type.Optional(Type.Union([Type.Literal('submittedAt'), Type.Literal('dueDate'), Type.Literal('referenceNo')])),
});
export type ApplicationQueueQuery = Static<typeof ApplicationQueueQuery>;

export const ApplicationQueueRow = Type.Object({ ...ApplicationSummaryView.properties, due: Nullable(DueView) });
export type ApplicationQueueRow = Static<typeof ApplicationQueueRow>;
export const ApplicationQueuePage = PageOf(ApplicationQueueRow);
export type ApplicationQueuePage = Static<typeof ApplicationQueuePage>;

/** GET /api/v1/inspection-task-queue (and …/export): inspection tasks of the jurisdiction or of the caller. */
export const TaskQueueQuery = Type.Object({
  ...PageParams,
  mine: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.String({ maxLength: 100 })),
  purpose: Type.Optional(Type.String({ maxLength: 200 })),
  /** The tasks a random-inspection plan drew (its drawn units and inspectors). */
  planId: Type.Optional(Type.String({ maxLength: 64 })),
  sort: Type.Optional(Type.Union([Type.Literal('createdAt'), Type.Literal('dueDate')])),
});
export type TaskQueueQuery = Static<typeof TaskQueueQuery>;

export const TaskQueueRow = Type.Object({ ...TaskView.properties, createdAt: Type.String(), due: Nullable(DueView) });
export type TaskQueueRow = Static<typeof TaskQueueRow>;
export const TaskQueuePage = PageOf(TaskQueueRow);
export type TaskQueuePage = Static<typeof TaskQueuePage>;

/** An Excel export of a list's current view (exceljs streaming writer): a download, no JSON body. */
export const XlsxFile = Type.Unsafe<Uint8Array | AsyncIterable<unknown>>(
  Type.String({ format: 'binary', description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
);
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/v1/audit/timeline: the 流转记录 of a file — who (name, role), what (Chinese label), when. */
export const TimelineQuery = Type.Object({
  target: Type.String({ minLength: 3, maxLength: 120, pattern: '^[a-z_]+:[A-Za-z0-9-]+$', description: '类型:ID，如 application:…' }),
});
export type TimelineQuery = Static<typeof TimelineQuery>;

export const TimelineEntryView = Type.Object({
  id: Type.String(),
  occurredAt: Type.String(),
  actorName: Type.String(),
  actorRoleLabel: Nullable(Type.String()),
  agencyName: Nullable(Type.String()),
  actionLabel: Type.String(),
  outcomeLabel: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
});
export type TimelineEntryView = Static<typeof TimelineEntryView>;
export const TimelineView = Type.Array(TimelineEntryView);
export type TimelineView = Static<typeof TimelineView>;

/** The TypeScript shape of a `PageOf(item)` answer (for generic list components). */
export type PageView<T> = { items: T[]; total: number; capped: boolean; page: number; pageSize: number };
