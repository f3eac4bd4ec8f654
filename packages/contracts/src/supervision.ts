/** Responses of the supervision routes (apps/api/src/features/supervision/supervision.routes.ts). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { ClockSummaryView } from './licensing.ts';

/** `:id` of a supervision record (plan, task, order, extension request). */
export const SupervisionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type SupervisionIdParams = Static<typeof SupervisionIdParams>;

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

// ---- plans (SUP-03 … SUP-08) ------------------------------------------------------------------

/** POST /api/v1/supervision/plans: rates default to the local policy and may be adjusted; a campaign may be added. */
export const PlanCreateRequest = Type.Object({
  title: Type.String({ minLength: 4, maxLength: 100 }),
  purpose: Type.String({ minLength: 2, maxLength: 60 }),
  periodStart: DateStr,
  periodEnd: DateStr,
  rates: Type.Optional(Type.Record(Type.String({ pattern: '^(low|medium|high)\\|[ABCD]\\|(key|general)$' }), Type.Number({ minimum: 0, maximum: 1 }))),
  defaultRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  campaign: Type.Optional(
    Nullable(Type.Object({ venueKinds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1 }), rate: Type.Number({ minimum: 0, maximum: 1 }) })),
  ),
  excludeSelfCommitted: Type.Optional(Type.Boolean()),
});
export type PlanCreateRequest = Static<typeof PlanCreateRequest>;
/** POST /api/v1/supervision/plans/:id/publish: the public random value source announced before the draw. */
export const PlanPublishRequest = Type.Object({ publicValueSource: Type.String({ minLength: 6, maxLength: 200 }) });
export type PlanPublishRequest = Static<typeof PlanPublishRequest>;
/** POST /api/v1/supervision/plans/:id/draw: the announced public random value. */
export const PlanDrawRequest = Type.Object({ publicValue: Type.String({ minLength: 1, maxLength: 200 }) });
export type PlanDrawRequest = Static<typeof PlanDrawRequest>;
/** GET /api/v1/public/plans: optionally one region's plans (six-digit region code). */
export const PublicPlansQuery = Type.Object({ agency: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });
export type PublicPlansQuery = Static<typeof PublicPlansQuery>;

/** What a draw produced: per stratum, the units set aside by reason, the units without two free inspectors. */
export const PlanDrawSummary = Type.Object({
  drawn: Type.Number(),
  strata: Type.Array(Type.Object({ key: Type.String(), eligible: Type.Number(), rate: Type.Number(), drawn: Type.Number() })),
  setAside: Type.Record(Type.String(), Type.Number()),
  unstaffed: Type.Array(Type.String()),
});
export type PlanDrawSummary = Static<typeof PlanDrawSummary>;

/** A random-inspection plan (`presentPlan`); the public list adds the agency and its publication cadence. */
export const PlanView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  purpose: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('drawn')]),
  statusLabel: Type.String(),
  rates: Type.Unknown({ description: '各层抽查比例（取自本地政策，按计划调整），按政策值原样给出' }),
  items: Type.Unknown({ description: '检查事项（取自本地政策的检查事项清单），按政策值原样给出' }),
  inputsHash: Nullable(Type.String()),
  publicValueSource: Nullable(Type.String()),
  publicValue: Nullable(Type.String()),
  seed: Nullable(Type.String()),
  summary: Nullable(PlanDrawSummary),
  tasksPending: Type.Number({ description: '已抽中但检查任务尚在生成的单位数' }),
  policyVersion: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  drawnAt: Nullable(Type.String()),
  agencyName: Type.Optional(Type.String()),
  publication: Type.Optional(Type.String()),
});
export type PlanView = Static<typeof PlanView>;
/** GET /api/v1/supervision/plans and GET /api/v1/public/plans. */
export const PlanList = Type.Array(PlanView);
/** POST /api/v1/supervision/plans/:id/draw: the seed and what was drawn. */
export const PlanDrawView = Type.Object({
  seed: Type.String(),
  summary: PlanDrawSummary,
  tasksPending: Type.Number({ description: '已抽中但检查任务尚在生成的单位数（大规模抽取在抽取后分批生成任务）' }),
});
export type PlanDrawView = Static<typeof PlanDrawView>;
/**
 * GET /api/v1/public/plans/:id/inputs: the frozen draw inputs as published (a JSON file download, served
 * byte for byte as stored so that its SM3 digest can be checked; not re-serialised).
 */
export const PlanInputsFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '抽取输入文件（application/json，原样下载）' });
/** GET /api/v1/rectification-orders/:id/pdf and /api/v1/portal/orders/:id/pdf: the sealed notice. */
export const OrderPdfFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '责令改正通知书（application/pdf，带电子印章）' });

// ---- field inspection, triggered tasks, conflicts (SUP-03, SUP-06, SUP-09, SUP-12) -------------

/** PUT /api/v1/inspection-tasks/:id/draft: the draft is stored as given (see FieldDraft for what the phone page keeps). */
export const DraftSaveRequest = Type.Object({ draft: Type.Unknown({ description: '检查记录草稿（由页面自行定义，原样保存）' }) });
export type DraftSaveRequest = Static<typeof DraftSaveRequest>;
export const DraftSavedView = Type.Object({ saved: Type.Boolean() });
export type DraftSavedView = Static<typeof DraftSavedView>;
/** POST /api/v1/inspection-tasks/:id/reinspection: fixed (order closed) or not (referred to enforcement). */
export const ReinspectionRequest = Type.Object({ fixed: Type.Boolean(), findings: Type.String({ minLength: 2, maxLength: 2000 }) });
export type ReinspectionRequest = Static<typeof ReinspectionRequest>;
export const ReinspectionResultView = Type.Object({ status: Type.Union([Type.Literal('closed'), Type.Literal('escalated')]) });
export type ReinspectionResultView = Static<typeof ReinspectionResultView>;
/** POST /api/v1/supervision/tasks: a task from a complaint, a superior's order or a seriously dishonest unit (SUP-06). */
export const TriggeredTaskRequest = Type.Object({
  usci: Type.String({ minLength: 18, maxLength: 18 }),
  trigger: Type.Union([Type.Literal('complaint'), Type.Literal('superior_order'), Type.Literal('dishonest')]),
  reason: Type.String({ minLength: 2, maxLength: 300 }),
  inspectorIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 2, maxItems: 2 }),
});
export type TriggeredTaskRequest = Static<typeof TriggeredTaskRequest>;
export const TriggeredTaskCreatedView = Type.Object({ id: Type.String(), purpose: Type.String() });
export type TriggeredTaskCreatedView = Static<typeof TriggeredTaskCreatedView>;

/** A rectification order (`presentOrder`) with its clock and extension requests. */
export const OrderView = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
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
/** GET /api/v1/rectification-orders, /api/v1/portal/orders, /api/v1/supervision/listed. */
export const OrderList = Type.Array(OrderView);

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
export const InspectorConflictCreatedView = Type.Object({ id: Type.String(), usci: Type.String(), kind: ConflictKind });
export type InspectorConflictCreatedView = Static<typeof InspectorConflictCreatedView>;
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
export const InspectorConflictList = Type.Array(InspectorConflictView);

// ---- rectification orders and extensions (SUP-10, SUP-11) -------------------------------------

/** GET /api/v1/rectification-orders: optionally only some statuses, comma-separated (open,reported). */
export const OrdersQuery = Type.Object({ status: Type.Optional(Type.String({ maxLength: 60 })) });
export type OrdersQuery = Static<typeof OrdersQuery>;
/** POST /api/v1/rectification-orders/:id/escalate: overdue and not rectified, referred to enforcement. */
export const OrderEscalateRequest = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) });
export type OrderEscalateRequest = Static<typeof OrderEscalateRequest>;
export const OrderEscalatedView = Type.Object({ status: Type.Literal('escalated') });
export type OrderEscalatedView = Static<typeof OrderEscalatedView>;
/** POST /api/v1/order-extensions/:id/decision. */
export const ExtensionDecisionRequest = Type.Object({ approve: Type.Boolean(), reason: Type.String({ minLength: 2, maxLength: 500 }) });
export type ExtensionDecisionRequest = Static<typeof ExtensionDecisionRequest>;
/** The decision and the order's deadline after it (extended by working days when approved). */
export const ExtensionDecisionView = Type.Object({
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')], { description: '审批后为 approved 或 denied' }),
  deadline: Type.String(),
});
export type ExtensionDecisionView = Static<typeof ExtensionDecisionView>;
/** POST /api/v1/portal/orders/:id/extension: the unit asks for more days. */
export const ExtensionRequest = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Type.String({ minLength: 4, maxLength: 500 }) });
export type ExtensionRequest = Static<typeof ExtensionRequest>;
export const ExtensionCreatedView = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')]),
});
export type ExtensionCreatedView = Static<typeof ExtensionCreatedView>;
/** POST /api/v1/portal/orders/:id/rectified: the unit reports the hazards fixed and asks for reinspection. */
export const RectifiedReportRequest = Type.Object({
  note: Type.String({ minLength: 2, maxLength: 1000 }),
  photoIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 9 }),
});
export type RectifiedReportRequest = Static<typeof RectifiedReportRequest>;
export const RectifiedReportView = Type.Object({ reinspectionTaskId: Type.String() });
export type RectifiedReportView = Static<typeof RectifiedReportView>;

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
export const PendingExtensionList = Type.Array(PendingExtensionView);

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
