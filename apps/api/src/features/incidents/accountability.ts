import type { AccountabilityBody, AccountabilityEvaluationBody, AccountabilityList, AccountabilityView } from '@fep/contracts';
import { ACCOUNTABILITY_EVALUATION_RULE, ACCOUNTABILITY_PARTY_LABELS, ACCOUNTABILITY_STATUS_LABELS, type AccountabilityParty, inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { IncidentAccountability } from '../../db/schema/incidents.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { PARTIES, TEAM_MEMBERS } from './incidents.columns.ts';
import { incidentInScope } from './incidents.ts';

const BASIS = `${ACCOUNTABILITY_EVALUATION_RULE.legalBasis.document}${ACCOUNTABILITY_EVALUATION_RULE.legalBasis.clause}`;

async function present(db: Executor, a: IncidentAccountability, nowIso: string, internal = false): Promise<AccountabilityView> {
  const clock = a.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', a.clock_id).executeTakeFirst() : undefined;
  const c = await presentClock(db, clock, nowIso);
  const agency = await agencyById(db, a.agency_id);
  // The public page names no place (the published record is the team, the parties and the measures); staff see it.
  const incident = internal ? await db.selectFrom('incidents').select('place').where('id', '=', a.incident_id).executeTakeFirst() : undefined;
  return {
    id: a.id,
    place: incident?.place ?? null,
    agencyName: agency?.name ?? '',
    deaths: a.deaths,
    highImpact: a.high_impact === 1,
    teamLead: a.team_lead,
    teamMembers: TEAM_MEMBERS.decode(a.team_members_json) ?? [],
    parties: (PARTIES.decode(a.parties_json) ?? []).map((p) => ({
      ...p,
      partyLabel: ACCOUNTABILITY_PARTY_LABELS[p.party as AccountabilityParty] ?? p.party,
    })),
    measures: a.measures,
    status: a.status,
    statusLabel: ACCOUNTABILITY_STATUS_LABELS[a.status],
    evaluationDue: c?.dueDate ?? null,
    evaluation: a.evaluation,
    evaluatedAt: a.evaluated_at,
    legalBasis: BASIS,
    createdAt: a.created_at,
    version: a.version,
  };
}

/**
 * FIR-04: the accountability investigation of a fatal (deaths ≥ 1) or high-impact fire, once per incident (a unique
 * key on the incident: of parallel records one is kept); the one-year evaluation clock starts.
 */
export async function recordAccountability(deps: Deps, actor: Actor, incidentId: string, input: AccountabilityBody): Promise<AccountabilityView> {
  if (input.deaths < 1 && !input.highImpact)
    throw new AppError('INCIDENT.NOT_ACCOUNTABLE', '只有造成人员死亡或有重大社会影响的火灾才开展责任调查和整改评估', { field: 'deaths' });
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, incidentId);
    const existing = await trx.selectFrom('incident_accountability').select('id').where('incident_id', '=', i.id).executeTakeFirst();
    if (existing) throw new AppError('INCIDENT.ACCOUNTABILITY_EXISTS', '该火灾已有责任调查记录');
    const agency = await agencyById(trx, i.agency_id);
    if (!agency) throw notFound('消防救援机构');
    const now = deps.now();
    const id = uuidv7(now.getTime());
    const clock = await startClock(
      trx,
      {
        targetType: 'incident_accountability',
        targetId: id,
        title: `火灾整改措施落实情况一年评估：${i.place}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'calendar_days',
        amount: ACCOUNTABILITY_EVALUATION_RULE.calendarDays,
        legalBasis: ACCOUNTABILITY_EVALUATION_RULE.legalBasis,
        startedAt: now.toISOString(),
      },
      now,
    );
    const row: IncidentAccountability = {
      id,
      incident_id: i.id,
      agency_id: i.agency_id,
      agency_path: i.agency_path,
      deaths: input.deaths,
      high_impact: input.highImpact ? 1 : 0,
      team_lead: input.teamLead,
      team_members_json: TEAM_MEMBERS.encode(input.teamMembers),
      parties_json: PARTIES.encode(input.parties),
      measures: input.measures,
      status: 'investigated',
      evaluation: null,
      evaluated_by: null,
      evaluated_at: null,
      clock_id: clock.id,
      recorded_by: userIdOf(actor),
      version: 0,
      created_at: now.toISOString(),
    };
    await trx.insertInto('incident_accountability').values(row).execute();
    await audit({
      action: 'incident.accountability.record',
      targetType: 'incident_accountability',
      targetId: id,
      after: { incidentId: i.id, deaths: input.deaths, parties: input.parties.map((p) => p.party) },
    });
    return present(trx, row, now.toISOString());
  });
}

/** The one-year evaluation of the rectification measures: once (compare-and-set on the status and version); the clock stops. */
export async function evaluateAccountability(deps: Deps, actor: Actor, id: string, input: AccountabilityEvaluationBody): Promise<AccountabilityView> {
  return transact(deps, actor, async (trx, audit) => {
    const a = await trx.selectFrom('incident_accountability').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound('火灾责任调查');
    if (!inScope(actor.scope, { agencyPath: a.agency_path })) throw outOfScope('火灾责任调查', { type: 'incident_accountability', id });
    if (a.status !== 'investigated' || a.version !== input.version) throw new AppError('INCIDENT.STATE', '整改评估已作出或刚被他人处理，请刷新后重试');
    const now = deps.now();
    const u = await trx
      .updateTable('incident_accountability')
      .set({ status: 'evaluated', evaluation: input.findings, evaluated_by: userIdOf(actor), evaluated_at: now.toISOString(), version: a.version + 1 })
      .where('id', '=', id)
      .where('status', '=', 'investigated')
      .where('version', '=', a.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw new AppError('INCIDENT.STATE', '整改评估已作出或刚被他人处理，请刷新后重试');
    const clock = a.clock_id ? await trx.selectFrom('clocks').selectAll().where('id', '=', a.clock_id).executeTakeFirst() : undefined;
    if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason: '已评估' }, userIdOf(actor), now);
    await audit({
      action: 'incident.accountability.evaluate',
      targetType: 'incident_accountability',
      targetId: id,
      before: { status: 'investigated' },
      after: { status: 'evaluated' },
    });
    const after = await trx.selectFrom('incident_accountability').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return present(trx, after, now.toISOString());
  });
}

/** Published: every accountability investigation and its evaluation (no personal data; the incident's file stays internal). */
export async function publishedAccountability(deps: Deps): Promise<AccountabilityList> {
  const db = deps.database.db;
  const rows = await db.selectFrom('incident_accountability').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  const nowIso = deps.now().toISOString();
  const items: AccountabilityView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  return { items };
}

/** The back office's ledger (FIR-04): the accountability investigations of the agency and those below it, with their incident. */
export async function accountabilityLedger(deps: Deps, actor: Actor): Promise<AccountabilityList> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom('incident_accountability')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'incident_accountability.agency_path' }))
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const nowIso = deps.now().toISOString();
  const items: AccountabilityView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso, true));
  return { items };
}
