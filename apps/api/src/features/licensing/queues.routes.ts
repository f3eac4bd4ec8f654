import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ApplicationQueuePage,
  ApplicationQueueQuery,
  ErrorBody,
  TaskQueuePage,
  TaskQueueQuery,
  type TaskQueueRow,
  XLSX_CONTENT_TYPE,
  XlsxFile,
} from '@fep/contracts';
import { chinaDateOf, chinaDateTimeOf } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import { dueViewsOfJoined } from '../../platform/clocks/due.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { attachment, type ExportColumn, pageWindow, xlsxExport } from '../../platform/lists/lists.ts';
import { inspectorIdsOf, type TaskQueueFilter, taskQueueRows, taskQueueTotal } from '../inspections/index.ts';
import { presentTask, userNames } from './licensing.presenter.ts';
import { APPLICATION_EXPORT, applicationQueueRows, applicationQueueTotal } from './queues.ts';

const ERRORS = { '4xx': ErrorBody };
const XLSX = { description: '当前筛选结果（Excel）', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxFile } } };

/**
 * The back office's work queues as list pages: search, filters, sort and page on the server, the total,
 * the due date with 剩余工作日 from each matter's clock, and the Excel export of the same view (the same
 * query without its page). Reads only: the scope rules of the lists they replace apply.
 */
export async function queueRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const now = () => app.ctx.now();

  app.get(
    '/api/v1/licensing/application-queue',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: ['许可（营业前消防安全检查）'],
        summary: '许可办件队列：搜索、筛选、排序、分页，含办理期限和剩余工作日',
        querystring: ApplicationQueueQuery,
        response: { 200: ApplicationQueuePage, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = pageWindow(req.query);
      const [items, total] = await Promise.all([
        applicationQueueRows(db, actor, req.query, now(), w.offset, w.pageSize),
        applicationQueueTotal(db, actor, req.query, now()),
      ]);
      return { items, ...total, page: w.page, pageSize: w.pageSize };
    },
  );

  app.get(
    '/api/v1/licensing/application-queue/export',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: ['许可（营业前消防安全检查）'],
        summary: '导出许可办件队列的当前筛选结果（Excel）',
        querystring: ApplicationQueueQuery,
        response: { 200: XLSX, ...ERRORS },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const at = now();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(`许可办件-${chinaDateOf(at)}.xlsx`))
        .send(xlsxExport('许可办件', APPLICATION_EXPORT, (offset, limit) => applicationQueueRows(db, actor, req.query, at, offset, limit)));
    },
  );

  const taskFilter = (req: FastifyRequest<{ Querystring: TaskQueueQuery }>): TaskQueueFilter => {
    const { mine, page: _p, pageSize: _s, ...rest } = req.query;
    return { ...rest, ...(mine ? { assignedTo: req.auth!.user.id } : {}) };
  };

  app.get(
    '/api/v1/inspection-task-queue',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: ['检查任务'],
        summary: '检查任务列表：搜索、筛选、排序、分页，含办理期限和剩余工作日（mine=true 仅指派给本人的）',
        querystring: TaskQueueQuery,
        response: { 200: TaskQueuePage, ...ERRORS },
      },
    },
    async (req) => {
      const w = pageWindow(req.query);
      const f = taskFilter(req);
      const [items, total] = await Promise.all([taskRows(db, req, f, now(), w.offset, w.pageSize), taskQueueTotal(db, actorOf(req).scope, f, now())]);
      return { items, ...total, page: w.page, pageSize: w.pageSize };
    },
  );

  app.get(
    '/api/v1/inspection-task-queue/export',
    {
      config: { permission: 'licensing:application:read' },
      schema: { tags: ['检查任务'], summary: '导出检查任务的当前筛选结果（Excel）', querystring: TaskQueueQuery, response: { 200: XLSX, ...ERRORS } },
    },
    async (req, reply) => {
      const f = taskFilter(req);
      const at = now();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(`检查任务-${chinaDateOf(at)}.xlsx`))
        .send(xlsxExport('检查任务', TASK_EXPORT, (offset, limit) => taskRows(db, req, f, at, offset, limit)));
    },
  );
}

async function taskRows(db: Executor, req: FastifyRequest, f: TaskQueueFilter, now: Date, offset: number, limit: number): Promise<TaskQueueRow[]> {
  const rows = await taskQueueRows(db, actorOf(req).scope, f, now, offset, limit);
  const [names, dues] = await Promise.all([userNames(db, [...new Set(rows.flatMap((t) => inspectorIdsOf(t)))]), dueViewsOfJoined(db, rows, now)]);
  return rows.map((t) => ({ ...presentTask(t, names, { list: true }), createdAt: t.created_at, due: (t.c_id && dues.get(t.c_id)) || null }));
}

const TASK_EXPORT: ExportColumn<TaskQueueRow>[] = [
  { title: '类型', width: 18, value: (t) => t.purposeLabel },
  { title: '对象', width: 28, value: (t) => t.subject },
  { title: '统一社会信用代码', width: 22, value: (t) => t.usci },
  { title: '地址', width: 28, value: (t) => t.venueAddress },
  { title: '检查人员', width: 24, value: (t) => t.inspectors.map((i) => i.name).join('、') },
  { title: '状态', value: (t) => t.statusLabel },
  { title: '生成时间', width: 18, value: (t) => chinaDateTimeOf(t.createdAt) },
  { title: '办理期限', width: 14, value: (t) => t.due?.dueDate ?? '' },
  { title: '剩余工作日', width: 18, value: (t) => t.due?.label ?? '' },
];
