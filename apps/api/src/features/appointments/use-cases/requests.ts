import type {
  AppointmentConfirmBody,
  AppointmentCounterBody,
  AppointmentDeclineBody,
  AppointmentRequestInput,
  AppointmentRequestList,
  AppointmentRequestListQuery,
  AppointmentRequestView,
  AppointmentVersionBody,
} from '@fep/contracts';
import {
  APPOINTMENT_REQUEST_KIND_LABELS,
  APPOINTMENT_REQUEST_STATUS_LABELS,
  type AppointmentRequestAction,
  type AppointmentsPolicy,
  chinaDateOf,
  chinaDateTimeOf,
  inScope,
  nextRequestStatus,
  outsideOfficeHours,
  policyKind,
} from '@fep/domain';
import { Type } from 'typebox';
import type { Executor } from '../../../db/database.ts';
import { jsonColumn } from '../../../db/json.ts';
import type { AppointmentRequest } from '../../../db/schema/services.ts';
import type { Actor } from '../../../platform/actor.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { presentClock } from '../../../platform/clocks/clocks.presenter.ts';
import { applyClockEvent, startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError, notFound, outOfScope } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Agency, agencyById, findAgency } from '../../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../../platform/org/scope.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, type Emit, transact } from '../../../platform/transact.ts';
import { APPOINTMENT_ANSWERED, type AppointmentAnswered } from '../events.ts';

export const PROPOSED_TIMES = jsonColumn('appointment_requests.proposed_json', Type.Array(Type.String(), { maxItems: 3 }));

const KIND = 'services.appointments';

/** The appointments policy in force for an agency on a day (reminder lead, reply days, office hours), with its version key. */
export async function appointmentsPolicy(db: Executor, agency: Agency, on: string): Promise<{ policy: AppointmentsPolicy; version: string }> {
  const [r] = await resolveForAgency(db, agency, on, [KIND]);
  return { policy: r!.values as unknown as AppointmentsPolicy, version: r!.versionKey };
}

async function present(db: Executor, r: AppointmentRequest, nowIso: string): Promise<AppointmentRequestView> {
  const agency = await agencyById(db, r.agency_id);
  const clockRow = r.clock_id ? await db.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst() : undefined;
  const clock = clockRow && clockRow.status !== 'stopped' ? await presentClock(db, clockRow, nowIso) : null;
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: APPOINTMENT_REQUEST_KIND_LABELS[r.kind],
    agencyName: agency?.name ?? '',
    unitName: r.unit_name,
    requesterName: r.requester_name,
    topic: r.topic,
    place: r.place,
    people: r.people,
    contact: r.contact,
    proposedTimes: PROPOSED_TIMES.decode(r.proposed_json) ?? [],
    status: r.status,
    statusLabel: APPOINTMENT_REQUEST_STATUS_LABELS[r.status],
    startsAt: r.starts_at,
    counterAt: r.counter_at,
    answer: r.answer,
    replyDue: clock?.dueDate ?? null,
    replyAlert: clock?.alert ?? null,
    replyBasis: clock ? `${clock.legalBasis.document}${clock.legalBasis.clause ?? ''}` : null,
    reminded: r.reminded_at !== null,
    createdAt: r.created_at,
    version: r.version,
  };
}

/**
 * SVC-03: a unit proposes one to three times for a drill or a training by the fire agency (辽阳 003 #16: 与社会单位提前
 * 预约，确保不影响社会单位正常生产经营秩序), or asks for a service outside office hours at one time. Times lie in the
 * future; an off-hours request must indeed fall outside the office hours of the policy on the region's calendar.
 * The agency's reply clock (policy `services.appointments`, working days) starts.
 */
export async function requestAppointment(deps: Deps, actor: Actor, input: AppointmentRequestInput): Promise<AppointmentRequestView> {
  const nowIso = deps.now().toISOString();
  const times = [...new Set(input.proposedTimes.map((t) => new Date(t).toISOString()))].sort();
  if (times.some((t) => t <= nowIso)) throw new AppError('APPOINTMENT.INVALID', '预约时间应晚于现在', { field: 'proposedTimes' });
  if (input.kind === 'off_hours' && times.length !== 1)
    throw new AppError('APPOINTMENT.INVALID', '非工作时间预约服务请填写一个时间', { field: 'proposedTimes' });
  return transact(deps, actor, async (trx, audit) => {
    const agency = await findAgency(trx, input.regionCode);
    if (!agency) throw notFound('该地区的消防救援机构');
    const now = deps.now();
    const { policy, version } = await appointmentsPolicy(trx, agency, chinaDateOf(now));
    if (input.kind === 'off_hours') {
      const cal = await loadCalendar(trx, agency.region_code);
      if (!outsideOfficeHours(times[0]!, cal, policy))
        throw new AppError(
          'APPOINTMENT.NOT_OFF_HOURS',
          `${chinaDateTimeOf(times[0]!)} 在工作时间内（工作日 ${policy.officeStart}—${policy.officeEnd}），请直接到窗口办理或选择工作时间以外的时间`,
          { field: 'proposedTimes', officeStart: policy.officeStart, officeEnd: policy.officeEnd },
        );
    }
    const id = uuidv7(now.getTime());
    const basis = policyKind('services.appointments').fields.replyWorkingDays?.legalBasis;
    const clock = await startClock(
      trx,
      {
        targetType: 'appointment_request',
        targetId: id,
        title: `答复${APPOINTMENT_REQUEST_KIND_LABELS[input.kind]}预约：${input.unitName}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'working_days',
        amount: policy.replyWorkingDays,
        legalBasis: { document: basis?.document ?? '', clause: basis?.clause ?? null },
        startedAt: now.toISOString(),
        policyVersion: version,
      },
      now,
    );
    const row: AppointmentRequest = {
      id,
      kind: input.kind,
      agency_id: agency.id,
      agency_path: agency.path,
      usci: actor.usci,
      requester_user_id: actor.userId,
      requester_name: actor.displayName ?? actor.username ?? '',
      unit_name: input.unitName,
      topic: input.topic,
      place: input.place,
      people: input.people,
      contact: input.contact,
      proposed_json: PROPOSED_TIMES.encode(times),
      status: 'proposed',
      starts_at: null,
      counter_at: null,
      answer: null,
      answered_by: null,
      clock_id: clock.id,
      policy_version: version,
      reminded_at: null,
      version: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await trx.insertInto('appointment_requests').values(row).execute();
    await audit({ action: 'appointment.request', targetType: 'appointment_request', targetId: id, after: { ...row, contact: null } });
    return present(trx, row, now.toISOString());
  });
}

/** The unit's requests (or the account's, without a USCI), newest first. */
export async function myAppointmentRequests(deps: Deps, actor: Actor): Promise<AppointmentRequestList> {
  const db = deps.database.db;
  let q = db.selectFrom('appointment_requests').selectAll();
  q = actor.usci ? q.where('usci', '=', actor.usci) : q.where('requester_user_id', '=', actor.userId ?? '');
  const rows = await q.orderBy('created_at', 'desc').limit(100).execute();
  const nowIso = deps.now().toISOString();
  const items: AppointmentRequestView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  return { items };
}

/** The agency's queue (its own requests and those of the agencies below), those waiting for an answer first. */
export async function listAppointmentRequests(deps: Deps, actor: Actor, q: AppointmentRequestListQuery): Promise<AppointmentRequestList> {
  const db = deps.database.db;
  let query = db
    .selectFrom('appointment_requests')
    .selectAll()
    .where(scopeFilter(actor.scope, { agencyPath: 'appointment_requests.agency_path' }));
  if (q.open) query = query.where('status', 'in', ['proposed', 'counter_proposed']);
  const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
  const nowIso = deps.now().toISOString();
  const items: AppointmentRequestView[] = [];
  for (const r of rows) items.push(await present(db, r, nowIso));
  items.sort((a, b) => Number(b.status === 'proposed') - Number(a.status === 'proposed'));
  return { items };
}

const stale = () => new AppError('APPOINTMENT.STATE', '该预约已被他人办理或状态已变化，请刷新后重试');

/**
 * One step of a request: the action must apply in the state read (domain `nextRequestStatus`), and the row moves by
 * a compare-and-set on its status and version — of parallel identical steps exactly one applies.
 */
async function step(
  trx: Executor,
  r: AppointmentRequest,
  action: AppointmentRequestAction,
  version: number,
  set: Partial<AppointmentRequest>,
  nowIso: string,
): Promise<AppointmentRequest> {
  const to = nextRequestStatus(r.kind, r.status, action);
  if (!to || r.version !== version) throw stale();
  const change = { ...set, status: to, version: version + 1, updated_at: nowIso };
  const u = await trx
    .updateTable('appointment_requests')
    .set(change)
    .where('id', '=', r.id)
    .where('status', '=', r.status)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw stale();
  return { ...r, ...change };
}

async function staffRequest(db: Executor, actor: Actor, id: string): Promise<AppointmentRequest> {
  const r = await db.selectFrom('appointment_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('预约');
  if (!inScope(actor.scope, { agencyPath: r.agency_path })) throw outOfScope('预约', { type: 'appointment_request', id });
  return r;
}

async function ownRequest(db: Executor, actor: Actor, id: string): Promise<AppointmentRequest> {
  const r = await db.selectFrom('appointment_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('预约');
  const mine = actor.usci ? r.usci === actor.usci : r.requester_user_id === actor.userId;
  // Another unit's request: refused as a missing one (404), and recorded as an out-of-scope attempt.
  if (!mine) throw outOfScope('预约', { type: 'appointment_request', id });
  return r;
}

async function stopReplyClock(trx: Executor, r: AppointmentRequest, reason: string, actor: Actor, now: Date) {
  if (!r.clock_id) return;
  const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', r.clock_id).executeTakeFirst();
  if (clock && clock.status !== 'stopped') await applyClockEvent(trx, clock, { type: 'stop', reason }, actor.userId, now);
}

function tellUnit(emit: Emit, r: AppointmentRequest) {
  const fact: AppointmentAnswered = {
    requestId: r.id,
    what: `${APPOINTMENT_REQUEST_KIND_LABELS[r.kind]}：${r.topic.slice(0, 40)}`,
    statusLabel: APPOINTMENT_REQUEST_STATUS_LABELS[r.status],
    startsAt: r.status === 'counter_proposed' ? r.counter_at : r.starts_at,
    answer: r.answer,
    userId: r.requester_user_id,
    usci: r.usci,
  };
  emit({ type: APPOINTMENT_ANSWERED, targetType: 'appointment_request', targetId: r.id, agencyId: r.agency_id, payload: { ...fact } });
}

const future = (iso: string, nowIso: string) => {
  if (iso <= nowIso) throw new AppError('APPOINTMENT.TOO_LATE', '该时间已过，请选择以后的时间', { field: 'startsAt' });
};

/** Staff confirm one of the unit's proposed times (or accept an off-hours request at its time): the reply clock stops. */
export async function confirmAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentConfirmBody): Promise<AppointmentRequestView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const r = await staffRequest(trx, actor, id);
    const now = deps.now();
    const at = new Date(input.startsAt).toISOString();
    if (!(PROPOSED_TIMES.decode(r.proposed_json) ?? []).includes(at))
      throw new AppError('APPOINTMENT.INVALID', '只能确认单位提出的时间；都不合适的，请另提时间', { field: 'startsAt' });
    future(at, now.toISOString());
    const after = await step(trx, r, 'confirm', input.version, { starts_at: at, answered_by: actor.userId }, now.toISOString());
    await stopReplyClock(trx, r, '已确认时间', actor, now);
    await audit({
      action: 'appointment.request.confirm',
      targetType: 'appointment_request',
      targetId: id,
      before: { status: r.status },
      after: { status: after.status, startsAt: at },
    });
    tellUnit(emit, after);
    return present(trx, after, now.toISOString());
  });
}

/** Staff propose another time for a drill or training, with the reason; the unit then accepts it (or cancels). */
export async function counterAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentCounterBody): Promise<AppointmentRequestView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const r = await staffRequest(trx, actor, id);
    const now = deps.now();
    const at = new Date(input.startsAt).toISOString();
    future(at, now.toISOString());
    if (r.kind === 'off_hours') throw new AppError('APPOINTMENT.STATE', '非工作时间预约服务只能同意或不予安排');
    const after = await step(trx, r, 'counter', input.version, { counter_at: at, answer: input.reason, answered_by: actor.userId }, now.toISOString());
    await stopReplyClock(trx, r, '已另提时间', actor, now);
    await audit({
      action: 'appointment.request.counter',
      targetType: 'appointment_request',
      targetId: id,
      before: { status: r.status },
      after: { status: after.status, counterAt: at },
    });
    tellUnit(emit, after);
    return present(trx, after, now.toISOString());
  });
}

/** Staff decline a request, with the reason the unit reads. */
export async function declineAppointment(deps: Deps, actor: Actor, id: string, input: AppointmentDeclineBody): Promise<AppointmentRequestView> {
  return transact(deps, actor, async (trx, audit, emit) => {
    const r = await staffRequest(trx, actor, id);
    const now = deps.now();
    const after = await step(trx, r, 'decline', input.version, { answer: input.reason, answered_by: actor.userId }, now.toISOString());
    await stopReplyClock(trx, r, '不予安排', actor, now);
    await audit({
      action: 'appointment.request.decline',
      targetType: 'appointment_request',
      targetId: id,
      before: { status: r.status },
      after: { status: after.status, reason: input.reason },
    });
    tellUnit(emit, after);
    return present(trx, after, now.toISOString());
  });
}

/** The unit accepts the agency's other time: the appointment is fixed at it. */
export async function acceptCounter(deps: Deps, actor: Actor, id: string, input: AppointmentVersionBody): Promise<AppointmentRequestView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await ownRequest(trx, actor, id);
    const now = deps.now();
    if (r.counter_at) future(r.counter_at, now.toISOString());
    const after = await step(trx, r, 'accept', input.version, { starts_at: r.counter_at }, now.toISOString());
    await audit({
      action: 'appointment.request.accept',
      targetType: 'appointment_request',
      targetId: id,
      before: { status: r.status },
      after: { status: after.status, startsAt: r.counter_at },
    });
    return present(trx, after, now.toISOString());
  });
}

/** The unit cancels its request, before the agreed time. */
export async function cancelAppointmentRequest(deps: Deps, actor: Actor, id: string, input: AppointmentVersionBody): Promise<AppointmentRequestView> {
  return transact(deps, actor, async (trx, audit) => {
    const r = await ownRequest(trx, actor, id);
    const now = deps.now();
    if (r.status === 'confirmed' && r.starts_at && r.starts_at <= now.toISOString()) throw new AppError('APPOINTMENT.STATE', '预约时间已到，不能取消');
    const after = await step(trx, r, 'cancel', input.version, {}, now.toISOString());
    await stopReplyClock(trx, r, '单位已取消', actor, now);
    await audit({
      action: 'appointment.request.cancel',
      targetType: 'appointment_request',
      targetId: id,
      before: { status: r.status },
      after: { status: after.status },
    });
    return present(trx, after, now.toISOString());
  });
}
