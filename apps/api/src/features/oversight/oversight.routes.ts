import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseReviewChecklistView,
  CaseReviewListQuery,
  CaseReviewPage,
  CaseReviewRequest,
  CaseReviewSummaryQuery,
  CaseReviewSummaryView,
  CaseReviewView,
  ErrorBody,
  InterferenceListQuery,
  InterferencePage,
  InterferenceRecordRequest,
  InterferenceRecordView,
  InterferenceReportQuery,
  InterferenceReportView,
  OfficerComplaintCodeParams,
  OfficerComplaintConcludeRequest,
  OfficerComplaintContactView,
  OfficerComplaintDeclineRequest,
  OfficerComplaintIdParams,
  OfficerComplaintListQuery,
  OfficerComplaintPage,
  OfficerComplaintReceipt,
  OfficerComplaintRequest,
  OfficerComplaintStatusView,
  OfficerComplaintView,
  OfficerFileView,
  OfficerIdParams,
  OfficerListQuery,
  OfficerPage,
  TrainingRecordRequest,
  TrainingRecordView,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { pageWindow } from '../../platform/lists/lists.ts';
import { complaintPage, interferencePage, interferenceReport, officerFile, officerPage, reviewPage, reviewSummary } from './oversight.queries.ts';
import { checklistFor, presentChecklist } from './review.policy.ts';
import { acceptOfficerComplaint } from './use-cases/accept-officer-complaint.ts';
import { concludeOfficerComplaint } from './use-cases/conclude-officer-complaint.ts';
import { declineOfficerComplaint } from './use-cases/decline-officer-complaint.ts';
import { lookUpOfficerComplaint } from './use-cases/look-up-officer-complaint.ts';
import { readComplainantContact } from './use-cases/read-complainant-contact.ts';
import { recordCaseReview } from './use-cases/record-case-review.ts';
import { recordInterference } from './use-cases/record-interference.ts';
import { recordTraining } from './use-cases/record-training.ts';
import { submitOfficerComplaint } from './use-cases/submit-officer-complaint.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['执法监督'];

/**
 * Enforcement oversight: interference records (ENF-08), complaints about officers through a public channel
 * kept apart from hazard reports (OVS-03), case file review and the officer's enforcement file (OVS-02).
 * Validate → authorize (permission + scope in the use case or query) → call → present.
 */
export async function oversightRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  // ---- interference records (ENF-08) ----
  app.post(
    '/api/v1/oversight/interference',
    {
      config: { permission: 'oversight:interference:record' },
      schema: {
        tags: TAGS,
        summary: '登记领导干部和内部人员过问、干预、插手案件的情况（只增不改）',
        body: InterferenceRecordRequest,
        response: { 201: InterferenceRecordView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => recordInterference(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/oversight/interference',
    {
      config: { permission: 'oversight:interference:record' },
      schema: {
        tags: TAGS,
        summary: '干预、插手案件记录：执法监督人员看本机构及下级机构的，其他人员看本人登记的（mine=true 仅本人登记的）',
        querystring: InterferenceListQuery,
        response: { 200: InterferencePage, ...ERRORS },
      },
    },
    async (req) => {
      const w = pageWindow(req.query);
      return { ...(await interferencePage(db, actorOf(req), req.query, w.offset, w.pageSize)), page: w.page, pageSize: w.pageSize };
    },
  );
  app.get(
    '/api/v1/oversight/interference/report',
    {
      config: { permission: 'oversight:interference:read' },
      schema: {
        tags: TAGS,
        summary: '干预、插手案件月报：本机构及下级机构按方式、身份分类统计和当月记录',
        querystring: InterferenceReportQuery,
        response: { 200: InterferenceReportView, ...ERRORS },
      },
    },
    async (req) => interferenceReport(db, actorOf(req), req.query.month),
  );

  // ---- complaints about officers (OVS-03) ----
  app.post(
    '/api/v1/public/officer-complaints',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '投诉举报执法人员（公开，无需登录；消防法第五十七条）：返回查询码；提交次数受限',
        body: OfficerComplaintRequest,
        response: { 201: OfficerComplaintReceipt, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => submitOfficerComplaint(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/public/officer-complaints/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '凭查询码查询投诉举报的办理进度和答复（公开；次数受限）',
        params: OfficerComplaintCodeParams,
        response: { 200: OfficerComplaintStatusView, ...ERRORS },
      },
    },
    async (req) => lookUpOfficerComplaint(app.ctx, actorOf(req), req.params.code),
  );
  app.get(
    '/api/v1/oversight/officer-complaints',
    {
      config: { permission: 'oversight:complaint:handle' },
      schema: {
        tags: TAGS,
        summary: '对执法人员的投诉举报：本机构及下级机构，投诉人信息已脱敏',
        querystring: OfficerComplaintListQuery,
        response: { 200: OfficerComplaintPage, ...ERRORS },
      },
    },
    async (req) => {
      const w = pageWindow(req.query);
      return { ...(await complaintPage(db, actorOf(req), req.query, w.offset, w.pageSize)), page: w.page, pageSize: w.pageSize };
    },
  );
  app.post(
    '/api/v1/oversight/officer-complaints/:id/accept',
    {
      config: { permission: 'oversight:complaint:handle' },
      schema: { tags: TAGS, summary: '受理投诉举报', params: OfficerComplaintIdParams, response: { 200: OfficerComplaintView, ...ERRORS } },
    },
    async (req) => acceptOfficerComplaint(app.ctx, actorOf(req), { id: req.params.id }),
  );
  app.post(
    '/api/v1/oversight/officer-complaints/:id/conclude',
    {
      config: { permission: 'oversight:complaint:handle' },
      schema: {
        tags: TAGS,
        summary: '办结投诉举报：调查结论和给投诉人的答复',
        params: OfficerComplaintIdParams,
        body: OfficerComplaintConcludeRequest,
        response: { 200: OfficerComplaintView, ...ERRORS },
      },
    },
    async (req) => concludeOfficerComplaint(app.ctx, actorOf(req), { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/v1/oversight/officer-complaints/:id/decline',
    {
      config: { permission: 'oversight:complaint:handle' },
      schema: {
        tags: TAGS,
        summary: '不予受理（不属于对执法人员的投诉举报），并答复去向',
        params: OfficerComplaintIdParams,
        body: OfficerComplaintDeclineRequest,
        response: { 200: OfficerComplaintView, ...ERRORS },
      },
    },
    async (req) => declineOfficerComplaint(app.ctx, actorOf(req), { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/v1/oversight/officer-complaints/:id/contact',
    {
      config: { permission: 'oversight:complaint:handle' },
      schema: {
        tags: TAGS,
        summary: '查看投诉人联系方式（未脱敏，查看行为记入执法记录）',
        params: OfficerComplaintIdParams,
        response: { 200: OfficerComplaintContactView, ...ERRORS },
      },
    },
    async (req) => readComplainantContact(app.ctx, actorOf(req), { id: req.params.id }),
  );

  // ---- case file review and the officer's file (OVS-02) ----
  app.get(
    '/api/v1/oversight/case-reviews/checklist',
    {
      config: { permission: 'oversight:review:record' },
      schema: { tags: TAGS, summary: '本机构现行的案卷评查标准（基本标准、评分项目和分值）', response: { 200: CaseReviewChecklistView, ...ERRORS } },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.agencyId) throw new AppError('OVERSIGHT.REVIEW_INVALID', '只有消防救援机构的工作人员可以评查', { field: 'agency' });
      const { policy, versionKey } = await checklistFor(db, actor.agencyId, app.ctx.now());
      return presentChecklist(policy, versionKey);
    },
  );
  app.post(
    '/api/v1/oversight/case-reviews',
    {
      config: { permission: 'oversight:review:record' },
      schema: {
        tags: TAGS,
        summary: '案卷评查评分：逐项扣分并说明理由，总分和等次由评查标准计算',
        body: CaseReviewRequest,
        response: { 201: CaseReviewView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => recordCaseReview(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/oversight/case-reviews',
    {
      config: { permission: 'oversight:officer:read' },
      schema: { tags: TAGS, summary: '案卷评查结果：本机构及下级机构', querystring: CaseReviewListQuery, response: { 200: CaseReviewPage, ...ERRORS } },
    },
    async (req) => {
      const w = pageWindow(req.query);
      return { ...(await reviewPage(db, actorOf(req), req.query, w.offset, w.pageSize)), page: w.page, pageSize: w.pageSize };
    },
  );
  app.get(
    '/api/v1/oversight/case-reviews/summary',
    {
      config: { permission: 'oversight:officer:read' },
      schema: {
        tags: TAGS,
        summary: '案卷评查平均分：按机构和执法人员',
        querystring: CaseReviewSummaryQuery,
        response: { 200: CaseReviewSummaryView, ...ERRORS },
      },
    },
    async (req) => reviewSummary(db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/oversight/officers',
    {
      config: { permission: 'oversight:officer:read' },
      schema: {
        tags: TAGS,
        summary: '执法人员（本机构及下级机构）：执法资格、评查次数和平均分',
        querystring: OfficerListQuery,
        response: { 200: OfficerPage, ...ERRORS },
      },
    },
    async (req) => {
      const w = pageWindow(req.query);
      return { ...(await officerPage(db, actorOf(req), req.query, app.ctx.now(), w.offset, w.pageSize)), page: w.page, pageSize: w.pageSize };
    },
  );
  app.get(
    '/api/v1/oversight/officers/:userId/file',
    {
      config: { permission: 'oversight:officer:read' },
      schema: {
        tags: TAGS,
        summary: '执法人员执法档案：执法资格、案卷评查、干预插手记录、培训',
        params: OfficerIdParams,
        response: { 200: OfficerFileView, ...ERRORS },
      },
    },
    async (req) => officerFile(app.ctx, actorOf(req), req.params.userId),
  );
  app.post(
    '/api/v1/oversight/officers/:userId/training',
    {
      config: { permission: 'oversight:training:record' },
      schema: {
        tags: TAGS,
        summary: '登记执法人员培训记录（只增不改）',
        params: OfficerIdParams,
        body: TrainingRecordRequest,
        response: { 201: TrainingRecordView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => recordTraining(deps, actorOf(req), { userId: req.params.userId, ...req.body })),
  );
}
