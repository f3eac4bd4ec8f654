import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The notification centre (features/notifications): in-app notifications per user, each user's channel
 * choices per kind, and the one delivery log of outside channels (SMS today) with retries and backoff.
 * The clock sweep's old `outbox` (which nothing delivered) is carried over into the centre and dropped:
 * from now on the sweep emits CLOCK_ALERT_RAISED and the centre writes the notifications.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('source_event_id', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    // One notification per event and person, whatever the redeliveries.
    await db.schema.createIndex('notifications_event_user').unique().on('notifications').columns(['source_event_id', 'user_id']).execute();
    // A user's list, newest first (keyset on the time-ordered id), and the unread count / unread list.
    await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at', 'id']).execute();

    await db.schema
      .createTable('notification_preferences')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind', 'channel'])
      .execute();

    await db.schema
      .createTable('notification_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('provider_message_id', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notification_deliveries_one').unique().on('notification_deliveries').columns(['notification_id', 'channel']).execute();
    // The delivery job's scan: due pending or failed deliveries.
    await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();

    // The sweep's queued alerts become notifications of the clocks page (their kind from the subject it wrote).
    await sql`
      insert into notifications (id, user_id, kind, title, body, link, source_event_id, target_type, target_id, created_at, read_at)
      select id, recipient_user_id,
             case when subject like '【已超期】%' then 'clock_overdue' else 'clock_due_soon' end,
             subject, body, '/admin/clocks', 'outbox:' || id, null, null, created_at, null
      from outbox where recipient_user_id is not null`.execute(db);
    await db.schema.dropTable('outbox').execute();
  },
};
