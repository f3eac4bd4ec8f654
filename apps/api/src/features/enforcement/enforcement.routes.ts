import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DiscretionBody, DiscretionView, ErrorBody, ViolationsQuery, ViolationsView } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { getViolations } from './use-cases/get-violations.ts';
import { proposePenalty } from './use-cases/propose-penalty.ts';

const TAGS = ['行政处罚'];

/** Enforcement (ENF-*): the published discretion benchmark and the engine's proposals. */
export async function enforcementRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/enforcement/violations',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '消防行政处罚裁量基准（向社会公布）：违法行为、法定幅度、裁量档次和不予处罚情形',
        querystring: ViolationsQuery,
        response: { 200: ViolationsView, '4xx': ErrorBody },
      },
    },
    async (req) => getViolations(req.server.ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/enforcement/discretion',
    {
      config: { permission: 'enforcement:discretion:propose' },
      schema: {
        tags: TAGS,
        summary: '处罚裁量建议：按现行裁量基准提出不予处罚、警告或罚款建议并说明理由',
        body: DiscretionBody,
        response: { 200: DiscretionView, '4xx': ErrorBody },
      },
    },
    async (req) => proposePenalty(req.server.ctx, actorOf(req), req.body),
  );
}
