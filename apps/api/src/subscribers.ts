import { creditSubscribers, INSPECTION_TRIGGERED } from './features/credit/index.ts';
import { dashboardSubscribers } from './features/dashboard/index.ts';
import { enforcementSubscribers } from './features/enforcement/index.ts';
import { gatewaySubscribers } from './features/gateway/index.ts';
import { licensingSubscribers } from './features/licensing/index.ts';
import { notificationSubscribers } from './features/notifications/index.ts';
import { MONITORING_CHECK_TRIGGERED } from './features/monitoring/index.ts';
import { dishonestTaskSubscriber, drawTasksSubscriber, monitoringTaskSubscriber } from './features/supervision/index.ts';
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
    ...gatewaySubscribers,
    ...dashboardSubscribers,
    dishonestTaskSubscriber(INSPECTION_TRIGGERED),
    monitoringTaskSubscriber(MONITORING_CHECK_TRIGGERED),
    drawTasksSubscriber,
  ])
    bus.subscribe(s);
}
