import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BlacklistView,
  CommendationBody,
  CreditDecisionBody,
  CreditDistributionView,
  CreditRequestBody,
  CreditRequestList,
  CreditRequestListQuery,
  CreditRequestView,
  CreditUnitView,
  ErrorBody,
  PublicBlacklistQuery,
  PublicCreditQuery,
  PublicCreditView,
  RecordIdParams,
  UsciParams,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { blacklist, creditRequests, distribution, publicCredit, unitCredit } from './credit.queries.ts';
import { recordCommendation } from './use-cases/record-commendation.ts';
import { decideCreditRequest, submitCreditRequest } from './use-cases/requests.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['信用与风险'];

/**
 * Credit and risk (CRD-01 … CRD-04): a unit's credit with its explanation, the public part, repair and
 * objection requests, the serious-dishonesty list and the distribution by level and risk.
 * Validate → authorize (permission + scope in the query or use case) → call → present.
 */
export async function creditRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  app.post(
    '/api/v1/credit/commendations',
    {
      config: { permission: 'credit:commendation:record' },
      schema: {
        tags: TAGS,
        summary: '登记单位受到的表彰、奖励（守信激励，按表彰文件文号登记一次，信用分按现行政策增加）',
        body: CommendationBody,
        response: { 201: CreditUnitView, ...ERRORS },
      },
    },
    // No Idempotency-Key: the document number is the natural key (a retry gets 409 naming the record made).
    async (req, reply) => {
      await recordCommendation(app.ctx, actorOf(req), req.body);
      reply.code(201);
      return unitCredit(db, actorOf(req), req.body.usci.toUpperCase(), app.ctx.now());
    },
  );
  app.get(
    '/api/v1/credit/units/:usci',
    {
      config: { permission: 'credit:record:read' },
      schema: {
        tags: TAGS,
        summary: '单位的信用等级、信用分、信用记录及其依据、奖惩效果、风险评分、等级变动和修复异议申请（本机构及下级机构人员、单位本身）',
        params: UsciParams,
        response: { 200: CreditUnitView, ...ERRORS },
      },
    },
    async (req) => unitCredit(db, actorOf(req), req.params.usci, app.ctx.now()),
  );
  app.get(
    '/api/v1/public/credit',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '信用信息公示：单位的信用等级、是否列入严重失信名单和公示期内的失信记录',
        querystring: PublicCreditQuery,
        response: { 200: PublicCreditView, ...ERRORS },
      },
    },
    async (req) => publicCredit(db, req.query.usci, app.ctx.now()),
  );
  app.get(
    '/api/v1/public/credit/blacklist',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '严重失信主体名单（公示）', querystring: PublicBlacklistQuery, response: { 200: BlacklistView, ...ERRORS } },
    },
    async (req) => {
      const agency = req.query.region ? await findAgency(db, req.query.region) : undefined;
      return blacklist(db, { agencyPath: req.query.region ? (agency?.path ?? '/-/') : null });
    },
  );
  app.get(
    '/api/v1/credit/blacklist',
    {
      config: { permission: 'credit:record:read' },
      schema: { tags: TAGS, summary: '本机构及下级机构的严重失信主体名单及认定情形', response: { 200: BlacklistView, ...ERRORS } },
    },
    async (req) => blacklist(db, { actor: actorOf(req) }),
  );
  app.get(
    '/api/v1/credit/distribution',
    {
      config: { permission: 'credit:record:read' },
      schema: {
        tags: TAGS,
        summary: '按信用等级和风险等级的单位分布，以及风险最高的单位及其主要风险因素',
        response: { 200: CreditDistributionView, ...ERRORS },
      },
    },
    async (req) => distribution(db, actorOf(req)),
  );
  app.get(
    '/api/v1/credit/requests',
    {
      config: { permission: 'credit:record:read' },
      schema: {
        tags: TAGS,
        summary: '信用修复和异议申请：机构人员看本机构及下级机构的待办，单位看本单位的',
        querystring: CreditRequestListQuery,
        response: { 200: CreditRequestList, ...ERRORS },
      },
    },
    async (req) => creditRequests(db, actorOf(req), req.query.status),
  );
  app.post(
    '/api/v1/credit/requests',
    {
      config: { permission: 'portal:credit:request' },
      schema: {
        tags: TAGS,
        summary: '单位申请信用修复（最短公示期满后）或对信用记录提出异议',
        body: CreditRequestBody,
        response: { 201: CreditRequestView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => submitCreditRequest(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/credit/requests/:id/decision',
    {
      config: { permission: 'credit:request:decide' },
      schema: {
        tags: TAGS,
        summary: '对信用修复申请作出修复或不予修复决定；对异议作出更正或维持决定（均需说明理由）',
        params: RecordIdParams,
        body: CreditDecisionBody,
        response: { 200: CreditRequestView, ...ERRORS },
      },
    },
    async (req) => decideCreditRequest(app.ctx, actorOf(req), req.params.id, req.body),
  );
}
