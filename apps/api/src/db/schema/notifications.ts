import type { Insertable, Selectable, Updateable } from 'kysely';

// Notifications waiting to be sent. Conventions: see ../schema.ts.

export interface OutboxTable {
  id: string;
  channel: string;
  recipient_user_id: string | null;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}
export type Outbox = Selectable<OutboxTable>;
export type NewOutbox = Insertable<OutboxTable>;
export type OutboxUpdate = Updateable<OutboxTable>;

export interface NotificationsTables {
  outbox: OutboxTable;
}
