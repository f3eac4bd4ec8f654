import { type Static, Type } from 'typebox';

/**
 * Request/response contracts shared by the API (validation, serialisation, OpenAPI) and the web client.
 */
export const ErrorBody = Type.Object({
  code: Type.String({ description: '稳定的错误代码，如 AUTH.LOCKED' }),
  message: Type.String({ description: '中文说明' }),
  details: Type.Unknown(),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const LegalBasis = Type.Object({ document: Type.String({ minLength: 2, maxLength: 300 }), clause: Type.Optional(Type.String({ maxLength: 200 })) });
export type LegalBasis = Static<typeof LegalBasis>;

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('applicant')]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  agency: Type.Union([Type.Null(), Type.Object({ id: Type.String(), name: Type.String(), regionCode: Type.String() })]),
  usci: Type.Union([Type.Null(), Type.String()]),
  scope: Type.String(),
});
export type Me = Static<typeof Me>;

export const LoginRequest = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) });
export const LoginResponse = Type.Object({ token: Type.String(), expiresAt: Type.String(), user: Me });
export type LoginResponse = Static<typeof LoginResponse>;

export const ClockUnit = Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days'), Type.Literal('hours')]);
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
  policyVersion: Type.Union([Type.String(), Type.Null()]),
});
export type ClockView = Static<typeof ClockView>;

export const WorkingDaysAddResponse = Type.Object({
  date: Type.String(),
  provisional: Type.Boolean(),
  from: Type.String(),
  days: Type.Integer(),
  region: Type.String(),
  note: Type.Optional(Type.String()),
});

export * from './calendar.ts';
export * from './common.ts';
export * from './licensing.ts';
export * from './org.ts';
export * from './policy.ts';
export * from './services.ts';
export * from './supervision.ts';
export * from './units.ts';
