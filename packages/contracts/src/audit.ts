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
