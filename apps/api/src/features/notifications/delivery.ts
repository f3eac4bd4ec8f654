import type { AppContext } from '../../platform/context.ts';
import { backoffMs } from '../../platform/events/bus.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { SmsError, type SmsSender } from './sms.ts';

export const DELIVERY_JOB = 'notification-delivery';
/** After this many failed attempts a delivery is given up (dead); it stays in the log with its last error. */
export const MAX_DELIVERY_ATTEMPTS = 6;

export interface DeliveryResult {
  ran: boolean;
  sent: number;
  failed: number;
  dead: number;
}

/**
 * Sends the due SMS deliveries (pending, or failed and due again). Lease-protected like the clock sweep,
 * so two processes never send the same message; each outcome is written by compare-and-set on the row's
 * status and attempt count. A failure is retried after 2ⁿ s (n = attempts, at most an hour); a permanent
 * refusal (bad number, template) or the last attempt makes it dead. Like the event dispatcher's own
 * log, these status rows are the delivery log itself, not business records: no enforcement event.
 */
export async function deliverNotifications(ctx: AppContext, sender: SmsSender, holder: string, limit = 20): Promise<DeliveryResult> {
  const { db } = ctx.database;
  const result: DeliveryResult = { ran: false, sent: 0, failed: 0, dead: 0 };
  if (!(await acquireLease(db, DELIVERY_JOB, holder, ctx.now(), 5 * 60_000))) return result;
  result.ran = true;
  try {
    const due = await db
      .selectFrom('notification_deliveries')
      .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
      .select([
        'notification_deliveries.id',
        'notification_deliveries.recipient',
        'notification_deliveries.status',
        'notification_deliveries.attempts',
        'notifications.kind',
        'notifications.title',
        'notifications.body',
      ])
      .where('notification_deliveries.status', 'in', ['pending', 'failed'])
      .where('notification_deliveries.next_attempt_at', '<=', ctx.now().toISOString())
      .orderBy('notification_deliveries.next_attempt_at')
      .orderBy('notification_deliveries.id')
      .limit(limit)
      .execute();
    for (const d of due) {
      const attempts = d.attempts + 1;
      const update = () => db.updateTable('notification_deliveries');
      const claim = (q: ReturnType<typeof update>) => q.where('id', '=', d.id).where('status', '=', d.status).where('attempts', '=', d.attempts).execute();
      try {
        const { messageId } = await sender.send({ phone: d.recipient, kind: d.kind, title: d.title, body: d.body });
        const at = ctx.now().toISOString();
        await claim(update().set({ status: 'sent', attempts, provider_message_id: messageId, sent_at: at, last_error: null, updated_at: at }));
        result.sent++;
      } catch (err) {
        const permanent = err instanceof SmsError && err.permanent;
        const dead = permanent || attempts >= MAX_DELIVERY_ATTEMPTS;
        const now = ctx.now();
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        await claim(
          update().set({
            status: dead ? 'dead' : 'failed',
            attempts,
            last_error: message,
            next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
            updated_at: now.toISOString(),
          }),
        );
        if (dead) result.dead++;
        else result.failed++;
      }
    }
    return result;
  } finally {
    await releaseLease(db, DELIVERY_JOB, holder);
  }
}
