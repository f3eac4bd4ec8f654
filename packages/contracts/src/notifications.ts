/** The notification centre (apps/api/src/features/notifications/notifications.routes.ts). */
import { NOTIFICATION_KINDS } from '@fep/domain';
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

export const NotificationKindSchema = Type.Enum([...NOTIFICATION_KINDS]);

/** One notification as its recipient sees it; `link` is the file's page in the web app. */
export const NotificationView = Type.Object({
  id: Type.String(),
  kind: NotificationKindSchema,
  kindLabel: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});
export type NotificationView = Static<typeof NotificationView>;

/** GET /api/v1/notifications: newest first; `cursor` is the previous page's `nextCursor`. */
export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: Nullable(Type.String()),
});
export type NotificationPage = Static<typeof NotificationPage>;

/** GET /api/v1/notifications/unread-count: what the bell shows. */
export const NotificationUnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export type NotificationUnreadCount = Static<typeof NotificationUnreadCount>;

/** POST /api/v1/notifications/read-all. */
export const NotificationReadAllView = Type.Object({ marked: Type.Integer({ minimum: 1 }) });
export type NotificationReadAllView = Static<typeof NotificationReadAllView>;

/** GET /api/v1/notifications/preferences: the kinds this user receives and whether each also comes by SMS. */
export const NotificationPreferencesView = Type.Object({
  /** The user's phone number, masked (138****5678); null when none is registered. */
  phone: Nullable(Type.String()),
  /** Whether the platform has an SMS channel configured at all. */
  smsAvailable: Type.Boolean(),
  items: Type.Array(Type.Object({ kind: NotificationKindSchema, label: Type.String(), sms: Type.Boolean() })),
});
export type NotificationPreferencesView = Static<typeof NotificationPreferencesView>;

/** PUT /api/v1/notifications/preferences/:kind. */
export const NotificationPreferenceParams = Type.Object({ kind: NotificationKindSchema });
export const NotificationPreferenceRequest = Type.Object({ sms: Type.Boolean() });
export type NotificationPreferenceRequest = Static<typeof NotificationPreferenceRequest>;
export const NotificationPreferenceView = Type.Object({ kind: NotificationKindSchema, sms: Type.Boolean() });
export type NotificationPreferenceView = Static<typeof NotificationPreferenceView>;

/** GET /api/v1/notifications/deliveries: the delivery log of outside channels (administrators), phone masked. */
export const NotificationDeliveryQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('dead')])),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export const NotificationDeliveryView = Type.Object({
  id: Type.String(),
  channel: Type.Literal('sms'),
  channelLabel: Type.String(),
  recipient: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('dead')]),
  statusLabel: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type NotificationDeliveryView = Static<typeof NotificationDeliveryView>;
export const NotificationDeliveryPage = Type.Object({ items: Type.Array(NotificationDeliveryView), nextCursor: Nullable(Type.String()) });
export type NotificationDeliveryPage = Static<typeof NotificationDeliveryPage>;
