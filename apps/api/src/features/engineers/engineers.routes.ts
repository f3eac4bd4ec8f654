import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  EngineerRegistrationBody,
  EngineerRegistrationDecision,
  EngineerRegistrationDispatch,
  EngineerRegistrationList,
  EngineerRegistrationListQuery,
  EngineerRegistrationView,
  ErrorBody,
  RecordIdParams,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { applyForRegistration, decideRegistration, dispatchCertificate, listRegistrations, myRegistrations } from './registrations.ts';

/** 注册消防工程师告知承诺制注册 (LIC-12). */
export async function engineerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['注册消防工程师注册'];
  app.post(
    '/api/v1/engineers/registrations',
    {
      config: { permission: 'portal:engineer:apply' },
      schema: {
        tags,
        summary: '申请注册消防工程师注册（告知承诺制）',
        body: EngineerRegistrationBody,
        response: { 201: EngineerRegistrationView, '4xx': ErrorBody },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => applyForRegistration(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/engineers/registrations/mine',
    {
      config: { permission: 'portal:engineer:apply' },
      schema: { tags, summary: '本人的注册申请和寄递进度', response: { 200: EngineerRegistrationList, '4xx': ErrorBody } },
    },
    async (req) => myRegistrations(req.server.ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/engineers/registrations',
    {
      config: { permission: 'market:organisation:read' },
      schema: {
        tags,
        summary: '注册消防工程师注册审核队列',
        querystring: EngineerRegistrationListQuery,
        response: { 200: EngineerRegistrationList, '4xx': ErrorBody },
      },
    },
    async (req) => listRegistrations(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/engineers/registrations/:id/decision',
    {
      config: { permission: 'market:engineer:register' },
      schema: {
        tags,
        summary: '准予或不予注册（不予注册须说明理由）',
        params: RecordIdParams,
        body: EngineerRegistrationDecision,
        response: { 200: EngineerRegistrationView, '4xx': ErrorBody },
      },
    },
    async (req) => decideRegistration(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/engineers/registrations/:id/dispatch',
    {
      config: { permission: 'market:engineer:dispatch' },
      schema: {
        tags,
        summary: '登记证书和执业印章的寄递单号',
        params: RecordIdParams,
        body: EngineerRegistrationDispatch,
        response: { 200: EngineerRegistrationView, '4xx': ErrorBody },
      },
    },
    async (req) => dispatchCertificate(req.server.ctx, actorOf(req), req.params.id, req.body),
  );
}
