import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeadLetterListView, DeadLetterParams, DeadLetterQuery, DeadLetterRetryView, ErrorBody } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { mutate } from '../audit/mutate.ts';
import { AppError, notFound } from '../errors.ts';

const TAGS = ['系统'];
const ERRORS = { '4xx': ErrorBody };

/** Dead letters of the event outbox, visible to an administrator, and a retry that puts one back in line. */
export async function eventRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  app.get(
    '/api/v1/events/dead-letters',
    {
      config: { permission: 'system:event:manage' },
      schema: {
        tags: TAGS,
        summary: '投递失败的跨模块事件（死信）',
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterListView, ...ERRORS },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const rows = await db
        .selectFrom('event_deliveries')
        .innerJoin('domain_events', 'domain_events.id', 'event_deliveries.event_id')
        .select([
          'domain_events.id as eventId',
          'domain_events.type',
          'domain_events.target_type as targetType',
          'domain_events.target_id as targetId',
          'domain_events.occurred_at as occurredAt',
          'event_deliveries.subscriber',
          'event_deliveries.attempts',
          'event_deliveries.last_error as lastError',
        ])
        .where('event_deliveries.status', '=', 'dead')
        .orderBy('domain_events.occurred_at', 'desc')
        .limit(limit)
        .execute();
      return { items: rows };
    },
  );

  app.post(
    '/api/v1/events/dead-letters/:eventId/:subscriber/retry',
    {
      config: { permission: 'system:event:manage' },
      schema: {
        tags: TAGS,
        summary: '重新投递一条死信',
        params: DeadLetterParams,
        response: { 200: DeadLetterRetryView, ...ERRORS },
      },
    },
    async (req) => {
      const { eventId, subscriber } = req.params;
      const found = await db
        .selectFrom('event_deliveries')
        .select('status')
        .where('event_id', '=', eventId)
        .where('subscriber', '=', subscriber)
        .executeTakeFirst();
      if (!found) throw notFound('事件投递');
      await mutate(req, async (trx, audit) => {
        const r = await trx
          .updateTable('event_deliveries')
          .set({ status: 'pending', attempts: 0, next_attempt_at: app.ctx.now().toISOString() })
          .where('event_id', '=', eventId)
          .where('subscriber', '=', subscriber)
          .where('status', '=', 'dead')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new AppError('EVENT.NOT_DEAD', '该事件投递不在死信中（可能已被重新投递）');
        await audit({ action: 'event.retry', targetType: 'domain_event', targetId: eventId, details: { subscriber } });
      });
      app.ctx.events.kick();
      return { status: 'pending' as const };
    },
  );
}
