import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  PolicyKindView,
  PolicyVersionHistoryView,
  PolicyVersionRequest,
  PolicyVersionsQuery,
  PolicyVersionView,
  ResolvedPoliciesQuery,
  ResolvedPoliciesView,
} from '@fep/contracts';
import { chinaDateOf, getPolicyKind, isCivilDate, POLICY_KIND_IDS, POLICY_KINDS } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { idempotent } from '../http/idempotency.ts';
import { findAgency } from '../org/agencies.repository.ts';
import { resolveForAgency, toPolicyVersion } from './policy.repository.ts';
import { createPolicyVersion } from './use-cases/create-policy-version.ts';

const ERRORS = { '4xx': ErrorBody };

export async function policyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/policies/kinds',
    {
      config: { permission: 'public' },
      schema: { tags: ['政策参数'], summary: '政策参数种类、字段说明与国家默认值', response: { 200: Type.Array(PolicyKindView), ...ERRORS } },
    },
    async () =>
      Object.values(POLICY_KINDS).map((k) => ({
        kind: k.kind,
        title: k.title,
        description: k.description,
        nationalDefault: k.nationalDefault,
        fields: k.fields,
        schema: k.schema,
      })),
  );

  // Thresholds and time limits are public information: no login needed.
  app.get(
    '/api/v1/policies/resolved',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['政策参数'],
        summary: '某机构（或行政区划代码）在某日适用的政策参数及其来源',
        querystring: ResolvedPoliciesQuery,
        response: { 200: ResolvedPoliciesView, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      const at = q.at ?? chinaDateOf(app.ctx.now());
      if (!isCivilDate(at)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${at}`, { field: 'at' });
      if (q.kind && !getPolicyKind(q.kind)) throw new AppError('POLICY.UNKNOWN_KIND', `未知的政策参数种类：${q.kind}`, { allowed: POLICY_KIND_IDS });
      const { db } = app.ctx.database;
      const agency = await findAgency(db, q.agency);
      if (!agency) throw notFound('机构');
      const resolved = await resolveForAgency(db, agency, at, q.kind ? [q.kind] : POLICY_KIND_IDS);
      return {
        agency: { id: agency.id, name: agency.name, level: agency.level, regionCode: agency.region_code },
        at,
        policies: resolved.map((r) => {
          const def = getPolicyKind(r.kind)!;
          return { ...r, title: def.title, description: def.description, fields: def.fields };
        }),
      };
    },
  );

  app.get(
    '/api/v1/policies/versions',
    {
      config: { permission: 'policy:policy:read' },
      schema: {
        tags: ['政策参数'],
        summary: '某机构的政策参数版本历史',
        querystring: PolicyVersionsQuery,
        response: { 200: Type.Array(PolicyVersionHistoryView), ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      const { db } = app.ctx.database;
      const agency = await findAgency(db, q.agency);
      if (!agency) throw notFound('机构');
      let query = db.selectFrom('policy_versions').selectAll().where('agency_id', '=', agency.id);
      if (q.kind) query = query.where('kind', '=', q.kind);
      const rows = await query.orderBy('kind').orderBy('version', 'desc').execute();
      return rows.map((r) => ({ ...toPolicyVersion(r), createdAt: r.created_at, createdBy: r.created_by }));
    },
  );

  app.post(
    '/api/v1/policies/versions',
    {
      config: { permission: 'policy:policy:manage' },
      schema: {
        tags: ['政策参数'],
        summary: '为本机构（或下级机构）新增一个政策参数版本',
        body: PolicyVersionRequest,
        response: { 201: PolicyVersionView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return idempotent(req, reply, 201, (deps) => createPolicyVersion(deps, actor, req.body));
    },
  );
}
