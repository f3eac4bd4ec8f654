import type { NotificationDeliveryView, NotificationView } from '@fep/contracts';
import { DELIVERY_STATUS_LABELS, maskPersonalText, maskPhone, NOTIFICATION_CHANNEL_LABELS, NOTIFICATION_KIND_LABELS } from '@fep/domain';
import type { NotificationDelivery, Notification as NotificationRow } from '../../db/schema/notifications.ts';

/** A notification of the centre's list: texts quote what people typed (reasons, titles), so ID and mobile numbers are masked. */
export function presentNotification(n: NotificationRow): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: NOTIFICATION_KIND_LABELS[n.kind] ?? '通知',
    title: maskPersonalText(n.title),
    body: maskPersonalText(n.body),
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}

/** A line of the delivery log: the phone number masked (DESIGN §4: personal data masked in every list). */
export function presentDelivery(d: NotificationDelivery & { kind: NotificationRow['kind']; title: string }): NotificationDeliveryView {
  return {
    id: d.id,
    channel: d.channel,
    channelLabel: NOTIFICATION_CHANNEL_LABELS[d.channel],
    recipient: maskPhone(d.recipient),
    kindLabel: NOTIFICATION_KIND_LABELS[d.kind] ?? '通知',
    title: maskPersonalText(d.title),
    status: d.status,
    statusLabel: DELIVERY_STATUS_LABELS[d.status],
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'failed' ? d.next_attempt_at : null,
    lastError: d.last_error,
    sentAt: d.sent_at,
    createdAt: d.created_at,
  };
}
