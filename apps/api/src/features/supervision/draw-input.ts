import { createHash, webcrypto } from 'node:crypto';
import {
  type CreditLevel,
  type DrawInput,
  type DrawResult,
  drawInputHead,
  drawInspectorLine,
  drawUnitLine,
  type PlanRates,
  parseDrawInput,
  parseDrawResult,
  type RandomQuotaPolicy,
  type RiskLevel,
  runDraw,
  type SamplingFactorsPolicy,
} from '@fep/domain';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { RandomPlanTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { openBlobWriter, readBlob, readBlobChecked } from '../../platform/files/storage.ts';
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

/** What publication froze: the file's public hash (SM3) and content address (SHA-256), and what it holds. */
export interface FrozenDrawInput {
  inputsHash: string;
  sha256: string;
  units: number;
  inspectors: number;
}

/** Units per read of the directory while the file is written (about 2.5 MB of text each; tests vary it). */
const UNITS_PER_PAGE = 50_000;
const TAB = sql.raw("'\t'");
const NEWLINE = sql.raw("'\n'");

/**
 * Reads everything the draw depends on from the directory (inside publication's transaction) and writes the
 * draw input file (`drawInputLines`' format) into the file store, hashing it as it goes.
 *
 * A province has millions of units: the store itself writes their lines, one text per page of 50,000 units in
 * USCI order (`string_agg … ORDER BY usci`, the same on SQLite and PostgreSQL), read by the key of the covering
 * index `units_draw_input` — no row object, string or unit object per unit, and neither the directory nor the
 * file is ever held whole. Each line is what `drawUnitLine` makes of a unit with no earlier draw and not inspected
 * for the purpose; the few units with a draw history, an inspection for the purpose or a credit standing have
 * their lines made again by `drawUnitLine` from the same fields (a test compares the file with the domain's).
 */
export async function freezeDrawInput(db: Executor, dataDir: string, plan: RandomPlanTable, unitsPerPage = UNITS_PER_PAGE): Promise<FrozenDrawInput> {
  const history = await db
    .selectFrom('inspection_tasks')
    .innerJoin('random_plans', 'random_plans.id', 'inspection_tasks.plan_id')
    .select(['inspection_tasks.usci', 'random_plans.period_start'])
    .where('inspection_tasks.agency_path', 'like', `${plan.agency_path}%`)
    .where('inspection_tasks.purpose', '=', 'random')
    .execute();
  const drawnOn = new Map<string, string[]>();
  for (const h of history) {
    const dates = drawnOn.get(h.usci);
    if (dates) dates.push(h.period_start);
    else drawnOn.set(h.usci, [h.period_start]);
  }
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
  if (inspectors.length < 2) throw new AppError('SUPERVISION.PLAN_STATE', '辖区持证检查人员不足两名，不能公布计划');
  const conflicts = await db
    .selectFrom('inspector_conflicts')
    .select(['inspector_user_id', 'usci'])
    .where(
      'inspector_user_id',
      'in',
      inspectors.map((i) => i.user_id),
    )
    .execute();
  const byInspector = new Map<string, string[]>();
  for (const c of conflicts) byInspector.set(c.inspector_user_id, [...(byInspector.get(c.inspector_user_id) ?? []), c.usci]);
  // Credit and risk come from the credit feature (CRD-02, SUP-04): a unit with a credit standing is drawn in
  // the stratum of its current credit level; its risk is the higher of the directory's classification and
  // the risk model's (the model raises a unit, it never lowers the agency's own classification).
  const standings = await drawStandings(db, plan.agency_path);
  const RISK_ORDER: Record<string, number> = { low: 0, medium: 1, high: 2 };
  // The units whose line differs from the store's default, in USCI order (USCIs are digits and capital
  // letters: the store's order and JavaScript's agree).
  const special = [...new Set([...drawnOn.keys(), ...inspectedSet, ...standings.keys()])].sort();
  const lineOf = (stored: string): string => {
    // unit usci risk credit key kind self lastFire - 0
    const f = stored.split('\t');
    const usci = f[1]!;
    const s = standings.get(usci);
    const risk = f[2] as RiskLevel;
    return drawUnitLine({
      usci,
      riskLevel: s && RISK_ORDER[s.riskLevel]! > RISK_ORDER[risk]! ? s.riskLevel : risk,
      creditLevel: s ? s.creditLevel : (f[3] as CreditLevel),
      keyUnit: f[4] === '1',
      venueKind: f[5] === '-' ? null : f[5]!,
      selfCommitment: f[6] === '1',
      lastFireOn: f[7] === '-' ? null : f[7]!,
      drawnOn: drawnOn.get(usci) ?? [],
      inspectedForPurpose: inspectedSet.has(usci),
    });
  };

  const sm3Hash = createHash('sm3');
  const file = await openBlobWriter(dataDir);
  const write = async (text: string) => {
    const b = Buffer.from(text, 'utf8');
    sm3Hash.update(b);
    await file.write(b);
  };
  try {
    await write(drawInputHead({ plan: PLAN_RATES.decode(plan.rates_json)!, drawDate: plan.period_start }));
    let after = '';
    let units = 0;
    let next = 0; // the first entry of `special` not yet passed
    for (;;) {
      const page = await unitLinesAfter(db, plan.agency_path, after, unitsPerPage);
      if (!page) break;
      units += page.n;
      let text = page.text;
      if (next < special.length && special[next]! <= page.last) {
        // Lines made again: found from where the previous one was (both in USCI order); a unit with history
        // that is no longer in the area has no line here.
        const parts: string[] = [];
        let from = 0;
        for (; next < special.length && special[next]! <= page.last; next++) {
          const key = `unit\t${special[next]}\t`;
          let at = text.indexOf(key, from);
          while (at > 0 && text.charCodeAt(at - 1) !== 10) at = text.indexOf(key, at + 1);
          if (at < 0) continue;
          let end = text.indexOf('\n', at);
          if (end < 0) end = text.length; // the page's last line
          parts.push(text.slice(from, at), lineOf(text.slice(at, end)).slice(0, -1));
          from = end;
        }
        parts.push(text.slice(from));
        text = parts.join('');
      }
      await write(`${text}\n`);
      if (page.n < unitsPerPage) break;
      after = page.last;
    }
    let tail = '';
    for (const i of inspectors) tail += drawInspectorLine({ userId: i.user_id, conflicts: byInspector.get(i.user_id) ?? [] });
    await write(tail);
    return { inputsHash: sm3Hash.digest('hex'), sha256: await file.finish(), units, inspectors: inspectors.length };
  } catch (err) {
    await file.abort();
    throw err;
  }
}

/**
 * The draw input lines of up to `limit` units of an area after the USCI `after`, as one text in USCI order
 * (lines joined by newlines, none after the last), with the last USCI read; null when none is left.
 */
async function unitLinesAfter(db: Executor, agencyPath: string, after: string, limit: number): Promise<{ text: string; last: string; n: number } | null> {
  const line = sql<string>`'unit' || ${TAB} || usci || ${TAB} || risk_level || ${TAB} || credit_level || ${TAB} || (case when key_unit = 1 then '1' else '0' end)
    || ${TAB} || coalesce(venue_kind, '-') || ${TAB} || (case when self_commitment = 1 then '1' else '0' end) || ${TAB} || coalesce(last_fire_on, '-')
    || ${TAB} || '-' || ${TAB} || '0'`;
  const r = await sql<{ text: string | null; last: string | null; n: number | string }>`
    select string_agg(line, ${NEWLINE} order by usci) as text, max(usci) as last, count(*) as n from (
      select usci, ${line} as line from units where agency_path like ${`${agencyPath}%`} and usci > ${after} order by usci limit ${limit}
    ) page`.execute(db);
  const row = r.rows[0];
  if (!row || row.text === null || row.last === null) return null;
  return { text: row.text, last: row.last, n: Number(row.n) };
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
  return parseDrawInput(await frozenText(ctx, plan, check));
}

/** The frozen input's text as published, checked as `frozenInput` checks it (the draw reads it without parsing it whole). */
export async function frozenText(
  ctx: Pick<AppContext, 'config'> | { dataDir: string },
  plan: RandomPlanTable,
  check: 'sm3' | 'sha256' = 'sm3',
): Promise<string> {
  const { bytes, checked } = await frozenBytesChecking(ctx, plan, check);
  await checked;
  return bytes.toString('utf8');
}

/**
 * The frozen input's bytes at once, and its check as a promise: with `sha256` the digest runs on the thread pool
 * (Web Crypto) while the caller reads the bytes, so a draw spends no time of its own on the check. `checked` rejects
 * when the file does not match its published hash; the caller must await it before using what it read.
 */
export async function frozenBytesChecking(
  ctx: Pick<AppContext, 'config'> | { dataDir: string },
  plan: RandomPlanTable,
  check: 'sm3' | 'sha256',
): Promise<{ bytes: Buffer; checked: Promise<void> }> {
  if (!plan.inputs_sha256) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未公布');
  const bytes = await readBlob('dataDir' in ctx ? ctx.dataDir : ctx.config.dataDir, plan.inputs_sha256);
  const expected = check === 'sm3' ? plan.inputs_hash : plan.inputs_sha256;
  const mismatch = () => new Error(`published draw input of plan ${plan.id} does not match its hash`);
  const checked =
    check === 'sha256'
      ? webcrypto.subtle.digest('SHA-256', bytes).then((d) => {
          if (Buffer.from(d).toString('hex') !== expected) throw mismatch();
        })
      : createHash(check).update(bytes).digest('hex') === expected
        ? Promise.resolve()
        : Promise.reject(mismatch());
  // Handled by the caller's await; marked here so that a rejection while the caller still reads is not reported unhandled.
  checked.catch(() => {});
  return { bytes, checked };
}

/**
 * Anyone re-runs a drawn plan from its published inputs and public value and compares with what was drawn.
 * Seconds of CPU over a province's directory: the route runs it as a named read (supervision/reads.ts).
 */
export async function replayPlan(env: { db: Executor; dataDir: string }, plan: RandomPlanTable): Promise<{ identical: boolean; result: DrawResult }> {
  if (plan.status !== 'drawn' || !plan.public_value) throw new AppError('SUPERVISION.PLAN_STATE', '计划尚未抽取');
  const input = await frozenInput(env, plan);
  const result = runDraw(input, plan.public_value, sm3, plan.inputs_hash!);
  const replayed = result.drawn.map((d) => `${d.usci}:${JSON.stringify(d.inspectors)}`);
  // Compared with the result kept when the plan was drawn, in the order drawn; plans drawn before results were
  // kept as files wrote every task in the draw's transaction: their tasks are the result.
  const stored = plan.result_sha256
    ? parseDrawResult((await readBlobChecked(env.dataDir, plan.result_sha256)).toString('utf8')).drawn.map((d) => `${d.usci}:${JSON.stringify(d.inspectors)}`)
    : (await tasksOfPlan(env.db, plan.id)).map((t) => `${t.usci}:${JSON.stringify(t.inspectorIds)}`).sort();
  if (!plan.result_sha256) replayed.sort();
  return { identical: result.seed === plan.seed && JSON.stringify(stored) === JSON.stringify(replayed), result };
}
