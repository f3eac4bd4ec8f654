import type { RandomPlanTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { freezeDrawInput } from '../draw-input.ts';
import { findPlan, planWritingTasksOver, updatePlanIf } from '../supervision.repository.ts';

/**
 * Publication freezes the inputs (SUP-08): their hash and the file itself are public before the public
 * value exists. The plan moves draft → published by compare-and-set first, so parallel publications
 * wait for the first and answer 409; the inputs are read inside the same transaction.
 */
export async function publishPlan(deps: Deps, actor: Actor, input: { plan: RandomPlanTable; publicValueSource: string }) {
  const id = input.plan.id;
  return transact(deps, actor, async (trx, audit) => {
    const plan = await findPlan(trx, id);
    if (!plan) throw new AppError('RESOURCE.NOT_FOUND', '抽查计划不存在或无权查看');
    if (plan.status !== 'draft') throw new AppError('SUPERVISION.PLAN_STATE', '计划已公布，不能再次公布', { status: plan.status });
    // The file freezes each unit's draw history (SUP-05 caps) and its inspections for the purpose (SUP-07) from the
    // inspection tasks: while a draw of the same area still writes its tasks, that history is incomplete.
    const writing = await planWritingTasksOver(trx, plan.agency_path);
    if (writing)
      throw new AppError(
        'SUPERVISION.DRAW_TASKS_PENDING',
        `抽查计划“${writing.title}”的检查任务尚在生成（还有 ${writing.tasks_pending} 家），请稍后再公布本计划`,
        {
          planId: writing.id,
          pending: writing.tasks_pending,
        },
      );
    const nowIso = deps.now().toISOString();
    if (
      !(await updatePlanIf(trx, id, 'draft', { status: 'published', public_value_source: input.publicValueSource, published_at: nowIso, updated_at: nowIso }))
    )
      throw new AppError('SUPERVISION.PLAN_STATE', '计划已公布，不能再次公布');
    // The published file and its hashes, written page by page (a province's directory is never held whole).
    const frozen = await freezeDrawInput(trx, deps.config.dataDir, plan);
    const inputsHash = frozen.inputsHash;
    const sha = frozen.sha256;
    await updatePlanIf(trx, id, 'published', { inputs_hash: inputsHash, inputs_sha256: sha });
    await audit({
      action: 'random_plan.publish',
      targetType: 'random_plan',
      targetId: id,
      details: { inputsHash, units: frozen.units, inspectors: frozen.inspectors, publicValueSource: input.publicValueSource },
    });
    return {
      ...plan,
      status: 'published' as const,
      inputs_hash: inputsHash,
      inputs_sha256: sha,
      public_value_source: input.publicValueSource,
      published_at: nowIso,
      updated_at: nowIso,
    };
  });
}
