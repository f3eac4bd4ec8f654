import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DisclosureExtendRequest,
  DisclosureList,
  DisclosureReplyRequest,
  DisclosureRequestBody,
  DisclosureView,
  ErrorBody,
  FollowUpListQuery,
  RecordIdParams,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { disclosureByCode, extendDisclosure, listDisclosures, replyDisclosure, submitDisclosure } from './disclosure.ts';

const CodeParams = Type.Object({ code: Type.String({ minLength: 8, maxLength: 32 }) });

/** 依申请公开 (SVC-06, 政府信息公开条例 art. 33). */
export async function disclosureRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['政府信息公开'];
  app.post(
    '/api/v1/disclosure/requests',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '提出政府信息公开申请（20 个工作日内答复）', body: DisclosureRequestBody, response: { 201: DisclosureView, '4xx': ErrorBody } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => submitDisclosure(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/disclosure/requests/by-code/:code',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '凭查询码查看申请和答复', params: CodeParams, response: { 200: DisclosureView, '4xx': ErrorBody } },
    },
    async (req) => disclosureByCode(req.server.ctx, req.params.code),
  );
  app.get(
    '/api/v1/disclosure/requests',
    {
      config: { permission: 'services:disclosure:handle' },
      schema: { tags, summary: '政府信息公开申请办理队列', querystring: FollowUpListQuery, response: { 200: DisclosureList, '4xx': ErrorBody } },
    },
    async (req) => listDisclosures(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/disclosure/requests/:id/extension',
    {
      config: { permission: 'services:disclosure:approve' },
      schema: {
        tags,
        summary: '批准延长答复期限（只能一次，最长 20 个工作日）',
        params: RecordIdParams,
        body: DisclosureExtendRequest,
        response: { 200: DisclosureView, '4xx': ErrorBody },
      },
    },
    async (req) => extendDisclosure(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/disclosure/requests/:id/reply',
    {
      config: { permission: 'services:disclosure:handle' },
      schema: {
        tags,
        summary: '答复政府信息公开申请',
        params: RecordIdParams,
        body: DisclosureReplyRequest,
        response: { 200: DisclosureView, '4xx': ErrorBody },
      },
    },
    async (req) => replyDisclosure(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
}
