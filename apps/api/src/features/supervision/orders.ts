import { addWorkingDays, chinaDateOf } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import type { RectificationOrderTable } from '../../db/schema.ts';
import { type Audit, mutate } from '../../platform/audit/mutate.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { newInspectionTask } from '../inspections/index.ts';
import { recheckDays } from './field.ts';

/**
 * Rectification orders to closure (SUP-10, SUP-11): the unit asks for an extension (approved or denied),
 * reports that it has rectified, the agency re-inspects within the recheck limit; fixed → closed, not fixed
 * → escalated to an enforcement case.
 */
export const orderScope = (req: FastifyRequest) =>
  scopeFilter<'rectification_orders'>(scopeOf(req), { agencyPath: 'rectification_orders.agency_path', usci: 'rectification_orders.usci' });

export async function loadOrder(req: FastifyRequest, db: Executor, id: string): Promise<RectificationOrderTable> {
  return readInScope(req.server.ctx, actorOf(req), { type: 'rectification_order', id, what: '整改通知' }, (scoped) => {
    let q = db.selectFrom('rectification_orders').selectAll().where('id', '=', id);
    if (scoped) q = q.where(orderScope(req));
    return q.executeTakeFirst();
  });
}

function assertOwnUnit(req: FastifyRequest, order: RectificationOrderTable) {
  if (req.auth!.user.usci !== order.usci) throw new AppError('AUTH.FORBIDDEN', '只能办理本单位的整改通知');
}

export async function requestExtension(req: FastifyRequest, id: string, input: { days: number; reason: string }) {
  const ctx = req.server.ctx;
  const order = await loadOrder(req, ctx.database.db, id);
  assertOwnUnit(req, order);
  if (order.status !== 'open') throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已报告整改或已办结，不能申请延期');
  const pending = await ctx.database.db
    .selectFrom('order_extensions')
    .select('id')
    .where('order_id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) throw new AppError('SUPERVISION.ORDER_STATE', '已有待审批的延期申请');
  if (chinaDateOf(ctx.now()) > order.deadline_date) throw new AppError('SUPERVISION.ORDER_STATE', '整改期限已届满，不能再申请延期');
  return mutate(req, async (trx, audit) => {
    const row = {
      id: uuidv7(),
      order_id: id,
      agency_path: order.agency_path,
      requested_days: input.days,
      reason: input.reason,
      status: 'pending' as const,
      requested_by: req.auth!.user.id,
      requested_at: ctx.now().toISOString(),
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    };
    await trx.insertInto('order_extensions').values(row).execute();
    await audit({ action: 'rectification_order.extension_request', targetType: 'rectification_order', targetId: id, after: row });
    return row;
  });
}

export async function decideExtension(req: FastifyRequest, extensionId: string, input: { approve: boolean; reason: string }) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const ext = await readInScope(req.server.ctx, actorOf(req), { type: 'order_extension', id: extensionId, what: '延期申请' }, (scoped) => {
    let q = db.selectFrom('order_extensions').selectAll().where('id', '=', extensionId);
    if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'order_extensions.agency_path' }));
    return q.executeTakeFirst();
  });
  if (ext.status !== 'pending') throw new AppError('SUPERVISION.ORDER_STATE', '该延期申请已审批');
  return mutate(req, async (trx, audit) => {
    const order = await trx.selectFrom('rectification_orders').selectAll().where('id', '=', ext.order_id).executeTakeFirstOrThrow();
    const nowIso = ctx.now().toISOString();
    await trx
      .updateTable('order_extensions')
      .set({ status: input.approve ? 'approved' : 'denied', decided_by: req.auth!.user.id, decided_at: nowIso, decision_reason: input.reason })
      .where('id', '=', extensionId)
      .execute();
    let deadline = order.deadline_date;
    if (input.approve) {
      deadline = addWorkingDays(await loadCalendar(trx, await regionOf(trx, order.agency_id)), order.deadline_date, ext.requested_days).date;
      await trx.updateTable('rectification_orders').set({ deadline_date: deadline, updated_at: nowIso }).where('id', '=', order.id).execute();
      const clock = order.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', order.clock_id).executeTakeFirst() : undefined;
      if (clock && clock.status !== 'stopped')
        await applyClockEvent(trx, clock, { type: 'extend', amount: ext.requested_days, reason: input.reason }, req.auth!.user.id, ctx.now());
    }
    await audit({
      action: input.approve ? 'rectification_order.extend' : 'rectification_order.extension_denied',
      targetType: 'rectification_order',
      targetId: order.id,
      details: { extension: extensionId, days: ext.requested_days, deadline, reason: input.reason },
    });
    return { status: input.approve ? 'approved' : 'denied', deadline };
  });
}

async function regionOf(db: Executor, agencyId: string): Promise<string> {
  return (await db.selectFrom('agencies').select('region_code').where('id', '=', agencyId).executeTakeFirstOrThrow()).region_code;
}

/** The unit reports the rectification; a re-inspection task with the recheck limit goes to the same two inspectors. */
export async function reportRectified(req: FastifyRequest, id: string, input: { note: string; photoIds: string[] }) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const order = await loadOrder(req, db, id);
  assertOwnUnit(req, order);
  if (order.status !== 'open') throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知不在整改中');
  const source = await db.selectFrom('inspection_tasks').selectAll().where('id', '=', order.source_id).executeTakeFirst();
  const days = await recheckDays(db, order.agency_id, ctx.now());
  return mutate(req, async (trx, audit) => {
    const now = ctx.now();
    const nowIso = now.toISOString();
    const taskId = uuidv7();
    const clock = await startClock(
      trx,
      {
        targetType: 'inspection_task',
        targetId: taskId,
        title: `${order.subject_name} 整改复查时限`,
        agency: { id: order.agency_id, path: order.agency_path, regionCode: source?.region_code ?? (await regionOf(trx, order.agency_id)) },
        unit: 'working_days',
        amount: days,
        legalBasis: { document: '《消防监督检查规定》', clause: '第二十条' },
        startedAt: nowIso,
      },
      now,
    );
    const task = newInspectionTask(
      {
        id: taskId,
        agency_id: order.agency_id,
        agency_path: order.agency_path,
        region_code: source?.region_code ?? (await regionOf(trx, order.agency_id)),
        purpose: 're_inspection',
        usci: order.usci,
        subject_name: order.subject_name,
        venue_address: source?.venue_address ?? '',
        status: 'assigned',
        inspector_ids_json: source?.inspector_ids_json ?? '[]',
        findings: input.note,
        clock_id: clock.id,
        unit_id: source?.unit_id ?? null,
        trigger_reason: `复查：${order.number}`,
        order_id: order.id,
      },
      nowIso,
    );
    await trx.insertInto('inspection_tasks').values(task).execute();
    await trx.updateTable('rectification_orders').set({ status: 'reported', reinspection_task_id: taskId, updated_at: nowIso }).where('id', '=', id).execute();
    if (order.clock_id) {
      const c = await trx.selectFrom('clocks').selectAll().where('id', '=', order.clock_id).executeTakeFirst();
      if (c && c.status !== 'stopped') await applyClockEvent(trx, c, { type: 'stop', reason: '单位报告整改完毕' }, req.auth!.user.id, now);
    }
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

/** The re-inspection: fixed → order and hazards closed; not fixed → escalated to an enforcement case. */
export async function recordReinspection(req: FastifyRequest, taskId: string, input: { fixed: boolean; findings: string }) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const task = await readInScope(req.server.ctx, actorOf(req), { type: 'inspection_task', id: taskId, what: '检查任务' }, (scoped) => {
    let q = db.selectFrom('inspection_tasks').selectAll().where('id', '=', taskId);
    if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'inspection_tasks.agency_path' }));
    return q.executeTakeFirst();
  });
  if (task.purpose !== 're_inspection' || !task.order_id) throw new AppError('SUPERVISION.TASK_STATE', '该任务不是整改复查任务');
  if (task.status === 'done') throw new AppError('SUPERVISION.TASK_STATE', '复查已完成');
  if (!(JSON.parse(task.inspector_ids_json) as string[]).includes(req.auth!.user.id))
    throw new AppError('SUPERVISION.NOT_ASSIGNED', '只有指派的检查人员可以录入复查结果');
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    await trx
      .updateTable('inspection_tasks')
      .set({ status: 'done', result: input.fixed ? 'fixed' : 'not_fixed', findings: input.findings, completed_at: nowIso, updated_at: nowIso })
      .where('id', '=', taskId)
      .execute();
    if (task.clock_id) {
      const c = await trx.selectFrom('clocks').selectAll().where('id', '=', task.clock_id).executeTakeFirst();
      if (c && c.status !== 'stopped') await applyClockEvent(trx, c, { type: 'stop', reason: '复查完毕' }, req.auth!.user.id, ctx.now());
    }
    const order = await trx.selectFrom('rectification_orders').selectAll().where('id', '=', task.order_id!).executeTakeFirstOrThrow();
    await audit({
      action: 'inspection_task.reinspect',
      targetType: 'inspection_task',
      targetId: taskId,
      details: { fixed: input.fixed, findings: input.findings },
    });
    if (input.fixed) {
      await trx.updateTable('rectification_orders').set({ status: 'closed', closed_at: nowIso, updated_at: nowIso }).where('id', '=', order.id).execute();
      await trx.updateTable('hazards').set({ status: 'closed', updated_at: nowIso }).where('order_id', '=', order.id).execute();
      await audit({ action: 'rectification_order.close', targetType: 'rectification_order', targetId: order.id, details: { reinspection: taskId } });
      return { status: 'closed' };
    }
    await escalateStep(trx, ctx, audit, order, `复查未整改：${input.findings}`);
    return { status: 'escalated' };
  });
}

export async function escalateStep(trx: Executor, ctx: AppContext, audit: Audit, order: RectificationOrderTable, reason: string) {
  const nowIso = ctx.now().toISOString();
  await trx.updateTable('rectification_orders').set({ status: 'escalated', updated_at: nowIso }).where('id', '=', order.id).execute();
  await trx.updateTable('hazards').set({ status: 'escalated', updated_at: nowIso }).where('order_id', '=', order.id).execute();
  const referral = {
    id: uuidv7(),
    agency_id: order.agency_id,
    agency_path: order.agency_path,
    usci: order.usci,
    subject_name: order.subject_name,
    source_type: 'rectification_order',
    source_id: order.id,
    reason,
    status: 'open' as const,
    created_at: nowIso,
  };
  await trx.insertInto('enforcement_referrals').values(referral).execute();
  await audit({ action: 'rectification_order.escalate', targetType: 'rectification_order', targetId: order.id, details: { referral: referral.id, reason } });
  await audit({ action: 'enforcement_referral.create', targetType: 'enforcement_referral', targetId: referral.id, after: referral });
}

/** An order whose deadline passed without a report goes to an enforcement case by decision of the agency. */
export async function escalateOrder(req: FastifyRequest, id: string, reason: string) {
  const ctx = req.server.ctx;
  const order = await loadOrder(req, ctx.database.db, id);
  if (order.status !== 'open' && order.status !== 'reported') throw new AppError('SUPERVISION.ORDER_STATE', '该整改通知已办结');
  return mutate(req, async (trx, audit) => {
    await escalateStep(trx, ctx, audit, order, reason);
    return { status: 'escalated' };
  });
}
