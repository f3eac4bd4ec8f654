/** Statutory clocks (apps/api/src/platform/clocks/clocks.routes.ts). */
import { type Static, Type } from 'typebox';
import { LegalBasis } from './common.ts';

export const ClockUnit = Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days'), Type.Literal('hours')]);

/** A clock as the clocks API shows it; `version` is what a change names to refuse a stale one (409). */
export const ClockView = Type.Object({
  id: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  title: Type.String(),
  agencyId: Type.String(),
  assigneeUserId: Type.Union([Type.String(), Type.Null()]),
  unit: ClockUnit,
  amount: Type.Number(),
  remaining: Type.Number(),
  legalBasis: Type.Object({ document: Type.String(), clause: Type.Union([Type.String(), Type.Null()]) }),
  startedAt: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('stopped')]),
  statusLabel: Type.String(),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  dueSoonAt: Type.Union([Type.String(), Type.Null()]),
  provisional: Type.Boolean(),
  alert: Type.Union([Type.Literal('ok'), Type.Literal('due_soon'), Type.Literal('overdue')]),
  /** 剩余工作日 on the regional calendar from today to the due date (negative: overdue by that many); null when not running. */
  workingDaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  policyVersion: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type ClockView = Static<typeof ClockView>;

/** One pause, resume, extension or stop of a clock. */
export const ClockEventView = Type.Object({
  seq: Type.Integer(),
  type: Type.Union([Type.Literal('pause'), Type.Literal('resume'), Type.Literal('extend'), Type.Literal('stop')]),
  label: Type.String(),
  at: Type.String(),
  amount: Type.Union([Type.Number(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type ClockEventView = Static<typeof ClockEventView>;

/** GET /api/v1/clocks/:id: the clock and its history. */
export const ClockDetailView = Type.Object({ ...ClockView.properties, events: Type.Array(ClockEventView) });
export type ClockDetailView = Static<typeof ClockDetailView>;

/** GET /api/v1/clocks. */
export const ClockListQuery = Type.Object({
  mine: Type.Optional(Type.Boolean()),
  alert: Type.Optional(Type.Union([Type.Literal('due_soon'), Type.Literal('overdue'), Type.Literal('any')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type ClockListQuery = Static<typeof ClockListQuery>;

/** POST /api/v1/clocks: a statutory time limit for a matter of the agency's area. */
export const ClockCreateRequest = Type.Object({
  targetType: Type.String({ minLength: 1, maxLength: 40 }),
  targetId: Type.String({ minLength: 1, maxLength: 64 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  unit: ClockUnit,
  amount: Type.Integer({ minimum: 1, maximum: 3650 }),
  warnBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  startedAt: Type.Optional(Type.String({ format: 'date-time' })),
  assigneeUserId: Type.Optional(Type.String()),
  legalBasis: LegalBasis,
});
export type ClockCreateRequest = Static<typeof ClockCreateRequest>;

/** POST /api/v1/clocks/:id/pause and …/stop: a reason is required. */
export const ClockChangeRequest = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  amount: Type.Optional(Type.Null()),
  version: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ClockChangeRequest = Static<typeof ClockChangeRequest>;
/** POST /api/v1/clocks/:id/resume: the reason is optional. */
export const ClockResumeRequest = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  amount: Type.Optional(Type.Null()),
  version: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ClockResumeRequest = Static<typeof ClockResumeRequest>;
/** POST /api/v1/clocks/:id/extend: the approved extension, in the clock's unit. */
export const ClockExtendRequest = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  amount: Type.Integer({ minimum: 1, maximum: 365 }),
  version: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ClockExtendRequest = Static<typeof ClockExtendRequest>;
