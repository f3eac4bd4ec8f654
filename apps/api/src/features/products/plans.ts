import { createHash } from 'node:crypto';
import type { ProductDrawReplayView, ProductPlanCreateBody, ProductPlanView, PublicProductCheck } from '@fep/contracts';
import {
  type CandidateRow,
  canonical,
  chinaDateOf,
  type DrawInput,
  drawInputLines,
  inScope,
  PRODUCT_CATEGORY_CODES,
  parseDrawInput,
  rateForCount,
  runDraw,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ProductCheckPlan, ProductCheckSample } from '../../db/schema/products.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { unitByUsci } from '../units/index.ts';
import { presentPlan, presentPublic } from './presenter.ts';
import { CANDIDATES, CATEGORIES, FINDINGS } from './products.columns.ts';

export const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

/**
 * The draw input of a product plan in the units draw's format (packages/domain/src/supervision/draw.ts): every
 * candidate a unit of one stratum, the rate chosen so that round(N × rate) is the count to draw; no inspectors
 * (the holders are drawn; who checks is assigned with market regulation), so the drawn holders are the
 * draw's `unstaffed` list in the order drawn.
 */
export function productDrawInput(candidates: CandidateRow[], sampleCount: number, drawDate: string): DrawInput {
  return {
    plan: {
      rates: {},
      defaultRate: rateForCount(sampleCount, candidates.length),
      maxDrawsPerYear: 12,
      minMonthsBetween: 0,
      excludeSelfCommitted: false,
      campaign: null,
    },
    drawDate,
    units: candidates.map((c) => ({
      usci: c.usci,
      riskLevel: 'low',
      creditLevel: 'A',
      keyUnit: false,
      venueKind: null,
      selfCommitment: false,
      lastFireOn: null,
      drawnOn: [],
      inspectedForPurpose: false,
    })),
    inspectors: [],
  };
}

const drawnOf = (r: ReturnType<typeof runDraw>) => [...r.drawn.map((d) => d.usci), ...r.unstaffed];

/**
 * A plan is created published (MKT-02): its scope, its candidates (product-holding units or places) and the
 * source of the public value are frozen into the draw input, whose text and SM3 are public before the value is.
 * In the use field a candidate on the unit register with a public gathering venue kind is a crowded place
 * whatever was ticked.
 */
export async function createProductPlan(deps: Deps, actor: Actor, input: ProductPlanCreateBody): Promise<ProductPlanView> {
  return transact(deps, actor, async (trx, audit) => {
    if (actor.kind !== 'staff' || !actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以制定抽查计划');
    const unknown = input.categoryCodes.filter((c) => !(PRODUCT_CATEGORY_CODES as string[]).includes(c));
    if (unknown.length) throw new AppError('REQUEST.INVALID', '产品类别不在目录中', { unknown });
    const seen = new Set<string>();
    for (const c of input.candidates) {
      if (seen.has(c.usci)) throw new AppError('REQUEST.INVALID', '候选单位重复', { usci: c.usci });
      seen.add(c.usci);
    }
    const agency = (await agencyById(trx, actor.agencyId))!;
    const candidates: CandidateRow[] = [];
    for (const c of [...input.candidates].sort((a, b) => (a.usci < b.usci ? -1 : 1))) {
      const unit = input.field === 'use' ? await unitByUsci(trx, c.usci, null) : undefined;
      candidates.push({ usci: c.usci, name: unit?.name ?? c.name, crowdedPlace: c.crowdedPlace || Boolean(unit?.venue_kind) });
    }
    const nowIso = deps.now().toISOString();
    const drawInput = productDrawInput(candidates, input.sampleCount, chinaDateOf(deps.now()));
    const inputsText = [...drawInputLines(drawInput, true)].join('');
    const row: ProductCheckPlan = {
      id: uuidv7(deps.now().getTime()),
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      title: input.title,
      field: input.field,
      categories_json: CATEGORIES.encode(input.categoryCodes),
      sample_count: input.sampleCount,
      candidates_json: CANDIDATES.encode(candidates),
      status: 'published',
      public_value_source: input.publicValueSource,
      inputs_text: inputsText,
      inputs_hash: sm3(inputsText),
      public_value: null,
      seed: null,
      created_by: actor.userId ?? null,
      published_at: nowIso,
      drawn_at: null,
      version: 0,
    };
    await trx.insertInto('product_check_plans').values(row).execute();
    await audit({
      action: 'product_check_plan.publish',
      targetType: 'product_check_plan',
      targetId: row.id,
      details: { inputsHash: row.inputs_hash, candidates: candidates.length, sampleCount: row.sample_count, publicValueSource: row.public_value_source },
    });
    return presentPlan(row, [], []);
  });
}

async function planInScope(db: Executor, actor: Actor, id: string): Promise<ProductCheckPlan> {
  const p = await db.selectFrom('product_check_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('消防产品抽查计划');
  if (!inScope(actor.scope, { agencyPath: p.agency_path })) throw outOfScope('消防产品抽查计划', { type: 'product_check_plan', id });
  return p;
}

/**
 * The draw (MKT-02): the public value announced in advance is entered; seed = SM3(public value ‖ inputs hash) and
 * the units draw picks the holders. The plan moves published → drawn by compare-and-set first: drawn once.
 */
export async function drawProductPlan(deps: Deps, actor: Actor, id: string, publicValue: string): Promise<ProductPlanView> {
  return transact(deps, actor, async (trx, audit) => {
    const plan = await planInScope(trx, actor, id);
    if (plan.status !== 'published') throw new AppError('PRODUCTS.PLAN_STATE', '计划已抽取', { status: plan.status });
    const result = runDraw(parseDrawInput(plan.inputs_text), publicValue, sm3, plan.inputs_hash);
    const nowIso = deps.now().toISOString();
    const r = await trx
      .updateTable('product_check_plans')
      .set({ status: 'drawn', public_value: publicValue, seed: result.seed, drawn_at: nowIso, version: plan.version + 1 })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('version', '=', plan.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('PRODUCTS.PLAN_STATE', '计划已抽取');
    const byUsci = new Map(CANDIDATES.decode(plan.candidates_json)!.map((c) => [c.usci, c]));
    const samples: ProductCheckSample[] = drawnOf(result).map((usci, i) => ({
      id: uuidv7(deps.now().getTime() + i),
      plan_id: id,
      agency_id: plan.agency_id,
      agency_path: plan.agency_path,
      usci,
      holder_name: byUsci.get(usci)!.name,
      crowded_place: byUsci.get(usci)!.crowdedPlace ? 1 : 0,
      status: 'pending',
      category_code: null,
      product_name: null,
      model: null,
      manufacturer: null,
      certificate_no: null,
      findings_json: FINDINGS.encode([]),
      findings_note: null,
      result_by: null,
      result_at: null,
      version: 0,
      created_at: nowIso,
    }));
    if (samples.length) await trx.insertInto('product_check_samples').values(samples).execute();
    await audit({
      action: 'product_check_plan.draw',
      targetType: 'product_check_plan',
      targetId: id,
      details: { seed: result.seed, publicValue, inputsHash: plan.inputs_hash, drawn: samples.map((s) => s.usci) },
    });
    return presentPlan({ ...plan, status: 'drawn', public_value: publicValue, seed: result.seed, drawn_at: nowIso, version: plan.version + 1 }, samples, []);
  });
}

async function samplesAndReferrals(db: Executor, planIds: string[]) {
  if (!planIds.length) return { samples: [], referrals: [] };
  const samples = await db.selectFrom('product_check_samples').selectAll().where('plan_id', 'in', planIds).orderBy('usci').execute();
  const referrals = await db.selectFrom('product_market_referrals').selectAll().where('plan_id', 'in', planIds).execute();
  return { samples, referrals };
}

export async function listProductPlans(db: Executor, actor: Actor): Promise<{ items: ProductPlanView[] }> {
  const plans = await db
    .selectFrom('product_check_plans')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'product_check_plans.agency_path' }))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const { samples, referrals } = await samplesAndReferrals(
    db,
    plans.map((p) => p.id),
  );
  return {
    items: plans.map((p) =>
      presentPlan(
        p,
        samples.filter((s) => s.plan_id === p.id),
        referrals,
      ),
    ),
  };
}

export async function productPlan(db: Executor, actor: Actor, id: string): Promise<ProductPlanView> {
  const p = await planInScope(db, actor, id);
  const { samples, referrals } = await samplesAndReferrals(db, [id]);
  return presentPlan(p, samples, referrals);
}

/** The public page (MKT-02): every plan with its draw's inputs hash, public value, seed and results; a region's or all. */
export async function publicProductChecks(db: Executor, agencyPath: string | null): Promise<{ items: PublicProductCheck[] }> {
  let q = db
    .selectFrom('product_check_plans')
    .innerJoin('agencies', 'agencies.id', 'product_check_plans.agency_id')
    .selectAll('product_check_plans')
    .select('agencies.name as agency_name');
  if (agencyPath) q = q.where('product_check_plans.agency_path', 'like', `${agencyPath}%`);
  const plans = await q.orderBy('product_check_plans.published_at', 'desc').orderBy('product_check_plans.id', 'desc').limit(100).execute();
  const { samples } = await samplesAndReferrals(
    db,
    plans.map((p) => p.id),
  );
  return {
    items: plans.map((p) =>
      presentPublic(
        p,
        samples.filter((s) => s.plan_id === p.id),
      ),
    ),
  };
}

export async function publishedPlanInputs(db: Executor, id: string): Promise<string> {
  const p = await db.selectFrom('product_check_plans').select('inputs_text').where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('消防产品抽查计划');
  return p.inputs_text;
}

/** Anyone re-runs the draw from the published text and public value and compares it with the recorded samples. */
export async function replayProductDraw(db: Executor, id: string): Promise<ProductDrawReplayView> {
  const p = await db.selectFrom('product_check_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('消防产品抽查计划');
  if (p.status !== 'drawn' || p.public_value === null || p.seed === null) throw new AppError('PRODUCTS.PLAN_STATE', '计划尚未抽取，暂无可复核的抽取结果');
  const recomputedInputsHash = sm3(p.inputs_text);
  const result = runDraw(parseDrawInput(p.inputs_text), p.public_value, sm3, recomputedInputsHash);
  const drawn = (await db.selectFrom('product_check_samples').select('usci').where('plan_id', '=', id).execute()).map((s) => s.usci).sort();
  const recomputedDrawn = drawnOf(result).sort();
  return {
    inputsHash: p.inputs_hash,
    recomputedInputsHash,
    seed: p.seed,
    recomputedSeed: result.seed,
    drawn,
    recomputedDrawn,
    matches: recomputedInputsHash === p.inputs_hash && result.seed === p.seed && canonical(drawn) === canonical(recomputedDrawn),
  };
}
