import type { AlarmQuery, AlarmView, DeviceCreateBody, DeviceView, MonitoringDeadLetterView } from '@fep/contracts';
import { DEVICE_EVENT_LABELS, DEVICE_KIND_LABELS, DEVICE_STATUS_LABELS, type DeviceEventType, type DeviceKind } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { MonitoringDevice } from '../../db/schema/monitoring.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { readInScope, scopeFilter } from '../../platform/org/scope.ts';
import { type Deps, transact } from '../../platform/transact.ts';
import { unitByUsci } from '../units/index.ts';

const ALARM_TYPES = ['fire_alarm', 'fault', 'supervisory'] as const;

export function presentDevice(d: MonitoringDevice, names: { centreName: string; unitName: string }): DeviceView {
  const state = d.state as DeviceEventType | null;
  return {
    id: d.id,
    centreCode: d.centre_code,
    centreName: names.centreName,
    deviceId: d.device_code,
    usci: d.usci,
    unitName: names.unitName,
    kind: d.kind as DeviceKind,
    kindLabel: DEVICE_KIND_LABELS[d.kind as DeviceKind] ?? d.kind,
    location: d.location,
    heartbeatSeconds: d.heartbeat_seconds,
    status: d.status,
    statusLabel: DEVICE_STATUS_LABELS[d.status],
    lastSeenAt: d.last_seen_at,
    state,
    stateLabel: state ? DEVICE_EVENT_LABELS[state] : null,
    stateAt: d.state_at,
  };
}

/**
 * An administrator registers a monitoring centre's device to a unit of the agency's area (MON-01): from then on the
 * centre's messages naming the device are tied to the unit and its agency. One device per centre and device id (the
 * unique index decides a race); offline until it is first heard from.
 */
export async function registerDevice(deps: Deps, actor: Actor, input: DeviceCreateBody): Promise<DeviceView> {
  return transact(deps, actor, async (trx, audit) => {
    const centre = await trx.selectFrom('monitoring_centres').selectAll().where('code', '=', input.centreCode).executeTakeFirst();
    if (!centre) throw new AppError('RESOURCE.NOT_FOUND', `监控中心 ${input.centreCode} 未登记`);
    const unit = await readInScope({ type: 'unit', id: input.usci, what: '社会单位' }, (scoped) => unitByUsci(trx, input.usci, scoped ? actor.scope : null));
    const now = deps.now().toISOString();
    const row: MonitoringDevice = {
      id: uuidv7(deps.now().getTime()),
      centre_code: centre.code,
      device_code: input.deviceId,
      usci: unit.usci,
      unit_id: unit.id,
      agency_id: unit.agency_id,
      agency_path: unit.agency_path,
      kind: input.kind,
      location: input.location,
      heartbeat_seconds: input.heartbeatSeconds,
      status: 'offline',
      last_seen_at: null,
      state: null,
      state_at: null,
      created_at: now,
    };
    const r = await trx
      .insertInto('monitoring_devices')
      .values(row)
      .onConflict((oc) => oc.columns(['centre_code', 'device_code']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('REQUEST.CONFLICT', `设备 ${input.deviceId} 已在监控中心 ${centre.name} 登记`);
    await audit({ action: 'monitoring.device_register', targetType: 'monitoring_device', targetId: row.id, after: row });
    return presentDevice(row, { centreName: centre.name, unitName: unit.name });
  });
}

/**
 * The alarms (fire alarms, faults, supervisory alarms) of the units in the actor's area, newest device time first;
 * with `usci` those of one unit (404 when it lies outside the area).
 */
export async function listAlarms(db: Executor, actor: Actor, query: AlarmQuery): Promise<{ items: AlarmView[] }> {
  if (query.usci) {
    const usci = query.usci;
    await readInScope({ type: 'unit', id: usci, what: '社会单位' }, (scoped) => unitByUsci(db, usci, scoped ? actor.scope : null));
  }
  let q = db
    .selectFrom('monitoring_events')
    .innerJoin('monitoring_devices', 'monitoring_devices.id', 'monitoring_events.device_id')
    .innerJoin('units', 'units.id', 'monitoring_devices.unit_id')
    .innerJoin('monitoring_centres', 'monitoring_centres.code', 'monitoring_events.centre_code')
    .select([
      'monitoring_events.id',
      'monitoring_events.type',
      'monitoring_events.usci',
      'units.name as unitName',
      'units.address as unitAddress',
      'monitoring_devices.device_code',
      'monitoring_devices.location',
      'monitoring_centres.name as centreName',
      'monitoring_events.occurred_at',
      'monitoring_events.received_at',
      'monitoring_events.detail',
    ])
    .where(scopeFilter(actor.scope, { agencyPath: 'monitoring_events.agency_path' }))
    .where('monitoring_events.type', 'in', query.type ? [query.type] : [...ALARM_TYPES]);
  if (query.usci) q = q.where('monitoring_events.usci', '=', query.usci);
  const rows = await q
    .orderBy('monitoring_events.occurred_at', 'desc')
    .orderBy('monitoring_events.id', 'desc')
    .limit(query.limit ?? 100)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as DeviceEventType,
      typeLabel: DEVICE_EVENT_LABELS[r.type as DeviceEventType],
      usci: r.usci,
      unitName: r.unitName,
      unitAddress: r.unitAddress,
      deviceId: r.device_code,
      deviceLocation: r.location,
      centreName: r.centreName,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      detail: r.detail,
    })),
  };
}

/** The messages that could not be processed, newest first, with their reasons (administrators). */
export async function listDeadLetters(db: Executor, limit = 100): Promise<{ items: MonitoringDeadLetterView[] }> {
  const rows = await db.selectFrom('monitoring_dead_letters').selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return {
    items: rows.map((r) => ({ id: r.id, topic: r.topic, centreCode: r.centre_code, payload: r.payload, reason: r.reason, receivedAt: r.received_at })),
  };
}

/** A monitoring centre (its code is the topic's `<centreCode>`): the demo data and the tests register theirs here. */
export async function registerCentre(db: Executor, centre: { code: string; name: string; agencyId: string }, now: Date): Promise<void> {
  await db
    .insertInto('monitoring_centres')
    .values({ code: centre.code, name: centre.name, agency_id: centre.agencyId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
