import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ClockChangeRequest,
  ClockCreateRequest,
  ClockDetailView,
  ClockExtendRequest,
  ClockListQuery,
  ClockResumeRequest,
  ClockView,
  ErrorBody,
  RecordIdParams,
} from '@fep/contracts';
import { maskPersonalText } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../http/actor.ts';
import { idempotent } from '../http/idempotency.ts';
import { scopeFilter } from '../org/scope.ts';
import { clockInScope } from './clocks.access.ts';
import { presentClockView } from './clocks.presenter.ts';
import { clockEvents, EVENT_LABEL } from './clocks.service.ts';
import { extendClock } from './use-cases/extend-clock.ts';
import { pauseClock } from './use-cases/pause-clock.ts';
import { registerClock } from './use-cases/register-clock.ts';
import { resumeClock } from './use-cases/resume-clock.ts';
import { stopClock } from './use-cases/stop-clock.ts';

const ERRORS = { '4xx': ErrorBody };

export async function clockRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const present = (c: Parameters<typeof presentClockView>[1]) => presentClockView(db, c, app.ctx.now().toISOString());

  app.get(
    '/api/v1/clocks',
    {
      config: { permission: 'clock:clock:read' },
      schema: {
        tags: ['办理时限'],
        summary: '时限列表：mine=true 仅本人负责的；alert=due_soon|overdue 仅即将到期或已超期的',
        querystring: ClockListQuery,
        response: { 200: Type.Array(ClockView), ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      const actor = actorOf(req);
      const nowIso = app.ctx.now().toISOString();
      let query = db
        .selectFrom('clocks')
        .selectAll()
        .where(scopeFilter(actor.scope, { agencyPath: 'clocks.agency_path', ownerUserId: 'clocks.assignee_user_id' }))
        .where('status', '!=', 'stopped');
      if (q.mine) query = query.where((eb) => eb.or([eb('assignee_user_id', '=', actor.userId), eb('assignee_user_id', 'is', null)]));
      if (q.alert === 'overdue') query = query.where('due_at', '<=', nowIso);
      if (q.alert === 'due_soon') query = query.where('due_soon_at', '<=', nowIso).where('due_at', '>', nowIso);
      if (q.alert === 'any') query = query.where('due_soon_at', '<=', nowIso);
      const rows = await query
        .orderBy('due_at')
        .limit(q.limit ?? 100)
        .execute();
      // A list: ID and mobile numbers typed into a clock's title are masked (PIPL art. 51).
      return Promise.all(rows.map(async (c) => ({ ...(await present(c)), title: maskPersonalText(c.title) })));
    },
  );

  app.get(
    '/api/v1/clocks/:id',
    {
      config: { permission: 'clock:clock:read' },
      schema: { tags: ['办理时限'], summary: '一个时限及其暂停、延长记录', params: RecordIdParams, response: { 200: ClockDetailView, ...ERRORS } },
    },
    async (req) => {
      const c = await clockInScope(req.server.ctx, actorOf(req), req.params.id);
      const events = await clockEvents(db, c.id);
      return {
        ...(await present(c)),
        events: events.map((e) => ({ seq: e.seq, type: e.type, label: EVENT_LABEL[e.type], at: e.at, amount: e.amount, reason: e.reason })),
      };
    },
  );

  app.post(
    '/api/v1/clocks',
    {
      config: { permission: 'clock:clock:create' },
      schema: {
        tags: ['办理时限'],
        summary: '为本机构辖区内的办理事项登记一个法定时限（如上级交办事项的办理期限）',
        body: ClockCreateRequest,
        response: { 201: ClockView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await idempotent(req, reply, 201, (deps) => registerClock(deps, actor, req.body));
      return present(await db.selectFrom('clocks').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow());
    },
  );

  const transitions = [
    { verb: 'pause', run: pauseClock, body: ClockChangeRequest, permission: 'clock:clock:pause', summary: '暂停（等待申请人补正）' },
    { verb: 'resume', run: resumeClock, body: ClockResumeRequest, permission: 'clock:clock:pause', summary: '恢复计时（申请人已补正）' },
    { verb: 'extend', run: extendClock, body: ClockExtendRequest, permission: 'clock:clock:extend', summary: '批准延长时限' },
    { verb: 'stop', run: stopClock, body: ClockChangeRequest, permission: 'clock:clock:pause', summary: '结束计时（事项已办结）' },
  ] as const;
  for (const t of transitions) {
    app.post(
      `/api/v1/clocks/:id/${t.verb}`,
      {
        config: { permission: t.permission },
        schema: {
          tags: ['办理时限'],
          summary: `${t.summary}；version 为所见时限的版本，已被他人修改时拒绝（409）`,
          params: RecordIdParams,
          body: t.body,
          response: { 200: ClockView, ...ERRORS },
        },
      },
      async (req) => {
        // A resume may come without a body (no reason): it is then an empty change.
        const after = await t.run(req.server.ctx, actorOf(req), { id: req.params.id, ...(req.body ?? {}) });
        return present(after);
      },
    );
  }
}
