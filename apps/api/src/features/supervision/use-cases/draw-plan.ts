import { type DrawResult, drawResultText, runDrawOnBytesPausing } from '@fep/domain';
import type { RandomPlanTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { storeBlob } from '../../../platform/files/storage.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { yieldToLoop } from '../../../platform/workers/yield.ts';
import { frozenBytesChecking, sm3 } from '../draw-input.ts';
import { DRAW_TASKS_PENDING, type DrawTasksPending } from '../events.ts';
import { DRAW_SUMMARY } from '../supervision.columns.ts';
import { findPlan, updatePlanIf } from '../supervision.repository.ts';
import { writeDrawnTasks } from './write-drawn-tasks.ts';

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const planState = (status: string) => new AppError('SUPERVISION.PLAN_STATE', status === 'drawn' ? '计划已抽取' : '请先公布计划及其输入，再抽取', { status });

/**
 * The draw (SUP-05): seed = SM3(public value ‖ inputs hash); a task with two inspectors for each unit drawn. The
 * plan moves published → drawn by compare-and-set: a plan is drawn once. The result (every unit drawn and its
 * inspectors, in the order drawn) is kept as a file whose address the plan records, in the draw's transaction with
 * the seed, the summary and the first `drawTasksPerTransaction` tasks. A province's draw of a hundred thousand
 * units leaves the rest pending and announces it (DRAW_TASKS_PENDING): supervision writes them in short
 * transactions after the draw, so that the store's single writer is never held for the seconds a hundred thousand
 * tasks take and the draw answers at once. The outcome is fixed when the draw commits; the tasks follow from it.
 *
 * The published file is read and drawn over before the write transaction opens — a province's file is a hundred
 * megabytes, and the store's writer would otherwise wait on that CPU work. The inputs of a published plan are frozen:
 * the transaction checks that the plan is still published with the same inputs hash before it writes anything.
 */
export async function drawPlan(deps: Deps, actor: Actor, input: { plan: RandomPlanTable; publicValue: string }) {
  if (input.plan.status !== 'published') throw planState(input.plan.status);
  const result = await drawFromFile(deps, input);
  // The result is kept as a file before the transaction (content-addressed: a retry stores the same bytes once);
  // the transaction records its address with the plan.
  const resultSha256 = await storeBlob(deps.config.dataDir, Buffer.from(drawResultText(result), 'utf8'));
  return persistDraw(deps, actor, input, result, resultSha256);
}

/**
 * The draw over the published file, checked against its hash. The file is drawn over as bytes (`runDrawOnBytesPausing`:
 * only the drawn units' USCIs become strings), in steps with a turn of the event loop between them, so that other
 * requests are served meanwhile; the SHA-256 check runs on the thread pool at the same time.
 */
async function drawFromFile(deps: Deps, input: { plan: RandomPlanTable; publicValue: string }): Promise<DrawResult> {
  const { bytes, checked } = await frozenBytesChecking(deps, input.plan, 'sha256');
  const result = await runDrawOnBytesPausing(bytes, input.publicValue, sm3, input.plan.inputs_hash!, yieldToLoop);
  await checked;
  return result;
}

function persistDraw(deps: Deps, actor: Actor, input: { plan: RandomPlanTable; publicValue: string }, result: DrawResult, resultSha256: string) {
  const id = input.plan.id;
  return transact(deps, actor, async (trx, audit, emit) => {
    const plan = await findPlan(trx, id);
    if (!plan) throw new AppError('RESOURCE.NOT_FOUND', '抽查计划不存在或无权查看');
    if (plan.status !== 'published') throw planState(plan.status);
    if (plan.inputs_hash !== input.plan.inputs_hash) throw planState(plan.status);
    const nowIso = deps.now().toISOString();
    const summary = { strata: result.strata, setAside: countBy(result.setAside.map((s) => s.reason)), drawn: result.drawn.length, unstaffed: result.unstaffed };
    // The first tasks are written here; a province's rest follow in short transactions (writePendingDrawTasks).
    const now = result.drawn.slice(0, deps.config.drawTasksPerTransaction);
    const pending = result.drawn.length - now.length;
    const drawn: Partial<RandomPlanTable> = {
      status: 'drawn',
      public_value: input.publicValue,
      drawn_at: nowIso,
      updated_at: nowIso,
      seed: result.seed,
      summary_json: DRAW_SUMMARY.encode(summary),
      result_sha256: resultSha256,
      tasks_pending: pending,
    };
    if (!(await updatePlanIf(trx, id, 'published', drawn))) throw new AppError('SUPERVISION.PLAN_STATE', '计划已抽取');
    await writeDrawnTasks(trx, { ...plan, ...drawn }, now, nowIso);
    await audit({
      action: 'random_plan.draw',
      targetType: 'random_plan',
      targetId: id,
      details: {
        seed: result.seed,
        publicValue: input.publicValue,
        inputsHash: result.inputsHash,
        drawn: result.drawn.length,
        result: resultSha256,
        tasksPending: pending,
      },
    });
    if (pending > 0) {
      const payload: DrawTasksPending = { planId: id, pending };
      emit({ type: DRAW_TASKS_PENDING, targetType: 'random_plan', targetId: id, agencyId: plan.agency_id, payload: { ...payload } });
    }
    return { seed: result.seed, summary, tasksPending: pending };
  });
}
