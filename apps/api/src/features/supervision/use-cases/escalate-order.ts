import type { Executor } from '../../../db/database.ts';
import type { RectificationOrderTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Audit, type Emit, transact } from '../../../platform/transact.ts';
import { ORDER_ESCALATED, type OrderEscalated } from '../../enforcement/index.ts';
import { orderInScope } from '../supervision.access.ts';
import { ORDER_ITEMS } from '../supervision.columns.ts';
import { type SupervisionDeps, type SupervisionStore, storeOf } from '../supervision.repository.ts';
import { orderStep } from '../transitions.ts';

/**
 * Escalation to an enforcement case (移送执法, SUP-10): the order moves to escalated by compare-and-set
 * from the states the table allows, its hazards follow, and the event ORDER_ESCALATED hands the case to
 * enforcement (which opens the referral; supervision does not write enforcement's tables).
 */
export async function escalateStep(
  trx: Executor,
  deps: SupervisionDeps,
  actor: Actor,
  audit: Audit,
  emit: Emit,
  order: RectificationOrderTable,
  reason: string,
  expected: readonly RectificationOrderTable['status'][],
  store: SupervisionStore = storeOf(deps),
): Promise<void> {
  orderStep(order.status, 'escalate', '该整改通知已办结');
  const now = deps.now();
  const nowIso = now.toISOString();
  if (!(await store.updateOrderIf(trx, order.id, expected, { status: 'escalated', updated_at: nowIso })))
    throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已办结或已移送', { orderId: order.id });
  await store.setHazardsOfOrder(trx, order.id, 'escalated', nowIso);
  await store.clockEvent(trx, order.clock_id, { type: 'stop', reason: '移送执法' }, actor.userId, now);
  await audit({ action: 'rectification_order.escalate', targetType: 'rectification_order', targetId: order.id, details: { reason } });
  const payload: OrderEscalated = {
    orderId: order.id,
    orderNumber: order.number,
    agencyId: order.agency_id,
    agencyPath: order.agency_path,
    usci: order.usci,
    subjectName: order.subject_name,
    reason,
    majorHazard: (ORDER_ITEMS.decode(order.items_json) ?? []).some((h) => h.major),
  };
  emit({ type: ORDER_ESCALATED, targetType: 'rectification_order', targetId: order.id, agencyId: order.agency_id, payload: { ...payload } });
}

/** An order whose deadline passed without a report, or whose report is not credible, is escalated by decision of the agency. */
export async function escalateOrder(deps: SupervisionDeps, actor: Actor, input: { orderId: string; reason: string }) {
  const store = storeOf(deps);
  const id = input.orderId;
  return transact(deps, actor, async (trx, audit, emit) => {
    const order = orderInScope(actor, id, await store.findOrder(trx, id));
    await escalateStep(trx, deps, actor, audit, emit, order, input.reason, ['open', 'reported'], store);
    // A re-inspection still waiting is cancelled: the case now belongs to enforcement.
    if (order.reinspection_task_id) {
      const task = await store.findTask(trx, order.reinspection_task_id);
      if (task && (await store.updateTaskIf(trx, task, ['unassigned', 'assigned'], { status: 'cancelled', updated_at: deps.now().toISOString() }))) {
        await store.clockEvent(trx, task.clock_id, { type: 'stop', reason: '整改通知已移送执法' }, actor.userId, deps.now());
        await audit({ action: 'inspection_task.cancel', targetType: 'inspection_task', targetId: task.id, details: { reason: '整改通知已移送执法' } });
      }
    }
    return { status: 'escalated' as const };
  });
}
