import { chinaDateOf } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../platform/errors.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { buildGuides } from './guides.ts';

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
    async (req) => {
      const { db } = app.ctx.database;
      const q = req.query as { agency?: string };
      const agency = q.agency
        ? await findAgency(db, q.agency)
        : await db.selectFrom('agencies').selectAll().where('parent_id', 'is', null).orderBy('region_code').executeTakeFirst();
      if (!agency) throw notFound('机构');
      const at = chinaDateOf(app.ctx.now());
      const resolved = await resolveForAgency(db, agency, at);
      return { agency: { id: agency.id, name: agency.name, regionCode: agency.region_code }, at, guides: buildGuides(resolved) };
    },
  );
}
