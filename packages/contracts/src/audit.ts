/** The enforcement record (apps/api/src/platform/audit/audit.routes.ts). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

/** GET /api/v1/audit/verify and /api/v1/audit/events: the target whose chains are read. */
export const AuditTargetQuery = Type.Object({ target: Type.String({ minLength: 1, maxLength: 200, description: '目标 ID，或 类型:ID' }) });
export type AuditTargetQuery = Static<typeof AuditTargetQuery>;

/** One chain's verification. */
export const AuditChainReportView = Type.Object({
  chainId: Type.String(),
  ok: Type.Boolean(),
  events: Type.Integer(),
  brokenAt: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});
export type AuditChainReportView = Static<typeof AuditChainReportView>;

/** GET /api/v1/audit/verify: whether every chain of the target is intact, and the first break. */
export const AuditVerifyView = Type.Object({
  ok: Type.Boolean(),
  brokenAt: Type.Optional(Type.Integer()),
  brokenEventId: Type.Optional(Nullable(Type.String())),
  reason: Type.Optional(Type.String()),
  chainId: Type.Optional(Type.String()),
  chains: Type.Array(AuditChainReportView),
});
export type AuditVerifyView = Static<typeof AuditVerifyView>;

/** GET /api/v1/audit/events: one enforcement record event (in chain order). */
export const AuditEventView = Type.Object({
  id: Type.String(),
  chainId: Type.String(),
  seq: Type.Integer(),
  occurredAt: Type.String(),
  actorUserId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  actorAgencyId: Nullable(Type.String()),
  action: Type.String(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
  sourceIp: Nullable(Type.String()),
  policyVersion: Nullable(Type.String()),
  changeDigest: Type.String(),
  hash: Type.String(),
});
export type AuditEventView = Static<typeof AuditEventView>;

/** GET /api/v1/audit/refusals: the security events of refused requests (等保 8.1.4.3), newest first. */
export const RefusalReasonSchema = Type.Union([
  Type.Literal('permission'),
  Type.Literal('out_of_scope'),
  Type.Literal('not_assigned'),
  Type.Literal('not_own'),
]);
export const RefusalQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '搜索：账号或姓名' })),
  reason: Type.Optional(RefusalReasonSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 5, maximum: 100 })),
});
export type RefusalQuery = Static<typeof RefusalQuery>;

/**
 * One account's refusals on one operation in one window (10 minutes by default): when, who (name, account,
 * role, agency), what it tried (the operation's Chinese summary, the kind of record), why it was refused,
 * how many times, from where.
 */
export const RefusalRow = Type.Object({
  id: Type.String(),
  firstAt: Type.String(),
  lastAt: Type.String(),
  count: Type.Integer(),
  actorName: Type.String(),
  actorUsername: Nullable(Type.String()),
  actorRoleLabel: Nullable(Type.String()),
  agencyName: Nullable(Type.String()),
  operation: Type.String(),
  reason: RefusalReasonSchema,
  reasonLabel: Type.String(),
  targetLabel: Nullable(Type.String()),
  sourceIp: Nullable(Type.String()),
});
export type RefusalRow = Static<typeof RefusalRow>;
export const RefusalPage = Type.Object({
  items: Type.Array(RefusalRow),
  total: Type.Integer(),
  capped: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type RefusalPage = Static<typeof RefusalPage>;
