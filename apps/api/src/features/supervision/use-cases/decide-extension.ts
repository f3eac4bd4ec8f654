import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { EXTENSION_DECIDED, orderEvent, orderFact } from '../events.ts';
import { extensionInScope } from '../supervision.access.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { extensionStep, orderStep } from '../transitions.ts';

/**
 * The agency approves or denies an extension request (SUP-10). The request is decided by compare-and-set
 * (pending → approved / denied), so approving it twice extends the clock once; an approval moves the
 * deadline on the working-day calendar and extends the order's clock.
 */
export async function decideExtension(deps: SupervisionDeps, actor: Actor, input: { extensionId: string; approve: boolean; reason: string }) {
  const store = storeOf(deps);
  const extensionId = input.extensionId;
  return transact(deps, actor, async (trx, audit, emit) => {
    const ext = extensionInScope(actor, extensionId, await store.findExtension(trx, extensionId));
    const to = extensionStep(ext.status, input.approve ? 'approve' : 'deny');
    const now = deps.now();
    const nowIso = now.toISOString();
    const decided = await store.updateExtensionIf(trx, extensionId, 'pending', {
      status: to,
      decided_by: actor.userId,
      decided_at: nowIso,
      decision_reason: input.reason,
    });
    if (!decided) throw new AppError('SUPERVISION.ORDER_STATE', '该延期申请已审批', { extensionId });
    const order = await store.findOrder(trx, ext.order_id);
    if (!order) throw new Error(`order ${ext.order_id} of extension ${extensionId} not found`);
    let deadline = order.deadline_date;
    if (input.approve) {
      orderStep(order.status, 'extend', '该整改通知已报告整改或已办结，不能延期');
      const agency = await store.agency(trx, order.agency_id);
      deadline = (await store.addWorkingDays(trx, agency?.region_code ?? '', order.deadline_date, ext.requested_days)).date;
      if (!(await store.updateOrderIf(trx, order.id, ['open'], { deadline_date: deadline, updated_at: nowIso })))
        throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已报告整改或已办结，不能延期');
      await store.clockEvent(trx, order.clock_id, { type: 'extend', amount: ext.requested_days, reason: input.reason }, actor.userId, now);
    }
    await audit({
      action: input.approve ? 'rectification_order.extend' : 'rectification_order.extension_denied',
      targetType: 'rectification_order',
      targetId: order.id,
      details: { extension: extensionId, days: ext.requested_days, deadline, reason: input.reason },
    });
    emit(
      orderEvent(EXTENSION_DECIDED, {
        ...orderFact({ ...order, deadline_date: deadline }),
        extensionId,
        approved: input.approve,
        days: ext.requested_days,
        reason: input.reason,
      }),
    );
    return { status: to, deadline };
  });
}
