import type { Actor } from '../../../platform/actor.ts';
import type { DomainEvent } from '../../../platform/events/outbox.ts';
import { type Recipient, staffWithPermission, usersById, usersOfUnit } from '../../../platform/iam/recipients.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import type { Audience, Draft } from '../messages.ts';
import { insertDelivery, insertNotification, smsWanted } from '../notifications.repository.ts';

async function recipientsOf(deps: Deps, to: Audience): Promise<Recipient[]> {
  const { db } = deps.database;
  if ('users' in to) return usersById(db, to.users);
  if ('usci' in to) return usersOfUnit(db, to.usci);
  return staffWithPermission(db, to.agencyId, to.permission);
}

/**
 * Writes the notifications of one event (the in-app centre, always) and queues an SMS where the person
 * wants one for the kind, has a phone number and the channel is configured. Called by the subscriber
 * under the idempotency claim (subscriber, event id), so a redelivered event replays; the unique
 * (event, user) key makes even a claimless second run harmless. The person who caused the event is not
 * told of their own act.
 */
export async function notify(deps: Deps, actor: Actor, event: DomainEvent, drafts: Draft[]): Promise<{ notified: number; sms: number }> {
  const smsOn = deps.config.sms.provider !== 'none';
  const planned: { draft: Draft; recipients: Recipient[]; sms: Map<string, boolean> }[] = [];
  for (const draft of drafts) {
    const recipients = (await recipientsOf(deps, draft.to)).filter((r) => r.id !== event.actorUserId);
    if (!recipients.length) continue;
    const sms = smsOn
      ? await smsWanted(
          deps.database.db,
          recipients.map((r) => r.id),
          draft.kind,
        )
      : new Map<string, boolean>();
    planned.push({ draft, recipients, sms });
  }
  if (!planned.length) return { notified: 0, sms: 0 };
  return transact(deps, actor, async (trx, audit) => {
    const now = deps.now();
    const at = now.toISOString();
    // A notification is dated by its fact (the event), so the list reads in the order things happened.
    const occurred = new Date(event.occurredAt).getTime();
    let notified = 0;
    let queued = 0;
    for (const { draft, recipients, sms } of planned) {
      for (const r of recipients) {
        const id = uuidv7(occurred);
        const written = await insertNotification(trx, {
          id,
          user_id: r.id,
          kind: draft.kind,
          title: draft.title,
          body: draft.body,
          link: draft.link,
          source_event_id: event.id,
          target_type: draft.targetType,
          target_id: draft.targetId,
          created_at: event.occurredAt,
          read_at: null,
        });
        if (!written) continue;
        notified++;
        if (sms.get(r.id) && r.phone) {
          await insertDelivery(trx, {
            id: uuidv7(now.getTime()),
            notification_id: id,
            user_id: r.id,
            channel: 'sms',
            recipient: r.phone,
            status: 'pending',
            attempts: 0,
            next_attempt_at: at,
            last_error: null,
            provider_message_id: null,
            sent_at: null,
            created_at: at,
            updated_at: at,
          });
          queued++;
        }
      }
    }
    // The record is the event's own chain (not the file's: sending never waits on the case's record); it names
    // the file and how many were told, not who (the notifications table holds that).
    await audit({
      action: 'notification.send',
      targetType: 'domain_event',
      targetId: event.id,
      details: {
        type: event.type,
        target: `${event.targetType ?? ''}:${event.targetId ?? ''}`,
        kinds: planned.map((p) => p.draft.kind),
        notified,
        sms: queued,
      },
    });
    return { notified, sms: queued };
  });
}
