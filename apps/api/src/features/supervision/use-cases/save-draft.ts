import { type JsonDocument, sameJson } from '../../../db/json.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import { DRAFT } from '../../inspections/index.ts';
import { assertInspector, taskInScope } from '../supervision.access.ts';
import { type SupervisionDeps, storeOf } from '../supervision.repository.ts';
import { taskStep } from '../transitions.ts';

class Unchanged extends Error {}

/**
 * Drafts live on the server too, so an inspector's work survives a reload or a lost phone signal. Saving
 * the draft already stored changes nothing and records nothing (the field app saves every few seconds):
 * of identical saves sent at once one is written, the others find it stored.
 */
export async function saveDraft(deps: SupervisionDeps, actor: Actor, input: { taskId: string; draft: unknown }) {
  const store = storeOf(deps);
  const id = input.taskId;
  const draftJson = DRAFT.encode((input.draft ?? null) as JsonDocument);
  try {
    return await transact(deps, actor, async (trx, audit) => {
      const task = taskInScope(actor, id, await store.findTask(trx, id));
      assertInspector(actor, task);
      taskStep(task.status, 'save_draft', '任务已完成，不能再保存草稿');
      if (sameJson(task.draft_json, draftJson)) throw new Unchanged();
      const written = await store.updateTaskIf(
        trx,
        task,
        ['assigned'],
        { draft_json: draftJson, updated_at: deps.now().toISOString() },
        { draftDiffersFrom: draftJson },
      );
      if (!written) {
        const now = await store.findTask(trx, id);
        if (now?.status === 'assigned' && sameJson(now.draft_json, draftJson)) throw new Unchanged();
        throw new AppError('SUPERVISION.TASK_STATE', '任务已完成，不能再保存草稿', { status: now?.status });
      }
      await audit({ action: 'inspection_task.draft', targetType: 'inspection_task', targetId: id });
      return { saved: true };
    });
  } catch (e) {
    if (e instanceof Unchanged) return { saved: true };
    throw e;
  }
}
