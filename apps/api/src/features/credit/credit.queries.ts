import type { BlacklistView, CreditDistributionView, CreditRequestView, CreditUnitView, PersonCreditView, PublicCreditView } from '@fep/contracts';
import { chinaDateOf, creditStanding, type DataScope, inEffect, isPersonSubject, PERSON_SUBJECT_PREFIX, RESPONSIBLE_ROLE_LABELS } from '@fep/domain';
import { responsiblePersonsByUsci } from '../units/index.ts';
import type { Static } from 'typebox';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { creditSubjectInScope } from './credit.access.ts';
import { RISK_FACTORS, STANDING_EXPLANATION } from './credit.columns.ts';
import { creditPolicies } from './credit.policy.ts';
import { presentRequest, presentUnit } from './credit.presenter.ts';
import { computeStanding, recordFact, recordsOf } from './standings.ts';

/** A unit's credit with its explanation, history and requests (CRD-01 … CRD-03): staff of its agency and the unit itself. */
export async function unitCredit(db: Executor, actor: Actor, usci: string, now: Date): Promise<CreditUnitView> {
  await creditSubjectInScope(db, actor, usci);
  const records = await recordsOf(db, usci);
  let standing = await db.selectFrom('credit_standings').selectAll().where('usci', '=', usci).executeTakeFirst();
  if (!standing) {
    // A unit without records: its standing as the policy computes it today (nothing stored until a record arrives).
    const c = await computeStanding(db, usci, now, records);
    if (!c) throw notFound('该单位的信用记录');
    standing = {
      usci,
      agency_id: c.agencyId,
      agency_path: c.agencyPath,
      subject_name: c.subjectName,
      score: c.standing.score,
      level: c.standing.level,
      blacklisted: c.standing.blacklisted ? 1 : 0,
      explanation_json: STANDING_EXPLANATION.encode({
        rule: c.standing.rule,
        scoreLevel: c.standing.scoreLevel,
        blacklistReasons: c.standing.blacklistReasons,
        counted: [],
      }),
      risk_score: c.risk.score,
      risk_level: c.risk.level,
      risk_factors_json: RISK_FACTORS.encode(c.risk.factors),
      policy_version: c.policies.versionKey,
      version: 0,
      computed_at: now.toISOString(),
    };
  }
  const policies = await creditPolicies(db, standing.agency_id, chinaDateOf(now));
  const history = await db.selectFrom('credit_level_history').selectAll().where('usci', '=', usci).orderBy('at', 'desc').limit(50).execute();
  const requests = await db.selectFrom('credit_requests').selectAll().where('usci', '=', usci).orderBy('created_at', 'desc').limit(50).execute();
  // Its responsible persons' own credit, to staff only (the unit sees its own records, not a person's).
  const responsible = actor.kind === 'staff' ? await responsiblePersonsByUsci(db, usci) : null;
  const persons = [];
  for (const p of responsible?.persons ?? [])
    persons.push({ role: p.role, roleLabel: RESPONSIBLE_ROLE_LABELS[p.role], credit: await personCredit(db, p.key, p.name, standing.agency_id, now) });
  return { ...presentUnit(standing, records, history, requests, policies, now), persons };
}

/** The published part (CRD-03): level, list status and the records inside their publicity period; nothing else. */
export async function publicCredit(db: Executor, usci: string, now: Date): Promise<PublicCreditView> {
  const records = await recordsOf(db, usci);
  const c = await computeStanding(db, usci, now, records);
  if (!c) throw notFound('该单位的信用信息');
  const today = chinaDateOf(now);
  return {
    usci,
    name: c.subjectName,
    level: c.standing.level,
    blacklisted: c.standing.blacklisted,
    records: records
      .filter((r) => r.points < 0 && inEffect(recordFact(r), today, c.policies.publicity))
      .map((r) => ({
        kind: r.kind as PublicCreditView['records'][number]['kind'],
        at: r.occurred_at,
        reason: r.reason,
        publicUntil: c.standing.counted.find((x) => x.id === r.id)!.until,
      }))
      .reverse(),
  };
}

/** Repair and objection requests: staff see their agency's queue, a unit its own. */
export async function creditRequests(db: Executor, actor: Actor, status: CreditRequestView['status'] | undefined): Promise<{ items: CreditRequestView[] }> {
  let q = db
    .selectFrom('credit_requests')
    .innerJoin('credit_events', 'credit_events.id', 'credit_requests.record_id')
    .selectAll('credit_requests')
    .select('credit_events.kind as record_kind')
    .where(scopeFilter(actor.scope, { agencyPath: 'credit_requests.agency_path', usci: 'credit_requests.usci' }));
  if (status) q = q.where('credit_requests.status', '=', status);
  const rows = await q.orderBy('credit_requests.due_on').orderBy('credit_requests.id').limit(200).execute();
  return { items: rows.map((r) => presentRequest(r, r.record_kind as CreditRequestView['recordKind'])) };
}

/** The serious-dishonesty list (CRD-02) in a scope (staff) or a region (public), with the criteria met. */
export async function blacklist(db: Executor, filter: { actor: Actor } | { agencyPath: string | null }): Promise<Static<typeof BlacklistView>> {
  // Persons (engineers) are never listed: their credit is shown to staff only.
  let q = db.selectFrom('credit_standings').selectAll().where('blacklisted', '=', 1).where('usci', 'not like', `${PERSON_SUBJECT_PREFIX}%`);
  if ('actor' in filter) q = q.where(scopeFilter(filter.actor.scope, { agencyPath: 'credit_standings.agency_path' }));
  else if (filter.agencyPath) q = q.where('agency_path', 'like', `${filter.agencyPath}%`);
  const rows = await q.orderBy('usci').limit(500).execute();
  const since = new Map<string, string>();
  if (rows.length) {
    const h = await db
      .selectFrom('credit_level_history')
      .select(['usci', 'at'])
      .where(
        'usci',
        'in',
        rows.map((r) => r.usci),
      )
      .where('blacklisted', '=', 1)
      .orderBy('at', 'desc')
      .execute();
    for (const x of h) since.set(x.usci, x.at);
  }
  return {
    items: rows.map((r) => ({
      usci: r.usci,
      name: r.subject_name,
      level: r.level,
      criteria: STANDING_EXPLANATION.decode(r.explanation_json)!.blacklistReasons.map((b) => b.criterion),
      since: since.get(r.usci) ?? r.computed_at,
    })),
  };
}

/**
 * Units by credit level and risk level in the actor's scope (CRD-04): every unit of the directory counts,
 * at its standing where it has one and at its directory levels otherwise; the 20 highest risk scores with
 * their top factors.
 */
export async function distribution(db: Executor, actor: Actor): Promise<CreditDistributionView> {
  const scope = scopeFilter(actor.scope, { agencyPath: 'units.agency_path' });
  const rows = await db
    .selectFrom('units')
    .leftJoin('credit_standings', 'credit_standings.usci', 'units.usci')
    .select((eb) => [
      eb.fn.coalesce('credit_standings.level', 'units.credit_level').as('level'),
      eb.fn.coalesce('credit_standings.risk_level', 'units.risk_level').as('risk'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.fn.coalesce('credit_standings.blacklisted', eb.val(0))).as('listed'),
    ])
    .where(scope)
    .groupBy([
      (eb) => eb.fn.coalesce('credit_standings.level', 'units.credit_level'),
      (eb) => eb.fn.coalesce('credit_standings.risk_level', 'units.risk_level'),
    ])
    .execute();
  const top = await db
    .selectFrom('credit_standings')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'credit_standings.agency_path' }))
    .where('usci', 'not like', `${PERSON_SUBJECT_PREFIX}%`)
    .orderBy('risk_score', 'desc')
    .orderBy('usci')
    .limit(20)
    .execute();
  const cells = rows.map((r) => ({ level: r.level as 'A', risk: r.risk as 'low', units: Number(r.n) }));
  return {
    cells,
    blacklisted: rows.reduce((s, r) => s + Number(r.listed ?? 0), 0),
    total: cells.reduce((s, c) => s + c.units, 0),
    topRisk: top.map((s) => ({
      usci: s.usci,
      name: s.subject_name,
      level: s.level,
      riskScore: s.risk_score,
      riskLevel: s.risk_level,
      factors: (RISK_FACTORS.decode(s.risk_factors_json) ?? []).slice(0, 3),
    })),
  };
}

/**
 * Units by credit level and risk level in a scope (CRD-04), the same counts as `distribution`'s cells, for the
 * leaders' dashboard (MON-02) without reading every unit row: the directory's levels come from the covering index
 * `units_levels` (agency path, credit level, risk level; migration 0750), and only the units with a standing — the
 * ones whose levels the standing replaces — are read to move them from their directory levels to their standing's.
 */
export async function levelCounts(db: Executor, scope: DataScope): Promise<{ level: string; risk: string; units: number }[]> {
  const inScope = scopeFilter(scope, { agencyPath: 'units.agency_path' });
  const [directory, standings] = await Promise.all([
    db
      .selectFrom('units')
      .select(['units.credit_level as level', 'units.risk_level as risk', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope)
      .groupBy(['units.credit_level', 'units.risk_level'])
      .execute(),
    db
      .selectFrom('credit_standings')
      .innerJoin('units', 'units.usci', 'credit_standings.usci')
      .select([
        'units.credit_level as fromLevel',
        'units.risk_level as fromRisk',
        'credit_standings.level as level',
        'credit_standings.risk_level as risk',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where(inScope)
      .groupBy(['units.credit_level', 'units.risk_level', 'credit_standings.level', 'credit_standings.risk_level'])
      .execute(),
  ]);
  const cells = new Map<string, number>();
  const add = (level: string, risk: string, n: number) => cells.set(`${level}|${risk}`, (cells.get(`${level}|${risk}`) ?? 0) + n);
  for (const r of directory) add(r.level, r.risk, Number(r.n));
  for (const r of standings) {
    add(r.fromLevel, r.fromRisk, -Number(r.n));
    add(r.level, r.risk, Number(r.n));
  }
  return [...cells]
    .filter(([, n]) => n !== 0)
    .map(([k, units]) => {
      const [level = '', risk = ''] = k.split('|');
      return { level, risk, units };
    });
}

/**
 * A person's credit (CRD-01 persons: registered fire engineers), by the subject key the caller derived; the
 * caller checks the staff member's scope over the person. Level and score as the policy computes them today
 * (a person without records stands at the base score); never published.
 */
export async function personCredit(db: Executor, subjectKey: string, name: string, agencyId: string, now: Date): Promise<PersonCreditView> {
  if (!isPersonSubject(subjectKey)) throw notFound('该人员的信用记录');
  const records = await recordsOf(db, subjectKey);
  const c = await computeStanding(db, subjectKey, now, records);
  const standing = c?.standing ?? creditStanding([], chinaDateOf(now), await creditPolicies(db, agencyId, chinaDateOf(now)));
  return {
    name,
    level: standing.level,
    score: standing.score,
    records: records.map((r) => ({ id: r.id, kind: r.kind, points: r.points, at: r.occurred_at, reason: r.reason, status: r.status })).reverse(),
  };
}

/**
 * Where and at which levels each of these units counts in the distribution (the same reading as `levelCounts`:
 * the standing's levels, else the directory's). Units not in the directory are absent. The leaders' dashboard
 * recounts a unit from this when a credit or directory event names it.
 */
export async function unitLevels(db: Executor, uscis: string[]): Promise<Map<string, { agencyPath: string; level: string; risk: string }>> {
  if (!uscis.length) return new Map();
  const rows = await db
    .selectFrom('units')
    .leftJoin('credit_standings', 'credit_standings.usci', 'units.usci')
    .select([
      'units.usci as usci',
      'units.agency_path as agencyPath',
      (eb) => eb.fn.coalesce('credit_standings.level', 'units.credit_level').as('level'),
      (eb) => eb.fn.coalesce('credit_standings.risk_level', 'units.risk_level').as('risk'),
    ])
    .where('units.usci', 'in', uscis)
    .execute();
  return new Map(rows.map((r) => [r.usci, { agencyPath: r.agencyPath, level: r.level, risk: r.risk }]));
}
