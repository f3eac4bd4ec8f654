import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  UnitCreateRequest,
  UnitCsvFile,
  UnitIdParams,
  UnitImportReport,
  UnitListQuery,
  UnitPageView,
  UnitPositionBody,
  UnitResponsiblePersonsBody,
  UnitView,
  XLSX_CONTENT_TYPE,
  XlsxFile,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { checkZip, ZipRefused } from '../../platform/files/zip.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { unitInScope } from './units.access.ts';
import { presentUnit } from './units.presenter.ts';
import { createUnit } from './use-cases/create-unit.ts';
import { exportUnits } from './use-cases/export-units.ts';
import { findUnits, myUnits } from './use-cases/find-units.ts';
import { unitImportTemplate } from './use-cases/import-template.ts';
import { importUnits } from './use-cases/import-units.ts';
import { setUnitPosition } from './use-cases/set-position.ts';
import { setResponsiblePersons } from './use-cases/set-responsible-persons.ts';

const ERRORS = { '4xx': ErrorBody };

/** Why an XLSX was refused before it was read (docs/operations.md, imports). */
const IMPORT_TOO_LARGE: Record<'entries' | 'uncompressed' | 'shared_strings_bytes' | 'shared_strings', string> = {
  entries: '导入文件中的部件过多，不是有效的社会单位名录',
  uncompressed: '导入文件解压后过大，请拆分后分批导入，或改用 CSV 格式',
  shared_strings_bytes: '导入文件中的文字内容过多（共享字符串过大），请拆分后分批导入，或改用 CSV 格式',
  shared_strings: '导入文件中的不同文字条目过多（共享字符串过多），请拆分后分批导入，或改用 CSV 格式',
};

/** Writes an upload to a private temporary file (removed after the import). */
async function spoolUpload(file: Readable): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fep-import-'));
  const path = join(dir, 'upload.xlsx');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(file, createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    await remove();
    throw e;
  }
  return { path, remove };
}
/** The export is a file: no JSON to serialise, only the content type for the documentation. */
const CSV = { description: '社会单位名录（CSV，个人信息脱敏）', content: { 'text/csv': { schema: UnitCsvFile } } };

export async function unitRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/units',
    {
      config: { permission: 'unit:unit:read' },
      schema: {
        tags: ['社会单位'],
        summary: '辖区社会单位（按名称或统一社会信用代码查找，游标分页）',
        querystring: UnitListQuery,
        response: { 200: UnitPageView, ...ERRORS },
      },
    },
    async (req) => findUnits(req.server.ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { permission: 'unit:unit:read' },
      schema: { tags: ['社会单位'], summary: '一个社会单位', params: UnitIdParams, response: { 200: UnitView, ...ERRORS } },
    },
    async (req) => presentUnit(await unitInScope(req.server.ctx, actorOf(req), req.params.id), true),
  );

  app.put(
    '/api/v1/units/:id/responsible-persons',
    {
      config: { permission: 'unit:unit:create' },
      schema: {
        tags: ['社会单位'],
        summary: '登记单位的消防安全责任人、消防安全管理人（信用主体；身份证号码只存单向摘要）',
        params: UnitIdParams,
        body: UnitResponsiblePersonsBody,
        response: { 200: UnitView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Out of scope is the 404 of a missing unit, recorded as a refusal.
      await unitInScope(req.server.ctx, actor, req.params.id);
      return setResponsiblePersons(req.server.ctx, actor, req.params.id, req.body);
    },
  );

  app.put(
    '/api/v1/units/:id/position',
    {
      config: { permission: 'unit:unit:create' },
      schema: {
        tags: ['社会单位'],
        summary: '标注单位在地图上的位置（WGS84 经纬度；领导驾驶舱地图的单位图层随之更新）',
        params: UnitIdParams,
        body: UnitPositionBody,
        response: { 200: UnitView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Out of scope is the 404 of a missing unit, recorded as a refusal.
      await unitInScope(req.server.ctx, actor, req.params.id);
      return setUnitPosition(req.server.ctx, actor, req.params.id, req.body);
    },
  );

  app.post(
    '/api/v1/units',
    {
      config: { permission: 'unit:unit:create' },
      schema: {
        tags: ['社会单位'],
        summary: '登记社会单位（统一社会信用代码须通过校验）',
        body: UnitCreateRequest,
        response: { 201: UnitView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return idempotent(req, reply, 201, (deps) => createUnit(deps, actor, req.body));
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
        response: { 200: UnitImportReport, ...ERRORS },
      },
    },
    async (req) => {
      const { maxImportBytes, imports } = app.ctx.config;
      const part = await req.file({ limits: { fileSize: maxImportBytes, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择要导入的 CSV 或 XLSX 文件');
      const name = part.filename.toLowerCase();
      const format =
        name.endsWith('.xlsx') || part.mimetype.includes('spreadsheetml') ? 'xlsx' : name.endsWith('.csv') || part.mimetype.startsWith('text/') ? 'csv' : null;
      if (!format) throw new AppError('FILE.TYPE_NOT_ALLOWED', '只能导入 CSV 或 XLSX 文件');
      const unreadable = () => new AppError('UNIT.IMPORT_INVALID', `无法读取导入文件：${format === 'xlsx' ? '不是有效的 XLSX 文件' : '不是有效的 CSV 文件'}`);
      // A CSV streams from the request; an XLSX is a ZIP, whose central directory is at its end: it is spooled to a
      // temporary file first and what it inflates to is checked before any of its XML is parsed.
      const spool =
        format === 'xlsx'
          ? await spoolUpload(part.file).catch((e: unknown) => {
              if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE.TOO_LARGE', '导入文件过大');
              throw e;
            })
          : null;
      try {
        if (part.file.truncated) throw new AppError('FILE.TOO_LARGE', '导入文件过大');
        if (spool) {
          await checkZip(spool.path, { ...imports, maxEntries: 1000 }).catch((e: unknown) => {
            if (!(e instanceof ZipRefused)) throw e;
            if (e.problem.kind === 'invalid') throw unreadable();
            throw new AppError('UNIT.IMPORT_TOO_LARGE', IMPORT_TOO_LARGE[e.problem.what], { what: e.problem.what, limit: e.problem.limit });
          });
        }
        const file = spool ? createReadStream(spool.path) : part.file;
        const report = await importUnits(req.server.ctx, actorOf(req), { file, format }).catch((e: unknown) => {
          if (e instanceof AppError) throw e;
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE.TOO_LARGE', '导入文件过大');
          throw unreadable();
        });
        if (part.file.truncated) throw new AppError('FILE.TOO_LARGE', '导入文件过大，已导入的批次见报告', { report });
        return report;
      } finally {
        await spool?.remove();
      }
    },
  );

  app.get(
    '/api/v1/units/import-template',
    {
      config: { permission: 'unit:unit:import' },
      schema: {
        tags: ['社会单位'],
        summary: '下载社会单位导入模板（XLSX：与导出文件相同的列，附填写说明）',
        response: { 200: { description: '导入模板（Excel）', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxFile } } }, ...ERRORS },
      },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('社会单位导入模板.xlsx')}`)
        .send(await unitImportTemplate()),
  );

  app.get(
    '/api/v1/units/export',
    {
      config: { permission: 'unit:unit:read' },
      schema: { tags: ['社会单位'], summary: '导出辖区社会单位（CSV，个人信息脱敏）', response: { 200: CSV, ...ERRORS } },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('社会单位名录.csv')}`)
        .send(Readable.from(exportUnits(req.server.ctx, actorOf(req)))),
  );

  app.get(
    '/api/v1/portal/my-units',
    {
      config: { permission: 'portal:self:read' },
      schema: { tags: ['办事大厅'], summary: '申请人名下的单位', response: { 200: Type.Array(UnitView), ...ERRORS } },
    },
    async (req) => myUnits(req.server.ctx, actorOf(req)),
  );
}
