import { createHash } from 'node:crypto';
import { drawInputLines } from '@fep/domain';
import type { RandomPlanTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { storeBlob } from '../../../platform/files/storage.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { collectDrawInput } from '../draw-input.ts';
import { findPlan, updatePlanIf } from '../supervision.repository.ts';

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
    const nowIso = deps.now().toISOString();
    if (
      !(await updatePlanIf(trx, id, 'draft', { status: 'published', public_value_source: input.publicValueSource, published_at: nowIso, updated_at: nowIso }))
    )
      throw new AppError('SUPERVISION.PLAN_STATE', '计划已公布，不能再次公布');
    const drawInput = await collectDrawInput(trx, plan);
    if (drawInput.inspectors.length < 2) throw new AppError('SUPERVISION.PLAN_STATE', '辖区持证检查人员不足两名，不能公布计划');
    // The published file and its hash, line by line (a province's directory never becomes one JSON value).
    const h = createHash('sm3');
    const chunks: Buffer[] = [];
    for (const line of drawInputLines(drawInput, true)) {
      const b = Buffer.from(line, 'utf8');
      h.update(b);
      chunks.push(b);
    }
    const inputsHash = h.digest('hex');
    const sha = await storeBlob(deps.config.dataDir, Buffer.concat(chunks));
    await updatePlanIf(trx, id, 'published', { inputs_hash: inputsHash, inputs_sha256: sha });
    await audit({
      action: 'random_plan.publish',
      targetType: 'random_plan',
      targetId: id,
      details: { inputsHash, units: drawInput.units.length, inspectors: drawInput.inspectors.length, publicValueSource: input.publicValueSource },
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
