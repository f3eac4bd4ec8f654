import { Readable } from 'node:stream';
import { checkUsci, maskPersonName, maskPhone, VENUE_KINDS } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { type SqlBool, sql } from 'kysely';
import { Type } from 'typebox';
import type { UnitTable } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { createIdempotent } from '../../platform/http/idempotency.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { inScope, readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { importUnits } from './import-units.ts';

const USCI_PROBLEM: Record<string, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  check_char: '统一社会信用代码校验位不正确，请核对',
};

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** The unit as the API presents it; the schema also makes serialisation fast (fast-json-stringify). */
const UnitView = Type.Object({
  id: Type.String(),
  usci: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  agencyId: Type.String(),
  venueKind: Nullable(Type.String()),
  floorArea: Nullable(Type.Number()),
  keyUnit: Type.Boolean(),
  riskLevel: Type.String(),
  creditLevel: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
});
const UnitPage = Type.Object({ items: Type.Array(UnitView), next: Nullable(Type.String()) });

function present(u: UnitTable, full: boolean) {
  return {
    id: u.id,
    usci: u.usci,
    name: u.name,
    address: u.address,
    regionCode: u.region_code,
    agencyId: u.agency_id,
    venueKind: u.venue_kind,
    floorArea: u.floor_area,
    keyUnit: u.key_unit === 1,
    riskLevel: u.risk_level,
    creditLevel: u.credit_level,
    // Personal data is masked in lists (DESIGN §4); the record view shows it to those in scope.
    contactName: full ? u.contact_name : maskPersonName(u.contact_name),
    contactPhone: full ? u.contact_phone : maskPhone(u.contact_phone),
  };
}

export async function unitRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;

  const lookupByUsci = db.selectFrom('units').selectAll().where(sql<SqlBool>`substr(units.agency_path, 1, ${0}) = ${''}`).where('usci', '=', '').compile();

  app.get(
    '/api/v1/units',
    {
      config: { permission: 'unit:unit:read' },
      schema: {
        tags: ['社会单位'],
        summary: '辖区社会单位（按名称或统一社会信用代码查找，游标分页）',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 60 })),
          region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          risk: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
          after: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: UnitPage },
      },
    },
    async (req) => {
      const q = req.query as { q?: string; region?: string; risk?: 'low' | 'medium' | 'high'; after?: string; limit?: number };
      const limit = q.limit ?? 50;
      let query = db
        .selectFrom('units')
        .selectAll()
        .where(scopeFilter(scopeOf(req), { agencyPath: 'units.agency_path', ownerUserId: 'units.owner_user_id', usci: 'units.usci' }));
      if (q.q) {
        const term = q.q.trim();
        // A USCI names at most one unit: looked up by its index alone, with no ordering for the planner to
        // prefer over it.
        if (/^[0-9A-HJ-NPQRTUW-Y]{18}$/i.test(term)) {
          const scope = scopeOf(req);
          // The common case (staff of an agency) runs one query compiled once; other scopes build theirs.
          const u =
            scope.kind === 'agency_and_below'
              ? (await db.executeQuery({ ...lookupByUsci, parameters: [scope.agencyPath.length, scope.agencyPath, term.toUpperCase()] } as typeof lookupByUsci))
                  .rows[0]
              : await query.where('usci', '=', term.toUpperCase()).executeTakeFirst();
          return { items: u ? [present(u, false)] : [], next: null };
        }
        query = query.where('name', 'like', `%${term.replace(/[%_\\]/g, '')}%`);
      }
      if (q.region) query = query.where('region_code', '=', q.region);
      if (q.risk) query = query.where('risk_level', '=', q.risk);
      // Keyset pagination: page 50 costs what page 1 costs (no OFFSET).
      if (q.after) query = query.where('id', '>', q.after);
      const rows = await query
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return { items: page.map((u) => present(u, false)), next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { permission: 'unit:unit:read' },
      schema: { tags: ['社会单位'], summary: '一个社会单位', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
    },
    async (req) => {
      const id = (req.params as { id: string }).id;
      const u = await readInScope(req.server.ctx, actorOf(req), { type: 'unit', id, what: '单位' }, (scoped) => {
        let q = db.selectFrom('units').selectAll().where('id', '=', id);
        if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'units.agency_path', ownerUserId: 'units.owner_user_id', usci: 'units.usci' }));
        return q.executeTakeFirst();
      });
      return present(u, true);
    },
  );

  app.post(
    '/api/v1/units',
    {
      config: { permission: 'unit:unit:create' },
      schema: {
        tags: ['社会单位'],
        summary: '登记社会单位（统一社会信用代码须通过校验）',
        body: Type.Object({
          usci: Type.String({ minLength: 1, maxLength: 30 }),
          name: Type.String({ minLength: 2, maxLength: 100 }),
          address: Type.String({ minLength: 2, maxLength: 200 }),
          regionCode: Type.String({ pattern: '^\\d{6}$' }),
          venueKind: Type.Optional(Type.Enum([...VENUE_KINDS])),
          floorArea: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
          keyUnit: Type.Optional(Type.Boolean()),
          contactName: Type.Optional(Type.String({ maxLength: 40 })),
          contactPhone: Type.Optional(Type.String({ pattern: '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$' })),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body as {
        usci: string;
        name: string;
        address: string;
        regionCode: string;
        venueKind?: string;
        floorArea?: number;
        keyUnit?: boolean;
        contactName?: string;
        contactPhone?: string;
      };
      const usci = checkUsci(b.usci);
      if (!usci.ok) throw new AppError('UNIT.USCI_INVALID', USCI_PROBLEM[usci.problem] ?? '统一社会信用代码无效', { field: 'usci', problem: usci.problem });
      const agency = await findAgency(db, b.regionCode);
      if (!agency || !inScope(scopeOf(req), { agencyPath: agency.path }))
        throw new AppError('UNIT.OUT_OF_AGENCY', '该行政区划不在本机构辖区内', { field: 'regionCode' });
      const existing = await db.selectFrom('units').select('id').where('usci', '=', usci.code).executeTakeFirst();
      if (existing) throw new AppError('UNIT.DUPLICATE', '该统一社会信用代码的单位已登记', { field: 'usci' });
      return createIdempotent(req, reply, 201, async (trx, audit) => {
        const now = app.ctx.now().toISOString();
        const row: UnitTable = {
          id: uuidv7(),
          usci: usci.code,
          name: b.name.trim(),
          address: b.address.trim(),
          region_code: b.regionCode,
          agency_id: agency.id,
          agency_path: agency.path,
          venue_kind: b.venueKind ?? null,
          floor_area: b.floorArea ?? null,
          key_unit: b.keyUnit ? 1 : 0,
          risk_level: 'medium',
          credit_level: 'A',
          owner_user_id: null,
          contact_name: b.contactName ?? null,
          contact_phone: b.contactPhone ?? null,
          created_at: now,
          updated_at: now,
          self_commitment: 0,
          last_fire_on: null,
        };
        await trx.insertInto('units').values(row).execute();
        await audit({ action: 'unit.create', targetType: 'unit', targetId: row.id, after: row });
        return present(row, true);
      });
    },
  );

  app.post(
    '/api/v1/units/import',
    {
      config: { permission: 'unit:unit:import' },
      schema: {
        tags: ['社会单位'],
        summary: '批量导入社会单位（CSV 或 XLSX，逐行校验，按统一社会信用代码合并，返回被拒行及原因）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const part = await req.file({ limits: { fileSize: app.ctx.config.maxImportBytes, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择要导入的 CSV 或 XLSX 文件');
      const name = part.filename.toLowerCase();
      const format =
        name.endsWith('.xlsx') || part.mimetype.includes('spreadsheetml') ? 'xlsx' : name.endsWith('.csv') || part.mimetype.startsWith('text/') ? 'csv' : null;
      if (!format) throw new AppError('FILE.TYPE_NOT_ALLOWED', '只能导入 CSV 或 XLSX 文件');
      const report = await importUnits(app.ctx, actorOf(req), scopeOf(req), part.file, format).catch((e: unknown) => {
        if (e instanceof AppError) throw e;
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE.TOO_LARGE', '导入文件过大');
        throw new AppError('UNIT.IMPORT_INVALID', `无法读取导入文件：${format === 'xlsx' ? '不是有效的 XLSX 文件' : '不是有效的 CSV 文件'}`);
      });
      if (part.file.truncated) throw new AppError('FILE.TOO_LARGE', '导入文件过大，已导入的批次见报告', { report });
      return report;
    },
  );

  app.get(
    '/api/v1/units/export',
    { config: { permission: 'unit:unit:read' }, schema: { tags: ['社会单位'], summary: '导出辖区社会单位（CSV，个人信息脱敏）' } },
    async (req, reply) => {
      const scope = scopeOf(req);
      const cell = (v: unknown) => {
        let s = v === null || v === undefined ? '' : String(v);
        if (/^[=+\-@]/.test(s)) s = `'${s}`; // no formulas in spreadsheets opened from the export
        return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      async function* lines() {
        yield '\uFEFF统一社会信用代码,单位名称,地址,行政区划代码,场所类别,建筑面积,重点单位,风险等级,信用等级,自我管理承诺,联系人,联系电话\n';
        let after = '';
        for (;;) {
          const rows = await db
            .selectFrom('units')
            .selectAll()
            .where(scopeFilter(scope, { agencyPath: 'units.agency_path' }))
            .where('id', '>', after)
            .orderBy('id')
            .limit(2000)
            .execute();
          if (!rows.length) return;
          yield rows
            .map((u) =>
              [
                u.usci,
                u.name,
                u.address,
                u.region_code,
                u.venue_kind ?? '',
                u.floor_area ?? '',
                u.key_unit ? '是' : '否',
                { low: '低', medium: '中', high: '高' }[u.risk_level],
                u.credit_level,
                u.self_commitment ? '是' : '否',
                maskPersonName(u.contact_name),
                maskPhone(u.contact_phone),
              ]
                .map(cell)
                .join(','),
            )
            .join('\n')
            .concat('\n');
          after = rows.at(-1)!.id;
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('社会单位名录.csv')}`)
        .send(Readable.from(lines()));
    },
  );

  app.get(
    '/api/v1/portal/my-units',
    { config: { permission: 'portal:self:read' }, schema: { tags: ['办事大厅'], summary: '申请人名下的单位' } },
    async (req) => {
      const rows = await db
        .selectFrom('units')
        .selectAll()
        .where(scopeFilter(scopeOf(req), { ownerUserId: 'units.owner_user_id', usci: 'units.usci' }))
        .orderBy('name')
        .limit(50)
        .execute();
      return rows.map((u) => present(u, true));
    },
  );
}
