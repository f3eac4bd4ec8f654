import { createHash } from 'node:crypto';
import {
  type DrawInput,
  type DrawInspector,
  type DrawResult,
  type DrawUnit,
  type PlanRates,
  parseDrawInput,
  type RandomQuotaPolicy,
  runDraw,
  type SamplingFactorsPolicy,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { RandomPlanTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { drawStandings } from '../credit/index.ts';
import { tasksOfPlan } from '../inspections/index.ts';
import { PLAN_RATES } from './supervision.columns.ts';

/** The draw's inputs (SUP-03 … SUP-08): rates from policy, the frozen directory, replay. */
export const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

/**
 * Default rates per stratum from the region's quota and sampling factors (SUP-04): riskier and less
 * trustworthy units more often (rate = base × risk factor × credit factor, at most 1).
 */
export function ratesFromQuota(q: RandomQuotaPolicy, f: SamplingFactorsPolicy): PlanRates {
  const rates: Record<string, number> = {};
  for (const risk of ['low', 'medium', 'high'] as const) {
    for (const credit of ['A', 'B', 'C', 'D'] as const) {
      for (const key of ['key', 'general'] as const) {
        const base = key === 'key' ? q.otherKeyUnitsPerYear : q.generalUnitsPerYear;
        rates[`${risk}|${credit}|${key}`] = Math.min(1, Math.round(base * f.risk[risk] * f.credit[credit] * 1000) / 1000);
      }
    }
  }
  return {
    rates,
    defaultRate: q.generalUnitsPerYear,
    maxDrawsPerYear: q.maxDrawsPerUnitPerYear,
    minMonthsBetween: q.minMonthsBetweenDraws,
    excludeSelfCommitted: true,
    campaign: null,
  };
}

/** Everything the draw depends on, read from the directory at publication (inside its transaction). */
export async function collectDrawInput(db: Executor, plan: RandomPlanTable): Promise<DrawInput> {
  const units = await db
    .selectFrom('units')
    .select(['usci', 'risk_level', 'credit_level', 'key_unit', 'venue_kind', 'self_commitment', 'last_fire_on'])
    .where('agency_path', 'like', `${plan.agency_path}%`)
    .orderBy('usci')
    .execute();
  const history = await db
    .selectFrom('inspection_tasks')
    .innerJoin('random_plans', 'random_plans.id', 'inspection_tasks.plan_id')
    .select(['inspection_tasks.usci', 'random_plans.period_start'])
    .where('inspection_tasks.agency_path', 'like', `${plan.agency_path}%`)
    .where('inspection_tasks.purpose', '=', 'random')
    .execute();
  const drawnOn = new Map<string, string[]>();
  for (const h of history) drawnOn.set(h.usci, [...(drawnOn.get(h.usci) ?? []), h.period_start]);
  const inspected = await db
    .selectFrom('inspection_tasks')
    .select('usci')
    .where('agency_path', 'like', `${plan.agency_path}%`)
    .where('trigger_reason', '=', plan.purpose)
    .where('created_at', '>=', `${plan.period_start}T00:00:00`)
    .execute();
  const inspectedSet = new Set(inspected.map((i) => i.usci));
  const inspectors = await db
    .selectFrom('inspectors')
    .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
    .innerJoin('users', 'users.id', 'inspectors.user_id')
    .select('inspectors.user_id')
    .where('agencies.path', 'like', `${plan.agency_path}%`)
    .where('inspectors.active', '=', 1)
    .where('users.disabled', '=', 0)
    .where('inspectors.certified_until', '>=', plan.period_start)
    .orderBy('inspectors.user_id')
    .execute();
  const conflicts = await db
    .selectFrom('inspector_conflicts')
    .select(['inspector_user_id', 'usci'])
    .where('inspector_user_id', 'in', inspectors.length ? inspectors.map((i) => i.user_id) : ['-'])
    .execute();
  const byInspector = new Map<string, string[]>();
  for (const c of conflicts) byInspector.set(c.inspector_user_id, [...(byInspector.get(c.inspector_user_id) ?? []), c.usci]);
  // Credit and risk come from the credit feature (CRD-02, SUP-04): a unit with a credit standing is drawn in
  // the stratum of its current credit level; its risk is the higher of the directory's classification and
  // the risk model's (the model raises a unit, it never lowers the agency's own classification).
  const standings = await drawStandings(db, plan.agency_path);
  const RISK_ORDER = { low: 0, medium: 1, high: 2 } as const;
  const drawUnits: DrawUnit[] = units.map((u) => {
    const s = standings.get(u.usci);
    return {
      usci: u.usci,
      riskLevel: s && RISK_ORDER[s.riskLevel] > RISK_ORDER[u.risk_level] ? s.riskLevel : u.risk_level,
      creditLevel: s ? s.creditLevel : u.credit_level,
      keyUnit: u.key_unit === 1,
      venueKind: u.venue_kind,
      selfCommitment: u.self_commitment === 1,
      lastFireOn: u.last_fire_on,
      drawnOn: drawnOn.get(u.usci) ?? [],
      inspectedForPurpose: inspectedSet.has(u.usci),
    };
  });
  const drawInspectors: DrawInspector[] = inspectors.map((i) => ({ userId: i.user_id, conflicts: byInspector.get(i.user_id) ?? [] }));
  return { plan: PLAN_RATES.decode(plan.rates_json)!, drawDate: plan.period_start, units: drawUnits, inspectors: drawInspectors };
}

/**
 * The frozen input as published; refuses a file that no longer matches its published hash. The replay checks
 * the public hash (SM3, what anyone recomputes); the draw may check the file's content address instead
 * (`check: 'sha256'`): both were taken of the same bytes in publication's transaction, so either proves the
 * file unchanged, and SHA-256 runs about four times faster over a province's hundred megabytes.
 */
export async function frozenInput(
  ctx: Pick<AppContext, 'config'> | { dataDir: string },
  plan: RandomPlanTable,
  check: 'sm3' | 'sha256' = 'sm3',
): Promise<DrawInput> {
  if (!plan.inputs_sha256) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未公布');
  const bytes = await readBlob('dataDir' in ctx ? ctx.dataDir : ctx.config.dataDir, plan.inputs_sha256);
  const expected = check === 'sm3' ? plan.inputs_hash : plan.inputs_sha256;
  if (createHash(check).update(bytes).digest('hex') !== expected) throw new Error(`published draw input of plan ${plan.id} does not match its hash`);
  return parseDrawInput(bytes.toString('utf8'));
}

/**
 * Anyone re-runs a drawn plan from its published inputs and public value and compares with what was drawn.
 * Seconds of CPU over a province's directory: the route runs it as a named read (supervision/reads.ts).
 */
export async function replayPlan(env: { db: Executor; dataDir: string }, plan: RandomPlanTable): Promise<{ identical: boolean; result: DrawResult }> {
  if (plan.status !== 'drawn' || !plan.public_value) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未抽取');
  const input = await frozenInput(env, plan);
  const result = runDraw(input, plan.public_value, sm3, plan.inputs_hash!);
  const tasks = await tasksOfPlan(env.db, plan.id);
  const stored = tasks.map((t) => `${t.usci}:${JSON.stringify(t.inspectorIds)}`).sort();
  const replayed = result.drawn.map((d) => `${d.usci}:${JSON.stringify(d.inspectors)}`).sort();
  return { identical: result.seed === plan.seed && JSON.stringify(stored) === JSON.stringify(replayed), result };
}
