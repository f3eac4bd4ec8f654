import type {
  DeterminationBody,
  IncidentClockBody,
  IncidentCreateBody,
  IncidentView,
  LossDeclarationBody,
  ProcedureCheckBody,
  ProcedureCheckView,
  SealingLiftBody,
  SealingShrinkBody,
} from '@fep/contracts';
import {
  chinaDateOf,
  chooseIncidentTier,
  declarationLastDay,
  endOfChinaDay,
  INCIDENT_TIER_LABELS,
  type IncidentProcedurePolicy,
  inScope,
  reviewLastDay,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Incident, IncidentSealingChange } from '../../db/schema/incidents.ts';
import type { Actor } from '../../platform/actor.ts';
import { applyClockEvent, clockEvents, startClock } from '../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Agency, agencyById, findAgency } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { issueDeterminationDocument } from './determination-document.ts';
import { CHANGE_AREAS, CONDITIONS, FAILING, INVESTIGATORS, SEALED_AREAS, SEALED_PHOTOS } from './incidents.columns.ts';
import { presentIncident } from './presenter.ts';

const KIND = 'incidents.procedure';

/** The incident procedure policy in force for an agency on a day, and its version key. */
export async function incidentPolicy(db: Executor, agency: Agency, on: string): Promise<{ policy: IncidentProcedurePolicy; version: string }> {
  const [r] = await resolveForAgency(db, agency, on, [KIND]);
  return { policy: r!.values as unknown as IncidentProcedurePolicy, version: r!.versionKey };
}

const agencyRef = (a: Agency) => ({ id: a.id, path: a.path, regionCode: a.region_code });

/** FIR-01: the lightest tier whose conditions all hold under the region's policy; each lighter tier refused names its failing conditions. */
export async function procedureCheck(deps: Deps, input: ProcedureCheckBody): Promise<ProcedureCheckView> {
  const db = deps.database.db;
  const agency = await findAgency(db, input.regionCode);
  if (!agency) throw new AppError('INCIDENT.INVALID', '该行政区划没有对应的消防救援机构', { regionCode: input.regionCode });
  const { policy, version } = await incidentPolicy(db, agency, chinaDateOf(deps.now()));
  const d = chooseIncidentTier(input.conditions, policy);
  return {
    tier: d.tier,
    tierLabel: INCIDENT_TIER_LABELS[d.tier],
    sealing: d.sealing,
    failing: d.failing.map((f) => ({ condition: f.condition, message: f.message })),
    rule: d.rule,
    policyVersion: version,
  };
}

/** An incident in the actor's scope (staff: the agency and below; the unit: its own), else 404 like a missing one. */
export async function incidentInScope(db: Executor, actor: Actor, id: string): Promise<Incident> {
  const i = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!i) throw notFound('火灾事故');
  if (!inScope(actor.scope, { agencyPath: i.agency_path, usci: i.unit_usci })) throw outOfScope('火灾事故', { type: 'incident', id });
  return i;
}

/**
 * FIR-01/FIR-02: an incident registered with the tier its conditions give (never chosen by hand). On-site registration
 * closes on the spot without sealing; the simple procedure needs one investigator and files within 2 days; the general
 * procedure needs two investigators, seals the scene and runs the 30-day determination clock from the report. The loss
 * declaration clock runs from extinguishment (not the report).
 */
export async function createIncident(deps: Deps, actor: Actor, input: IncidentCreateBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    if (actor.kind !== 'staff' || !actor.agencyId) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以登记火灾');
    const agency = (await agencyById(trx, actor.agencyId))!;
    const now = deps.now();
    const nowIso = now.toISOString();
    if (input.extinguishedAt < input.reportedAt || input.reportedAt > nowIso || input.extinguishedAt > nowIso)
      throw new AppError('REQUEST.BAD_DATE', '扑灭时间应在报警时间之后，且都不晚于现在', { field: 'extinguishedAt' });
    const { policy, version } = await incidentPolicy(trx, agency, chinaDateOf(now));
    const d = chooseIncidentTier(input.conditions, policy);
    if (input.investigatorUserIds.length < d.investigators)
      throw new AppError('INCIDENT.INVALID', `${INCIDENT_TIER_LABELS[d.tier]}的火灾事故调查人员不少于${d.investigators}人`, {
        tier: d.tier,
        required: d.investigators,
      });
    if (input.investigatorUserIds.length) {
      const staff = await trx.selectFrom('users').select('id').where('id', 'in', input.investigatorUserIds).where('agency_id', '=', agency.id).execute();
      if (staff.length !== input.investigatorUserIds.length)
        throw new AppError('INCIDENT.INVALID', '调查人员应为本机构工作人员', { field: 'investigatorUserIds' });
    }
    if (!d.sealing && input.sealing) throw new AppError('INCIDENT.INVALID', `${INCIDENT_TIER_LABELS[d.tier]}不封闭火灾现场`, { tier: d.tier });
    if (d.sealing && !input.sealing) throw new AppError('INCIDENT.INVALID', '一般调查程序应当划定并记录现场封闭范围', { field: 'sealing' });
    const id = uuidv7(now.getTime());
    const usci = input.unitUsci ?? null;
    let unitName = input.unitName ?? null;
    if (usci && !unitName) {
      const unit = await trx.selectFrom('units').select('name').where('usci', '=', usci).executeTakeFirst();
      unitName = unit?.name ?? null;
    }
    const title = `${input.place}火灾`;
    let determinationClock: string | null = null;
    let declarationClock: string | null = null;
    if (d.tier !== 'onsite_registration') {
      const general = d.tier === 'general';
      determinationClock = (
        await startClock(
          trx,
          {
            targetType: 'incident',
            targetId: id,
            title: general ? `火灾事故认定期限：${title}` : `简易火灾事故认定书备案期限：${title}`,
            agency: agencyRef(agency),
            assigneeUserId: input.investigatorUserIds[0] ?? null,
            unit: 'calendar_days',
            amount: general ? policy.determinationDays : policy.simpleFilingDays,
            legalBasis: { document: '《火灾事故调查规定》（公安部令第121号修订）', clause: general ? '第十八条' : '简易调查程序' },
            startedAt: input.reportedAt,
            policyVersion: version,
          },
          now,
        )
      ).id;
      declarationClock = (
        await startClock(
          trx,
          {
            targetType: 'incident',
            targetId: id,
            title: `申报火灾直接财产损失期限：${title}`,
            agency: agencyRef(agency),
            unit: 'calendar_days',
            amount: policy.declarationDays,
            legalBasis: { document: '《火灾事故调查规定》（公安部令第121号修订）', clause: '火灾损失统计（自火灾扑灭之日起）' },
            startedAt: input.extinguishedAt,
            policyVersion: version,
          },
          now,
        )
      ).id;
    }
    const row: Incident = {
      id,
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      unit_usci: usci,
      unit_name: unitName,
      place: input.place,
      reported_at: input.reportedAt,
      extinguished_at: input.extinguishedAt,
      tier: d.tier,
      conditions_json: CONDITIONS.encode(input.conditions),
      failing_json: FAILING.encode(d.failing.map((f) => ({ condition: f.condition, message: f.message }))),
      investigators_json: INVESTIGATORS.encode(input.investigatorUserIds),
      policy_version: version,
      status: d.tier === 'onsite_registration' ? 'registered' : 'investigating',
      sealing_status: d.sealing ? 'sealed' : 'none',
      sealed_areas_json: SEALED_AREAS.encode(input.sealing?.areas ?? []),
      sealed_photo_ids_json: SEALED_PHOTOS.encode(input.sealing?.photoFileIds ?? []),
      sealed_at: d.sealing ? nowIso : null,
      sealing_lifted_at: null,
      determination_clock_id: determinationClock,
      declaration_clock_id: declarationClock,
      declared_loss: null,
      declared_note: null,
      declared_at: null,
      cause: null,
      determined_at: null,
      served_at: null,
      review_last_day: null,
      created_by: actor.userId,
      created_at: nowIso,
      version: 0,
    };
    await trx.insertInto('incidents').values(row).execute();
    if (d.sealing)
      await trx
        .insertInto('incident_sealing_changes')
        .values({
          id: uuidv7(now.getTime()),
          incident_id: id,
          seq: 1,
          kind: 'seal',
          areas_json: CHANGE_AREAS.encode(input.sealing!.areas),
          reason: '初步划定现场封闭范围',
          at: nowIso,
          actor_user_id: actor.userId,
        })
        .execute();
    await audit({
      action: 'incident.register',
      targetType: 'incident',
      targetId: id,
      details: { tier: d.tier, failing: d.failing.map((f) => f.condition), sealing: d.sealing, policyVersion: version },
    });
    return presentIncident(trx, row, deps.now().toISOString());
  });
}

export async function listIncidents(db: Executor, actor: Actor, nowIso: string): Promise<{ items: IncidentView[] }> {
  let q = db.selectFrom('incidents').selectAll();
  q =
    actor.scope.kind === 'self'
      ? q.where('unit_usci', '=', actor.scope.usci ?? '-')
      : q.where(scopeFilter(actor.scope, { agencyPath: 'incidents.agency_path' }));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
  const items: IncidentView[] = [];
  for (const r of rows) items.push(await presentIncident(db, r, nowIso));
  return { items };
}

export async function incident(db: Executor, actor: Actor, id: string, nowIso: string): Promise<IncidentView> {
  return presentIncident(db, await incidentInScope(db, actor, id), nowIso);
}

/** Moves an incident by compare-and-set on its version (and the state read): of concurrent steps exactly one applies. */
export async function advanceIncident(trx: Executor, i: Incident, set: Partial<Incident>, where: Partial<Pick<Incident, 'status' | 'sealing_status'>> = {}) {
  let q = trx
    .updateTable('incidents')
    .set({ ...set, version: i.version + 1 })
    .where('id', '=', i.id)
    .where('version', '=', i.version);
  if (where.status) q = q.where('status', '=', where.status);
  if (where.sealing_status) q = q.where('sealing_status', '=', where.sealing_status);
  const r = await q.executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('INCIDENT.STATE', '该火灾事故刚被他人办理，请刷新后重试');
  return { ...i, ...set, version: i.version + 1 } as Incident;
}

const staleVersion = (i: Incident, version: number | undefined) => {
  if (version !== undefined && version !== i.version) throw new AppError('INCIDENT.STATE', '该火灾事故刚被他人办理，请刷新后重试', { version: i.version });
};

async function sealingChange(trx: Executor, i: Incident, kind: IncidentSealingChange['kind'], areas: string[], reason: string, actor: Actor, now: Date) {
  const n = await trx
    .selectFrom('incident_sealing_changes')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('incident_id', '=', i.id)
    .executeTakeFirst();
  await trx
    .insertInto('incident_sealing_changes')
    .values({
      id: uuidv7(now.getTime()),
      incident_id: i.id,
      seq: Number(n?.n ?? 0) + 1,
      kind,
      areas_json: CHANGE_AREAS.encode(areas),
      reason,
      at: now.toISOString(),
      actor_user_id: actor.userId,
    })
    .execute();
}

/** FIR-02: the sealed scope shrinks as the investigation proceeds; each shrink recorded with its reason. */
export async function shrinkSealing(deps: Deps, actor: Actor, id: string, input: SealingShrinkBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, id);
    staleVersion(i, input.version);
    if (i.sealing_status !== 'sealed') throw new AppError('INCIDENT.STATE', '火灾现场未处于封闭状态', { sealing: i.sealing_status });
    const current = SEALED_AREAS.decode(i.sealed_areas_json)!;
    const areas = [...new Set(input.areas)];
    if (areas.some((a) => !current.includes(a)) || areas.length >= current.length)
      throw new AppError('INCIDENT.INVALID', '缩小后的封闭范围应为现有封闭范围的一部分（解除全部封闭请使用“解除封闭”）', { current });
    const after = await advanceIncident(trx, i, { sealed_areas_json: SEALED_AREAS.encode(areas) }, { sealing_status: 'sealed' });
    await sealingChange(trx, i, 'shrink', areas, input.reason, actor, deps.now());
    await audit({ action: 'incident.sealing_shrink', targetType: 'incident', targetId: id, details: { from: current, to: areas, reason: input.reason } });
    return presentIncident(trx, after, deps.now().toISOString());
  });
}

async function liftIn(trx: Executor, i: Incident, reason: string, actor: Actor, now: Date) {
  const after = await advanceIncident(trx, i, { sealing_status: 'lifted', sealing_lifted_at: now.toISOString() }, { sealing_status: 'sealed' });
  await sealingChange(trx, i, 'lift', [], reason, actor, now);
  return after;
}

/** FIR-02: the sealing is lifted when the scene survey ends. */
export async function liftSealing(deps: Deps, actor: Actor, id: string, input: SealingLiftBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, id);
    staleVersion(i, input.version);
    if (i.sealing_status !== 'sealed') throw new AppError('INCIDENT.STATE', '火灾现场未处于封闭状态', { sealing: i.sealing_status });
    const after = await liftIn(trx, i, input.reason, actor, deps.now());
    await audit({ action: 'incident.sealing_lift', targetType: 'incident', targetId: id, details: { reason: input.reason } });
    return presentIncident(trx, after, deps.now().toISOString());
  });
}

/**
 * The determination clock of the general procedure: paused for testing and appraisal (not counted), resumed, and
 * extended once by the policy's days with the higher agency's approval (the reason names the approval).
 */
export async function moveDeterminationClock(deps: Deps, actor: Actor, id: string, input: IncidentClockBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, id);
    if (i.tier !== 'general' || i.status !== 'investigating' || !i.determination_clock_id)
      throw new AppError('INCIDENT.STATE', '只有调查中的一般程序火灾事故有认定期限可以暂停、延长', { status: i.status });
    const clock = (await trx.selectFrom('clocks').selectAll().where('id', '=', i.determination_clock_id).executeTakeFirst())!;
    if (input.version !== undefined && input.version !== clock.event_seq) throw new AppError('CLOCK.CONFLICT', '该时限刚被他人修改，请刷新后重试');
    const now = deps.now();
    let amount: number | undefined;
    if (input.action === 'extend') {
      if ((await clockEvents(trx, clock.id)).some((e) => e.type === 'extend'))
        throw new AppError('INCIDENT.STATE', '认定期限只能经上一级机构批准延长一次', { clockId: clock.id });
      const agency = (await agencyById(trx, i.agency_id))!;
      amount = (await incidentPolicy(trx, agency, chinaDateOf(now))).policy.determinationExtensionDays;
    }
    const reason = input.action === 'pause' ? `检验、鉴定（不计入认定期限）：${input.reason}` : input.reason;
    await applyClockEvent(trx, clock, { type: input.action, amount, reason }, actor.userId, now);
    await audit({ action: `incident.clock_${input.action}`, targetType: 'incident', targetId: id, details: { reason: input.reason, amount: amount ?? null } });
    return presentIncident(trx, i, now.toISOString());
  });
}

async function stopClockIfRunning(trx: Executor, clockId: string | null, reason: string, actor: Actor, now: Date) {
  if (!clockId) return;
  const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
  if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason }, actor.userId, now);
}

/**
 * FIR-03: the determination (火灾事故认定) made and served — recorded with its cause and date of service, and its
 * 火灾事故认定书 issued (a sealed PDF the party downloads, determination-document.ts). The determination clock stops, a sealing still in force is lifted, and for the
 * general procedure the last day to apply for review is fixed (15 days from service).
 */
export async function determine(deps: Deps, actor: Actor, id: string, input: DeterminationBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    let i = await incidentInScope(trx, actor, id);
    staleVersion(i, input.version);
    if (i.status !== 'investigating') throw new AppError('INCIDENT.STATE', '该火灾事故不在调查中，不能作出认定', { status: i.status });
    const now = deps.now();
    const nowIso = now.toISOString();
    if (input.servedAt > nowIso || input.servedAt < i.reported_at)
      throw new AppError('REQUEST.BAD_DATE', '送达时间应在报警之后、不晚于现在', { field: 'servedAt' });
    const agency = (await agencyById(trx, i.agency_id))!;
    const { policy } = await incidentPolicy(trx, agency, chinaDateOf(now));
    if (i.sealing_status === 'sealed') i = await liftIn(trx, i, '现场勘验结束，作出火灾事故认定', actor, now);
    const lastDay = i.tier === 'general' ? reviewLastDay(input.servedAt, policy) : null;
    const after = await advanceIncident(
      trx,
      i,
      { status: 'determined', cause: input.cause, determined_at: nowIso, served_at: input.servedAt, review_last_day: lastDay },
      { status: 'investigating' },
    );
    await stopClockIfRunning(trx, i.determination_clock_id, '已作出火灾事故认定', actor, now);
    // The 认定书 is recorded with the act; its sealed PDF follows on first download (docs/decisions.md "Sealed PDFs").
    await issueDeterminationDocument(trx, deps, audit, actor, after);
    await audit({
      action: 'incident.determine',
      targetType: 'incident',
      targetId: id,
      details: { cause: input.cause, servedAt: input.servedAt, reviewLastDay: lastDay },
    });
    return presentIncident(trx, after, nowIso);
  });
}

/** FIR-03: the unit declares its direct loss online within 7 days of extinguishment; once. */
export async function declareLoss(deps: Deps, actor: Actor, id: string, input: LossDeclarationBody): Promise<IncidentView> {
  return transact(deps, actor, async (trx, audit) => {
    const i = await incidentInScope(trx, actor, id);
    if (!actor.usci || i.unit_usci !== actor.usci) throw outOfScope('火灾事故', { type: 'incident', id });
    if (i.tier === 'onsite_registration') throw new AppError('INCIDENT.STATE', '现场登记的轻微火灾已当场登记损失，无需申报');
    if (i.declared_at) throw new AppError('INCIDENT.STATE', '已申报直接财产损失', { declaredAt: i.declared_at });
    const now = deps.now();
    const agency = (await agencyById(trx, i.agency_id))!;
    const lastDay = declarationLastDay(i.extinguished_at, (await incidentPolicy(trx, agency, chinaDateOf(now))).policy);
    if (now.toISOString() >= endOfChinaDay(lastDay))
      throw new AppError('INCIDENT.DECLARATION_LATE', `申报期限已过：应在火灾扑灭之日起7日内（${lastDay}前）申报`, { lastDay });
    const after = await advanceIncident(trx, i, { declared_loss: input.amount, declared_note: input.note, declared_at: now.toISOString() });
    await stopClockIfRunning(trx, i.declaration_clock_id, '已在线申报', actor, now);
    await audit({ action: 'incident.loss_declare', targetType: 'incident', targetId: id, details: { amount: input.amount } });
    return presentIncident(trx, after, now.toISOString());
  });
}
