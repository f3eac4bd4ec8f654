import type { CommitmentVerificationView } from '@fep/contracts';
import { LicenceTransitionError, nextVerificationTaskStatus, type VerificationOutcome, type VerificationTaskStatus } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { FALSE_COMMITMENT_FOUND, type FalseCommitmentFound } from '../../enforcement/index.ts';
import { CHECKLIST, type ChecklistEntry, checkChecklist, findTask, loadTask, updateTaskIf } from '../../inspections/index.ts';
import { issueOrder } from '../../supervision/index.ts';
import { clockStep } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { revokeLicenceStep } from '../licence-steps.ts';
import { findLicence } from '../licences.repository.ts';
import { assertAssignedInspector } from '../licensing.access.ts';

/**
 * LIC-03: the post-issue verification of a commitment (告知承诺制, 消防法 art. 15 para. 3). Confirmed; or a
 * numbered, sealed rectification order with its deadline on the working-day calendar (issued by
 * supervision); or a false commitment: the finding is published as a domain event (enforcement opens the
 * referral, credit records the deduction) and, when serious, the permit is revoked with public notice in
 * the same transaction. The task's state is a compare-and-set: one outcome, one order.
 */
export interface VerificationInput {
  outcome: VerificationOutcome;
  checklist: ChecklistEntry[];
  findings: string;
  rectification?: { items: string[]; deadlineWorkingDays: number };
  serious?: boolean;
}

export async function verifyCommitment(deps: LicensingDeps, actor: Actor, input: { taskId: string } & VerificationInput) {
  const { taskId } = input;
  const seen = await loadTask(deps, actor, deps.database.db, taskId);
  if (seen.purpose !== 'commitment_verification') throw new AppError('LICENSING.TASK_NOT_OPEN', '该任务不是告知承诺核查任务');
  if (input.outcome === 'rectification' && !input.rectification?.items.length) {
    throw new AppError('REQUEST.VALIDATION', '责令整改须列明整改事项和期限', { field: 'rectification' });
  }
  const userId = userIdOf(actor);
  const repo = applicationsOf(deps);
  return transact(deps, actor, async (trx, audit, emit) => {
    const task = (await findTask(trx, taskId))!;
    try {
      nextVerificationTaskStatus(task.status as VerificationTaskStatus, 'record');
    } catch (e) {
      if (e instanceof LicenceTransitionError)
        throw new AppError('LICENSING.TASK_NOT_OPEN', task.status === 'unassigned' ? '该核查任务尚未指派' : '该核查任务已办结');
      throw e;
    }
    assertAssignedInspector(actor, task);
    const checklist = checkChecklist(task, input.checklist);
    const nowIso = deps.now().toISOString();
    const done = await updateTaskIf(trx, task, ['assigned'], {
      checklist_json: CHECKLIST.encode(checklist),
      result: input.outcome,
      findings: input.findings,
      status: 'done',
      completed_at: nowIso,
      updated_at: nowIso,
    });
    if (!done) throw new AppError('LICENSING.TASK_NOT_OPEN', '该核查任务已办结');
    await clockStep({ repo, trx, deps, audit, emit, actorUserId: userId }, task.clock_id, 'stop', '核查完毕');
    await audit({
      action: 'inspection_task.verify',
      targetType: 'inspection_task',
      targetId: taskId,
      before: task,
      after: done,
      details: { outcome: input.outcome },
      policyVersion: task.policy_version,
    });
    const out: CommitmentVerificationView = { outcome: input.outcome };
    if (input.outcome === 'rectification' && input.rectification) {
      const agency = await trx.selectFrom('agencies').select('name').where('id', '=', task.agency_id).executeTakeFirstOrThrow();
      const order = await issueOrder(
        trx,
        deps,
        task,
        input.rectification.items.map((description) => ({ description, major: false, photoIds: [] })),
        { deadlineWorkingDays: input.rectification.deadlineWorkingDays, guidance: input.findings },
        agency.name,
        emit,
      );
      await audit({ action: 'rectification_order.issue', targetType: 'rectification_order', targetId: order.id, after: order });
      if (order.clock_id) await audit({ action: 'clock.create', targetType: 'clock', targetId: order.clock_id, details: { order: order.id } });
      out.rectificationOrderId = order.id;
      out.rectificationOrderNumber = order.number;
      out.deadline = order.deadline_date;
    }
    if (input.outcome === 'false_commitment') {
      const payload: FalseCommitmentFound = {
        taskId,
        licenceId: task.licence_id,
        applicationId: task.application_id,
        agencyId: task.agency_id,
        agencyPath: task.agency_path,
        usci: task.usci,
        subjectName: task.subject_name,
        findings: input.findings,
        serious: input.serious === true,
      };
      emit({ type: FALSE_COMMITMENT_FOUND, targetType: 'inspection_task', targetId: taskId, agencyId: task.agency_id, payload: { ...payload } });
      if (input.serious && task.licence_id) {
        const licence = await findLicence(trx, task.licence_id);
        if (licence?.status === 'valid') {
          out.revoked = await revokeLicenceStep(trx, deps, audit, licence, {
            reason: `告知承诺核查发现虚假承诺，情节严重：${input.findings}`,
            legalBasis: '《中华人民共和国消防法》第十五条第三款',
            by: userId,
          });
        }
      }
    }
    return out;
  });
}
