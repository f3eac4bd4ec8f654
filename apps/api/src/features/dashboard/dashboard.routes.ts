import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DashboardQuery,
  DashboardStream,
  DashboardStreamQuery,
  DashboardTableParams,
  DashboardView,
  ErrorBody,
  MapBoundariesView,
  MapPointsQuery,
  MapPointsView,
  XLSX_CONTENT_TYPE,
  XlsxFile,
} from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { attachment } from '../../platform/lists/lists.ts';
import { statisticalTable } from './export.ts';
import { agencyInScope, dashboard } from './figures.ts';
import { figuresVersion, onFiguresChanged } from './live.ts';
import { loadBoundaries, mapPoints } from './map-query.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['领导驾驶舱与一张图'];
const XLSX = { description: '统计报表（Excel）', content: { [XLSX_CONTENT_TYPE]: { schema: XlsxFile } } };
/** A comment line every 15 s keeps proxies from closing an idle stream (every process is told of changes: live.ts). */
const KEEPALIVE_MS = 15_000;

/** The leaders' dashboard and map (MON-02, SUP-13). */
export async function dashboardRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const boundaries = loadBoundaries(app.ctx.config.mapBoundaries);
  const today = () => chinaDateOf(app.ctx.now());
  // Open streams, ended when the server closes (an open stream would otherwise hold the close forever).
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    '/api/v1/dashboard',
    {
      config: { permission: 'dashboard:figures:read' },
      schema: {
        tags: TAGS,
        summary: '本机构及下级机构的实时统计：许可办理及时限、超期事项、检查、隐患、处罚、投诉核查、远程监控、信用与风险分布，本期与上期对比',
        querystring: DashboardQuery,
        response: { 200: DashboardView, ...ERRORS },
      },
    },
    async (req) => dashboard(db, actorOf(req), req.query.agencyId, req.query.period ?? 'month', today()),
  );

  app.get(
    '/api/v1/dashboard/tables/:table',
    {
      config: { permission: 'dashboard:figures:read' },
      schema: {
        tags: TAGS,
        summary: '导出标准统计报表（Excel）：下级机构逐行、本期与上期，由系统数据生成，无需填报',
        params: DashboardTableParams,
        querystring: DashboardQuery,
        response: { 200: XLSX, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { body, filename } = await statisticalTable(db, actorOf(req), req.params.table, req.query.agencyId, req.query.period ?? 'month', today());
      return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(filename)).send(body);
    },
  );

  app.get(
    '/api/v1/dashboard/stream',
    {
      config: { permission: 'dashboard:figures:read' },
      schema: {
        tags: TAGS,
        summary: '统计变化的实时推送（server-sent events：每次统计更新推送 figures 事件）',
        querystring: DashboardStreamQuery,
        response: { 200: { description: '实时推送', content: { 'text/event-stream': { schema: DashboardStream } } }, ...ERRORS },
      },
    },
    async (req, reply) => {
      await agencyInScope(db, actorOf(req), req.query.agencyId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (v: number) => res.write(`event: figures\ndata: ${JSON.stringify({ version: v })}\n\n`);
      send(figuresVersion(db));
      if (req.query.once) {
        res.end();
        return;
      }
      const stop = onFiguresChanged(db, send);
      const timer = setInterval(() => res.write(`: ${figuresVersion(db)}\n\n`), KEEPALIVE_MS);
      const close = () => {
        stop();
        clearInterval(timer);
        streams.delete(end);
      };
      const end = () => {
        close();
        res.end();
      };
      streams.add(end);
      req.raw.on('close', close);
    },
  );

  app.get(
    '/api/v1/dashboard/map/points',
    {
      config: { permission: 'dashboard:figures:read' },
      schema: {
        tags: TAGS,
        summary: '一张图：视野内的社会单位、隐患、投诉举报、火警（按缩放级别网格聚合），可按图层、类别、风险、状态筛选',
        querystring: MapPointsQuery,
        response: { 200: MapPointsView, ...ERRORS },
      },
    },
    async (req) => mapPoints(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/dashboard/map/boundaries',
    {
      config: { permission: 'dashboard:figures:read' },
      schema: { tags: TAGS, summary: '行政区划边界（运维人员配置的 GeoJSON；未配置时为空）', response: { 200: MapBoundariesView, ...ERRORS } },
    },
    async () => ({ configured: !!boundaries, attribution: boundaries?.attribution ?? '', geojson: boundaries?.geojson ?? null }),
  );
}
