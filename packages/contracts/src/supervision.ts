/** Responses of the supervision routes (apps/api/src/features/supervision/supervision.routes.ts). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { ClockSummaryView } from './licensing.ts';

/** A random-inspection plan (`presentPlan`); the public list adds the agency and its publication cadence. */
export const PlanView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  purpose: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('drawn')]),
  statusLabel: Type.String(),
  rates: Type.Unknown(),
  items: Type.Unknown(),
  inputsHash: Nullable(Type.String()),
  publicValueSource: Nullable(Type.String()),
  publicValue: Nullable(Type.String()),
  seed: Nullable(Type.String()),
  summary: Nullable(
    Type.Object({
      drawn: Type.Number(),
      strata: Type.Array(Type.Object({ key: Type.String(), eligible: Type.Number(), rate: Type.Number(), drawn: Type.Number() })),
      setAside: Type.Record(Type.String(), Type.Number()),
      unstaffed: Type.Array(Type.String()),
    }),
  ),
  policyVersion: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  drawnAt: Nullable(Type.String()),
  agencyName: Type.Optional(Type.String()),
  publication: Type.Optional(Type.String()),
});
export type PlanView = Static<typeof PlanView>;

/** A rectification order (`presentOrder`) with its clock and extension requests. */
export const OrderView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  usci: Type.String(),
  subject: Type.String(),
  items: Type.Array(Type.Object({ description: Type.String(), major: Type.Boolean() })),
  guidance: Nullable(Type.String()),
  deadline: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('reported'), Type.Literal('closed'), Type.Literal('escalated')]),
  statusLabel: Type.String(),
  listed: Type.Boolean(),
  reinspectionTaskId: Nullable(Type.String()),
  createdAt: Type.String(),
  clock: Nullable(ClockSummaryView),
  extensions: Type.Array(
    Type.Object({
      id: Type.String(),
      days: Type.Number(),
      reason: Type.String(),
      status: Type.String(),
      decisionReason: Nullable(Type.String()),
      requestedAt: Type.String(),
    }),
  ),
});
export type OrderView = Static<typeof OrderView>;
