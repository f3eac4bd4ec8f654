import { creditSubscribers, INSPECTION_TRIGGERED } from './features/credit/index.ts';
import { dashboardSubscribers } from './features/dashboard/index.ts';
import { enforcementSubscribers } from './features/enforcement/index.ts';
import { licensingSubscribers } from './features/licensing/index.ts';
import { notificationSubscribers } from './features/notifications/index.ts';
import { dishonestTaskSubscriber } from './features/supervision/index.ts';
import type { EventBus } from './platform/events/bus.ts';

/**
 * Composition of cross-feature effects: each feature's index.ts exports the subscribers it owns and they
 * are registered here, once per process (HTTP, jobs and consumers share the same bus).
 */
export function registerSubscribers(bus: EventBus): void {
  for (const s of [
    ...enforcementSubscribers,
    ...creditSubscribers,
    ...notificationSubscribers,
    ...licensingSubscribers,
    ...dashboardSubscribers,
    dishonestTaskSubscriber(INSPECTION_TRIGGERED),
  ])
    bus.subscribe(s);
}
