import { LicenceTransitionError, nextVerificationTaskStatus, type VerificationTaskStatus } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { findTask, loadTask } from '../../inspections/index.ts';
import type { LicensingDeps } from '../applications.repository.ts';
import { type AssignInput, assignInspection } from '../inspection-assignment.ts';

/** LIC-03: assigns the verification task of a commitment-path permit. */
export async function assignTask(deps: LicensingDeps, actor: Actor, input: { id: string } & AssignInput) {
  await loadTask(deps, actor, deps.database.db, input.id);
  return transact(deps, actor, async (trx, audit) => {
    const task = await findTask(trx, input.id);
    if (!task) throw new AppError('RESOURCE.NOT_FOUND', '检查任务不存在或无权查看');
    try {
      nextVerificationTaskStatus(task.status as VerificationTaskStatus, 'assign');
    } catch (e) {
      if (e instanceof LicenceTransitionError) throw new AppError('LICENSING.TASK_NOT_OPEN', '该检查任务已办结');
      throw e;
    }
    const assigned = await assignInspection(trx, deps, task, input);
    await audit({ action: 'inspection_task.assign', targetType: 'inspection_task', targetId: task.id, before: task, after: assigned });
    return assigned;
  });
}
