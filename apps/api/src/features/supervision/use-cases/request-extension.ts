import { chinaDateOf } from '@fep/domain';
import type { OrderExtensionTable } from '../../../db/schema.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { EXTENSION_REQUESTED, orderEvent, orderFact } from '../events.ts';
import { assertOwnUnit, orderInScope } from '../supervision.access.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { orderStep } from '../transitions.ts';

/**
 * The unit asks for more time before the deadline (SUP-10). One request is pending at a time: the order
 * row is locked by a compare-and-set first, so of parallel requests the later ones see the first one's
 * pending request (409).
 */
export async function requestExtension(deps: SupervisionDeps, actor: Actor, input: { orderId: string; days: number; reason: string }) {
  const store = storeOf(deps);
  const id = input.orderId;
  return transact(deps, actor, async (trx, audit, emit) => {
    const order = orderInScope(actor, id, await store.findOrder(trx, id));
    assertOwnUnit(actor, order);
    orderStep(order.status, 'request_extension', '该整改通知已报告整改或已办结，不能申请延期');
    if (chinaDateOf(deps.now()) > order.deadline_date) throw new AppError('SUPERVISION.ORDER_STATE', '整改期限已届满，不能再申请延期');
    const nowIso = deps.now().toISOString();
    if (!(await store.updateOrderIf(trx, id, ['open'], { updated_at: nowIso })))
      throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已报告整改或已办结，不能申请延期');
    if (await store.pendingExtension(trx, id)) throw new AppError('SUPERVISION.ORDER_STATE', '已有待审批的延期申请');
    const row: OrderExtensionTable = {
      id: uuidv7(deps.now().getTime()),
      order_id: id,
      agency_path: order.agency_path,
      requested_days: input.days,
      reason: input.reason,
      status: 'pending',
      requested_by: userIdOf(actor),
      requested_at: nowIso,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    };
    await store.insertExtension(trx, row);
    await audit({ action: 'rectification_order.extension_request', targetType: 'rectification_order', targetId: id, after: row });
    emit(orderEvent(EXTENSION_REQUESTED, { ...orderFact(order), extensionId: row.id, days: row.requested_days }));
    return row;
  });
}
