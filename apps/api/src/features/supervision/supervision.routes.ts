import { chinaDateOf, maskPersonName } from '@fep/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { tasksOfPlan } from '../inspections/index.ts';
import { replayPlan } from './draw-input.ts';
import { supervisionFigures } from './figures.ts';
import { loadOrder, loadPlan, orderScope } from './supervision.access.ts';
import { CONFLICT_KIND_LABELS, presentOrder as presentOrderRow, presentPlan } from './supervision.presenter.ts';
import { createPlan, type NewPlan } from './use-cases/create-plan.ts';
import { createTriggeredTask, type TriggeredTaskInput } from './use-cases/create-triggered-task.ts';
import { decideExtension } from './use-cases/decide-extension.ts';
import { declareConflict } from './use-cases/declare-conflict.ts';
import { drawPlan } from './use-cases/draw-plan.ts';
import { escalateOrder } from './use-cases/escalate-order.ts';
import { publishPlan } from './use-cases/publish-plan.ts';
import { type RecordInput, recordFieldInspection } from './use-cases/record-field-inspection.ts';
import { recordReinspection } from './use-cases/record-reinspection.ts';
import { reportRectified } from './use-cases/report-rectified.ts';
import { requestExtension } from './use-cases/request-extension.ts';
import { saveDraft } from './use-cases/save-draft.ts';

const TAGS = ['监督检查'];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Supervision (SUP-01 … SUP-13): random plans and their publication, field records, rectification orders, figures. */
export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;
  const nowIso = () => app.ctx.now().toISOString();

  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  app.post(
    '/api/v1/supervision/plans',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '制定“双随机”抽查计划（比例默认取自本地政策，可调整；可叠加专项治理）',
        body: Type.Object({
          title: Type.String({ minLength: 4, maxLength: 100 }),
          purpose: Type.String({ minLength: 2, maxLength: 60 }),
          periodStart: DateStr,
          periodEnd: DateStr,
          rates: Type.Optional(Type.Record(Type.String({ pattern: '^(low|medium|high)\\|[ABCD]\\|(key|general)$' }), Type.Number({ minimum: 0, maximum: 1 }))),
          defaultRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          campaign: Type.Optional(
            Type.Union([
              Type.Object({ venueKinds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1 }), rate: Type.Number({ minimum: 0, maximum: 1 }) }),
              Type.Null(),
            ]),
          ),
          excludeSelfCommitted: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req, reply) => presentPlan(await idempotent(req, reply, 201, (deps) => createPlan(deps, actorOf(req), req.body as NewPlan))),
  );

  app.get('/api/v1/supervision/plans', { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '抽查计划' } }, async (req) => {
    const rows = await db
      .selectFrom('random_plans')
      .selectAll()
      .where(scopeFilter(scopeOf(req), { agencyPath: 'random_plans.agency_path' }))
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return rows.map(presentPlan);
  });

  app.get(
    '/api/v1/supervision/plans/:id',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '一个抽查计划', params: IdParams } },
    async (req) => presentPlan(await loadPlan(app.ctx, actorOf(req), db, id(req))),
  );

  app.post(
    '/api/v1/supervision/plans/:id/publish',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '公布计划：冻结并公开抽取输入（单位名录、执法人员、回避、比例）及其摘要，并公告将采用的公开随机数来源',
        params: IdParams,
        body: Type.Object({ publicValueSource: Type.String({ minLength: 6, maxLength: 200 }) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const plan = await loadPlan(app.ctx, actor, db, id(req));
      return presentPlan(await publishPlan(app.ctx, actor, { plan, publicValueSource: (req.body as { publicValueSource: string }).publicValueSource }));
    },
  );

  app.post(
    '/api/v1/supervision/plans/:id/draw',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: {
        tags: TAGS,
        summary: '抽取：录入事先公告的公开随机数，生成检查任务（每户两名检查人员）',
        params: IdParams,
        body: Type.Object({ publicValue: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const plan = await loadPlan(app.ctx, actor, db, id(req));
      return drawPlan(app.ctx, actor, { plan, publicValue: (req.body as { publicValue: string }).publicValue });
    },
  );

  // ---- public (SUP-08) ----------------------------------------------------------------------
  async function publicPlan(id: string) {
    const p = await db.selectFrom('random_plans').selectAll().where('id', '=', id).where('status', '!=', 'draft').executeTakeFirst();
    if (!p) throw new AppError('RESOURCE.NOT_FOUND', '未找到已公布的抽查计划');
    return p;
  }

  app.get(
    '/api/v1/public/plans',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '公示的抽查计划（公开）', querystring: Type.Object({ agency: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }) },
    },
    async (req) => {
      const q = req.query as { agency?: string };
      let query = db
        .selectFrom('random_plans')
        .innerJoin('agencies', 'agencies.id', 'random_plans.agency_id')
        .selectAll('random_plans')
        .select('agencies.name as agencyName')
        .where('random_plans.status', '!=', 'draft');
      if (q.agency) {
        const a = await db.selectFrom('agencies').select('path').where('region_code', '=', q.agency).executeTakeFirst();
        query = query.where('random_plans.agency_path', 'like', `${a?.path ?? '/none/'}%`);
      }
      const rows = await query.orderBy('random_plans.published_at', 'desc').limit(50).execute();
      // SUP-08: how often the region publishes plans and results (e.g. monthly in Inner Mongolia and Liaoyang).
      const cadence = new Map<string, string>();
      for (const p of rows) {
        if (cadence.has(p.agency_id)) continue;
        const agency = (await agencyById(db, p.agency_id))!;
        const [pub] = await resolveForAgency(db, agency, chinaDateOf(app.ctx.now()), ['supervision.publication']);
        cadence.set(p.agency_id, { per_plan: '随计划公示', monthly: '每月公示', quarterly: '每季度公示' }[(pub!.values as { cadence: string }).cadence] ?? '');
      }
      return rows.map((p) => ({ ...presentPlan(p), agencyName: p.agencyName, publication: cadence.get(p.agency_id) }));
    },
  );

  app.get(
    '/api/v1/public/plans/:id/inputs',
    { config: { permission: 'public' }, schema: { tags: TAGS, summary: '下载抽取输入（复核用，公开）', params: IdParams } },
    async (req, reply) => {
      const p = await publicPlan((req.params as { id: string }).id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="plan-${p.id}-inputs.json"`)
        .send(await readBlob(app.ctx.config.dataDir, p.inputs_sha256!));
    },
  );

  app.get(
    '/api/v1/public/plans/:id/replay',
    { config: { permission: 'public' }, schema: { tags: TAGS, summary: '按公开输入和公开随机数重新运行抽取并比对（公开）', params: IdParams } },
    async (req) => {
      const p = await publicPlan((req.params as { id: string }).id);
      const { identical, result } = await replayPlan(app.ctx, p);
      return { identical, seed: result.seed, inputsHash: result.inputsHash, drawn: result.drawn.length };
    },
  );

  app.get(
    '/api/v1/public/plans/:id/results',
    { config: { permission: 'public' }, schema: { tags: TAGS, summary: '抽取结果和检查结果公示（公开）', params: IdParams } },
    async (req) => {
      const p = await publicPlan((req.params as { id: string }).id);
      const tasks = await tasksOfPlan(db, p.id);
      const ids = [...new Set(tasks.flatMap((t) => t.inspectorIds))];
      const names = new Map(
        (ids.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : []).map((u) => [
          u.id,
          u.display_name.replace(/（.*）$/, ''),
        ]),
      );
      return {
        plan: presentPlan(p),
        items: tasks.map((t) => ({
          usci: t.usci,
          subject: t.subject_name,
          inspectors: t.inspectorIds.map((i) => maskPersonName(names.get(i) ?? '')),
          status: t.status === 'done' ? '已检查' : '待检查',
          result: t.result === 'pass' ? '未发现问题' : t.result === 'hazards' ? '发现问题，已责令改正' : null,
        })),
      };
    },
  );

  // ---- field inspection (SUP-09, SUP-12) ------------------------------------------------------
  const Record_ = Type.Object({
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
      representative: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
      representativeName: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    }),
    order: Type.Optional(
      Type.Union([
        Type.Object({ deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }), guidance: Type.String({ minLength: 4, maxLength: 1000 }) }),
        Type.Null(),
      ]),
    ),
  });
  app.post(
    '/api/v1/inspection-tasks/:id/record',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: { tags: TAGS, summary: '录入监督检查记录（检查项、隐患、照片、签名；现场或远程）', params: IdParams, body: Record_ },
    },
    async (req) => recordFieldInspection(app.ctx, actorOf(req), { ...(req.body as RecordInput), taskId: id(req) }),
  );
  app.put(
    '/api/v1/inspection-tasks/:id/draft',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: { tags: TAGS, summary: '保存检查记录草稿', params: IdParams, body: Type.Object({ draft: Type.Unknown() }) },
    },
    async (req) => saveDraft(app.ctx, actorOf(req), { taskId: id(req), draft: (req.body as { draft: unknown }).draft }),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/reinspection',
    {
      config: { permission: 'supervision:inspection:record' },
      schema: {
        tags: TAGS,
        summary: '录入复查结论：已整改（销案）/ 未整改（移送执法）',
        params: IdParams,
        body: Type.Object({ fixed: Type.Boolean(), findings: Type.String({ minLength: 2, maxLength: 2000 }) }),
      },
    },
    async (req) => recordReinspection(app.ctx, actorOf(req), { ...(req.body as { fixed: boolean; findings: string }), taskId: id(req) }),
  );
  app.post(
    '/api/v1/supervision/tasks',
    {
      config: { permission: 'supervision:task:create' },
      schema: {
        tags: TAGS,
        summary: '登记非随机检查任务：举报投诉、上级交办、严重失信（SUP-06）',
        body: Type.Object({
          usci: Type.String({ minLength: 18, maxLength: 18 }),
          trigger: Type.Union([Type.Literal('complaint'), Type.Literal('superior_order'), Type.Literal('dishonest')]),
          reason: Type.String({ minLength: 2, maxLength: 300 }),
          inspectorIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 2, maxItems: 2 }),
        }),
      },
    },
    async (req, reply) => {
      const t = await idempotent(req, reply, 201, (deps) => createTriggeredTask(deps, actorOf(req), req.body as TriggeredTaskInput));
      return { id: t.id, purpose: t.purpose };
    },
  );
  app.post(
    '/api/v1/inspector-conflicts',
    {
      config: { permission: 'supervision:conflict:declare' },
      schema: {
        tags: TAGS,
        summary: '申报回避事项（近亲属、原任职单位等）',
        body: Type.Object({
          usci: Type.String({ minLength: 18, maxLength: 18 }),
          kind: Type.Union([Type.Literal('relative'), Type.Literal('former_employer'), Type.Literal('declared')]),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body as { usci: string; kind: 'relative' | 'former_employer' | 'declared'; note?: string };
      const r = await idempotent(req, reply, 201, (deps) => declareConflict(deps, actorOf(req), b));
      return { id: r.id, usci: r.usci, kind: r.kind };
    },
  );

  app.get(
    '/api/v1/inspector-conflicts',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '执法人员回避事项（本机构及下级机构的执法人员）' } },
    async (req) => {
      const rows = await db
        .selectFrom('inspector_conflicts')
        .innerJoin('inspectors', 'inspectors.user_id', 'inspector_conflicts.inspector_user_id')
        .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
        .innerJoin('users', 'users.id', 'inspector_conflicts.inspector_user_id')
        .leftJoin('units', 'units.usci', 'inspector_conflicts.usci')
        .select([
          'inspector_conflicts.id',
          'inspector_conflicts.usci',
          'inspector_conflicts.kind',
          'inspector_conflicts.note',
          'inspector_conflicts.declared_at',
        ])
        .select(['users.display_name as inspector', 'units.name as unitName'])
        .where(scopeFilter(scopeOf(req), { agencyPath: 'agencies.path' }))
        .orderBy('inspector_conflicts.declared_at', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        inspector: r.inspector,
        usci: r.usci,
        unit: r.unitName,
        kind: r.kind,
        kindLabel: CONFLICT_KIND_LABELS[r.kind],
        note: r.note,
        declaredAt: r.declared_at,
      }));
    },
  );

  // ---- rectification orders (SUP-10, SUP-11) -------------------------------------------------
  const presentOrder = (o: import('../../db/schema.ts').RectificationOrderTable) => presentOrderRow(db, o, nowIso());
  app.get(
    '/api/v1/rectification-orders',
    {
      config: { permission: 'supervision:plan:read' },
      schema: { tags: TAGS, summary: '责令改正通知（辖区）', querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 60 })) }) },
    },
    async (req) => {
      const q = req.query as { status?: string };
      let query = db
        .selectFrom('rectification_orders')
        .selectAll()
        .where(orderScope(actorOf(req)));
      if (q.status) query = query.where('status', 'in', q.status.split(',') as never[]);
      return Promise.all((await query.orderBy('created_at', 'desc').limit(200).execute()).map(presentOrder));
    },
  );
  app.get(
    '/api/v1/rectification-orders/:id',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '一份责令改正通知', params: IdParams } },
    async (req) => presentOrder(await loadOrder(app.ctx, actorOf(req), db, id(req))),
  );
  const pdf = async (req: FastifyRequest, reply: FastifyReply) => {
    const o = await loadOrder(app.ctx, actorOf(req), db, id(req));
    if (!o.pdf_sha256) throw new AppError('RESOURCE.NOT_FOUND', '该通知没有文书');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${o.number ?? o.id}.pdf`)}`)
      .send(await readBlob(app.ctx.config.dataDir, o.pdf_sha256));
  };
  app.get(
    '/api/v1/rectification-orders/:id/pdf',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '下载责令改正通知书（PDF，带电子印章）', params: IdParams } },
    pdf,
  );
  app.post(
    '/api/v1/rectification-orders/:id/escalate',
    {
      config: { permission: 'supervision:order:manage' },
      schema: {
        tags: TAGS,
        summary: '逾期未改正，移送执法办案',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) }),
      },
    },
    async (req) => escalateOrder(app.ctx, actorOf(req), { orderId: id(req), reason: (req.body as { reason: string }).reason }),
  );
  app.get(
    '/api/v1/order-extensions',
    { config: { permission: 'supervision:order:manage' }, schema: { tags: TAGS, summary: '待审批的整改延期申请' } },
    async (req) =>
      db
        .selectFrom('order_extensions')
        .innerJoin('rectification_orders', 'rectification_orders.id', 'order_extensions.order_id')
        .select([
          'order_extensions.id',
          'order_extensions.requested_days',
          'order_extensions.reason',
          'order_extensions.requested_at',
          'rectification_orders.number',
          'rectification_orders.subject_name',
          'rectification_orders.deadline_date',
        ])
        .where(scopeFilter(scopeOf(req), { agencyPath: 'order_extensions.agency_path' }))
        .where('order_extensions.status', '=', 'pending')
        .execute(),
  );
  app.post(
    '/api/v1/order-extensions/:id/decision',
    {
      config: { permission: 'supervision:order:manage' },
      schema: {
        tags: TAGS,
        summary: '审批整改延期申请',
        params: IdParams,
        body: Type.Object({ approve: Type.Boolean(), reason: Type.String({ minLength: 2, maxLength: 500 }) }),
      },
    },
    async (req) => decideExtension(app.ctx, actorOf(req), { ...(req.body as { approve: boolean; reason: string }), extensionId: id(req) }),
  );

  // ---- the unit's side in the portal ----------------------------------------------------------
  app.get(
    '/api/v1/portal/orders',
    { config: { permission: 'portal:self:read' }, schema: { tags: ['办事大厅'], summary: '本单位的整改通知和期限' } },
    async (req) =>
      Promise.all(
        (
          await db
            .selectFrom('rectification_orders')
            .selectAll()
            .where(orderScope(actorOf(req)))
            .orderBy('created_at', 'desc')
            .limit(100)
            .execute()
        ).map(presentOrder),
      ),
  );
  app.get(
    '/api/v1/portal/orders/:id/pdf',
    { config: { permission: 'portal:self:read' }, schema: { tags: ['办事大厅'], summary: '下载整改通知书', params: IdParams } },
    pdf,
  );
  app.post(
    '/api/v1/portal/orders/:id/extension',
    {
      config: { permission: 'portal:order:respond' },
      schema: {
        tags: ['办事大厅'],
        summary: '申请延长整改期限',
        params: IdParams,
        body: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Type.String({ minLength: 4, maxLength: 500 }) }),
      },
    },
    async (req, reply) => {
      const r = await idempotent(req, reply, 201, (deps) =>
        requestExtension(deps, actorOf(req), { ...(req.body as { days: number; reason: string }), orderId: id(req) }),
      );
      return { id: r.id, status: r.status };
    },
  );
  app.post(
    '/api/v1/portal/orders/:id/rectified',
    {
      config: { permission: 'portal:order:respond' },
      schema: {
        tags: ['办事大厅'],
        summary: '报告整改完毕（申请复查）',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 2, maxLength: 1000 }), photoIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 9 }) }),
      },
    },
    async (req) => reportRectified(app.ctx, actorOf(req), { ...(req.body as { note: string; photoIds: string[] }), orderId: id(req) }),
  );

  // ---- listed units and figures (SUP-11, SUP-13) ----------------------------------------------
  app.get(
    '/api/v1/supervision/listed',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '重大火灾隐患挂牌督办单位' } },
    async (req) => {
      const rows = await db
        .selectFrom('rectification_orders')
        .selectAll()
        .where(orderScope(actorOf(req)))
        .where('listed', '=', 1)
        .orderBy('created_at', 'desc')
        .execute();
      return Promise.all(rows.map(presentOrder));
    },
  );

  app.get(
    '/api/v1/supervision/figures',
    { config: { permission: 'supervision:plan:read' }, schema: { tags: TAGS, summary: '监管统计：由业务记录直接计算，不要求填报' } },
    async (req) => supervisionFigures(db, scopeOf(req), chinaDateOf(app.ctx.now())),
  );
}
