import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  NotificationDeliveryPage,
  NotificationDeliveryQuery,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferenceParams,
  NotificationPreferenceRequest,
  NotificationPreferencesView,
  NotificationPreferenceView,
  NotificationReadAllView,
  NotificationUnreadCount,
  NotificationView,
  RecordIdParams,
} from '@fep/contracts';
import { maskPhone, NOTIFICATION_AUDIENCE, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, SMS_DEFAULT } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { userIdOf } from '../../platform/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { phoneOf } from '../../platform/iam/recipients.ts';
import { presentDelivery, presentNotification } from './notifications.presenter.ts';
import { deliveriesPage, pageOf, preferencesOf, unreadCount } from './notifications.repository.ts';
import { markAllNotificationsRead } from './use-cases/mark-all-notifications-read.ts';
import { markNotificationRead } from './use-cases/mark-notification-read.ts';
import { setNotificationPreference } from './use-cases/set-notification-preference.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['通知'];

/** The notification centre: every signed-in person reads and marks their own notifications and chooses channels. */
export async function notificationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: '我的通知（新的在前；unread=true 仅未读；cursor 翻页）',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...ERRORS },
      },
    },
    async (req) => {
      const page = await pageOf(db, userIdOf(actorOf(req)), { unread: req.query.unread, cursor: req.query.cursor, limit: req.query.limit ?? 20 });
      return { items: page.rows.map(presentNotification), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { config: { permission: 'authenticated' }, schema: { tags: TAGS, summary: '未读通知数', response: { 200: NotificationUnreadCount, ...ERRORS } } },
    async (req) => ({ count: await unreadCount(db, userIdOf(actorOf(req))) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: { tags: TAGS, summary: '标记一条通知为已读（已读的再标记为 409）', params: RecordIdParams, response: { 200: NotificationView, ...ERRORS } },
    },
    async (req) => presentNotification(await markNotificationRead(req.server.ctx, actorOf(req), { id: req.params.id })),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { permission: 'authenticated' },
      schema: { tags: TAGS, summary: '全部标记为已读（没有未读的为 409）', response: { 200: NotificationReadAllView, ...ERRORS } },
    },
    async (req) => markAllNotificationsRead(req.server.ctx, actorOf(req)),
  );

  app.get(
    '/api/v1/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: { tags: TAGS, summary: '通知方式：本账号会收到的通知种类，及各自是否同时发送短信', response: { 200: NotificationPreferencesView, ...ERRORS } },
    },
    async (req) => {
      const actor = actorOf(req);
      const userId = userIdOf(actor);
      const audience = actor.kind === 'applicant' ? 'applicant' : 'staff';
      const chosen = await preferencesOf(db, userId);
      const phone = await phoneOf(db, userId);
      return {
        phone: phone ? maskPhone(phone) : null,
        smsAvailable: req.server.ctx.config.sms.provider !== 'none',
        items: NOTIFICATION_KINDS.filter((k) => NOTIFICATION_AUDIENCE[k] === audience).map((kind) => ({
          kind,
          label: NOTIFICATION_KIND_LABELS[kind],
          sms: chosen.get(kind) ?? SMS_DEFAULT[kind],
        })),
      };
    },
  );

  app.put(
    '/api/v1/notifications/preferences/:kind',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: '设置一类通知是否同时发送短信（站内消息始终保留）',
        params: NotificationPreferenceParams,
        body: NotificationPreferenceRequest,
        response: { 200: NotificationPreferenceView, ...ERRORS },
      },
    },
    async (req) => setNotificationPreference(req.server.ctx, actorOf(req), { kind: req.params.kind, sms: req.body.sms }),
  );

  app.get(
    '/api/v1/notifications/deliveries',
    {
      config: { permission: 'system:event:manage' },
      schema: {
        tags: TAGS,
        summary: '短信发送记录（手机号码已脱敏）：待发送、已发送、失败重试、已停止',
        querystring: NotificationDeliveryQuery,
        response: { 200: NotificationDeliveryPage, ...ERRORS },
      },
    },
    async (req) => {
      const page = await deliveriesPage(db, { status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 50 });
      return { items: page.rows.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );
}
