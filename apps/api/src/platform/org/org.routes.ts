import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AgencyView, ErrorBody, RegionTreeView, StaffUserView } from '@fep/contracts';
import { maskPhone } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { servedRegionTree } from './regions.repository.ts';
import { scopeFilter, scopeOf } from './scope.ts';

const ERRORS = { '4xx': ErrorBody };

export async function orgRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The list of agencies is public information (the portal lets people pick where to apply).
  app.get(
    '/api/v1/agencies',
    {
      config: { permission: 'public' },
      schema: { tags: ['机构'], summary: '消防救援机构列表（树形路径）', response: { 200: Type.Array(AgencyView), ...ERRORS } },
    },
    async () => {
      const rows = await app.ctx.database.db.selectFrom('agencies').selectAll().orderBy('path').execute();
      return rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        shortName: r.short_name,
        level: r.level,
        regionCode: r.region_code,
        path: r.path,
      }));
    },
  );

  // The place picker of the portal (省 → 市 → 区): public reference data, the same for everyone.
  app.get(
    '/api/v1/regions',
    {
      config: { permission: 'public' },
      schema: { tags: ['机构'], summary: '场所所在地：本平台服务的省、市、区县（GB/T 2260）', response: { 200: RegionTreeView, ...ERRORS } },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return servedRegionTree(app.ctx.database.db);
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'iam:user:read' },
      schema: {
        tags: ['用户'],
        summary: '本机构及下级机构的工作人员',
        response: { 200: Type.Array(StaffUserView), ...ERRORS },
      },
    },
    async (req) => {
      const { db } = app.ctx.database;
      const users = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.id', 'users.username', 'users.display_name', 'users.phone', 'agencies.name as agency_name'])
        .where('users.kind', '=', 'staff')
        .where(scopeFilter(scopeOf(req), { agencyPath: 'agencies.path' }))
        .orderBy('agencies.path')
        .orderBy('users.username')
        .limit(500)
        .execute();
      const roles = users.length
        ? await db
            .selectFrom('user_roles')
            .selectAll()
            .where(
              'user_id',
              'in',
              users.map((u) => u.id),
            )
            .execute()
        : [];
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        agencyName: u.agency_name,
        roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
        phone: maskPhone(u.phone),
      }));
    },
  );
}
