import { type NotificationKind, SMS_DEFAULT } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { NewNotification, NewNotificationDelivery, Notification } from '../../db/schema/notifications.ts';

/** Queries and writes of the tables this feature owns: notifications, notification_preferences, notification_deliveries. */

/** Inserts a notification unless this person already has the one of this event; true when written. */
export async function insertNotification(trx: Executor, row: NewNotification): Promise<boolean> {
  const r = await trx
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['source_event_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertDelivery(trx: Executor, row: NewNotificationDelivery): Promise<void> {
  await trx.insertInto('notification_deliveries').values(row).execute();
}

/** Whether each user wants SMS for this kind: their choice, else the kind's default. */
export async function smsWanted(db: Executor, userIds: string[], kind: NotificationKind): Promise<Map<string, boolean>> {
  const chosen = userIds.length
    ? await db
        .selectFrom('notification_preferences')
        .select(['user_id', 'enabled'])
        .where('user_id', 'in', userIds)
        .where('kind', '=', kind)
        .where('channel', '=', 'sms')
        .execute()
    : [];
  const byUser = new Map(chosen.map((c) => [c.user_id, c.enabled === 1]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? SMS_DEFAULT[kind]]));
}

/** A user's SMS choices that differ from nothing: every stored row of the user. */
export async function preferencesOf(db: Executor, userId: string): Promise<Map<NotificationKind, boolean>> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'enabled']).where('user_id', '=', userId).where('channel', '=', 'sms').execute();
  return new Map(rows.map((r) => [r.kind, r.enabled === 1]));
}

/**
 * Sets a user's SMS choice for a kind by compare-and-set: the row is written only when the value
 * changes (a concurrent identical request waits on the key and then finds nothing to change).
 */
export async function setPreferenceIf(trx: Executor, userId: string, kind: NotificationKind, enabled: boolean, at: string): Promise<boolean> {
  const value = enabled ? 1 : 0;
  const r = await trx
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, channel: 'sms', enabled: value, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: value, updated_at: at }).where('notification_preferences.enabled', '!=', value),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface PageQuery {
  unread?: boolean;
  cursor?: string;
  limit: number;
}

/** A user's notifications, newest first, keyset on the time-ordered id (one more row tells whether a next page exists). */
export async function pageOf(db: Executor, userId: string, q: PageQuery): Promise<{ rows: Notification[]; nextCursor: string | null }> {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (q.unread) query = query.where('read_at', 'is', null);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return keysetPage(rows, q.limit);
}

/** A page of at most `limit` rows from a query that asked for one more: the extra row says a next page exists. */
function keysetPage<R extends { id: string }>(rows: R[], limit: number): { rows: R[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextCursor: more ? page[page.length - 1]!.id : null };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOwn(db: Executor, userId: string, id: string): Promise<Notification | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Marks one notification read by compare-and-set on `read_at is null`. */
export async function markReadIf(trx: Executor, userId: string, id: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks every unread notification of the user read; the number changed. */
export async function markAllReadIf(trx: Executor, userId: string, at: string): Promise<number> {
  const r = await trx.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The delivery log, newest first (administrators). */
export async function deliveriesPage(db: Executor, q: { status?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('notification_deliveries')
    .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
    .selectAll('notification_deliveries')
    .select(['notifications.kind', 'notifications.title']);
  if (q.status) query = query.where('notification_deliveries.status', '=', q.status as 'pending');
  if (q.cursor) query = query.where('notification_deliveries.id', '<', q.cursor);
  const rows = await query
    .orderBy('notification_deliveries.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return keysetPage(rows, q.limit);
}
