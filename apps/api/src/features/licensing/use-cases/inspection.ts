import { chinaDateOf, isOffHours } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../../db/database.ts';
import type { InspectionTaskTable } from '../../../db/schema.ts';
import { mutate } from '../../../platform/audit/mutate.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { type ChecklistEntry, checkChecklist, loadTask, newInspectionTask, pickInspectors } from '../../inspections/index.ts';
import { clockStep, startApplicationClock, transition } from '../application-steps.ts';
import { loadApplication, reload, updateApplication } from '../applications.repository.ts';
import { licensingPolicy } from '../licensing.policy.ts';

/**
 * On-site checks (LIC-04, LIC-11): two certified inspectors (双人执法) of the handling agency or an
 * agency above it, drawn at random or named, an appointment (also off-hours), a checklist from policy.
 */
export interface AssignInput {
  inspectorIds?: string[];
  appointmentAt?: string | null;
}

async function assignTask(trx: Executor, req: FastifyRequest, task: InspectionTaskTable, input: AssignInput, regionCode: string) {
  const ctx = req.server.ctx;
  const inspectors = await pickInspectors(trx, { agencyPath: task.agency_path, onDate: chinaDateOf(ctx.now()), named: input.inspectorIds, usci: task.usci });
  let offHours = 0;
  if (input.appointmentAt) {
    if (Date.parse(input.appointmentAt) < ctx.now().getTime()) throw new AppError('REQUEST.VALIDATION', '预约时间不能早于现在', { field: 'appointmentAt' });
    offHours = isOffHours(input.appointmentAt, await loadCalendar(trx, regionCode)).offHours ? 1 : 0;
  }
  const patch = {
    inspector_ids_json: JSON.stringify(inspectors),
    appointment_at: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : task.appointment_at,
    off_hours: input.appointmentAt ? offHours : task.off_hours,
    status: 'assigned' as const,
    updated_at: ctx.now().toISOString(),
  };
  await trx.updateTable('inspection_tasks').set(patch).where('id', '=', task.id).execute();
  return { ...task, ...patch };
}

/** Assigns (or re-assigns) the opening check of an accepted application. */
export async function assignOpeningCheck(req: FastifyRequest, id: string, input: AssignInput) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  const policy = await licensingPolicy(db, (await findAgency(db, row.agency_id))!, ctx.now());
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'assign_inspection');
    const nowIso = ctx.now().toISOString();
    let task = await trx.selectFrom('inspection_tasks').selectAll().where('application_id', '=', id).where('purpose', '=', 'opening_check').executeTakeFirst();
    if (!task) {
      task = newInspectionTask(
        {
          agency_id: current.agency_id,
          agency_path: current.agency_path,
          region_code: current.region_code,
          purpose: 'opening_check',
          application_id: id,
          usci: current.usci,
          subject_name: `${current.company_name}（${current.venue_name}）`,
          venue_address: current.venue_address,
          status: 'unassigned',
          checklist_json: JSON.stringify(policy.checkItems.items),
          clock_id: current.clock_id,
          policy_version: policy.versions['licensing.check_items'] ?? null,
        },
        nowIso,
      );
      await trx.insertInto('inspection_tasks').values(task).execute();
    }
    const assigned = await assignTask(trx, req, task, input, current.region_code);
    const next = await updateApplication(trx, current, { status }, nowIso);
    await audit({ action: 'application.assign', targetType: 'application', targetId: id, before: current, after: next, details: { task: task.id } });
    await audit({ action: 'inspection_task.assign', targetType: 'inspection_task', targetId: task.id, before: task, after: assigned });
    return { application: next, task: assigned };
  });
}

/** Assigns a verification task of a commitment-path permit (LIC-03). */
export async function assignTaskById(req: FastifyRequest, id: string, input: AssignInput) {
  const ctx = req.server.ctx;
  const task = await loadTask(ctx, actorOf(req), ctx.database.db, id);
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('LICENSING.TASK_NOT_OPEN', '该检查任务已办结');
  return mutate(req, async (trx, audit) => {
    const assigned = await assignTask(trx, req, task, input, task.region_code);
    await audit({ action: 'inspection_task.assign', targetType: 'inspection_task', targetId: id, before: task, after: assigned });
    return assigned;
  });
}

export function assertAssigned(req: FastifyRequest, task: InspectionTaskTable) {
  const ids = JSON.parse(task.inspector_ids_json) as string[];
  if (!ids.includes(req.auth!.user.id)) throw new AppError('LICENSING.NOT_ASSIGNED', '只有指派的检查人员可以录入检查结果');
}

/** LIC-04: the inspectors record the on-site check; the decision clock starts. */
export async function recordOpeningCheck(
  req: FastifyRequest,
  id: string,
  input: { checklist: ChecklistEntry[]; findings: string; documentsVerifiedOnSite?: boolean },
) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  const policy = await licensingPolicy(db, (await findAgency(db, row.agency_id))!, ctx.now());
  const task = await db.selectFrom('inspection_tasks').selectAll().where('application_id', '=', id).where('purpose', '=', 'opening_check').executeTakeFirst();
  if (!task) throw new AppError('LICENSING.ILLEGAL_TRANSITION', '尚未指派检查人员');
  assertAssigned(req, task);
  const checklist = checkChecklist(task, input.checklist);
  const owed = JSON.parse(row.pending_json) as string[];
  if (owed.length && policy.pending.supplyBy === 'onsite_check' && !input.documentsVerifiedOnSite) {
    throw new AppError('LICENSING.DOCUMENTS_OWED', '容缺材料应在现场检查时补齐：请核验后勾选“容缺材料已现场核验”', { owed });
  }
  const passed = checklist.every((c) => c.passed);
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'record_inspection', { legalReviewRequired: policy.approval.legalReviewRequired });
    const nowIso = ctx.now().toISOString();
    await clockStep(trx, ctx, current.clock_id, 'stop', '现场检查完毕', req.auth!.user.id);
    const clock = await startApplicationClock(trx, ctx, current, {
      title: '营业前消防安全检查・许可决定时限',
      amount: policy.inspection.decisionWorkingDays,
      legalBasis: { document: '公众聚集场所投入使用、营业前消防安全检查服务指南', clause: '检查后作出决定时限' },
      policyVersion: policy.versions['licensing.inspection'] ?? null,
    });
    const taskPatch = {
      checklist_json: JSON.stringify(checklist),
      result: passed ? 'pass' : 'fail',
      findings: input.findings,
      status: 'done' as const,
      completed_at: nowIso,
      updated_at: nowIso,
    };
    await trx.updateTable('inspection_tasks').set(taskPatch).where('id', '=', task.id).execute();
    const pending = input.documentsVerifiedOnSite ? [] : owed;
    const next = await updateApplication(trx, current, { status, clock_id: clock.id, pending_json: JSON.stringify(pending) }, nowIso);
    await audit({
      action: 'inspection_task.record',
      targetType: 'inspection_task',
      targetId: task.id,
      before: task,
      after: { ...task, ...taskPatch },
      policyVersion: task.policy_version,
    });
    await audit({
      action: 'application.inspected',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { result: taskPatch.result },
    });
    await audit({ action: 'clock.create', targetType: 'clock', targetId: clock.id, after: clock });
    return next;
  });
}
