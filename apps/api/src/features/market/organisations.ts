import { createHash } from 'node:crypto';
import type { BanView, OrganisationCreateBody, OrganisationView, SpotCheckView } from '@fep/contracts';
import { chinaDateOf, conditionFailures, type DrawUnit, inScope, type OrganisationConditionsPolicy, type OrganisationFacts, runDraw } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ServiceOrganisation } from '../../db/schema/market.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { drawStandings } from '../credit/index.ts';
import { DECLARED_FACTS, FAILURES, VERIFIED_FACTS } from './market.columns.ts';
import { activeBanView, bansOf, registeredEngineerCounts } from './practice.ts';

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

export function presentOrganisation(o: ServiceOrganisation, ban: BanView | null = null): OrganisationView {
  return {
    id: o.id,
    usci: o.usci,
    name: o.name,
    kind: o.kind,
    regionCode: o.region_code,
    status: o.status,
    failures: FAILURES.decode(o.failures_json) as OrganisationView['failures'],
    declared: DECLARED_FACTS.decode(o.declared_json)!,
    verified: o.verified_json ? VERIFIED_FACTS.decode(o.verified_json)! : null,
    verifiedAt: o.verified_at,
    version: o.version,
    ban,
  };
}

async function conditionsOf(db: Executor, agencyId: string, now: Date) {
  const agency = await agencyById(db, agencyId);
  const [p] = await resolveForAgency(db, agency!, chinaDateOf(now), ['market.organisation_conditions']);
  return { policy: p!.values as OrganisationConditionsPolicy, version: p!.versionKey };
}

/**
 * An organisation enters the register with its self-declared practice conditions (MKT-01): recorded by the agency of
 * its place of business, checked at once against the policy; it stays 'declared' until the agency verifies.
 */
export async function registerOrganisation(deps: Deps, actor: Actor, input: OrganisationCreateBody): Promise<OrganisationView> {
  return transact(deps, actor, async (trx, audit) => {
    if (actor.kind !== 'staff' || !actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以登记消防技术服务机构');
    const agency = (await agencyById(trx, actor.agencyId))!;
    const { policy, version } = await conditionsOf(trx, agency.id, deps.now());
    const exists = await trx.selectFrom('service_organisations').select('id').where('usci', '=', input.usci).executeTakeFirst();
    if (exists) throw new AppError('REQUEST.CONFLICT', '该机构已在名录中');
    const row: ServiceOrganisation = {
      id: uuidv7(deps.now().getTime()),
      usci: input.usci,
      name: input.name,
      kind: input.kind,
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      status: 'declared',
      version: 0,
      declared_json: DECLARED_FACTS.encode(input.declared),
      verified_json: null,
      failures_json: FAILURES.encode(conditionFailures(input.kind, input.declared, policy)),
      policy_version: version,
      verified_by: null,
      verified_at: null,
      created_at: deps.now().toISOString(),
    };
    const r = await trx
      .insertInto('service_organisations')
      .values(row)
      .onConflict((oc) => oc.column('usci').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('REQUEST.CONFLICT', '该机构已在名录中');
    await audit({ action: 'service_organisation.register', targetType: 'service_organisation', targetId: row.id, after: row, policyVersion: version });
    return presentOrganisation(row);
  });
}

/** The agency verifies the facts (compare-and-set on the version): verified when they meet the conditions, failing otherwise. */
export async function verifyOrganisation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { verified: OrganisationFacts; version?: number | undefined; engineersFromRegister?: boolean | undefined },
): Promise<OrganisationView> {
  return transact(deps, actor, async (trx, audit) => {
    const o = await trx.selectFrom('service_organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!o) throw notFound('消防技术服务机构');
    if (!inScope(actor.scope, { agencyPath: o.agency_path })) throw outOfScope('消防技术服务机构', { type: 'service_organisation', id });
    if (input.version !== undefined && input.version !== o.version) throw new AppError('REQUEST.CONFLICT', '该机构已被他人核查，请刷新后重试');
    const { policy, version } = await conditionsOf(trx, o.agency_id, deps.now());
    // The engineers may be counted from the register (practising, not banned today) rather than as found on site.
    const verified = input.engineersFromRegister
      ? { ...input.verified, ...(await registeredEngineerCounts(trx, o.id, chinaDateOf(deps.now()))) }
      : input.verified;
    const failures = conditionFailures(o.kind, verified, policy);
    const nowIso = deps.now().toISOString();
    const after = {
      status: failures.length ? ('failing' as const) : ('verified' as const),
      version: o.version + 1,
      verified_json: VERIFIED_FACTS.encode(verified),
      failures_json: FAILURES.encode(failures),
      policy_version: version,
      verified_by: userIdOf(actor),
      verified_at: nowIso,
    };
    const r = await trx.updateTable('service_organisations').set(after).where('id', '=', id).where('version', '=', o.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('REQUEST.CONFLICT', '该机构已被他人核查，请刷新后重试');
    await audit({
      action: 'service_organisation.verify',
      targetType: 'service_organisation',
      targetId: id,
      before: { status: o.status },
      after: { status: after.status, failures, engineersFromRegister: input.engineersFromRegister ?? false },
      policyVersion: version,
    });
    const bans = await bansOf(trx, [o.id]);
    return presentOrganisation({ ...o, ...after }, activeBanView(bans, 'organisation', o.id, o.name, chinaDateOf(deps.now())));
  });
}

/** The directory: staff see their jurisdiction's, the public a region's (or all); each with the ban in force today (period and reason). */
export async function organisationDirectory(
  db: Executor,
  filter: { actor: Actor } | { agencyPath: string | null },
  now: Date,
): Promise<{ items: OrganisationView[] }> {
  let q = db.selectFrom('service_organisations').selectAll();
  if ('actor' in filter) q = q.where(scopeFilter(filter.actor.scope, { agencyPath: 'service_organisations.agency_path' }));
  else if (filter.agencyPath) q = q.where('agency_path', 'like', `${filter.agencyPath}%`);
  const rows = await q.orderBy('name').orderBy('id').limit(500).execute();
  const bans = await bansOf(
    db,
    rows.map((o) => o.id),
  );
  const today = chinaDateOf(now);
  return { items: rows.map((o) => presentOrganisation(o, activeBanView(bans, 'organisation', o.id, o.name, today))) };
}

/**
 * A spot check of organisations through the same verifiable draw as units (SUP-03 algorithm, SM3 seed from the
 * public value and the inputs): organisations failing their conditions form a stratum drawn at rate 1 (a
 * non-random trigger), the others are drawn at `rate`; credit levels from the credit feature. Recorded with its
 * seed, inputs hash and the drawn organisations.
 */
export async function drawSpotCheck(deps: Deps, actor: Actor, input: { publicValue: string; rate: number }): Promise<SpotCheckView> {
  return transact(deps, actor, async (trx, audit) => {
    if (actor.kind !== 'staff' || !actor.agencyPath) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以抽取');
    const all = await trx
      .selectFrom('service_organisations')
      .selectAll()
      .where(scopeFilter(actor.scope, { agencyPath: 'service_organisations.agency_path' }))
      .orderBy('usci')
      .execute();
    // An organisation under a ban in force (停止执业 / 吊销 / 禁入) may not practise: left out of the draw, named as left out.
    const today = chinaDateOf(deps.now());
    const bans = await bansOf(
      trx,
      all.map((o) => o.id),
    );
    const excluded = all.flatMap((o) => {
      const ban = activeBanView(bans, 'organisation', o.id, o.name, today);
      return ban ? [{ usci: o.usci, name: o.name, reason: 'banned' as const, measure: ban.measure }] : [];
    });
    const banned = new Set(excluded.map((x) => x.usci));
    const orgs = all.filter((o) => !banned.has(o.usci));
    const credit = await drawStandings(trx, actor.agencyPath);
    const failing = new Set(orgs.filter((o) => o.status === 'failing').map((o) => o.usci));
    const units: DrawUnit[] = orgs.map((o) => ({
      usci: o.usci,
      riskLevel: failing.has(o.usci) ? 'high' : 'low',
      creditLevel: credit.get(o.usci)?.creditLevel ?? 'A',
      keyUnit: false,
      venueKind: null,
      selfCommitment: false,
      lastFireOn: null,
      drawnOn: [],
      inspectedForPurpose: false,
    }));
    const inspectors = await trx
      .selectFrom('inspectors')
      .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
      .select('inspectors.user_id')
      .where('agencies.path', 'like', `${actor.agencyPath}%`)
      .where('inspectors.active', '=', 1)
      .orderBy('inspectors.user_id')
      .execute();
    const rates: Record<string, number> = {};
    for (const c of ['A', 'B', 'C', 'D']) rates[`high|${c}|general`] = 1;
    const result = runDraw(
      {
        plan: { rates, defaultRate: input.rate, maxDrawsPerYear: 12, minMonthsBetween: 0, excludeSelfCommitted: false, campaign: null },
        drawDate: chinaDateOf(deps.now()),
        units,
        inspectors: inspectors.map((i) => ({ userId: i.user_id, conflicts: [] })),
      },
      input.publicValue,
      sm3,
    );
    const byUsci = new Map(orgs.map((o) => [o.usci, o]));
    const drawn = [...result.drawn.map((d) => d.usci), ...result.unstaffed].sort().map((usci) => ({
      usci,
      name: byUsci.get(usci)!.name,
      reason: failing.has(usci) ? ('failing_conditions' as const) : ('random' as const),
    }));
    await audit({
      action: 'service_organisation.spot_check',
      targetType: 'agency',
      targetId: actor.agencyId!,
      details: {
        seed: result.seed,
        inputsHash: result.inputsHash,
        publicValue: input.publicValue,
        rate: input.rate,
        drawn: drawn.map((d) => d.usci),
        excluded: excluded.map((x) => x.usci),
      },
    });
    return { seed: result.seed, inputsHash: result.inputsHash, drawn, excluded };
  });
}
