import { createHash } from 'node:crypto';
import {
  chinaDateOf,
  type DrawInput,
  type DrawInspector,
  type DrawResult,
  type DrawUnit,
  drawInputLines,
  type InspectionItemsPolicy,
  type PlanRates,
  parseDrawInput,
  type RandomQuotaPolicy,
  runDraw,
} from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable, RandomPlanTable } from '../../db/schema.ts';
import { mutate } from '../../platform/audit/mutate.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readBlob, storeBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';

/**
 * Random inspection plans (SUP-03 … SUP-08): create with rates from policy, publish (the inputs are frozen,
 * hashed and published before the draw), draw with a public value announced in advance, replay.
 */
export const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

export async function loadPlan(req: FastifyRequest, db: Executor, id: string): Promise<RandomPlanTable> {
  return readInScope(req.server.ctx, actorOf(req), { type: 'random_plan', id, what: '抽查计划' }, (scoped) => {
    let q = db.selectFrom('random_plans').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'random_plans.agency_path' }));
    return q.executeTakeFirst();
  });
}

/** Default rates per stratum from the region's quota (SUP-04): riskier and less trustworthy units more often. */
export function ratesFromQuota(q: RandomQuotaPolicy): PlanRates {
  const rates: Record<string, number> = {};
  for (const risk of ['low', 'medium', 'high'] as const) {
    for (const credit of ['A', 'B', 'C', 'D'] as const) {
      for (const key of ['key', 'general'] as const) {
        const base = key === 'key' ? q.otherKeyUnitsPerYear : q.generalUnitsPerYear;
        const factor = (risk === 'high' ? 1.5 : risk === 'low' ? 0.75 : 1) * (credit === 'A' ? 0.75 : credit === 'B' ? 1 : credit === 'C' ? 1.5 : 2);
        rates[`${risk}|${credit}|${key}`] = Math.min(1, Math.round(base * factor * 1000) / 1000);
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

export async function createPlan(req: FastifyRequest, input: NewPlan) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const u = req.auth!.user;
  const agency = u.agencyId ? await agencyById(db, u.agencyId) : undefined;
  if (!agency) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以制定抽查计划');
  if (input.periodEnd < input.periodStart) throw new AppError('REQUEST.VALIDATION', '计划结束日期不能早于开始日期', { field: 'periodEnd' });
  const at = chinaDateOf(ctx.now());
  const [quota, items] = await resolveForAgency(db, agency, at, ['supervision.random_quota', 'supervision.inspection_items']);
  const rates = ratesFromQuota(quota!.values as RandomQuotaPolicy);
  if (input.rates) Object.assign(rates.rates, input.rates);
  if (input.defaultRate !== undefined) rates.defaultRate = input.defaultRate;
  rates.campaign = input.campaign ?? null;
  if (input.excludeSelfCommitted === false) rates.excludeSelfCommitted = false;
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    const row: RandomPlanTable = {
      id: uuidv7(),
      agency_id: agency.id,
      agency_path: agency.path,
      title: input.title,
      purpose: input.purpose,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      rates_json: JSON.stringify(rates),
      items_json: JSON.stringify((items!.values as InspectionItemsPolicy).items),
      status: 'draft',
      inputs_hash: null,
      inputs_sha256: null,
      public_value_source: null,
      public_value: null,
      seed: null,
      summary_json: null,
      policy_version: `${quota!.versionKey} ${items!.versionKey}`,
      created_by: u.id,
      published_at: null,
      drawn_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('random_plans').values(row).execute();
    await audit({ action: 'random_plan.create', targetType: 'random_plan', targetId: row.id, after: row, policyVersion: row.policy_version });
    return row;
  });
}

/** Everything the draw depends on, read from the directory at publication. */
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
  const drawUnits: DrawUnit[] = units.map((u) => ({
    usci: u.usci,
    riskLevel: u.risk_level,
    creditLevel: u.credit_level,
    keyUnit: u.key_unit === 1,
    venueKind: u.venue_kind,
    selfCommitment: u.self_commitment === 1,
    lastFireOn: u.last_fire_on,
    drawnOn: drawnOn.get(u.usci) ?? [],
    inspectedForPurpose: inspectedSet.has(u.usci),
  }));
  const drawInspectors: DrawInspector[] = inspectors.map((i) => ({ userId: i.user_id, conflicts: byInspector.get(i.user_id) ?? [] }));
  return { plan: JSON.parse(plan.rates_json) as PlanRates, drawDate: plan.period_start, units: drawUnits, inspectors: drawInspectors };
}

/** Publication freezes the inputs: their hash and the file itself are public before the public value exists. */
export async function publishPlan(req: FastifyRequest, id: string, publicValueSource: string) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const plan = await loadPlan(req, db, id);
  if (plan.status !== 'draft') throw new AppError('SUPERVISION.PLAN_STATE', '计划已公布，不能再次公布', { status: plan.status });
  const input = await collectDrawInput(db, plan);
  if (input.inspectors.length < 2) throw new AppError('SUPERVISION.PLAN_STATE', '辖区持证检查人员不足两名，不能公布计划');
  // The published file and its hash, line by line (a province's directory never becomes one JSON value).
  const h = createHash('sm3');
  const chunks: Buffer[] = [];
  for (const line of drawInputLines(input, true)) {
    const b = Buffer.from(line, 'utf8');
    h.update(b);
    chunks.push(b);
  }
  const inputsHash = h.digest('hex');
  const sha = await storeBlob(ctx.config.dataDir, Buffer.concat(chunks));
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    const r = await trx
      .updateTable('random_plans')
      .set({
        status: 'published',
        inputs_hash: inputsHash,
        inputs_sha256: sha,
        public_value_source: publicValueSource,
        published_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('SUPERVISION.PLAN_STATE', '计划刚被他人公布');
    await audit({
      action: 'random_plan.publish',
      targetType: 'random_plan',
      targetId: id,
      details: { inputsHash, units: input.units.length, inspectors: input.inspectors.length, publicValueSource },
    });
    return { ...plan, status: 'published' as const, inputs_hash: inputsHash, inputs_sha256: sha, public_value_source: publicValueSource, published_at: nowIso };
  });
}

/** The frozen input as published; refuses a file that no longer matches its published hash. */
export async function frozenInput(ctx: AppContext, plan: RandomPlanTable): Promise<DrawInput> {
  if (!plan.inputs_sha256) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未公布');
  const bytes = await readBlob(ctx.config.dataDir, plan.inputs_sha256);
  if (createHash('sm3').update(bytes).digest('hex') !== plan.inputs_hash) throw new Error(`published draw input of plan ${plan.id} does not match its hash`);
  return parseDrawInput(bytes.toString('utf8'));
}

/** The draw: seed = SM3(public value ‖ inputs hash); tasks with two inspectors each, in one transaction. */
export async function drawPlan(req: FastifyRequest, id: string, publicValue: string) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const plan = await loadPlan(req, db, id);
  if (plan.status !== 'published')
    throw new AppError('SUPERVISION.PLAN_STATE', plan.status === 'drawn' ? '计划已抽取' : '请先公布计划及其输入，再抽取', { status: plan.status });
  const input = await frozenInput(ctx, plan);
  const result = runDraw(input, publicValue, sm3, plan.inputs_hash!);
  const units = await unitsByUsci(
    db,
    result.drawn.map((d) => d.usci),
  );
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    // Only the columns a drawn task has are sent (the rest default to NULL): fewer bound values per row,
    // more rows per statement under SQLite's 32,766 limit.
    const rows = result.drawn.map((d) => {
      const u = units.get(d.usci)!;
      return {
        id: uuidv7(),
        agency_id: u.agency_id,
        agency_path: u.agency_path,
        region_code: u.region_code,
        purpose: 'random' as const,
        usci: d.usci,
        subject_name: u.name,
        venue_address: u.address,
        status: 'assigned' as const,
        inspector_ids_json: JSON.stringify(d.inspectors),
        off_hours: 0,
        policy_version: plan.policy_version,
        created_at: nowIso,
        updated_at: nowIso,
        plan_id: plan.id,
        unit_id: u.id,
        trigger_reason: plan.purpose,
      };
    });
    for (let i = 0; i < rows.length; i += 1800)
      await trx
        .insertInto('inspection_tasks')
        .values(rows.slice(i, i + 1800))
        .execute();
    const summary = { strata: result.strata, setAside: countBy(result.setAside.map((s) => s.reason)), drawn: result.drawn.length, unstaffed: result.unstaffed };
    const r = await trx
      .updateTable('random_plans')
      .set({ status: 'drawn', public_value: publicValue, seed: result.seed, summary_json: JSON.stringify(summary), drawn_at: nowIso, updated_at: nowIso })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('SUPERVISION.PLAN_STATE', '计划刚被他人抽取');
    await audit({
      action: 'random_plan.draw',
      targetType: 'random_plan',
      targetId: id,
      details: { seed: result.seed, publicValue, inputsHash: result.inputsHash, drawn: result.drawn.length },
    });
    return { seed: result.seed, summary };
  });
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

async function unitsByUsci(db: Executor, uscis: string[]) {
  const out = new Map<string, { id: string; name: string; address: string; agency_id: string; agency_path: string; region_code: string }>();
  for (let i = 0; i < uscis.length; i += 500) {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'usci', 'name', 'address', 'agency_id', 'agency_path', 'region_code'])
      .where('usci', 'in', uscis.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.usci, r);
  }
  return out;
}

/** Anyone re-runs a drawn plan from its published inputs and public value and compares with what was drawn. */
export async function replayPlan(ctx: AppContext, plan: RandomPlanTable): Promise<{ identical: boolean; result: DrawResult }> {
  if (plan.status !== 'drawn' || !plan.public_value) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未抽取');
  const input = await frozenInput(ctx, plan);
  const result = runDraw(input, plan.public_value, sm3, plan.inputs_hash!);
  const tasks = await ctx.database.db
    .selectFrom('inspection_tasks')
    .select(['usci', 'inspector_ids_json'])
    .where('plan_id', '=', plan.id)
    .orderBy(sql`usci`)
    .execute();
  const stored = tasks.map((t) => `${t.usci}:${t.inspector_ids_json}`).sort();
  const replayed = result.drawn.map((d) => `${d.usci}:${JSON.stringify(d.inspectors)}`).sort();
  return { identical: result.seed === plan.seed && JSON.stringify(stored) === JSON.stringify(replayed), result };
}

/** A task of a plan gets its checklist from the plan (stored once there). */
export async function withPlanChecklist(db: Executor, task: InspectionTaskTable): Promise<InspectionTaskTable> {
  if (task.checklist_json || !task.plan_id) return task;
  const plan = await db.selectFrom('random_plans').select('items_json').where('id', '=', task.plan_id).executeTakeFirst();
  return { ...task, checklist_json: plan?.items_json ?? null };
}
