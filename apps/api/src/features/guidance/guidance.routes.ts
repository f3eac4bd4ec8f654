import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AdviceDone,
  ErrorBody,
  GuidanceAssign,
  GuidanceClose,
  GuidanceList,
  GuidanceListQuery,
  GuidanceRequestInput,
  GuidanceView,
  GuidanceVisit,
  RecordIdParams,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { adviceDone, assignExperts, closeGuidance, listGuidance, myGuidance, recordVisit, requestGuidance } from './guidance.ts';

/** Expert guidance (SVC-05). */
export async function guidanceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['专家指导'];
  app.post(
    '/api/v1/guidance/requests',
    {
      config: { permission: 'portal:guidance:request' },
      schema: { tags, summary: '申请消防安全专家指导（现场或线上）', body: GuidanceRequestInput, response: { 201: GuidanceView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => requestGuidance(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/guidance/requests/mine',
    {
      config: { permission: 'portal:guidance:request' },
      schema: { tags, summary: '本单位的专家指导申请', response: { 200: GuidanceList, '4xx': ErrorBody } },
    },
    async (req) => myGuidance(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/guidance/requests',
    {
      config: { permission: 'services:guidance:handle' },
      schema: { tags, summary: '专家指导申请台账', querystring: GuidanceListQuery, response: { 200: GuidanceList, '4xx': ErrorBody } },
    },
    async (req) => listGuidance(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/guidance/requests/:id/assign',
    {
      config: { permission: 'services:guidance:handle' },
      schema: { tags, summary: '指派专家组（两名以上）', params: RecordIdParams, body: GuidanceAssign, response: { 200: GuidanceView, '4xx': ErrorBody } },
    },
    async (req) => assignExperts(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/guidance/requests/:id/visits',
    {
      config: { permission: 'services:guidance:handle' },
      schema: { tags, summary: '登记一次指导及整改建议', params: RecordIdParams, body: GuidanceVisit, response: { 200: GuidanceView, '4xx': ErrorBody } },
    },
    async (req) => recordVisit(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/guidance/advice/:id/done',
    {
      config: { permission: 'services:guidance:handle' },
      schema: { tags, summary: '建议已落实', params: RecordIdParams, body: AdviceDone, response: { 200: GuidanceView, '4xx': ErrorBody } },
    },
    async (req) => adviceDone(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/guidance/requests/:id/close',
    {
      config: { permission: 'services:guidance:handle' },
      schema: { tags, summary: '专家指导办结（建议均已落实）', params: RecordIdParams, body: GuidanceClose, response: { 200: GuidanceView, '4xx': ErrorBody } },
    },
    async (req) => closeGuidance(req.server.ctx, actorOf(req), req.params.id, req.body.version),
  );
}
