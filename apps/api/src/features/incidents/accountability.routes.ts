import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AccountabilityBody, AccountabilityEvaluationBody, AccountabilityList, AccountabilityView, ErrorBody, RecordIdParams } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { accountabilityLedger, evaluateAccountability, publishedAccountability, recordAccountability } from './accountability.ts';

/** 火灾事故责任调查和整改措施一年评估 (FIR-04). */
export async function accountabilityRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['火灾事故调查'];
  app.post(
    '/api/v1/incidents/:id/accountability',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: {
        tags,
        summary: '登记亡人或有重大影响火灾的责任调查（政府牵头的调查组、各方责任）',
        params: RecordIdParams,
        body: AccountabilityBody,
        response: { 201: AccountabilityView, '4xx': ErrorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await recordAccountability(req.server.ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/incident-accountability/:id/evaluation',
    {
      config: { permission: 'incidents:incident:handle' },
      schema: {
        tags,
        summary: '整改措施落实情况一年评估',
        params: RecordIdParams,
        body: AccountabilityEvaluationBody,
        response: { 200: AccountabilityView, '4xx': ErrorBody },
      },
    },
    async (req) => evaluateAccountability(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/incident-accountability',
    {
      config: { permission: 'incidents:incident:read' },
      schema: { tags, summary: '火灾事故责任调查和整改评估台账（本机构及下级）', response: { 200: AccountabilityList, '4xx': ErrorBody } },
    },
    async (req) => accountabilityLedger(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/public/incident-accountability',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '公开：火灾事故责任调查和整改评估', response: { 200: AccountabilityList, '4xx': ErrorBody } },
    },
    async (req) => publishedAccountability(req.server.ctx),
  );
}
