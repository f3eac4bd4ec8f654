import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { draftsOf, NOTIFIED_EVENTS } from './messages.ts';
import { notify } from './use-cases/notify.ts';

/**
 * Notifications (NTF): the in-app notification centre of the portal and the back office, fed by domain
 * events of the other features, and outside channels through adapters (SMS today) with one delivery log.
 * The one feature that writes `notifications`, `notification_preferences` and `notification_deliveries`.
 */
export { type DeliveryResult, deliverNotifications, MAX_DELIVERY_ATTEMPTS } from './delivery.ts';
export { AliyunSmsSender, type SmsMessage, type SmsSender, smsSenderOf, TestSmsSender } from './sms.ts';

export const notificationSubscribers: Subscriber[] = [
  {
    name: 'notifications.notify',
    types: NOTIFIED_EVENTS,
    async handle(deps, event) {
      await notify(deps, systemActor(), event, draftsOf(event));
    },
  },
];
