import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CategoryChangeRequest,
  ComplaintCategoriesQuery,
  ComplaintCategoriesView,
  ComplaintCsvFile,
  ComplaintFiguresQuery,
  ComplaintFiguresView,
  ComplaintIdParams,
  ComplaintListQuery,
  ComplaintMapQuery,
  ComplaintMapView,
  ComplaintPage,
  ComplaintPhotoFile,
  ComplaintPhotoParams,
  ComplaintPhotoReceipt,
  ComplaintView,
  DuplicateLinkRequest,
  DuplicateSuggestionsView,
  ErrorBody,
  FeedbackRequest,
  OutcomeRequest,
  PublicComplaintReceipt,
  PublicComplaintRequest,
  PublicComplaintStatusView,
  ReopenRequest,
  ReturnVisitRequest,
  RewardClaimReceipt,
  RewardClaimRequest,
  RewardDecisionRequest,
  RewardPaymentRequest,
  StaffComplaintRequest,
  TrackingCodeParams,
  TransferRequest,
  VerificationRequest,
} from '@fep/contracts';
import { COMPLAINT_CATEGORY_LABELS, type ComplaintCategory, chinaDateOf } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { blobStream } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { pageWindow } from '../../platform/lists/lists.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { inScopeOr } from './complaints.access.ts';
import { PHOTOS } from './complaints.columns.ts';
import { deadlinesBasis, deadlinesFor } from './complaints.policy.ts';
import { limitLabel } from './complaints.presenter.ts';
import { complaintById } from './complaints.repository.ts';
import { claimReward, decideComplaintReward, recordReturnVisit, recordRewardPayment } from './use-cases/aftercare.ts';
import { complaintFigures } from './use-cases/figures.ts';
import { intakeComplaint } from './use-cases/intake.ts';
import { uploadComplaintPhoto } from './use-cases/photos.ts';
import {
  byTrackingCode,
  complaintMap,
  complaintPage,
  duplicateSuggestions,
  exportComplaints,
  getComplaint,
  lookUpComplaint,
  transferredComplaint,
} from './use-cases/reads.ts';
import {
  changeCategory,
  concludeVerification,
  dispatchVerification,
  giveFeedback,
  linkDuplicate,
  reopenComplaint,
  transferComplaint,
} from './use-cases/steps.ts';
import { OFFICER_CONDUCT, submitPublicComplaint } from './use-cases/submit-public.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['举报投诉'];
const CSV = { description: '举报投诉清单（CSV，不含举报人信息）', content: { 'text/csv': { schema: ComplaintCsvFile } } };
const PHOTO = { description: '举报照片', content: { 'image/jpeg': { schema: ComplaintPhotoFile } } };

/**
 * Hazard reports and complaints (CMP-01 … CMP-04, SUP-06): the public form, 随手拍 and tracking; the intake
 * desk, the queue with its clocks, the file, triage and verification, feedback, return visits and rewards.
 * Validate → authorize (permission + scope in the use case) → call → present.
 */
export async function complaintRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const { db } = ctx.database;
  const view = (req: Parameters<typeof actorOf>[0], id: string) => getComplaint(ctx, actorOf(req), id, { record: false });

  // ---- public ----
  app.get(
    '/api/v1/complaints/categories',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '举报类别及其核查时限（公开，按地区适用的政策）',
        querystring: ComplaintCategoriesQuery,
        response: { 200: ComplaintCategoriesView, ...ERRORS },
      },
    },
    async (req) => {
      const agency = await findAgency(db, req.query.region);
      if (!agency) throw new AppError('COMPLAINTS.REGION_NOT_SERVED', '该地区不在本平台受理范围内', { field: 'region' });
      const { policy, versionKey } = await deadlinesFor(db, agency, chinaDateOf(ctx.now()));
      const basis = deadlinesBasis();
      return {
        regionCode: req.query.region,
        policyVersion: versionKey,
        categories: policy.deadlines.map((d) => ({
          code: d.category,
          name: COMPLAINT_CATEGORY_LABELS[d.category as ComplaintCategory] ?? d.category,
          limit: { unit: d.unit, amount: d.amount, label: limitLabel(d.unit, d.amount) },
          legalBasis: { document: basis.document, ...(basis.clause ? { clause: basis.clause } : {}) },
        })),
      };
    },
  );
  app.post(
    '/api/v1/public/complaints/photos',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '上传随手拍照片（公开，无需登录；仅图片，去除位置等元数据）',
        consumes: ['multipart/form-data'],
        response: { 201: ComplaintPhotoReceipt, ...ERRORS },
      },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择照片');
      const data = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE.TOO_LARGE', '照片过大');
        throw e;
      });
      reply.status(201);
      return uploadComplaintPhoto(ctx, actorOf(req), data);
    },
  );
  app.post(
    '/api/v1/public/complaints',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: `举报火灾隐患（公开，无需登录；网上举报和随手拍）：返回查询码和核查期限；投诉执法人员请选择“${OFFICER_CONDUCT}”，转执法监督`,
        body: PublicComplaintRequest,
        response: { 201: PublicComplaintReceipt, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => submitPublicComplaint(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/public/complaints/:trackingCode',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '凭查询码查询举报的办理进度、核查结果、答复和奖励（公开；次数受限；不含个人信息）',
        params: TrackingCodeParams,
        response: { 200: PublicComplaintStatusView, ...ERRORS },
      },
    },
    async (req) => lookUpComplaint(ctx, actorOf(req), req.params.trackingCode),
  );
  app.post(
    '/api/v1/public/complaints/:trackingCode/reopen',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '举报人反映问题仍未解决：重新办理（凭查询码）',
        params: TrackingCodeParams,
        body: ReopenRequest,
        response: { 200: PublicComplaintStatusView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const c = await byTrackingCode(ctx, actor, req.params.trackingCode);
      await reopenComplaint(ctx, actor, c.id, `举报人反映：${req.body.reason}`, { scoped: false });
      return lookUpComplaint(ctx, actor, req.params.trackingCode);
    },
  );
  app.post(
    '/api/v1/public/complaints/:trackingCode/reward-claim',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '凭查询码申领举报奖励（领奖期限内）',
        params: TrackingCodeParams,
        body: RewardClaimRequest,
        response: { 200: RewardClaimReceipt, ...ERRORS },
      },
    },
    async (req) => claimReward(ctx, actorOf(req), req.params.trackingCode, req.body),
  );

  // ---- staff ----
  app.post(
    '/api/v1/complaints',
    {
      config: { permission: 'complaints:complaint:intake' },
      schema: {
        tags: TAGS,
        summary: '登记来电（96119、12345）或来访举报：返回举报及其核查时限',
        body: StaffComplaintRequest,
        response: { 201: ComplaintView, ...ERRORS },
      },
    },
    async (req, reply) =>
      idempotent(req, reply, 201, async (deps) => {
        const actor = actorOf(req);
        const agency = await findAgency(db, req.body.regionCode);
        if (agency) inScopeOr(actor, { id: '', agency_path: agency.path }, `region:${req.body.regionCode}`);
        return intakeComplaint(deps, actor, req.body);
      }),
  );
  app.get(
    '/api/v1/complaints',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: {
        tags: TAGS,
        summary: '举报投诉队列：本机构及下级机构，按核查期限排序，不含举报人信息',
        querystring: ComplaintListQuery,
        response: { 200: ComplaintPage, ...ERRORS },
      },
    },
    async (req) => {
      const w = pageWindow(req.query);
      return { ...(await complaintPage(ctx, actorOf(req), req.query, w.offset, w.pageSize)), page: w.page, pageSize: w.pageSize };
    },
  );
  app.get(
    '/api/v1/complaints/export',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: { tags: TAGS, summary: '导出举报投诉清单（CSV，任何角色均不含举报人身份）', querystring: ComplaintListQuery, response: { 200: CSV, ...ERRORS } },
    },
    async (req, reply) => {
      const csv = await exportComplaints(ctx, actorOf(req), req.query);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="complaints-${chinaDateOf(ctx.now())}.csv"`);
      return Readable.from([Buffer.from(csv, 'utf8')]);
    },
  );
  app.get(
    '/api/v1/complaints/map',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: {
        tags: TAGS,
        summary: '举报分布图：范围内的举报点位（WGS84），按类别和状态',
        querystring: ComplaintMapQuery,
        response: { 200: ComplaintMapView, ...ERRORS },
      },
    },
    async (req) => complaintMap(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/complaints/figures',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: {
        tags: TAGS,
        summary: '举报投诉统计：受理、按时核查、属实、整改、奖励，按来源和机构',
        querystring: ComplaintFiguresQuery,
        response: { 200: ComplaintFiguresView, ...ERRORS },
      },
    },
    async (req) => complaintFigures(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: {
        tags: TAGS,
        summary: '举报投诉详情及核查时限；举报人信息仅受理岗可见，每次查看均记录',
        params: ComplaintIdParams,
        response: { 200: ComplaintView, ...ERRORS },
      },
    },
    async (req) => getComplaint(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/complaints/:id/photos/:photoId',
    {
      config: { permission: 'complaints:complaint:read' },
      schema: { tags: TAGS, summary: '举报照片', params: ComplaintPhotoParams, response: { 200: PHOTO, ...ERRORS } },
    },
    async (req, reply) => {
      const c = inScopeOr(actorOf(req), await complaintById(db, req.params.id), req.params.id);
      if (!(PHOTOS.decode(c.photos_json) ?? []).includes(req.params.photoId)) throw new AppError('RESOURCE.NOT_FOUND', '照片不存在');
      const p = await db.selectFrom('complaint_photos').selectAll().where('id', '=', req.params.photoId).executeTakeFirst();
      if (!p) throw new AppError('RESOURCE.NOT_FOUND', '照片不存在');
      reply.header('content-type', p.content_type).header('cache-control', 'private, max-age=3600');
      return blobStream(ctx.config.dataDir, p.sha256);
    },
  );
  app.get(
    '/api/v1/complaints/:id/duplicates',
    {
      config: { permission: 'complaints:complaint:intake' },
      schema: {
        tags: TAGS,
        summary: '疑似重复举报（同一单位，或 50 米内、7 日内）',
        params: ComplaintIdParams,
        response: { 200: DuplicateSuggestionsView, ...ERRORS },
      },
    },
    async (req) => duplicateSuggestions(ctx, actorOf(req), req.params.id),
  );
  const step = <B>(
    path: string,
    summary: string,
    body: unknown,
    permission: 'complaints:complaint:intake' | 'complaints:reward:decide',
    run: (deps: Parameters<typeof getComplaint>[0], actor: ReturnType<typeof actorOf>, id: string, body: B) => Promise<unknown>,
    present: (req: Parameters<typeof actorOf>[0], id: string) => ReturnType<typeof view> = view,
  ) =>
    app.post(
      path,
      {
        config: { permission },
        schema: { tags: TAGS, summary, params: ComplaintIdParams, body: body as typeof ReopenRequest, response: { 200: ComplaintView, ...ERRORS } },
      },
      async (req, reply) =>
        idempotent(req, reply, 200, async (deps) => {
          // The body was validated against `body`, the schema each caller pairs with its B.
          const input: unknown = req.body;
          await run(deps, actorOf(req), req.params.id, input as B);
          return present(req, req.params.id);
        }),
    );
  step<{ category: string; reason: string }>(
    '/api/v1/complaints/:id/category',
    '确认或更正举报类别（重新计算核查时限，须说明理由）',
    CategoryChangeRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => changeCategory(d, a, id, b),
  );
  step<{ regionCode: string; reason: string }>(
    '/api/v1/complaints/:id/transfer',
    '移交有管辖权的机构（核查时限继续计算）',
    TransferRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => transferComplaint(d, a, id, b),
    // The report has left the clerk's jurisdiction: the answer is the report as handed over.
    (_req, id) => transferredComplaint(ctx, id),
  );
  step<{ originalId: string }>(
    '/api/v1/complaints/:id/duplicate-of',
    '并案：并入先收到的举报（首位举报人不变）',
    DuplicateLinkRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => linkDuplicate(d, a, id, b.originalId),
  );
  step<{ usci?: string | null; inspectorIds: string[] }>(
    '/api/v1/complaints/:id/verification',
    '派两名执法人员核查（生成举报核查检查任务）',
    VerificationRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => dispatchVerification(d, a, id, b),
  );
  step<{ outcome: 'founded' | 'partly_founded' | 'unfounded'; findings: string }>(
    '/api/v1/complaints/:id/outcome',
    '作出核查结论（属实、部分属实、不属实）',
    OutcomeRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => concludeVerification(d, a, id, b),
  );
  step<{ feedback?: string | null; impossibleReason?: string | null }>(
    '/api/v1/complaints/:id/feedback',
    '将处理情况告知举报人（无法告知的注明原因）并办结',
    FeedbackRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => giveFeedback(d, a, id, b),
  );
  step<{ satisfied: boolean; note?: string | null }>(
    '/api/v1/complaints/:id/return-visits',
    '电话回访：记录满意度；不满意的重新办理',
    ReturnVisitRequest,
    'complaints:complaint:intake',
    (d, a, id, b) => recordReturnVisit(d, a, id, b),
  );
  step<{ excludedPerson: boolean; fine?: number | null }>(
    '/api/v1/complaints/:id/reward',
    '按本地举报奖励规定决定奖励',
    RewardDecisionRequest,
    'complaints:reward:decide',
    (d, a, id, b) => decideComplaintReward(d, a, id, b),
  );
  step<{ paymentRef: string }>('/api/v1/complaints/:id/reward/payment', '登记举报奖金发放', RewardPaymentRequest, 'complaints:reward:decide', (d, a, id, b) =>
    recordRewardPayment(d, a, id, b),
  );
}
