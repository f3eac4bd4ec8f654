import { PublicPlanResultsView } from '@fep/contracts';
import fastJson from 'fast-json-stringify';
import type { RandomPlanTable } from '../../db/schema.ts';
import { defineRead } from '../../platform/workers/read.ts';
import { replayPlan } from './draw-input.ts';
import { presentPublicResults, presentReplay } from './supervision.presenter.ts';
import { planResults } from './supervision.repository.ts';

/**
 * The supervision reads that hold a thread for long at province scale, run off the event loop on SQLite
 * (platform/workers): the replay re-runs the whole draw over the published directory (SUP-07); the
 * results list every drawn unit of a plan with its inspectors (SUP-08). Each returns the presented view,
 * so only the answer crosses between threads; the results — hundreds of thousands of rows for a
 * province — as the JSON text the route would send, serialized in the worker with the route's own
 * response schema and serializer (fast-json-stringify, as Fastify does), so the main thread only writes it out.
 */
export const replayPlanRead = defineRead('supervision.replayPlan', async (env, { plan }: { plan: RandomPlanTable }) =>
  presentReplay(await replayPlan(env, plan)),
);

const resultsJson = fastJson(PublicPlanResultsView as never);
export const planResultsRead = defineRead('supervision.planResults', async (env, { plan }: { plan: RandomPlanTable }) =>
  resultsJson(presentPublicResults(plan, await planResults(env.db, plan.id))),
);
