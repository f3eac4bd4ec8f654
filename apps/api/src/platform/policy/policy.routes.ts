import { chinaDateOf, getPolicyKind, isCivilDate, POLICY_KIND_IDS, POLICY_KINDS, validateOverride } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { AppError, notFound } from '../errors.ts';
import { createIdempotent } from '../http/idempotency.ts';
import { uuidv7 } from '../ids.ts';
import { findAgency } from '../org/agencies.repository.ts';
import { inScope, scopeOf } from '../org/scope.ts';
import { resolveForAgency, toPolicyVersion } from './policy.repository.ts';

const LegalBasis = Type.Object({ document: Type.String({ minLength: 2, maxLength: 300 }), clause: Type.Optional(Type.String({ maxLength: 200 })) });

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/policies/kinds',
    { config: { permission: 'public' }, schema: { tags: ['政策参数'], summary: '政策参数种类、字段说明与国家默认值' } },
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
        querystring: Type.Object({
          agency: Type.String({ minLength: 1, maxLength: 64, description: '机构 ID 或 6 位行政区划代码' }),
          at: Type.Optional(Type.String({ description: 'YYYY-MM-DD，默认今天（北京时间）' })),
          kind: Type.Optional(Type.String()),
        }),
      },
    },
    async (req) => {
      const q = req.query as { agency: string; at?: string; kind?: string };
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
        querystring: Type.Object({ agency: Type.String(), kind: Type.Optional(Type.String()) }),
      },
    },
    async (req) => {
      const q = req.query as { agency: string; kind?: string };
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
        body: Type.Object({
          agencyId: Type.String(),
          kind: Type.String(),
          effectiveFrom: Type.String(),
          values: Type.Record(Type.String(), Type.Unknown()),
          legalBasis: LegalBasis,
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
      },
    },
    async (req, reply) => {
      const body = req.body as {
        agencyId: string;
        kind: string;
        effectiveFrom: string;
        values: Record<string, unknown>;
        legalBasis: { document: string; clause?: string };
        note?: string;
      };
      const { db } = app.ctx.database;
      const def = getPolicyKind(body.kind);
      if (!def) throw new AppError('POLICY.UNKNOWN_KIND', `未知的政策参数种类：${body.kind}`, { allowed: POLICY_KIND_IDS });
      if (!isCivilDate(body.effectiveFrom))
        throw new AppError('REQUEST.BAD_DATE', `生效日期格式应为 YYYY-MM-DD：${body.effectiveFrom}`, { field: 'effectiveFrom' });
      // A new version never rewrites the past: decisions already taken keep the rules they were made under.
      if (body.effectiveFrom < chinaDateOf(app.ctx.now()))
        throw new AppError('POLICY.EFFECTIVE_DATE_IN_PAST', '生效日期不能早于今天', { field: 'effectiveFrom' });
      const problems = validateOverride(def, body.values);
      if (problems.length) throw new AppError('POLICY.INVALID_VALUES', '政策参数取值不符合要求', { problems });
      const agency = await findAgency(db, body.agencyId);
      if (!agency || !inScope(scopeOf(req), { agencyPath: agency.path })) throw notFound('机构');
      return createIdempotent(req, reply, 201, async (trx, audit) => {
        const max = await trx
          .selectFrom('policy_versions')
          .select(sql<number>`coalesce(max(version), 0)`.as('v'))
          .where('kind', '=', body.kind)
          .where('agency_id', '=', agency.id)
          .executeTakeFirstOrThrow();
        const row = {
          id: uuidv7(),
          kind: body.kind,
          agency_id: agency.id,
          version: Number(max.v) + 1,
          effective_from: body.effectiveFrom,
          effective_to: null,
          values_json: JSON.stringify(body.values),
          legal_document: body.legalBasis.document,
          legal_clause: body.legalBasis.clause ?? null,
          note: body.note ?? null,
          created_by: req.auth!.user.id,
          created_at: app.ctx.now().toISOString(),
        };
        await trx.insertInto('policy_versions').values(row).execute();
        await audit({
          action: 'policy.version.create',
          targetType: 'policy',
          targetId: `${agency.id}/${body.kind}`,
          after: row,
          policyVersion: `${body.kind}@${agency.region_code}v${row.version}`,
        });
        return toPolicyVersion(row);
      });
    },
  );
}
