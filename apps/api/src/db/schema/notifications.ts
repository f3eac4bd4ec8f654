import type { DeliveryStatus, NotificationKind } from '@fep/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// The notification centre (features/notifications), migration 0120. Conventions: see ../schema.ts.

/** One message to one person, from one domain event; unread until `read_at`. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path of the file's page in the web app. */
  link: string | null;
  source_event_id: string;
  target_type: string | null;
  target_id: string | null;
  created_at: string;
  read_at: string | null;
}
export type Notification = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
export type NotificationUpdate = Updateable<NotificationTable>;

/** A user's choice of a channel for a kind (absent: the kind's default). */
export interface NotificationPreferenceTable {
  user_id: string;
  kind: NotificationKind;
  channel: 'sms';
  enabled: number;
  updated_at: string;
}
export type NotificationPreference = Selectable<NotificationPreferenceTable>;

/** The delivery log of outside channels: one row per notification and channel. */
export interface NotificationDeliveryTable {
  id: string;
  notification_id: string;
  user_id: string;
  channel: 'sms';
  /** The phone number the message goes to (masked in every list). */
  recipient: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}
export type NotificationDelivery = Selectable<NotificationDeliveryTable>;
export type NewNotificationDelivery = Insertable<NotificationDeliveryTable>;

export interface NotificationsTables {
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  notification_deliveries: NotificationDeliveryTable;
}
