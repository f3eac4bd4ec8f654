import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  BanCreateBody,
  BanView,
  EngineerCreateBody,
  EngineerStatusBody,
  EngineerView,
  ErrorBody,
  OrganisationCreateBody,
  OrganisationDetailView,
  OrganisationDirectoryQuery,
  OrganisationList,
  OrganisationVerifyBody,
  OrganisationView,
  PersonCreditView,
  RecordIdParams,
  ServiceReportCreateBody,
  ServiceReportList,
  ServiceReportQuery,
  ServiceReportView,
  SpotCheckBody,
  SpotCheckView,
  ViolationCreateBody,
  ViolationView,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { drawSpotCheck, organisationDirectory, registerOrganisation, verifyOrganisation } from './organisations.ts';
import {
  banSubject,
  engineerCredit,
  organisationDetail,
  recordReport,
  recordViolation,
  registerEngineer,
  reportsOfUnit,
  setEngineerStatus,
} from './practice.ts';

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
    async (req) => organisationDirectory(db, { actor: actorOf(req) }, app.ctx.now()),
  );
  app.get(
    '/api/v1/public/organisations',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '消防技术服务机构名录（公开）：从业条件核查情况，被责令停止执业、吊销或禁入的期限和理由',
        querystring: OrganisationDirectoryQuery,
        response: { 200: OrganisationList, ...ERRORS },
      },
    },
    async (req) => {
      const agency = req.query.region ? await findAgency(db, req.query.region) : undefined;
      return organisationDirectory(db, { agencyPath: req.query.region ? (agency?.path ?? '/-/') : null }, app.ctx.now());
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
  app.get(
    '/api/v1/market/organisations/:id',
    {
      config: { permission: 'market:organisation:read' },
      schema: {
        tags: TAGS,
        summary: '机构详情：注册消防工程师、报告、违法行为和停止执业/吊销/禁入',
        params: RecordIdParams,
        response: { 200: OrganisationDetailView, ...ERRORS },
      },
    },
    async (req) => organisationDetail(db, actorOf(req), req.params.id, app.ctx.now()),
  );
  app.post(
    '/api/v1/market/organisations/:id/engineers',
    {
      config: { permission: 'market:organisation:manage' },
      schema: {
        tags: TAGS,
        summary: '登记机构的注册消防工程师',
        params: RecordIdParams,
        body: EngineerCreateBody,
        response: { 201: EngineerView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => registerEngineer(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/market/engineers/:id/status',
    {
      config: { permission: 'market:organisation:manage' },
      schema: {
        tags: TAGS,
        summary: '变更注册消防工程师的执业状态',
        params: RecordIdParams,
        body: EngineerStatusBody,
        response: { 200: EngineerView, ...ERRORS },
      },
    },
    async (req) => setEngineerStatus(app.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/market/engineers/:id/credit',
    {
      config: { permission: 'market:organisation:read' },
      schema: { tags: TAGS, summary: '注册消防工程师的信用记录（仅工作人员可见）', params: RecordIdParams, response: { 200: PersonCreditView, ...ERRORS } },
    },
    async (req) => engineerCredit(db, actorOf(req), req.params.id, app.ctx.now()),
  );
  app.post(
    '/api/v1/market/organisations/:id/reports',
    {
      config: { permission: 'market:organisation:manage' },
      schema: {
        tags: TAGS,
        summary: '登记维护保养检测报告或评估报告（签字人须为本机构执业的注册消防工程师）',
        params: RecordIdParams,
        body: ServiceReportCreateBody,
        response: { 201: ServiceReportView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => recordReport(deps, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/market/reports',
    {
      config: { permission: 'market:organisation:read' },
      schema: { tags: TAGS, summary: '某单位接受的维护保养检测、评估报告', querystring: ServiceReportQuery, response: { 200: ServiceReportList, ...ERRORS } },
    },
    async (req) => reportsOfUnit(db, actorOf(req), req.query.unitUsci),
  );
  app.post(
    '/api/v1/market/organisations/:id/violations',
    {
      config: { permission: 'market:sanction:decide' },
      schema: {
        tags: TAGS,
        summary: '记录机构出具虚假文件、失实文件（消防法第六十九条），记入机构及签字工程师的信用记录',
        params: RecordIdParams,
        body: ViolationCreateBody,
        response: { 201: ViolationView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => recordViolation(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/market/organisations/:id/bans',
    {
      config: { permission: 'market:sanction:decide' },
      schema: {
        tags: TAGS,
        summary: '责令机构或注册消防工程师停止执业、吊销资格或终身市场禁入',
        params: RecordIdParams,
        body: BanCreateBody,
        response: { 201: BanView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => banSubject(deps, actorOf(req), req.params.id, req.body)),
  );
}
