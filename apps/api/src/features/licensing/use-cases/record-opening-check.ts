import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { CHECKLIST, type ChecklistEntry, checkChecklist, updateTaskIf } from '../../inspections/index.ts';
import { clockStep, startApplicationClock, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { assertAssignedInspector } from '../licensing.access.ts';
import { PENDING } from '../licensing.columns.ts';
import { basisOf } from '../licensing.policy.ts';

/** LIC-04: the assigned inspectors record the on-site check; the check clock stops and the decision clock starts. */
export async function recordOpeningCheck(
  deps: LicensingDeps,
  actor: Actor,
  input: { id: string; checklist: ChecklistEntry[]; findings: string; documentsVerifiedOnSite?: boolean },
) {
  const repo = applicationsOf(deps);
  const { id } = input;
  const row = await repo.load(deps, actor, id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    const current = await repo.reload(trx, id);
    const task = await repo.openingCheck(trx, id);
    if (!task) throw new AppError('LICENSING.ILLEGAL_TRANSITION', '尚未指派检查人员');
    assertAssignedInspector(actor, task);
    const checklist = checkChecklist(task, input.checklist);
    const owed = PENDING.decode(current.pending_json) ?? [];
    if (owed.length && policy.pending.supplyBy === 'onsite_check' && !input.documentsVerifiedOnSite) {
      throw new AppError('LICENSING.DOCUMENTS_OWED', '容缺材料应在现场检查时补齐：请核验后勾选“容缺材料已现场核验”', { owed });
    }
    const status = transition(current, 'record_inspection', { legalReviewRequired: policy.approval.legalReviewRequired });
    const nowIso = deps.now().toISOString();
    const pending = input.documentsVerifiedOnSite ? [] : owed;
    // Compare-and-set first (the application's version), then the task's state: one record, one decision clock.
    const claimed = await repo.update(trx, current, { status, pending_json: PENDING.encode(pending) }, nowIso);
    const passed = checklist.every((c) => c.passed);
    const done = await updateTaskIf(trx, task, ['assigned'], {
      checklist_json: CHECKLIST.encode(checklist),
      result: passed ? 'pass' : 'fail',
      findings: input.findings,
      status: 'done',
      completed_at: nowIso,
      updated_at: nowIso,
    });
    if (!done) throw new AppError('LICENSING.TASK_NOT_OPEN', '该检查任务已办结');
    await clockStep(s, current.clock_id, 'stop', '现场检查完毕');
    const clock = await startApplicationClock(s, current, {
      title: '营业前消防安全检查・许可决定时限',
      amount: policy.inspection.decisionWorkingDays,
      legalBasis: basisOf(policy, 'licensing.inspection', 'decisionWorkingDays'),
      policyVersion: policy.versions['licensing.inspection'] ?? null,
    });
    const next = { ...claimed, clock_id: clock.id };
    await trx.updateTable('applications').set({ clock_id: clock.id }).where('id', '=', id).where('version', '=', claimed.version).execute();
    await audit({
      action: 'inspection_task.record',
      targetType: 'inspection_task',
      targetId: task.id,
      before: task,
      after: done,
      policyVersion: task.policy_version,
    });
    await audit({
      action: 'application.inspected',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { result: done.result },
      policyVersion: policy.versions['licensing.approval'] ?? null,
    });
    return next;
  });
}
