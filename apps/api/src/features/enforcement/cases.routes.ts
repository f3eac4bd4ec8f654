import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AlertPage,
  AlertQuery,
  CaseCreateBody,
  CaseDecisionBody,
  CaseDiscussionBody,
  CaseEvidenceBody,
  CaseFilingBody,
  CaseHearingBody,
  CaseHearingScheduleBody,
  CaseListQuery,
  CaseNoticeBody,
  CasePage,
  CasePaymentBody,
  CaseReviewBody,
  CaseRevocationBody,
  CaseServiceBody,
  CaseStatementBody,
  CaseTransferBody,
  CaseView,
  ErrorBody,
  OfficerList,
  PaymentPlanBody,
  PaymentPlanDecisionBody,
  PenaltyRecordsQuery,
  PenaltyRecordsView,
  PublicPenaltyPage,
  PublicPenaltyQuery,
  RecordIdParams,
  RecusalDecisionBody,
  RecusalRequestBody,
  ReferralList,
  RemedyEndBody,
  RemedyStartBody,
} from '@fep/contracts';
import type { Permission } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { fileCase, recordEvidence } from './use-cases/case-file.ts';
import { decideCase } from './use-cases/decide-case.ts';
import { recordDiscussion, transferCase } from './use-cases/discussion.ts';
import { recordPayment, revokeDecision, serveDecision } from './use-cases/execution.ts';
import { recordHearing, recordStatement, requestHearing, scheduleHearing, serveNotice } from './use-cases/hearing.ts';
import { openCase } from './use-cases/open-case.ts';
import { decidePaymentPlan, endRemedyPeriod, requestPaymentPlan, startRemedyPeriod } from './use-cases/payment-plans.ts';
import { penaltyRecords } from './use-cases/penalty-records.ts';
import { getCase, getOwnCase, listAlerts, listCases, listHearingHosts, listOfficers, listOwnCases, listReferrals, publicPenalties } from './use-cases/reads.ts';
import { decideRecusal, requestRecusal } from './use-cases/recusal.ts';
import { reviewCase, submitDecision, submitReview } from './use-cases/review.ts';

const TAGS = ['行政处罚'];

/**
 * Penalty cases (ENF-01 … ENF-07), oversight alerts (OVS-01) and the public 行政处罚公示. Every step is a POST
 * on the case answering the case as it now is; a step not allowed in the case's state is a 409
 * ENFORCEMENT.CASE_STATE.
 */
export async function caseRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const answers = { 200: CaseView, '4xx': ErrorBody };

  app.post(
    '/api/v1/enforcement/cases',
    {
      config: { permission: 'enforcement:case:handle' },
      schema: { tags: TAGS, summary: '提出立案申请（或当场处罚案件），附裁量建议', body: CaseCreateBody, response: { 201: CaseView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => openCase(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/enforcement/cases',
    {
      config: { permission: 'enforcement:case:read' },
      schema: { tags: TAGS, summary: '行政处罚案件列表', querystring: CaseListQuery, response: { 200: CasePage, '4xx': ErrorBody } },
    },
    async (req) => listCases(req.server.ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/enforcement/cases/:id',
    { config: { permission: 'enforcement:case:read' }, schema: { tags: TAGS, summary: '行政处罚案件（案卷）', params: RecordIdParams, response: answers } },
    async (req) => getCase(req.server.ctx, actorOf(req), req.params.id),
  );

  /** The options of one step on a case (POST /api/v1/enforcement/cases/:id/<step>): its permission, summary and body. */
  const withBody = <B extends TSchema>(permission: Permission, summary: string, body: B) => ({
    config: { permission },
    schema: { tags: TAGS, summary, params: RecordIdParams, body, response: answers },
  });
  const noBody = (permission: Permission, summary: string) => ({
    config: { permission },
    schema: { tags: TAGS, summary, params: RecordIdParams, response: answers },
  });
  const url = (step: string) => `/api/v1/enforcement/cases/:id/${step}`;

  app.post(url('filing'), withBody('enforcement:case:decide', '立案审批：批准立案或不予立案', CaseFilingBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => fileCase(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('evidence'), withBody('enforcement:case:handle', '登记证据（文件按摘要固定入执法记录）', CaseEvidenceBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => recordEvidence(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('notice'), withBody('enforcement:case:handle', '送达行政处罚告知书', CaseNoticeBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => serveNotice(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('statement'), withBody('enforcement:case:handle', '记录当事人陈述、申辩', CaseStatementBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => recordStatement(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('hearing-request'), noBody('enforcement:case:read', '记录当事人的听证申请'), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => requestHearing(deps, actorOf(req), req.params.id)),
  );
  app.post(
    url('hearing-schedule'),
    withBody('enforcement:case:handle', '安排听证并送达听证通知书（至少提前七个工作日）', CaseHearingScheduleBody),
    async (req, reply) => idempotent(req, reply, 200, (deps) => scheduleHearing(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('hearing'), withBody('enforcement:case:handle', '记录听证（主持人非本案调查人员）', CaseHearingBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => recordHearing(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('review-submission'), noBody('enforcement:case:handle', '提交法制审核'), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => submitReview(deps, actorOf(req), req.params.id)),
  );
  app.post(url('review'), withBody('enforcement:case:review', '法制审核：通过或退回', CaseReviewBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => reviewCase(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('decision-submission'), noBody('enforcement:case:handle', '提请审批（无须法制审核的案件）'), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => submitDecision(deps, actorOf(req), req.params.id)),
  );
  // The approver decides an ordinary case, the officer an on-the-spot one: the use case tells them apart.
  app.post(url('decision'), withBody('enforcement:case:read', '作出行政处罚决定（偏离裁量建议须说明理由）', CaseDecisionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => decideCase(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('service'), withBody('enforcement:case:handle', '送达行政处罚决定书', CaseServiceBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => serveDecision(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('payment'), withBody('enforcement:payment:record', '登记罚款缴纳（财政票据号或支付流水号）', CasePaymentBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => recordPayment(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('payment-plan-decision'), withBody('enforcement:case:decide', '审批暂缓或者分期缴纳罚款的申请', PaymentPlanDecisionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => decidePaymentPlan(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    url('remedy-periods'),
    withBody('enforcement:case:handle', '登记申请行政复议或者提起行政诉讼（期间不计加处罚款）', RemedyStartBody),
    async (req, reply) => idempotent(req, reply, 200, (deps) => startRemedyPeriod(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('remedy-period-end'), withBody('enforcement:case:handle', '登记行政复议或者行政诉讼结束', RemedyEndBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => endRemedyPeriod(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('recusal-requests'), withBody('enforcement:case:handle', '记录当事人的回避申请（调查不停止）', RecusalRequestBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => requestRecusal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('recusal-decision'), withBody('enforcement:case:decide', '负责人决定回避申请', RecusalDecisionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => decideRecusal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('collective-discussion'), withBody('enforcement:case:decide', '记录负责人集体讨论（重大案件）', CaseDiscussionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => recordDiscussion(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('transfer'), withBody('enforcement:case:decide', '移送公安机关或者其他有权机关', CaseTransferBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => transferCase(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(url('revocation'), withBody('enforcement:case:decide', '撤销或变更处罚决定并撤回公示', CaseRevocationBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => revokeDecision(deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/enforcement/officers',
    {
      config: { permission: 'enforcement:case:handle' },
      schema: { tags: TAGS, summary: '可承办案件的持证执法人员', response: { 200: OfficerList, '4xx': ErrorBody } },
    },
    async (req) => listOfficers(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/enforcement/cases/:id/hearing-hosts',
    {
      config: { permission: 'enforcement:case:handle' },
      schema: { tags: TAGS, summary: '可主持听证的人员（非本案调查人员）', params: RecordIdParams, response: { 200: OfficerList, '4xx': ErrorBody } },
    },
    async (req) => listHearingHosts(req.server.ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/enforcement/referrals',
    {
      config: { permission: 'enforcement:case:read' },
      schema: { tags: TAGS, summary: '待立案的移送（逾期未改正、虚假承诺）', response: { 200: ReferralList, '4xx': ErrorBody } },
    },
    async (req) => listReferrals(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/enforcement/penalty-records',
    {
      config: { permission: 'enforcement:case:read' },
      schema: {
        tags: TAGS,
        summary: '行政处罚信息（全国行政处罚记录格式）：期间内公示和撤回的处罚决定，供信用平台归集',
        querystring: PenaltyRecordsQuery,
        response: { 200: PenaltyRecordsView, '4xx': ErrorBody },
      },
    },
    async (req) => penaltyRecords(req.server.ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/oversight/alerts',
    {
      config: { permission: 'oversight:alert:read' },
      schema: { tags: ['执法监督'], summary: '执法监督预警', querystring: AlertQuery, response: { 200: AlertPage, '4xx': ErrorBody } },
    },
    async (req) => listAlerts(req.server.ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/public/penalties',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['行政处罚公示'],
        summary: '行政处罚决定公示（个人信息已脱敏，罚款以万元计）',
        querystring: PublicPenaltyQuery,
        response: { 200: PublicPenaltyPage, '4xx': ErrorBody },
      },
    },
    async (req) => publicPenalties(req.server.ctx, req.query),
  );
  app.get(
    '/api/v1/portal/penalties',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '本单位的行政处罚案件', response: { 200: CasePage, '4xx': ErrorBody } },
    },
    async (req) => listOwnCases(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/portal/penalties/:id',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '本单位的行政处罚案件详情', params: RecordIdParams, response: answers },
    },
    async (req) => getOwnCase(req.server.ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/portal/penalties/:id/payment-plan',
    {
      config: { permission: 'portal:penalty:pay' },
      schema: { tags: ['企业门户'], summary: '申请暂缓或者分期缴纳罚款', params: RecordIdParams, body: PaymentPlanBody, response: answers },
    },
    async (req, reply) =>
      idempotent(req, reply, 200, async (deps) => {
        await getOwnCase(deps, actorOf(req), req.params.id);
        return requestPaymentPlan(deps, actorOf(req), req.params.id, req.body);
      }),
  );
  app.post(
    '/api/v1/portal/penalties/:id/recusal-request',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '申请承办人员回避', params: RecordIdParams, body: RecusalRequestBody, response: answers },
    },
    async (req, reply) =>
      idempotent(req, reply, 200, async (deps) => {
        await getOwnCase(deps, actorOf(req), req.params.id);
        return requestRecusal(deps, actorOf(req), req.params.id, req.body);
      }),
  );
  app.post(
    '/api/v1/portal/penalties/:id/hearing-request',
    { config: { permission: 'portal:self:read' }, schema: { tags: ['企业门户'], summary: '申请听证', params: RecordIdParams, response: answers } },
    async (req, reply) =>
      idempotent(req, reply, 200, async (deps) => {
        await getOwnCase(deps, actorOf(req), req.params.id);
        return requestHearing(deps, actorOf(req), req.params.id);
      }),
  );
}
