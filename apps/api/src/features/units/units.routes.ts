import { Readable } from 'node:stream';
import { VENUE_KINDS } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { unitInScope } from './units.access.ts';
import { presentUnit, UnitPage } from './units.presenter.ts';
import { type CreateUnitInput, createUnit } from './use-cases/create-unit.ts';
import { exportUnits } from './use-cases/export-units.ts';
import { type FindUnitsInput, findUnits, myUnits } from './use-cases/find-units.ts';
import { importUnits } from './use-cases/import-units.ts';

export async function unitRoutes(app: FastifyInstance): Promise<void> {
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
    async (req) => findUnits(req.server.ctx, actorOf(req), req.query as FindUnitsInput),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { permission: 'unit:unit:read' },
      schema: { tags: ['社会单位'], summary: '一个社会单位', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
    },
    async (req) => presentUnit(await unitInScope(req.server.ctx, actorOf(req), (req.params as { id: string }).id), true),
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
      const actor = actorOf(req);
      return idempotent(req, reply, 201, (deps) => createUnit(deps, actor, req.body as CreateUnitInput));
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
      const report = await importUnits(req.server.ctx, actorOf(req), { file: part.file, format }).catch((e: unknown) => {
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
    async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('社会单位名录.csv')}`)
        .send(Readable.from(exportUnits(req.server.ctx, actorOf(req)))),
  );

  app.get('/api/v1/portal/my-units', { config: { permission: 'portal:self:read' }, schema: { tags: ['办事大厅'], summary: '申请人名下的单位' } }, async (req) =>
    myUnits(req.server.ctx, actorOf(req)),
  );
}
