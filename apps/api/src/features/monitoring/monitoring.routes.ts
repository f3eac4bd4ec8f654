import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AlarmList, AlarmQuery, DeviceCreateBody, DeviceView, ErrorBody, MonitoringDeadLetterList, MonitoringDeadLetterQuery } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { listAlarms, listDeadLetters, registerDevice } from './devices.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['远程监控'];

/** Remote monitoring (MON-01): devices registered to units, their alarms, the messages that could not be processed. */
export async function monitoringRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  app.get(
    '/api/v1/monitoring/alarms',
    {
      config: { permission: 'monitoring:alarm:read' },
      schema: {
        tags: TAGS,
        summary: '本机构辖区联网单位的远程监控报警（火警、故障、监管报警），可按单位统一社会信用代码筛选',
        querystring: AlarmQuery,
        response: { 200: AlarmList, ...ERRORS },
      },
    },
    async (req) => listAlarms(db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/monitoring/dead-letters',
    {
      config: { permission: 'monitoring:dead_letter:read' },
      schema: {
        tags: TAGS,
        summary: '无法处理的远程监控报文及原因（死信）',
        querystring: MonitoringDeadLetterQuery,
        response: { 200: MonitoringDeadLetterList, ...ERRORS },
      },
    },
    async (req) => listDeadLetters(db, req.query.limit),
  );
  app.post(
    '/api/v1/monitoring/devices',
    {
      config: { permission: 'monitoring:device:manage' },
      schema: { tags: TAGS, summary: '登记监控中心的设备到本辖区的社会单位', body: DeviceCreateBody, response: { 201: DeviceView, ...ERRORS } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => registerDevice(deps, actorOf(req), req.body)),
  );
}
