import { type DrawResult, runDrawOnTextPausing } from '@fep/domain';
import type { InspectionTaskTable, RandomPlanTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { yieldToLoop } from '../../../platform/workers/yield.ts';
import { INSPECTOR_IDS, insertTasks, newInspectionTask } from '../../inspections/index.ts';
import { frozenTextChecking, sm3 } from '../draw-input.ts';
import { DRAW_SUMMARY } from '../supervision.columns.ts';
import { findPlan, unitsByUsci, updatePlanIf } from '../supervision.repository.ts';

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const planState = (status: string) => new AppError('SUPERVISION.PLAN_STATE', status === 'drawn' ? '计划已抽取' : '请先公布计划及其输入，再抽取', { status });

/**
 * The draw (SUP-05): seed = SM3(public value ‖ inputs hash); tasks with two inspectors each, in one
 * transaction. The plan moves published → drawn by compare-and-set first: a plan is drawn once.
 *
 * The published file is read and drawn over before the write transaction opens — a province's file is a hundred
 * megabytes, and the store's writer would otherwise wait on that CPU work. The inputs of a published plan are frozen:
 * the transaction checks that the plan is still published with the same inputs hash before it writes anything.
 */
export async function drawPlan(deps: Deps, actor: Actor, input: { plan: RandomPlanTable; publicValue: string }) {
  if (input.plan.status !== 'published') throw planState(input.plan.status);
  return persistDraw(deps, actor, input, await drawFromFile(deps, input));
}

/**
 * The draw over the published file, checked against its hash. The file is read as text and drawn as it is read (the
 * draw keeps the units' USCIs, not their objects); its text is not held once drawn.
 */
async function drawFromFile(deps: Deps, input: { plan: RandomPlanTable; publicValue: string }): Promise<DrawResult> {
  const { text, checked } = await frozenTextChecking(deps, input.plan, 'sha256');
  // The file is drawn over in steps with a turn of the event loop between them: other requests are served meanwhile.
  const result = await runDrawOnTextPausing(text, input.publicValue, sm3, input.plan.inputs_hash!, yieldToLoop);
  await checked;
  return result;
}

function persistDraw(deps: Deps, actor: Actor, input: { plan: RandomPlanTable; publicValue: string }, result: DrawResult) {
  const id = input.plan.id;
  return transact(deps, actor, async (trx, audit) => {
    const plan = await findPlan(trx, id);
    if (!plan) throw new AppError('RESOURCE.NOT_FOUND', '抽查计划不存在或无权查看');
    if (plan.status !== 'published') throw planState(plan.status);
    if (plan.inputs_hash !== input.plan.inputs_hash) throw planState(plan.status);
    const nowIso = deps.now().toISOString();
    if (!(await updatePlanIf(trx, id, 'published', { status: 'drawn', public_value: input.publicValue, drawn_at: nowIso, updated_at: nowIso })))
      throw new AppError('SUPERVISION.PLAN_STATE', '计划已抽取');
    const units = await unitsByUsci(
      trx,
      result.drawn.map((d) => d.usci),
    );
    const task = (d: (typeof result.drawn)[number]): InspectionTaskTable => {
      const u = units.get(d.usci)!;
      return newInspectionTask(
        {
          agency_id: u.agency_id,
          agency_path: u.agency_path,
          region_code: u.region_code,
          purpose: 'random',
          usci: d.usci,
          subject_name: u.name,
          venue_address: u.address,
          status: 'assigned',
          inspector_ids_json: INSPECTOR_IDS.encode(d.inspectors),
          policy_version: plan.policy_version,
          plan_id: plan.id,
          unit_id: u.id,
          trigger_reason: plan.purpose,
        },
        nowIso,
      );
    };
    // Built and written 5,000 at a time: no stretch of a province's draw holds the event loop for long.
    for (let i = 0; i < result.drawn.length; i += 5000) await insertTasks(trx, result.drawn.slice(i, i + 5000).map(task));
    const summary = { strata: result.strata, setAside: countBy(result.setAside.map((s) => s.reason)), drawn: result.drawn.length, unstaffed: result.unstaffed };
    await updatePlanIf(trx, id, 'drawn', { seed: result.seed, summary_json: DRAW_SUMMARY.encode(summary) });
    await audit({
      action: 'random_plan.draw',
      targetType: 'random_plan',
      targetId: id,
      details: { seed: result.seed, publicValue: input.publicValue, inputsHash: result.inputsHash, drawn: result.drawn.length },
    });
    return { seed: result.seed, summary };
  });
}
