import { clockAlert, computeClock } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ClockTable } from '../../db/schema.ts';
import { mutate } from '../audit/mutate.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { createIdempotent } from '../http/idempotency.ts';
import { readInScope, scopeFilter, scopeOf } from '../org/scope.ts';
import { applyClockEvent, clockEvents, EVENT_LABEL, eventsOf, STATUS_LABEL, specOf, startClock } from './clocks.service.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export async function clockRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;

  async function present(c: ClockTable) {
    const nowIso = app.ctx.now().toISOString();
    const cal = await loadCalendar(db, c.region_code);
    const state = computeClock(specOf(c), eventsOf(await clockEvents(db, c.id)), cal);
    const alert = state.status === 'running' ? clockAlert(state, nowIso) : 'ok';
    return {
      id: c.id,
      targetType: c.target_type,
      targetId: c.target_id,
      title: c.title,
      agencyId: c.agency_id,
      assigneeUserId: c.assignee_user_id,
      unit: c.unit,
      amount: state.totalAmount,
      remaining: state.remaining,
      legalBasis: { document: c.legal_document, clause: c.legal_clause },
      startedAt: c.started_at,
      status: state.status,
      statusLabel: STATUS_LABEL[state.status],
      dueDate: state.dueDate,
      dueAt: state.dueAt,
      dueSoonAt: state.dueSoonAt,
      provisional: state.provisional,
      alert,
      policyVersion: c.policy_version,
    };
  }

  async function loadClock(req: FastifyRequest, id: string): Promise<ClockTable> {
    return readInScope(req.server.ctx, actorOf(req), { type: 'clock', id, what: '时限' }, (scoped) => {
      let q = db.selectFrom('clocks').selectAll().where('id', '=', id);
      if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'clocks.agency_path', ownerUserId: 'clocks.assignee_user_id' }));
      return q.executeTakeFirst();
    });
  }

  app.get(
    '/api/v1/clocks',
    {
      config: { permission: 'clock:clock:read' },
      schema: {
        tags: ['办理时限'],
        summary: '时限列表：mine=true 仅本人负责的；alert=due_soon|overdue 仅即将到期或已超期的',
        querystring: Type.Object({
          mine: Type.Optional(Type.Boolean()),
          alert: Type.Optional(Type.Union([Type.Literal('due_soon'), Type.Literal('overdue'), Type.Literal('any')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (req) => {
      const q = req.query as { mine?: boolean; alert?: 'due_soon' | 'overdue' | 'any'; limit?: number };
      const nowIso = app.ctx.now().toISOString();
      let query = db
        .selectFrom('clocks')
        .selectAll()
        .where(scopeFilter(scopeOf(req), { agencyPath: 'clocks.agency_path', ownerUserId: 'clocks.assignee_user_id' }))
        .where('status', '!=', 'stopped');
      if (q.mine) query = query.where((eb) => eb.or([eb('assignee_user_id', '=', req.auth!.user.id), eb('assignee_user_id', 'is', null)]));
      if (q.alert === 'overdue') query = query.where('due_at', '<=', nowIso);
      if (q.alert === 'due_soon') query = query.where('due_soon_at', '<=', nowIso).where('due_at', '>', nowIso);
      if (q.alert === 'any') query = query.where('due_soon_at', '<=', nowIso);
      const rows = await query
        .orderBy('due_at')
        .limit(q.limit ?? 100)
        .execute();
      return Promise.all(rows.map(present));
    },
  );

  app.get(
    '/api/v1/clocks/:id',
    { config: { permission: 'clock:clock:read' }, schema: { tags: ['办理时限'], summary: '一个时限及其暂停、延长记录', params: IdParams } },
    async (req) => {
      const c = await loadClock(req, (req.params as { id: string }).id);
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
        summary: '登记一个法定时限（如上级交办事项的办理期限）',
        body: Type.Object({
          targetType: Type.String({ minLength: 1, maxLength: 40 }),
          targetId: Type.String({ minLength: 1, maxLength: 64 }),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          unit: Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days'), Type.Literal('hours')]),
          amount: Type.Integer({ minimum: 1, maximum: 3650 }),
          warnBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
          startedAt: Type.Optional(Type.String({ format: 'date-time' })),
          assigneeUserId: Type.Optional(Type.String()),
          legalBasis: Type.Object({ document: Type.String({ minLength: 2, maxLength: 300 }), clause: Type.Optional(Type.String({ maxLength: 200 })) }),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body as {
        targetType: string;
        targetId: string;
        title: string;
        unit: 'working_days' | 'calendar_days' | 'hours';
        amount: number;
        warnBefore?: number;
        startedAt?: string;
        assigneeUserId?: string;
        legalBasis: { document: string; clause?: string };
      };
      const u = req.auth!.user;
      if (!u.agencyId || !u.agencyPath || !u.regionCode) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以登记时限');
      if (b.assigneeUserId) {
        const assignee = await db
          .selectFrom('users')
          .innerJoin('agencies', 'agencies.id', 'users.agency_id')
          .select('users.id')
          .where('users.id', '=', b.assigneeUserId)
          .where('agencies.path', 'like', `${u.agencyPath}%`)
          .executeTakeFirst();
        if (!assignee) throw new AppError('REQUEST.VALIDATION', '承办人须为本机构或下级机构的工作人员', { field: 'assigneeUserId' });
      }
      const created = await createIdempotent(req, reply, 201, async (trx, audit) => {
        const c = await startClock(
          trx,
          {
            ...b,
            agency: { id: u.agencyId!, path: u.agencyPath!, regionCode: u.regionCode! },
            startedAt: b.startedAt ? new Date(b.startedAt).toISOString() : app.ctx.now().toISOString(),
          },
          app.ctx.now(),
        );
        await audit({ action: 'clock.create', targetType: 'clock', targetId: c.id, after: c });
        return { id: c.id };
      });
      const row = await db.selectFrom('clocks').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      return present(row);
    },
  );

  const transitions = [
    { verb: 'pause', permission: 'clock:clock:pause', summary: '暂停（等待申请人补正）' },
    { verb: 'resume', permission: 'clock:clock:pause', summary: '恢复计时（申请人已补正）' },
    { verb: 'extend', permission: 'clock:clock:extend', summary: '批准延长时限' },
    { verb: 'stop', permission: 'clock:clock:pause', summary: '结束计时（事项已办结）' },
  ] as const;
  for (const t of transitions) {
    app.post(
      `/api/v1/clocks/:id/${t.verb}`,
      {
        config: { permission: t.permission },
        schema: {
          tags: ['办理时限'],
          summary: t.summary,
          params: IdParams,
          body: Type.Object({
            reason: t.verb === 'resume' ? Type.Optional(Type.String({ maxLength: 500 })) : Type.String({ minLength: 2, maxLength: 500 }),
            amount: t.verb === 'extend' ? Type.Integer({ minimum: 1, maximum: 365 }) : Type.Optional(Type.Null()),
          }),
        },
      },
      async (req) => {
        const id = (req.params as { id: string }).id;
        const body = (req.body ?? {}) as { reason?: string; amount?: number };
        const clock = await loadClock(req, id);
        const { after } = await mutate(req, async (trx, audit) => {
          const current = await trx.selectFrom('clocks').selectAll().where('id', '=', clock.id).executeTakeFirstOrThrow();
          const r = await applyClockEvent(trx, current, { type: t.verb, amount: body.amount, reason: body.reason ?? null }, req.auth!.user.id, app.ctx.now());
          await audit({
            action: `clock.${t.verb}`,
            targetType: 'clock',
            targetId: clock.id,
            before: r.before,
            after: r.after,
            details: { reason: body.reason ?? null, amount: body.amount ?? null },
          });
          return r;
        });
        return present(after);
      },
    );
  }
}
