import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/actor.ts';
import { getServiceGuides } from './use-cases/get-service-guides.ts';

export async function serviceRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/services/guides',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['办事大厅'],
        summary: '办事指南（按机构或行政区划代码，时限取自现行政策参数）',
        querystring: Type.Object({ agency: Type.Optional(Type.String({ maxLength: 64 })) }),
      },
    },
    async (req) => getServiceGuides(req.server.ctx, actorOf(req), req.query as { agency?: string }),
  );
}
