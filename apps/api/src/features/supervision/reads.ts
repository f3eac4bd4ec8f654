import type { RandomPlanTable } from '../../db/schema.ts';
import { defineRead } from '../../platform/workers/read.ts';
import { replayPlan } from './draw-input.ts';
import { presentPublicResults, presentReplay } from './supervision.presenter.ts';
import { planResults } from './supervision.repository.ts';

/**
 * The supervision reads that hold a thread for long at province scale, run off the event loop on SQLite
 * (platform/workers): the replay re-runs the whole draw over the published directory (SUP-07); the
 * results list every drawn unit of a plan with its inspectors (SUP-08). Each returns the presented view,
 * so only the answer crosses between threads.
 */
export const replayPlanRead = defineRead('supervision.replayPlan', async (env, { plan }: { plan: RandomPlanTable }) =>
  presentReplay(await replayPlan(env, plan)),
);

export const planResultsRead = defineRead('supervision.planResults', async (env, { plan }: { plan: RandomPlanTable }) =>
  presentPublicResults(plan, await planResults(env.db, plan.id)),
);
