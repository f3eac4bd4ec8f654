import { addWorkingDays, chinaDateOf, type VerificationOutcome } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import { mutate } from '../../../platform/audit/mutate.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type ChecklistEntry, checkChecklist, loadTask } from '../../inspections/index.ts';
import { clockStep } from '../application-steps.ts';
import { assertAssigned } from './inspection.ts';
import { revokeLicenceStep } from './licence-changes.ts';

/**
 * LIC-03: the post-issue verification of a commitment. Confirmed; or a rectification order with a
 * deadline on the working-day calendar; or a false commitment: an enforcement referral, a credit event
 * and, when serious, revocation of the permit with public notice.
 */
export interface VerificationInput {
  outcome: VerificationOutcome;
  checklist: ChecklistEntry[];
  findings: string;
  rectification?: { items: string[]; deadlineWorkingDays: number };
  serious?: boolean;
}

export async function recordVerification(req: FastifyRequest, taskId: string, input: VerificationInput) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const task = await loadTask(req.server.ctx, actorOf(req), db, taskId);
  if (task.purpose !== 'commitment_verification') throw new AppError('LICENSING.TASK_NOT_OPEN', '该任务不是告知承诺核查任务');
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('LICENSING.TASK_NOT_OPEN', '该核查任务已办结');
  assertAssigned(req, task);
  const checklist = checkChecklist(task, input.checklist);
  if (input.outcome === 'rectification' && !input.rectification?.items.length) {
    throw new AppError('REQUEST.VALIDATION', '责令整改须列明整改事项和期限', { field: 'rectification' });
  }
  return mutate(req, async (trx, audit) => {
    const now = ctx.now();
    const nowIso = now.toISOString();
    const userId = req.auth!.user.id;
    const patch = {
      checklist_json: JSON.stringify(checklist),
      result: input.outcome,
      findings: input.findings,
      status: 'done' as const,
      completed_at: nowIso,
      updated_at: nowIso,
    };
    await trx.updateTable('inspection_tasks').set(patch).where('id', '=', taskId).execute();
    await clockStep(trx, ctx, task.clock_id, 'stop', '核查完毕', userId);
    await audit({
      action: 'inspection_task.verify',
      targetType: 'inspection_task',
      targetId: taskId,
      before: task,
      after: { ...task, ...patch },
      details: { outcome: input.outcome },
      policyVersion: task.policy_version,
    });
    const out: Record<string, unknown> = { outcome: input.outcome };
    if (input.outcome === 'rectification' && input.rectification) {
      const cal = await loadCalendar(trx, task.region_code);
      const deadline = addWorkingDays(cal, chinaDateOf(now), input.rectification.deadlineWorkingDays);
      const orderId = uuidv7();
      const clock = await startClock(
        trx,
        {
          targetType: 'rectification_order',
          targetId: orderId,
          title: `${task.subject_name} 责令限期整改`,
          agency: { id: task.agency_id, path: task.agency_path, regionCode: task.region_code },
          unit: 'working_days',
          amount: input.rectification.deadlineWorkingDays,
          legalBasis: { document: '《消防监督检查规定》', clause: '第二十条' },
          startedAt: nowIso,
        },
        now,
      );
      await trx
        .insertInto('rectification_orders')
        .values({
          id: orderId,
          agency_id: task.agency_id,
          agency_path: task.agency_path,
          usci: task.usci,
          subject_name: task.subject_name,
          source_type: 'inspection_task',
          source_id: taskId,
          items_json: JSON.stringify(input.rectification.items),
          deadline_date: deadline.date,
          clock_id: clock.id,
          status: 'open',
          listed: 0,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .execute();
      await audit({
        action: 'rectification_order.issue',
        targetType: 'rectification_order',
        targetId: orderId,
        details: { items: input.rectification.items, deadline: deadline.date },
      });
      out.rectificationOrderId = orderId;
      out.deadline = deadline.date;
    }
    if (input.outcome === 'false_commitment') {
      const referralId = uuidv7();
      await trx
        .insertInto('enforcement_referrals')
        .values({
          id: referralId,
          agency_id: task.agency_id,
          agency_path: task.agency_path,
          usci: task.usci,
          subject_name: task.subject_name,
          source_type: 'inspection_task',
          source_id: taskId,
          reason: `告知承诺核查发现虚假承诺：${input.findings}`,
          status: 'open',
          created_at: nowIso,
        })
        .execute();
      await audit({ action: 'enforcement_referral.create', targetType: 'enforcement_referral', targetId: referralId, details: { usci: task.usci } });
      const creditId = uuidv7();
      await trx
        .insertInto('credit_events')
        .values({
          id: creditId,
          usci: task.usci,
          agency_id: task.agency_id,
          kind: 'false_commitment',
          points: input.serious ? -20 : -10,
          reason: '告知承诺核查发现虚假承诺',
          source_type: 'inspection_task',
          source_id: taskId,
          occurred_at: nowIso,
        })
        .execute();
      await audit({ action: 'credit_event.record', targetType: 'credit_event', targetId: creditId, details: { usci: task.usci, kind: 'false_commitment' } });
      out.referralId = referralId;
      out.creditEventId = creditId;
      if (input.serious && task.licence_id) {
        const licence = await trx.selectFrom('licences').selectAll().where('id', '=', task.licence_id).executeTakeFirstOrThrow();
        if (licence.status === 'valid') {
          await revokeLicenceStep(trx, ctx, audit, licence, {
            reason: `告知承诺核查发现虚假承诺，情节严重：${input.findings}`,
            legalBasis: '《中华人民共和国消防法》第十五条第三款',
            by: userId,
          });
          out.revoked = true;
        }
      }
    }
    return out;
  });
}
