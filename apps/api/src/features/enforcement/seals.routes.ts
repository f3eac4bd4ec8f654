import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  RecordIdParams,
  SealCreateBody,
  SealDecisionBody,
  SealExtensionBody,
  SealLiftBody,
  SealListQuery,
  SealPage,
  SealRequestBody,
  SealRequestDecisionBody,
  SealRequestInspectionBody,
  SealServiceBody,
  SealView,
} from '@fep/contracts';
import type { Permission } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { decideSeal, extendSeal, liftSeal, serveSeal } from './use-cases/decide-seal.ts';
import { openSeal } from './use-cases/open-seal.ts';
import { getOwnSeal, getSeal, listOwnSeals, listSeals } from './use-cases/seal-reads.ts';
import { decideSealRequest, inspectSealRequest, submitSealRequest } from './use-cases/seal-requests.ts';

const TAGS = ['临时查封'];

/**
 * Temporary seals (临时查封, ENF-05) in the back office and the unit's online requests in the portal. Every
 * step is a POST answering the seal as it now is; a step not allowed in the seal's (or request's) state is a
 * 409 ENFORCEMENT.SEAL_STATE (ENFORCEMENT.SEAL_REQUEST_STATE).
 */
export async function sealRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const answers = { 200: SealView, '4xx': ErrorBody };
  const step = <B extends TSchema>(permission: Permission, summary: string, body: B, tags = TAGS) => ({
    config: { permission },
    schema: { tags, summary, params: RecordIdParams, body, response: answers },
  });

  app.post(
    '/api/v1/enforcement/seals',
    {
      config: { permission: 'enforcement:case:handle' },
      schema: {
        tags: TAGS,
        summary: '提请临时查封（或紧急查封，须在规定时限内集体研究确认）',
        body: SealCreateBody,
        response: { 201: SealView, '4xx': ErrorBody },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => openSeal(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/enforcement/seals',
    {
      config: { permission: 'enforcement:case:read' },
      schema: { tags: TAGS, summary: '临时查封列表', querystring: SealListQuery, response: { 200: SealPage, '4xx': ErrorBody } },
    },
    async (req) => listSeals(req.server.ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/enforcement/seals/:id',
    { config: { permission: 'enforcement:case:read' }, schema: { tags: TAGS, summary: '临时查封详情及当事人申请', params: RecordIdParams, response: answers } },
    async (req) => getSeal(req.server.ctx, actorOf(req), req.params.id),
  );
  app.post('/api/v1/enforcement/seals/:id/decision', step('enforcement:case:decide', '集体研究决定（或确认紧急查封）', SealDecisionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => decideSeal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post('/api/v1/enforcement/seals/:id/service', step('enforcement:case:handle', '送达临时查封决定书', SealServiceBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => serveSeal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post('/api/v1/enforcement/seals/:id/extension', step('enforcement:case:decide', '延长查封期限（仅一次）', SealExtensionBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => extendSeal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post('/api/v1/enforcement/seals/:id/lifting', step('enforcement:case:decide', '解除临时查封', SealLiftBody), async (req, reply) =>
    idempotent(req, reply, 200, (deps) => liftSeal(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/enforcement/seal-requests/:id/inspection',
    step('enforcement:case:handle', '录入当事人申请的检查结果', SealRequestInspectionBody),
    async (req, reply) => idempotent(req, reply, 200, (deps) => inspectSealRequest(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/enforcement/seal-requests/:id/decision',
    step('enforcement:case:decide', '对当事人申请作出决定（同意进入整改、解除或继续查封）', SealRequestDecisionBody),
    async (req, reply) => idempotent(req, reply, 200, (deps) => decideSealRequest(deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/portal/seals',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['企业门户'], summary: '本单位被临时查封的场所、部位', response: { 200: SealPage, '4xx': ErrorBody } },
    },
    async (req) => listOwnSeals(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/portal/seals/:id',
    { config: { permission: 'portal:self:read' }, schema: { tags: ['企业门户'], summary: '本单位的临时查封详情', params: RecordIdParams, response: answers } },
    async (req) => getOwnSeal(req.server.ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/portal/seals/:id/requests',
    step('portal:seal:request', '在线申请：进入查封部位整改、解除查封、复查、恢复使用', SealRequestBody, ['企业门户']),
    async (req, reply) => idempotent(req, reply, 200, (deps) => submitSealRequest(deps, actorOf(req), req.params.id, req.body)),
  );
}
