import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DraftSavedView,
  DraftSaveRequest,
  ErrorBody,
  ExtensionCreatedView,
  ExtensionDecisionRequest,
  ExtensionDecisionView,
  ExtensionRequest,
  FieldRecordRequest,
  FieldRecordResponse,
  InspectorConflictCreatedView,
  InspectorConflictList,
  InspectorConflictRequest,
  OrderEscalatedView,
  OrderEscalateRequest,
  OrderList,
  OrderPdfFile,
  OrdersQuery,
  OrderView,
  PendingExtensionList,
  PlanCreateRequest,
  PlanDrawRequest,
  PlanDrawView,
  PlanInputsFile,
  PlanList,
  PlanPublishRequest,
  PlanReplayView,
  PlanView,
  PublicPlanResultsView,
  PublicPlansQuery,
  RectifiedReportRequest,
  RectifiedReportView,
  ReinspectionRequest,
  ReinspectionResultView,
  SupervisionFiguresView,
  SupervisionIdParams,
  TriggeredTaskCreatedView,
  TriggeredTaskRequest,
} from '@fep/contracts';
import { chinaDateOf, maskPersonalText } from '@fep/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RectificationOrderTable } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { blobStream, readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { scopeOf } from '../../platform/org/scope.ts';
import { runRead } from '../../platform/workers/read.ts';
import { supervisionFigures } from './figures.ts';
import { planResultsRead, replayPlanRead } from './reads.ts';
import { loadOrder, loadPlan } from './supervision.access.ts';
import { presentConflict, presentOrder as presentOrderRow, presentPlan, presentPublicPlan } from './supervision.presenter.ts';
import {
  conflictsInScope,
  findPublishedPlan,
  ordersInScope,
  pendingExtensionsInScope,
  plansInScope,
  publicationCadences,
  publishedPlans,
} from './supervision.repository.ts';
import { createPlan } from './use-cases/create-plan.ts';
import { createTriggeredTask } from './use-cases/create-triggered-task.ts';
import { decideExtension } from './use-cases/decide-extension.ts';
import { declareConflict } from './use-cases/declare-conflict.ts';
import { drawPlan } from './use-cases/draw-plan.ts';
import { escalateOrder } from './use-cases/escalate-order.ts';
import { publishPlan } from './use-cases/publish-plan.ts';
import { recordFieldInspection } from './use-cases/record-field-inspection.ts';
import { recordReinspection } from './use-cases/record-reinspection.ts';
import { reportRectified } from './use-cases/report-rectified.ts';
import { requestExtension } from './use-cases/request-extension.ts';
import { saveDraft } from './use-cases/save-draft.ts';

const TAGS = ['监督检查'];
const PORTAL = ['办事大厅'];
const Params = SupervisionIdParams;
/** Every refusal leaves as the shared `{ code, message, details }`. */
const ERRORS = { '4xx': ErrorBody } as const;
/** File downloads: no JSON to serialise, only the content type for the documentation. */
const PDF = { description: '责令改正通知书（PDF，带电子印章）', content: { 'application/pdf': { schema: OrderPdfFile } } };
const INPUTS = { description: '抽取输入（JSON 文件，原样下载）', content: { 'application/json': { schema: PlanInputsFile } } };

/** Supervision (SUP-01 … SUP-13): random plans and their publication, field records, rectification orders, figures. */
export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const presentOrder = (o: RectificationOrderTable) => presentOrderRow(db, o, app.ctx.now().toISOString());
  /** An order on a list: free text masked. */
  const listedOrder = (o: RectificationOrderTable) => presentOrderRow(db, o, app.ctx.now().toISOString(), { list: true });

  // ---- plans (SUP-03 … SUP-05) ------------------------------------------------------------------
  r.post(
    '/api/v1/supervision/plans',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '制定“双随机”抽查计划（比例默认取自本地政策，可调整；可叠加专项治理）',
        body: PlanCreateRequest,
        response: { 201: PlanView, ...ERRORS },
      },
    },
    async (req, reply) => presentPlan(await idempotent(req, reply, 201, (deps) => createPlan(deps, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/supervision/plans',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '抽查计划', response: { 200: PlanList, ...ERRORS } } },
    async (req) => (await plansInScope(db, actorOf(req).scope)).map((p) => presentPlan(p, { list: true })),
  );

  r.get(
    '/api/v1/supervision/plans/:id',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '一个抽查计划', params: Params, response: { 200: PlanView, ...ERRORS } },
    },
    async (req) => presentPlan(await loadPlan(app.ctx, actorOf(req), db, req.params.id)),
  );

  r.post(
    '/api/v1/supervision/plans/:id/publish',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '公布计划：冻结并公开抽取输入（单位名录、执法人员、回避、比例）及其摘要，并公告将采用的公开随机数来源',
        params: Params,
        body: PlanPublishRequest,
        response: { 200: PlanView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const plan = await loadPlan(app.ctx, actor, db, req.params.id);
      return presentPlan(await publishPlan(app.ctx, actor, { plan, publicValueSource: req.body.publicValueSource }));
    },
  );

  r.post(
    '/api/v1/supervision/plans/:id/draw',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '抽取：录入事先公告的公开随机数，生成检查任务（每户两名检查人员）',
        params: Params,
        body: PlanDrawRequest,
        response: { 200: PlanDrawView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const plan = await loadPlan(app.ctx, actor, db, req.params.id);
      return drawPlan(app.ctx, actor, { plan, publicValue: req.body.publicValue });
    },
  );

  // ---- public (SUP-08) ----------------------------------------------------------------------
  const publicPlan = async (id: string) => {
    const p = await findPublishedPlan(db, id);
    if (!p) throw new AppError('RESOURCE.NOT_FOUND', '未找到已公布的抽查计划');
    return p;
  };

  r.get(
    '/api/v1/public/plans',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '公示的抽查计划（公开）', querystring: PublicPlansQuery, response: { 200: PlanList, ...ERRORS } },
    },
    async (req) => {
      const rows = await publishedPlans(db, req.query.agency);
      // SUP-08: how often the region publishes plans and results (e.g. monthly in Inner Mongolia and Liaoyang).
      const cadences = await publicationCadences(
        db,
        rows.map((p) => p.agency_id),
        chinaDateOf(app.ctx.now()),
      );
      return rows.map((p) => presentPublicPlan(p, cadences.get(p.agency_id)));
    },
  );

  r.get(
    '/api/v1/public/plans/:id/inputs',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '下载抽取输入（复核用，公开）', params: Params, response: { 200: INPUTS, ...ERRORS } },
    },
    async (req, reply) => {
      const p = await publicPlan(req.params.id);
      return (
        reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="plan-${p.id}-inputs.json"`)
          // Streamed from the content store: the input of a province (tens of MB) is never read whole on the event loop.
          .send(blobStream(app.ctx.config.dataDir, p.inputs_sha256!) as never)
      );
    },
  );

  r.get(
    '/api/v1/public/plans/:id/replay',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '按公开输入和公开随机数重新运行抽取并比对（公开）', params: Params, response: { 200: PlanReplayView, ...ERRORS } },
    },
    async (req) => runRead(app.ctx, replayPlanRead, { plan: await publicPlan(req.params.id) }),
  );

  r.get(
    '/api/v1/public/plans/:id/results',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '抽取结果和检查结果公示（公开）', params: Params, response: { 200: PublicPlanResultsView, ...ERRORS } },
    },
    async (req, reply) => {
      // Already serialized with this route's response schema (supervision/reads.ts).
      const json = await runRead(app.ctx, planResultsRead, { plan: await publicPlan(req.params.id) });
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  // ---- field inspection (SUP-09, SUP-12) ------------------------------------------------------
  r.post(
    '/api/v1/inspection-tasks/:id/record',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: {
        tags: TAGS,
        summary: '录入监督检查记录（检查项、隐患、照片、签名；现场或远程）',
        params: Params,
        body: FieldRecordRequest,
        response: { 200: FieldRecordResponse, ...ERRORS },
      },
    },
    // The phone queues a record made offline with its own Idempotency-Key: a replay after a lost answer gets
    // the stored answer (one record, one order), not a 409 the inspector would read as someone else's record.
    async (req, reply) => idempotent(req, reply, 200, (deps) => recordFieldInspection(deps, actorOf(req), { ...req.body, taskId: req.params.id })),
  );
  r.put(
    '/api/v1/inspection-tasks/:id/draft',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: { tags: TAGS, summary: '保存检查记录草稿', params: Params, body: DraftSaveRequest, response: { 200: DraftSavedView, ...ERRORS } },
    },
    async (req) => saveDraft(app.ctx, actorOf(req), { taskId: req.params.id, draft: req.body.draft }),
  );
  r.post(
    '/api/v1/inspection-tasks/:id/reinspection',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: {
        tags: TAGS,
        summary: '录入复查结论：已整改（销案）/ 未整改（移送执法）',
        params: Params,
        body: ReinspectionRequest,
        response: { 200: ReinspectionResultView, ...ERRORS },
      },
    },
    async (req) => recordReinspection(app.ctx, actorOf(req), { ...req.body, taskId: req.params.id }),
  );
  r.post(
    '/api/v1/supervision/tasks',
    {
      config: { permission: 'supervision:task:create' },
      schema: {
        tags: TAGS,
        summary: '登记非随机检查任务：举报投诉、上级交办、严重失信（SUP-06）',
        body: TriggeredTaskRequest,
        response: { 201: TriggeredTaskCreatedView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const t = await idempotent(req, reply, 201, (deps) => createTriggeredTask(deps, actorOf(req), req.body));
      return { id: t.id, purpose: t.purpose };
    },
  );
  r.post(
    '/api/v1/inspector-conflicts',
    {
      config: { permission: 'supervision:conflict:declare' },
      schema: {
        tags: TAGS,
        summary: '申报回避事项（近亲属、原任职单位等）',
        body: InspectorConflictRequest,
        response: { 201: InspectorConflictCreatedView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const c = await idempotent(req, reply, 201, (deps) => declareConflict(deps, actorOf(req), req.body));
      return { id: c.id, usci: c.usci, kind: c.kind };
    },
  );

  r.get(
    '/api/v1/inspector-conflicts',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '执法人员回避事项（本机构及下级机构的执法人员）', response: { 200: InspectorConflictList, ...ERRORS } },
    },
    async (req) => (await conflictsInScope(db, actorOf(req).scope)).map(presentConflict),
  );

  // ---- rectification orders (SUP-10, SUP-11) -------------------------------------------------
  r.get(
    '/api/v1/rectification-orders',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '责令改正通知（辖区）', querystring: OrdersQuery, response: { 200: OrderList, ...ERRORS } },
    },
    async (req) => {
      const statuses = req.query.status ? req.query.status.split(',') : undefined;
      return Promise.all((await ordersInScope(db, actorOf(req).scope, { statuses, limit: 200 })).map(listedOrder));
    },
  );
  r.get(
    '/api/v1/rectification-orders/:id',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '一份责令改正通知', params: Params, response: { 200: OrderView, ...ERRORS } },
    },
    async (req) => presentOrder(await loadOrder(app.ctx, actorOf(req), db, req.params.id)),
  );
  const pdf = async (req: FastifyRequest<{ Params: SupervisionIdParams }>, reply: FastifyReply) => {
    const o = await loadOrder(app.ctx, actorOf(req), db, req.params.id);
    if (!o.pdf_sha256) throw new AppError('RESOURCE.NOT_FOUND', '该通知没有文书');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${o.number ?? o.id}.pdf`)}`)
      .send(await readBlob(app.ctx.config.dataDir, o.pdf_sha256));
  };
  r.get(
    '/api/v1/rectification-orders/:id/pdf',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '下载责令改正通知书（PDF，带电子印章）', params: Params, response: { 200: PDF, ...ERRORS } },
    },
    pdf,
  );
  r.post(
    '/api/v1/rectification-orders/:id/escalate',
    {
      config: { permission: 'supervision:order:manage' },
      schema: {
        tags: TAGS,
        summary: '逾期未改正，移送执法办案',
        params: Params,
        body: OrderEscalateRequest,
        response: { 200: OrderEscalatedView, ...ERRORS },
      },
    },
    async (req) => escalateOrder(app.ctx, actorOf(req), { orderId: req.params.id, reason: req.body.reason }),
  );
  r.get(
    '/api/v1/order-extensions',
    {
      config: { permission: 'supervision:order:manage' },
      schema: { tags: TAGS, summary: '待审批的整改延期申请', response: { 200: PendingExtensionList, ...ERRORS } },
    },
    async (req) =>
      (await pendingExtensionsInScope(db, actorOf(req).scope)).map((e) => ({
        ...e,
        reason: maskPersonalText(e.reason),
        subject_name: maskPersonalText(e.subject_name),
      })),
  );
  r.post(
    '/api/v1/order-extensions/:id/decision',
    {
      config: { permission: 'supervision:order:manage' },
      schema: {
        tags: TAGS,
        summary: '审批整改延期申请',
        params: Params,
        body: ExtensionDecisionRequest,
        response: { 200: ExtensionDecisionView, ...ERRORS },
      },
    },
    async (req) => decideExtension(app.ctx, actorOf(req), { ...req.body, extensionId: req.params.id }),
  );

  // ---- the unit's side in the portal ----------------------------------------------------------
  r.get(
    '/api/v1/portal/orders',
    { config: { permission: 'portal:self:read' }, schema: { tags: PORTAL, summary: '本单位的整改通知和期限', response: { 200: OrderList, ...ERRORS } } },
    async (req) => Promise.all((await ordersInScope(db, actorOf(req).scope, { limit: 100 })).map(listedOrder)),
  );
  r.get(
    '/api/v1/portal/orders/:id/pdf',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: PORTAL, summary: '下载整改通知书', params: Params, response: { 200: PDF, ...ERRORS } },
    },
    pdf,
  );
  r.post(
    '/api/v1/portal/orders/:id/extension',
    {
      config: { permission: 'portal:order:respond' },
      schema: {
        tags: PORTAL,
        summary: '申请延长整改期限',
        params: Params,
        body: ExtensionRequest,
        response: { 201: ExtensionCreatedView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const e = await idempotent(req, reply, 201, (deps) => requestExtension(deps, actorOf(req), { ...req.body, orderId: req.params.id }));
      return { id: e.id, status: e.status };
    },
  );
  r.post(
    '/api/v1/portal/orders/:id/rectified',
    {
      config: { permission: 'portal:order:respond' },
      schema: {
        tags: PORTAL,
        summary: '报告整改完毕（申请复查）',
        params: Params,
        body: RectifiedReportRequest,
        response: { 200: RectifiedReportView, ...ERRORS },
      },
    },
    async (req) => reportRectified(app.ctx, actorOf(req), { ...req.body, orderId: req.params.id }),
  );

  // ---- listed units and figures (SUP-11, SUP-13) ----------------------------------------------
  r.get(
    '/api/v1/supervision/listed',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '重大火灾隐患挂牌督办单位', response: { 200: OrderList, ...ERRORS } },
    },
    async (req) => Promise.all((await ordersInScope(db, actorOf(req).scope, { listed: true })).map(listedOrder)),
  );

  app.get(
    '/api/v1/supervision/figures',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '监管统计：由业务记录汇总（随业务同步更新），不要求填报', response: { 200: SupervisionFiguresView, ...ERRORS } },
    },
    async (req) => supervisionFigures(db, scopeOf(req), chinaDateOf(app.ctx.now())),
  );
}
