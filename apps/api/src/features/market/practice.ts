import { createHash } from 'node:crypto';
import type {
  BanCreateBody,
  BanView,
  EngineerCreateBody,
  EngineerView,
  OrganisationDetailView,
  PersonCreditView,
  ServiceReportCreateBody,
  ServiceReportView,
  ViolationCreateBody,
  ViolationView,
} from '@fep/contracts';
import {
  ART69_VIOLATION_LABELS,
  activeBan,
  banActiveOn,
  banPeriodProblem,
  chinaDateOf,
  type EngineerStatus,
  engineerCounts,
  inScope,
  personSubjectKey,
  SIGNING_REFUSAL_LABELS,
  signingRefusal,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ServiceBan, ServiceEngineer, ServiceOrganisation, ServiceReport, ServiceViolation } from '../../db/schema/market.ts';
import { type Actor, userIdOf } from '../../platform/actor.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { personCredit } from '../credit/index.ts';
import { ART69_VIOLATION_RECORDED, type Art69ViolationRecorded } from './events.ts';
import { presentOrganisation } from './organisations.ts';

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');
const ART69_BASIS = { false_document: '《中华人民共和国消防法》第六十九条第一款', inaccurate_document: '《中华人民共和国消防法》第六十九条第二款' } as const;

/** An organisation the actor may act on: the same 404 for unknown and out of scope (the latter recorded as a refusal). */
export async function organisationInScope(db: Executor, actor: Actor, id: string): Promise<ServiceOrganisation> {
  const o = await db.selectFrom('service_organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound('消防技术服务机构');
  if (!inScope(actor.scope, { agencyPath: o.agency_path })) throw outOfScope('消防技术服务机构', { type: 'service_organisation', id });
  return o;
}

async function engineerInScope(db: Executor, actor: Actor, id: string): Promise<{ engineer: ServiceEngineer; organisation: ServiceOrganisation }> {
  const engineer = await db.selectFrom('service_engineers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!engineer) throw notFound('注册消防工程师');
  const organisation = await db.selectFrom('service_organisations').selectAll().where('id', '=', engineer.organisation_id).executeTakeFirstOrThrow();
  if (!inScope(actor.scope, { agencyPath: organisation.agency_path })) throw outOfScope('注册消防工程师', { type: 'service_engineer', id });
  return { engineer, organisation };
}

/** Every ban of the given organisations and of their engineers. */
export async function bansOf(db: Executor, organisationIds: readonly string[]): Promise<ServiceBan[]> {
  if (!organisationIds.length) return [];
  return db
    .selectFrom('service_bans')
    .selectAll()
    .where('organisation_id', 'in', [...organisationIds])
    .orderBy('starts_on', 'desc')
    .orderBy('id')
    .execute();
}

export function presentBan(b: ServiceBan, subjectName: string, today: string): BanView {
  return {
    id: b.id,
    subject: b.subject_type,
    subjectId: b.subject_id,
    subjectName,
    measure: b.measure,
    startsOn: b.starts_on,
    endsOn: b.ends_on,
    reason: b.reason,
    legalBasis: b.legal_basis,
    active: banActiveOn({ startsOn: b.starts_on, endsOn: b.ends_on }, today),
  };
}

const facts = (b: ServiceBan) => ({ startsOn: b.starts_on, endsOn: b.ends_on });
const bansFor = (bans: readonly ServiceBan[], type: 'organisation' | 'engineer', id: string) =>
  bans.filter((b) => b.subject_type === type && b.subject_id === id);

/** The ban of a subject in force today, presented, or null. */
export function activeBanView(bans: readonly ServiceBan[], type: 'organisation' | 'engineer', id: string, name: string, today: string): BanView | null {
  const own = bansFor(bans, type, id);
  const active = activeBan(
    own.map((b) => ({ ...facts(b), row: b })),
    today,
  );
  return active ? presentBan(active.row, name, today) : null;
}

function presentEngineer(e: ServiceEngineer, bans: readonly ServiceBan[], today: string): EngineerView {
  return {
    id: e.id,
    organisationId: e.organisation_id,
    name: e.name,
    certificateNo: e.certificate_no,
    class: e.class,
    status: e.status,
    ban: activeBanView(bans, 'engineer', e.id, e.name, today),
    version: e.version,
  };
}

/** The engineers an organisation's practice conditions count today (应急管理部令第7号 art. 5), from the register. */
export async function registeredEngineerCounts(db: Executor, organisationId: string, today: string) {
  const engineers = await db.selectFrom('service_engineers').selectAll().where('organisation_id', '=', organisationId).execute();
  const bans = await bansOf(db, [organisationId]);
  return engineerCounts(
    engineers.map((e) => ({ class: e.class, status: e.status, bans: bansFor(bans, 'engineer', e.id).map(facts) })),
    today,
  );
}

/** A registered fire engineer enters the organisation's register (staff of the organisation's agency); a certificate number once. */
export async function registerEngineer(deps: Deps, actor: Actor, organisationId: string, input: EngineerCreateBody): Promise<EngineerView> {
  return transact(deps, actor, async (trx, audit) => {
    const o = await organisationInScope(trx, actor, organisationId);
    const certificateNo = input.certificateNo.trim().toUpperCase();
    const row: ServiceEngineer = {
      id: uuidv7(deps.now().getTime()),
      organisation_id: o.id,
      name: input.name.trim(),
      certificate_no: certificateNo,
      class: input.class,
      status: input.status ?? 'practising',
      subject_key: personSubjectKey(certificateNo, sm3),
      version: 0,
      created_by: userIdOf(actor),
      created_at: deps.now().toISOString(),
    };
    const r = await trx
      .insertInto('service_engineers')
      .values(row)
      .onConflict((oc) => oc.column('certificate_no').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('REQUEST.CONFLICT', '该注册证书编号已登记（一名注册消防工程师只能在一家机构执业）');
    await audit({ action: 'service_engineer.register', targetType: 'service_engineer', targetId: row.id, after: row });
    return presentEngineer(row, [], chinaDateOf(deps.now()));
  });
}

/** An engineer's practising status changes (compare-and-set on the version). */
export async function setEngineerStatus(deps: Deps, actor: Actor, id: string, input: { status: EngineerStatus; version: number }): Promise<EngineerView> {
  return transact(deps, actor, async (trx, audit) => {
    const { engineer: e } = await engineerInScope(trx, actor, id);
    const stale = () => new AppError('REQUEST.CONFLICT', '该注册消防工程师的状态已被他人更改，请刷新后重试');
    if (e.version !== input.version) throw stale();
    const r = await trx
      .updateTable('service_engineers')
      .set({ status: input.status, version: e.version + 1 })
      .where('id', '=', id)
      .where('version', '=', e.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw stale();
    await audit({
      action: 'service_engineer.status',
      targetType: 'service_engineer',
      targetId: id,
      before: { status: e.status },
      after: { status: input.status },
    });
    return presentEngineer({ ...e, status: input.status, version: e.version + 1 }, await bansOf(trx, [e.organisation_id]), chinaDateOf(deps.now()));
  });
}

function presentReport(r: ServiceReport, o: Pick<ServiceOrganisation, 'name'>, e: Pick<ServiceEngineer, 'name' | 'certificate_no'>): ServiceReportView {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: o.name,
    reportNumber: r.report_number,
    kind: r.kind,
    unitUsci: r.unit_usci,
    unitName: r.unit_name,
    reportDate: r.report_date,
    engineerId: r.engineer_id,
    engineerName: e.name,
    engineerCertificateNo: e.certificate_no,
    conclusion: r.conclusion,
    createdAt: r.created_at,
  };
}

/**
 * A maintenance, test or assessment report enters the record, tied to the organisation and its signing engineer
 * (MKT-01): the signer must be a registered, practising engineer of that organisation, and neither may be under a
 * ban in force on the report's date (refused with the reason in Chinese). A report number once per organisation.
 */
export async function recordReport(deps: Deps, actor: Actor, organisationId: string, input: ServiceReportCreateBody): Promise<ServiceReportView> {
  return transact(deps, actor, async (trx, audit) => {
    const o = await organisationInScope(trx, actor, organisationId);
    const engineer = await trx.selectFrom('service_engineers').selectAll().where('id', '=', input.engineerId).executeTakeFirst();
    const bans = await bansOf(trx, [o.id]);
    const refusal = signingRefusal({
      organisationId: o.id,
      engineer: engineer ? { organisationId: engineer.organisation_id, status: engineer.status } : null,
      engineerBans: engineer ? bansFor(bans, 'engineer', engineer.id).map(facts) : [],
      organisationBans: bansFor(bans, 'organisation', o.id).map(facts),
      on: input.reportDate,
    });
    if (refusal) throw new AppError('MARKET.SIGNING_REFUSED', SIGNING_REFUSAL_LABELS[refusal], { reason: refusal });
    const row: ServiceReport = {
      id: uuidv7(deps.now().getTime()),
      organisation_id: o.id,
      report_number: input.reportNumber.trim(),
      kind: input.kind,
      unit_usci: input.unitUsci,
      unit_name: input.unitName.trim(),
      report_date: input.reportDate,
      engineer_id: engineer!.id,
      conclusion: input.conclusion,
      agency_path: o.agency_path,
      created_by: userIdOf(actor),
      created_at: deps.now().toISOString(),
    };
    const r = await trx
      .insertInto('service_reports')
      .values(row)
      .onConflict((oc) => oc.columns(['organisation_id', 'report_number']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('REQUEST.CONFLICT', '该机构已登记过此编号的报告');
    await audit({ action: 'service_report.record', targetType: 'service_report', targetId: row.id, after: row });
    return presentReport(row, o, engineer!);
  });
}

async function reportsWhere(db: Executor, filter: { organisationId: string } | { unitUsci: string; actor: Actor }): Promise<ServiceReportView[]> {
  let q = db
    .selectFrom('service_reports')
    .innerJoin('service_organisations', 'service_organisations.id', 'service_reports.organisation_id')
    .innerJoin('service_engineers', 'service_engineers.id', 'service_reports.engineer_id')
    .selectAll('service_reports')
    .select(['service_organisations.name as organisation_name', 'service_engineers.name as engineer_name', 'service_engineers.certificate_no']);
  if ('organisationId' in filter) q = q.where('service_reports.organisation_id', '=', filter.organisationId);
  else q = q.where('service_reports.unit_usci', '=', filter.unitUsci).where(scopeFilter(filter.actor.scope, { agencyPath: 'service_reports.agency_path' }));
  const rows = await q.orderBy('service_reports.report_date', 'desc').orderBy('service_reports.id').limit(200).execute();
  return rows.map((r) => presentReport(r, { name: r.organisation_name }, { name: r.engineer_name, certificate_no: r.certificate_no }));
}

/** A unit's reports (by its USCI) from the organisations in the actor's jurisdiction. */
export async function reportsOfUnit(db: Executor, actor: Actor, unitUsci: string): Promise<{ items: ServiceReportView[] }> {
  return { items: await reportsWhere(db, { unitUsci, actor }) };
}

function presentViolation(v: ServiceViolation, engineerName: string | null, reportNumber: string | null): ViolationView {
  return {
    id: v.id,
    organisationId: v.organisation_id,
    engineerId: v.engineer_id,
    engineerName,
    reportId: v.report_id,
    reportNumber,
    kind: v.kind,
    severity: v.severity,
    facts: v.facts,
    legalBasis: v.legal_basis,
    foundOn: v.found_on,
    createdAt: v.created_at,
  };
}

/**
 * A violation of 消防法 art. 69 (虚假文件 / 失实文件) recorded against an organisation and, where named, its
 * signing engineer (who must be of the organisation; the report too). Credit records it for both from the event
 * this emits (credit's subscriber, once per violation and subject).
 */
export async function recordViolation(deps: Deps, actor: Actor, organisationId: string, input: ViolationCreateBody): Promise<ViolationView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const o = await organisationInScope(trx, actor, organisationId);
    const engineer = input.engineerId ? await trx.selectFrom('service_engineers').selectAll().where('id', '=', input.engineerId).executeTakeFirst() : null;
    if (input.engineerId && engineer?.organisation_id !== o.id)
      throw new AppError('MARKET.ENGINEER_NOT_OF_ORGANISATION', '所选注册消防工程师不是该机构登记的人员');
    const report = input.reportId ? await trx.selectFrom('service_reports').selectAll().where('id', '=', input.reportId).executeTakeFirst() : null;
    if (input.reportId && report?.organisation_id !== o.id) throw new AppError('MARKET.ENGINEER_NOT_OF_ORGANISATION', '所选报告不是该机构出具的报告');
    const row: ServiceViolation = {
      id: uuidv7(deps.now().getTime()),
      organisation_id: o.id,
      engineer_id: engineer?.id ?? null,
      report_id: report?.id ?? null,
      kind: input.kind,
      severity: input.severity,
      facts: input.facts.trim(),
      legal_basis: ART69_BASIS[input.kind],
      found_on: input.foundOn,
      agency_id: o.agency_id,
      agency_path: o.agency_path,
      recorded_by: userIdOf(actor),
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('service_violations').values(row).execute();
    await audit({ action: 'service_violation.record', targetType: 'service_violation', targetId: row.id, after: row });
    const payload: Art69ViolationRecorded = {
      violationId: row.id,
      agencyId: o.agency_id,
      organisationUsci: o.usci,
      organisationName: o.name,
      kind: row.kind,
      severity: row.severity,
      reason: `${ART69_VIOLATION_LABELS[row.kind]}${report ? `（报告 ${report.report_number}）` : ''}：${row.facts}`,
      engineer: engineer ? { subjectKey: engineer.subject_key, name: engineer.name } : null,
    };
    emit({ type: ART69_VIOLATION_RECORDED, targetType: 'service_violation', targetId: row.id, agencyId: o.agency_id, payload: { ...payload } });
    return presentViolation(row, engineer?.name ?? null, report?.report_number ?? null);
  });
}

/**
 * 责令停止执业 / 吊销 / 市场禁入 of the organisation or one of its engineers, for a period or permanently (a
 * 市场禁入 is for life), with reason and legal basis. The same subject, measure and first day once.
 */
export async function banSubject(deps: Deps, actor: Actor, organisationId: string, input: BanCreateBody): Promise<BanView> {
  return transact(deps, actor, async (trx, audit) => {
    const o = await organisationInScope(trx, actor, organisationId);
    let subject: { id: string; name: string } = { id: o.id, name: o.name };
    if (input.subject === 'engineer') {
      const e = input.engineerId ? await trx.selectFrom('service_engineers').selectAll().where('id', '=', input.engineerId).executeTakeFirst() : undefined;
      if (e?.organisation_id !== o.id) throw new AppError('MARKET.ENGINEER_NOT_OF_ORGANISATION', '所选注册消防工程师不是该机构登记的人员');
      subject = { id: e.id, name: e.name };
    }
    const problem = banPeriodProblem(input.measure, input.startsOn, input.endsOn);
    if (problem)
      throw new AppError('MARKET.BAN_PERIOD_INVALID', problem === 'ends_before_start' ? '截止日期不能早于起始日期' : '终身市场禁入不设截止日期', {
        reason: problem,
      });
    const row: ServiceBan = {
      id: uuidv7(deps.now().getTime()),
      subject_type: input.subject,
      subject_id: subject.id,
      organisation_id: o.id,
      measure: input.measure,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      reason: input.reason.trim(),
      legal_basis: input.legalBasis.trim(),
      agency_path: o.agency_path,
      recorded_by: userIdOf(actor),
      created_at: deps.now().toISOString(),
    };
    const r = await trx
      .insertInto('service_bans')
      .values(row)
      .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'measure', 'starts_on']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('REQUEST.CONFLICT', '同一对象、同一措施、同一起始日期的处理已登记');
    await audit({ action: 'service_ban.record', targetType: 'service_ban', targetId: row.id, after: row });
    return presentBan(row, subject.name, chinaDateOf(deps.now()));
  });
}

/** The register entry with its engineers, reports, violations, bans and the engineer counts from the register. */
export async function organisationDetail(db: Executor, actor: Actor, id: string, now: Date): Promise<OrganisationDetailView> {
  const o = await organisationInScope(db, actor, id);
  const today = chinaDateOf(now);
  const engineers = await db.selectFrom('service_engineers').selectAll().where('organisation_id', '=', id).orderBy('name').orderBy('id').execute();
  const bans = await bansOf(db, [id]);
  const names = new Map<string, string>([[o.id, o.name], ...engineers.map((e) => [e.id, e.name] as [string, string])]);
  const reports = await reportsWhere(db, { organisationId: id });
  const violations = await db
    .selectFrom('service_violations')
    .leftJoin('service_engineers', 'service_engineers.id', 'service_violations.engineer_id')
    .leftJoin('service_reports', 'service_reports.id', 'service_violations.report_id')
    .selectAll('service_violations')
    .select(['service_engineers.name as engineer_name', 'service_reports.report_number'])
    .where('service_violations.organisation_id', '=', id)
    .orderBy('service_violations.found_on', 'desc')
    .orderBy('service_violations.id')
    .execute();
  return {
    organisation: presentOrganisation(o, activeBanView(bans, 'organisation', o.id, o.name, today)),
    registeredEngineers: engineerCounts(
      engineers.map((e) => ({ class: e.class, status: e.status, bans: bansFor(bans, 'engineer', e.id).map(facts) })),
      today,
    ),
    engineers: engineers.map((e) => presentEngineer(e, bans, today)),
    reports,
    violations: violations.map((v) => presentViolation(v, v.engineer_name, v.report_number)),
    bans: bans.map((b) => presentBan(b, names.get(b.subject_id) ?? '', today)),
  };
}

/** An engineer's credit (CRD-01 persons), to staff whose jurisdiction covers the organisation only. */
export async function engineerCredit(db: Executor, actor: Actor, id: string, now: Date): Promise<PersonCreditView> {
  const { engineer, organisation } = await engineerInScope(db, actor, id);
  return personCredit(db, engineer.subject_key, engineer.name, organisation.agency_id, now);
}
