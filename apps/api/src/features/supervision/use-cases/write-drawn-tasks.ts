import { type DrawnUnit, parseDrawResult } from '@fep/domain';
import type { Executor } from '../../../db/database.ts';
import type { InspectionTaskTable, RandomPlanTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { readBlobChecked } from '../../../platform/files/storage.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { yieldToLoop } from '../../../platform/workers/yield.ts';
import { INSPECTOR_IDS, insertTasks, newInspectionTask } from '../../inspections/index.ts';
import { findPlan, unitsByUsci, updateTasksPendingIf } from '../supervision.repository.ts';

/**
 * Writes the inspection tasks of drawn units (SUP-05): one task per unit, assigned to its two drawn inspectors, with
 * the unit's name, address and agency as the directory holds them now. Used by the draw's transaction for its first
 * tasks and by `writePendingDrawTasks` for the rest, so both write the same rows.
 */
export async function writeDrawnTasks(trx: Executor, plan: RandomPlanTable, drawn: readonly DrawnUnit[], nowIso: string): Promise<void> {
  if (drawn.length === 0) return;
  const units = await unitsByUsci(
    trx,
    drawn.map((d) => d.usci),
  );
  const task = (d: DrawnUnit): InspectionTaskTable => {
    const u = units.get(d.usci);
    // The file was frozen from the directory and units are never deleted from it; a missing one is a fault to retry.
    if (!u) throw new Error(`drawn unit ${d.usci} of plan ${plan.id} is not in the directory`);
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
  // Built and written 5,000 at a time: no stretch of a province's tasks holds the event loop for long.
  for (let i = 0; i < drawn.length; i += 5000) await insertTasks(trx, drawn.slice(i, i + 5000).map(task));
}

/** Another writer moved the plan's pending count first: it writes these tasks, this one stops. */
class TasksTaken extends Error {}

/**
 * Writes the inspection tasks a draw left pending, `drawTasksPerTransaction` units per transaction, in the order
 * drawn, from the result file kept with the plan. Each transaction moves the plan's pending count by
 * compare-and-set before it writes: of two writers (a redelivered event beside a slow first delivery, two
 * processes), each unit's task is written once. Stops when nothing is pending; resumes where the count says after
 * a crash. Returns how many tasks this call wrote.
 */
export async function writePendingDrawTasks(deps: Deps, actor: Actor, input: { planId: string }): Promise<{ written: number }> {
  const { db } = deps.database;
  const first = await findPlan(db, input.planId);
  if (first?.status !== 'drawn' || first.tasks_pending === 0) return { written: 0 };
  if (!first.result_sha256) throw new Error(`plan ${first.id} has tasks pending and no draw result`);
  const { drawn } = parseDrawResult((await readBlobChecked(deps.config.dataDir, first.result_sha256)).toString('utf8'));
  const per = deps.config.drawTasksPerTransaction;
  let written = 0;
  for (;;) {
    try {
      const n = await transact(deps, actor, async (trx, audit) => {
        const plan = await findPlan(trx, input.planId);
        if (!plan || plan.tasks_pending === 0) throw new TasksTaken();
        const from = drawn.length - plan.tasks_pending;
        if (from < 0) throw new AppError('SUPERVISION.PLAN_STATE', '抽取结果与待生成任务数不符', { pending: plan.tasks_pending });
        const chunk = drawn.slice(from, from + per);
        if (!(await updateTasksPendingIf(trx, plan.id, plan.tasks_pending, plan.tasks_pending - chunk.length))) throw new TasksTaken();
        await writeDrawnTasks(trx, plan, chunk, deps.now().toISOString());
        await audit({
          action: 'random_plan.write_tasks',
          targetType: 'random_plan',
          targetId: plan.id,
          details: { from, written: chunk.length, pending: plan.tasks_pending - chunk.length },
        });
        return chunk.length;
      });
      written += n;
    } catch (err) {
      if (err instanceof TasksTaken) return { written };
      throw err;
    }
    await yieldToLoop();
  }
}
