import { chinaDateOf, type InspectionItemsPolicy, type RandomQuotaPolicy, type SamplingFactorsPolicy } from '@fep/domain';
import type { RandomPlanTable } from '../../../db/schema.ts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { ratesFromQuota } from '../draw-input.ts';
import { PLAN_ITEMS, PLAN_RATES } from '../supervision.columns.ts';
import { insertPlan } from '../supervision.repository.ts';

export interface NewPlan {
  title: string;
  purpose: string;
  periodStart: string;
  periodEnd: string;
  rates?: Record<string, number>;
  defaultRate?: number;
  campaign?: { venueKinds: string[]; rate: number } | null;
  excludeSelfCommitted?: boolean;
}

/** A random inspection plan (SUP-03, SUP-04) with rates from the region's quota and sampling factors, adjustable. */
export async function createPlan(deps: Deps, actor: Actor, input: NewPlan): Promise<RandomPlanTable> {
  return transact(deps, actor, async (trx, audit) => {
    const agency = actor.agencyId ? await agencyById(trx, actor.agencyId) : undefined;
    if (!agency || actor.kind !== 'staff') throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以制定抽查计划');
    if (input.periodEnd < input.periodStart) throw new AppError('REQUEST.VALIDATION', '计划结束日期不能早于开始日期', { field: 'periodEnd' });
    const at = chinaDateOf(deps.now());
    const [quota, factors, items] = await resolveForAgency(trx, agency, at, [
      'supervision.random_quota',
      'supervision.sampling_factors',
      'supervision.inspection_items',
    ]);
    const rates = ratesFromQuota(quota!.values as RandomQuotaPolicy, factors!.values as SamplingFactorsPolicy);
    if (input.rates) Object.assign(rates.rates, input.rates);
    if (input.defaultRate !== undefined) rates.defaultRate = input.defaultRate;
    rates.campaign = input.campaign ?? null;
    if (input.excludeSelfCommitted === false) rates.excludeSelfCommitted = false;
    const nowIso = deps.now().toISOString();
    const row: RandomPlanTable = {
      id: uuidv7(deps.now().getTime()),
      agency_id: agency.id,
      agency_path: agency.path,
      title: input.title,
      purpose: input.purpose,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      rates_json: PLAN_RATES.encode(rates),
      items_json: PLAN_ITEMS.encode((items!.values as InspectionItemsPolicy).items),
      status: 'draft',
      inputs_hash: null,
      inputs_sha256: null,
      public_value_source: null,
      public_value: null,
      seed: null,
      summary_json: null,
      result_sha256: null,
      tasks_pending: 0,
      policy_version: `${quota!.versionKey} ${factors!.versionKey} ${items!.versionKey}`,
      created_by: userIdOf(actor),
      published_at: null,
      drawn_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await insertPlan(trx, row);
    await audit({ action: 'random_plan.create', targetType: 'random_plan', targetId: row.id, after: row, policyVersion: row.policy_version });
    return row;
  });
}
