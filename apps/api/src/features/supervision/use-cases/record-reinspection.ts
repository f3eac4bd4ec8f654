import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { assertInspector, taskInScope } from '../supervision.access.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { orderStep, taskStep } from '../transitions.ts';
import { escalateStep } from './escalate-order.ts';

/**
 * The re-inspection (SUP-10): fixed → order and hazards closed; not fixed → escalated to enforcement. The
 * task is completed by compare-and-set (assigned → done) and the order moves reported → closed /
 * escalated by compare-and-set, so a result sent twice closes the order once.
 */
export async function recordReinspection(deps: SupervisionDeps, actor: Actor, input: { taskId: string; fixed: boolean; findings: string }) {
  const store = storeOf(deps);
  const taskId = input.taskId;
  return transact(deps, actor, async (trx, audit, emit) => {
    const task = taskInScope(actor, taskId, await store.findTask(trx, taskId));
    if (task.purpose !== 're_inspection' || !task.order_id) throw new AppError('SUPERVISION.TASK_STATE', '该任务不是整改复查任务');
    taskStep(task.status, 'record', task.status === 'cancelled' ? '复查任务已取消' : '复查已完成');
    assertInspector(actor, task, '只有指派的检查人员可以录入复查结果');
    const now = deps.now();
    const nowIso = now.toISOString();
    const done = await store.updateTaskIf(trx, task, ['assigned'], {
      status: 'done',
      result: input.fixed ? 'fixed' : 'not_fixed',
      findings: input.findings,
      completed_at: nowIso,
      updated_at: nowIso,
    });
    if (!done) throw new AppError('SUPERVISION.TASK_STATE', '复查已完成', { taskId });
    await store.clockEvent(trx, task.clock_id, { type: 'stop', reason: '复查完毕' }, actor.userId, now);
    const order = await store.findOrder(trx, task.order_id);
    if (!order) throw new Error(`order ${task.order_id} of re-inspection ${taskId} not found`);
    await audit({
      action: 'inspection_task.reinspect',
      targetType: 'inspection_task',
      targetId: taskId,
      details: { fixed: input.fixed, findings: input.findings },
    });
    if (input.fixed) {
      orderStep(order.status, 'close', '该整改通知不在待复查状态');
      if (!(await store.updateOrderIf(trx, order.id, ['reported'], { status: 'closed', closed_at: nowIso, updated_at: nowIso })))
        throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已办结或已移送', { orderId: order.id });
      await store.setHazardsOfOrder(trx, order.id, 'closed', nowIso);
      await audit({ action: 'rectification_order.close', targetType: 'rectification_order', targetId: order.id, details: { reinspection: taskId } });
      return { status: 'closed' as const };
    }
    await escalateStep(trx, deps, actor, audit, emit, order, `复查未整改：${input.findings}`, ['reported'], store);
    return { status: 'escalated' as const };
  });
}
