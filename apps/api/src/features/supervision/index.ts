/**
 * Supervision (SUP-01 … SUP-13): random plans and draws, field inspections, rectification orders.
 * The one feature that writes `rectification_orders`, `hazards`, `order_extensions`, `random_plans` and
 * `inspector_conflicts`; other features issue a rectification order through `issueOrder` inside their
 * own transaction. Inspection tasks themselves belong to features/inspections.
 */

import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import type { InspectionTriggered } from '../credit/index.ts';
import { DRAW_TASKS_PENDING, type DrawTasksPending } from './events.ts';
import { openDishonestTask, openTriggerTask } from './use-cases/open-dishonest-task.ts';
import { writePendingDrawTasks } from './use-cases/write-drawn-tasks.ts';

export * from './events.ts';
export { FIGURES_MAX_AGE_MS, supervisionFigures } from './figures.ts';
export { openHazardCounts, openHazardCountsOf } from './hazard-counts.ts';
export { randomInspectionExport } from './partner-export.ts';
export { inspectorCertificates, withPlanChecklist } from './supervision.repository.ts';
export { type HazardInput, issueOrder } from './use-cases/issue-order.ts';
export { openDishonestTask } from './use-cases/open-dishonest-task.ts';

/**
 * Supervision's reaction to a unit made a non-random trigger by its credit (CRD-02): one inspection task per
 * unit and period. The event's name is credit's; credit's index imports supervision's, so subscribers.ts
 * passes the name in and the two indexes keep a free evaluation order.
 */
/**
 * Supervision's reaction to a unit whose remote monitoring passed the thresholds (MON-01 → SUP-06): one
 * inspection task per unit and month. The event's name is passed in as for credit's.
 */
export function monitoringTaskSubscriber(monitoringCheckTriggered: string): Subscriber {
  return {
    name: 'supervision.open_monitoring_task',
    types: [monitoringCheckTriggered],
    async handle(deps, event) {
      const p = event.payload as { usci: string; period: string; reason: string };
      await openTriggerTask(deps, systemActor('monitoring-trigger'), { purpose: 'monitoring_alert', usci: p.usci, period: p.period, reason: p.reason });
    },
  };
}

export function dishonestTaskSubscriber(creditInspectionTriggered: string): Subscriber {
  return {
    name: 'supervision.open_dishonest_task',
    types: [creditInspectionTriggered],
    async handle(deps, event) {
      await openDishonestTask(deps, systemActor('credit-trigger'), event.payload as unknown as InspectionTriggered);
    },
  };
}

/**
 * The inspection tasks a province's draw left pending, written after it (SUP-05). The handler is idempotent by the
 * plan's pending count, not by the delivery's key: each of its transactions writes the next units' tasks by
 * compare-and-set on that count, so a delivery retried after a crash resumes where the count stands (a key claimed
 * by the first transaction would make the retry skip the rest).
 */
export const drawTasksSubscriber: Subscriber = {
  name: 'supervision.write_draw_tasks',
  types: [DRAW_TASKS_PENDING],
  async handle(deps, event) {
    const { idempotency: _claim, ...rest } = deps;
    await writePendingDrawTasks(rest, systemActor('draw-tasks'), { planId: (event.payload as unknown as DrawTasksPending).planId });
  },
};
