import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  EvaluationFigures,
  EvaluationFiguresQuery,
  EvaluationRequest,
  EvaluationView,
  EvaluationVisitRequest,
  EvaluationVisitView,
  FollowUpList,
  FollowUpListQuery,
  FollowUpStepRequest,
  FollowUpView,
  RecordIdParams,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { issueVisitToken, submitEvaluation } from './use-cases/evaluate.ts';
import { evaluationFigures, getFollowUp, listFollowUps, recordFollowUpStep } from './use-cases/follow-ups.ts';

/** 政务服务"好差评" (SVC-02). */
export async function evaluationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['好差评'];
  app.post(
    '/api/v1/evaluations',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '评价一次服务（网上一事一评：办件申请人；窗口一次一评：扫码；预约参观结束后）',
        body: EvaluationRequest,
        response: { 201: EvaluationView, '4xx': ErrorBody },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => submitEvaluation(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/evaluations/visits',
    {
      config: { permission: 'services:evaluation:visit' },
      schema: { tags, summary: '生成本次窗口办事的评价二维码', body: EvaluationVisitRequest, response: { 201: EvaluationVisitView, '4xx': ErrorBody } },
    },
    async (req, reply) => {
      const r = await issueVisitToken(req.server.ctx, actorOf(req), req.body);
      reply.code(201);
      return r;
    },
  );
  app.get(
    '/api/v1/evaluations/follow-ups',
    {
      config: { permission: 'services:evaluation:read' },
      schema: { tags, summary: '差评整改台账（含时限和回访要求）', querystring: FollowUpListQuery, response: { 200: FollowUpList, '4xx': ErrorBody } },
    },
    async (req) => listFollowUps(req.server.ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/evaluations/follow-ups/:id',
    {
      config: { permission: 'services:evaluation:read' },
      schema: { tags, summary: '差评整改详情', params: RecordIdParams, response: { 200: FollowUpView, '4xx': ErrorBody } },
    },
    async (req) => getFollowUp(req.server.ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/evaluations/follow-ups/:id/steps',
    {
      config: { permission: 'services:evaluation:follow_up' },
      schema: {
        tags,
        summary: '差评核实、整改、反馈、回访、申诉及申诉决定',
        params: RecordIdParams,
        body: FollowUpStepRequest,
        response: { 200: FollowUpView, '4xx': ErrorBody },
      },
    },
    async (req) => recordFollowUpStep(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/evaluations/figures',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '好差评公开数据（各等级数量、差评整改率、实名差评回访）',
        querystring: EvaluationFiguresQuery,
        response: { 200: EvaluationFigures, '4xx': ErrorBody },
      },
    },
    async (req) => evaluationFigures(req.server.ctx, req.query),
  );
}
