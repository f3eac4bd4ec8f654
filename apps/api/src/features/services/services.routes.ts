import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, ServiceGuidesQuery, ServiceGuidesView } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { getServiceGuides } from './use-cases/get-service-guides.ts';

export async function serviceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/services/guides',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['办事大厅'],
        summary: '办事指南（按机构或行政区划代码，时限取自现行政策参数）',
        querystring: ServiceGuidesQuery,
        response: { 200: ServiceGuidesView, '4xx': ErrorBody },
      },
    },
    async (req) => getServiceGuides(req.server.ctx, actorOf(req), req.query),
  );
}
