import { chinaDateOf } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { INSPECTOR_IDS, inspectorIdsOf, newInspectionTask } from '../../inspections/index.ts';
import { assertOwnUnit, orderInScope } from '../supervision.access.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { orderStep } from '../transitions.ts';

/**
 * The unit reports the rectification (SUP-10): the order moves open → reported by compare-and-set (one
 * re-inspection task, however often the report is sent), its clock stops, and a re-inspection task with
 * the recheck limit of the policy (消防监督检查规定 art. 20) goes to the same two inspectors.
 */
export async function reportRectified(deps: SupervisionDeps, actor: Actor, input: { orderId: string; note: string; photoIds: string[] }) {
  const store = storeOf(deps);
  const id = input.orderId;
  return transact(deps, actor, async (trx, audit) => {
    const order = orderInScope(actor, id, await store.findOrder(trx, id));
    assertOwnUnit(actor, order);
    orderStep(order.status, 'report', '该整改通知不在整改中');
    const now = deps.now();
    const nowIso = now.toISOString();
    const taskId = uuidv7(now.getTime());
    if (!(await store.updateOrderIf(trx, id, ['open'], { status: 'reported', reinspection_task_id: taskId, updated_at: nowIso })))
      throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已报告整改', { orderId: id });
    const source = await store.findTask(trx, order.source_id);
    const agency = await store.agency(trx, order.agency_id);
    if (!agency) throw new Error(`agency ${order.agency_id} of order ${id} not found`);
    const regionCode = source?.region_code ?? agency.region_code;
    const policy = await store.rectificationPolicy(trx, agency, chinaDateOf(now));
    const basis = policy.provenance.recheckWorkingDays?.legalBasis ?? { document: '《消防监督检查规定》', clause: '第二十条' };
    const clock = await store.startClock(
      trx,
      {
        targetType: 'inspection_task',
        targetId: taskId,
        title: `${order.subject_name} 整改复查时限`,
        agency: { id: order.agency_id, path: order.agency_path, regionCode },
        unit: 'working_days',
        amount: policy.values.recheckWorkingDays,
        legalBasis: { document: basis.document, clause: basis.clause ?? null },
        startedAt: nowIso,
        policyVersion: policy.versionKey,
      },
      now,
    );
    const task = newInspectionTask(
      {
        id: taskId,
        agency_id: order.agency_id,
        agency_path: order.agency_path,
        region_code: regionCode,
        purpose: 're_inspection',
        usci: order.usci,
        subject_name: order.subject_name,
        venue_address: source?.venue_address ?? '',
        status: 'assigned',
        inspector_ids_json: INSPECTOR_IDS.encode(source ? inspectorIdsOf(source) : []),
        findings: input.note,
        clock_id: clock.id,
        policy_version: policy.versionKey,
        unit_id: source?.unit_id ?? null,
        trigger_reason: `复查：${order.number}`,
        order_id: order.id,
      },
      nowIso,
    );
    await store.insertTask(trx, task);
    await store.clockEvent(trx, order.clock_id, { type: 'stop', reason: '单位报告整改完毕' }, actor.userId, now);
    await audit({
      action: 'rectification_order.report',
      targetType: 'rectification_order',
      targetId: id,
      details: { note: input.note, photos: input.photoIds, reinspection: taskId },
    });
    await audit({ action: 'inspection_task.create', targetType: 'inspection_task', targetId: taskId, after: task });
    return { reinspectionTaskId: taskId };
  });
}
