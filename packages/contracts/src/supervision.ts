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

/** GET /api/v1/inspectors: a certified inspector the acting agency may assign (`eligibleInspectors`). */
export const InspectorView = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  certificateNo: Type.String(),
  certifiedUntil: Type.String(),
  agencyName: Type.String(),
  agencyPath: Type.String(),
});
export type InspectorView = Static<typeof InspectorView>;

const ConflictKind = Type.Union([Type.Literal('relative'), Type.Literal('former_employer'), Type.Literal('declared')]);
/** POST /api/v1/inspector-conflicts: what an inspector declares (SUP-03). */
export const InspectorConflictRequest = Type.Object({
  usci: Type.String({ minLength: 18, maxLength: 18 }),
  kind: ConflictKind,
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type InspectorConflictRequest = Static<typeof InspectorConflictRequest>;
/** GET /api/v1/inspector-conflicts: one declared conflict of an inspector in scope. */
export const InspectorConflictView = Type.Object({
  id: Type.String(),
  inspector: Type.String(),
  usci: Type.String(),
  unit: Nullable(Type.String()),
  kind: ConflictKind,
  kindLabel: Type.String(),
  note: Nullable(Type.String()),
  declaredAt: Type.String(),
});
export type InspectorConflictView = Static<typeof InspectorConflictView>;

/** GET /api/v1/order-extensions: a pending extension request with its order (database column names, as the route selects them). */
export const PendingExtensionView = Type.Object({
  id: Type.String(),
  requested_days: Type.Number(),
  reason: Type.String(),
  requested_at: Type.String(),
  number: Nullable(Type.String()),
  subject_name: Type.String(),
  deadline_date: Type.String(),
});
export type PendingExtensionView = Static<typeof PendingExtensionView>;

/** GET /api/v1/supervision/figures: counts computed from the records (SUP-13). */
export const SupervisionFiguresView = Type.Object({
  plans: Type.Number(),
  randomTasks: Type.Number(),
  randomTasksDone: Type.Number(),
  otherTasks: Type.Number(),
  hazardsFound: Type.Number(),
  hazardsFixed: Type.Number(),
  majorHazardsOpen: Type.Number(),
  ordersOpen: Type.Number(),
  ordersOverdue: Type.Number(),
  ordersEscalated: Type.Number(),
});
export type SupervisionFiguresView = Static<typeof SupervisionFiguresView>;

/** GET /api/v1/public/plans/:id/results: the drawn units and their results, inspectors' names masked (SUP-08). */
export const PublicPlanResultsView = Type.Object({
  plan: PlanView,
  items: Type.Array(
    Type.Object({ usci: Type.String(), subject: Type.String(), inspectors: Type.Array(Type.String()), status: Type.String(), result: Nullable(Type.String()) }),
  ),
});
export type PublicPlanResultsView = Static<typeof PublicPlanResultsView>;
/** GET /api/v1/public/plans/:id/replay: the draw re-run from the public inputs. */
export const PlanReplayView = Type.Object({ identical: Type.Boolean(), seed: Type.String(), inputsHash: Type.String(), drawn: Type.Number() });
export type PlanReplayView = Static<typeof PlanReplayView>;

/**
 * The field inspection draft the phone page keeps (localStorage and PUT /api/v1/inspection-tasks/:id/draft,
 * which stores it as given: the API's body is `{ draft: unknown }`).
 */
export const FieldDraft = Type.Object({
  mode: Type.Union([Type.Literal('onsite'), Type.Literal('remote')]),
  results: Type.Record(Type.String(), Type.Boolean()),
  hazards: Type.Array(
    Type.Object({
      key: Type.Number(),
      itemCode: Type.Optional(Type.String()),
      description: Type.String(),
      major: Type.Boolean(),
      photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
    }),
  ),
  findings: Type.String(),
  deadline: Type.Number(),
  guidance: Type.String(),
  representativeName: Type.String(),
});
export type FieldDraft = Static<typeof FieldDraft>;
export type FieldHazardDraft = FieldDraft['hazards'][number];

/** POST /api/v1/inspection-tasks/:id/record (SUP-09, SUP-12). */
export const FieldRecordRequest = Type.Object({
  mode: Type.Union([Type.Literal('onsite'), Type.Literal('remote')]),
  checklist: Type.Array(Type.Object({ code: Type.String({ maxLength: 40 }), passed: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) }), {
    minItems: 1,
    maxItems: 100,
  }),
  hazards: Type.Array(
    Type.Object({
      itemCode: Type.Optional(Type.String({ maxLength: 40 })),
      description: Type.String({ minLength: 4, maxLength: 500 }),
      major: Type.Boolean(),
      photoIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 9 }),
    }),
    { maxItems: 50 },
  ),
  findings: Type.String({ maxLength: 2000 }),
  signatures: Type.Object({
    inspectors: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 2 }),
    representative: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    representativeName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  }),
  order: Type.Optional(
    Nullable(Type.Object({ deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }), guidance: Type.String({ minLength: 4, maxLength: 1000 }) })),
  ),
});
export type FieldRecordRequest = Static<typeof FieldRecordRequest>;
/** The answer of POST /api/v1/inspection-tasks/:id/record: the order issued for the hazards, if any. */
export const FieldRecordResponse = Type.Object({
  taskId: Type.String(),
  result: Type.Union([Type.Literal('pass'), Type.Literal('hazards')]),
  orderId: Nullable(Type.String()),
});
export type FieldRecordResponse = Static<typeof FieldRecordResponse>;
