import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  OrganisationCreateBody,
  OrganisationDirectoryQuery,
  OrganisationList,
  OrganisationVerifyBody,
  OrganisationView,
  RecordIdParams,
  SpotCheckBody,
  SpotCheckView,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { drawSpotCheck, organisationDirectory, registerOrganisation, verifyOrganisation } from './organisations.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['消防技术服务机构'];

/** Fire technical service organisations (MKT-01): register, verification of practice conditions, directory, spot checks. */
export async function marketRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  app.post(
    '/api/v1/market/organisations',
    {
      config: { permission: 'market:organisation:manage' },
      schema: {
        tags: TAGS,
        summary: '登记消防技术服务机构及其自我声明的从业条件',
        body: OrganisationCreateBody,
        response: { 201: OrganisationView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => registerOrganisation(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/market/organisations/:id/verification',
    {
      config: { permission: 'market:organisation:manage' },
      schema: {
        tags: TAGS,
        summary: '核查机构从业条件（按核查结果判定是否符合）',
        params: RecordIdParams,
        body: OrganisationVerifyBody,
        response: { 200: OrganisationView, ...ERRORS },
      },
    },
    async (req) => verifyOrganisation(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/market/organisations',
    {
      config: { permission: 'market:organisation:read' },
      schema: { tags: TAGS, summary: '本机构及下级机构辖区的消防技术服务机构名录', response: { 200: OrganisationList, ...ERRORS } },
    },
    async (req) => organisationDirectory(db, { actor: actorOf(req) }),
  );
  app.get(
    '/api/v1/public/organisations',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '消防技术服务机构名录（公开）：从业条件核查情况',
        querystring: OrganisationDirectoryQuery,
        response: { 200: OrganisationList, ...ERRORS },
      },
    },
    async (req) => {
      const agency = req.query.region ? await findAgency(db, req.query.region) : undefined;
      return organisationDirectory(db, { agencyPath: req.query.region ? (agency?.path ?? '/-/') : null });
    },
  );
  app.post(
    '/api/v1/market/spot-checks',
    {
      config: { permission: 'supervision:plan:manage' },
      schema: { tags: TAGS, summary: '“双随机”抽取消防技术服务机构（不符合从业条件的必抽）', body: SpotCheckBody, response: { 200: SpotCheckView, ...ERRORS } },
    },
    async (req) => drawSpotCheck(app.ctx, actorOf(req), req.body),
  );
}
