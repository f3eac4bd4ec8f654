import { parseDeviceMessage } from '@fep/domain';
import type { MonitoringCentre, MonitoringDevice } from '../../../db/schema/monitoring.ts';
import { systemActor } from '../../../platform/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { FIRE_ALARM_RECEIVED, type FireAlarmReceived } from '../events.ts';
import { insertDeviceEvent, noteDeviceState, recordDeadLetter, Unchanged } from '../monitoring.repository.ts';

export type IngestOutcome = { outcome: 'stored'; eventId: string } | { outcome: 'duplicate' } | { outcome: 'dead_letter'; reason: string };

/**
 * One message of a monitoring centre (MON-01), whoever delivers it — the MQTT consumer, a test, a replay: read and
 * checked by the domain's contract, tied to the centre and the registered device, stored once per (centre, message
 * id) by the unique index (insert … on conflict do nothing), and the device's state moved only by a later device
 * time (compare-and-set on `state_at`), so a message arriving late never overwrites a newer state. What cannot be
 * read or placed becomes a dead letter with its Chinese reason; nothing here throws for a bad message.
 *
 * A fire alarm is stored in a transaction with its enforcement record (on the device's chain) and the
 * `monitoring.fire_alarm_received` event, which the notification centre turns into messages right after the commit.
 * The other events (faults, heartbeats …) are telemetry: stored and placed without a record of their own.
 */
export async function ingestMessage(deps: Deps, input: { topic: string; payload: string; receivedAt?: Date }): Promise<IngestOutcome> {
  const { db } = deps.database;
  const received = input.receivedAt ?? deps.now();
  const receivedAt = received.toISOString();
  const dead = async (centreCode: string | null, reason: string): Promise<IngestOutcome> => {
    await recordDeadLetter(db, {
      id: uuidv7(received.getTime()),
      topic: input.topic.slice(0, 300),
      centre_code: centreCode,
      payload: input.payload.slice(0, 16_384),
      reason,
      received_at: receivedAt,
    });
    return { outcome: 'dead_letter', reason };
  };
  const parsed = parseDeviceMessage(input.topic, input.payload, received);
  if (!parsed.ok) return dead(parsed.centreCode, parsed.reason);
  const m = parsed.message;
  const known = await registeredDevice(deps, m.centreCode, m.deviceId, received.getTime());
  if (!known.centre) return dead(m.centreCode, `未登记的监控中心：${m.centreCode}`);
  const centre = known.centre;
  const device = known.device;
  if (!device) return dead(m.centreCode, `未登记的设备：${m.deviceId}（监控中心 ${centre.name}）`);
  if (m.unitUsci && m.unitUsci !== device.usci) return dead(m.centreCode, `报文中的单位（${m.unitUsci}）与设备登记的单位（${device.usci}）不符`);
  const row = {
    id: uuidv7(new Date(m.occurredAt).getTime()),
    centre_code: m.centreCode,
    message_id: m.messageId,
    device_id: device.id,
    usci: device.usci,
    agency_path: device.agency_path,
    type: m.type,
    occurred_at: m.occurredAt,
    received_at: receivedAt,
    detail: m.detail,
  };
  if (m.type !== 'fire_alarm') {
    // Telemetry: the event and the device's state in one short transaction (one commit, not one per statement).
    return db.transaction().execute(async (trx): Promise<IngestOutcome> => {
      if (!(await insertDeviceEvent(trx, row))) return { outcome: 'duplicate' };
      await noteDeviceState(trx, device, m.type, m.occurredAt, receivedAt);
      return { outcome: 'stored', eventId: row.id };
    });
  }
  // A duplicate writes nothing, so its transaction rolls back (Unchanged) rather than commit without a record.
  return transact(deps, systemActor('monitoring'), async (trx, audit, emit): Promise<IngestOutcome> => {
    if (!(await insertDeviceEvent(trx, row))) throw new Unchanged();
    await noteDeviceState(trx, device, m.type, m.occurredAt, receivedAt);
    const unit = await trx.selectFrom('units').select(['name']).where('id', '=', device.unit_id).executeTakeFirst();
    await audit({
      action: 'monitoring.fire_alarm',
      targetType: 'monitoring_device',
      targetId: device.id,
      details: { eventId: row.id, centre: m.centreCode, messageId: m.messageId, occurredAt: m.occurredAt, usci: device.usci },
    });
    const fact: FireAlarmReceived = alarmFact(device, row.id, unit?.name ?? device.usci, centre.name, m.occurredAt, m.detail);
    emit({ type: FIRE_ALARM_RECEIVED, targetType: 'monitoring_device', targetId: device.id, agencyId: device.agency_id, payload: { ...fact } });
    return { outcome: 'stored', eventId: row.id };
  }).catch((err: unknown) => {
    if (err instanceof Unchanged) return { outcome: 'duplicate' };
    throw err;
  });
}

/**
 * The centre and device of a message, from a per-process cache kept DEVICE_CACHE_MS: a centre's devices send every
 * few seconds, and two lookups a message were a third of the store's round trips on PostgreSQL. Only registered
 * pairs are cached (a device registered a moment ago is found at once); a device moved to another unit is seen
 * within DEVICE_CACHE_MS. Its state is never read from the cache (the compare-and-set reads the row).
 */
const DEVICE_CACHE_MS = 10_000;
const deviceCache = new WeakMap<object, Map<string, { at: number; centre: MonitoringCentre; device: MonitoringDevice }>>();
async function registeredDevice(
  deps: Deps,
  centreCode: string,
  deviceCode: string,
  now: number,
): Promise<{ centre: MonitoringCentre | undefined; device: MonitoringDevice | undefined }> {
  const { db } = deps.database;
  let cache = deviceCache.get(deps.database);
  if (!cache) {
    cache = new Map();
    deviceCache.set(deps.database, cache);
  }
  const key = `${centreCode}\u0000${deviceCode}`;
  const hit = cache.get(key);
  if (hit && now - hit.at >= 0 && now - hit.at < DEVICE_CACHE_MS) return hit;
  const centre = await db.selectFrom('monitoring_centres').selectAll().where('code', '=', centreCode).executeTakeFirst();
  if (!centre) return { centre: undefined, device: undefined };
  const device = await db
    .selectFrom('monitoring_devices')
    .selectAll()
    .where('centre_code', '=', centreCode)
    .where('device_code', '=', deviceCode)
    .executeTakeFirst();
  if (device) {
    if (cache.size > 100_000) cache.clear();
    cache.set(key, { at: now, centre, device });
  }
  return { centre, device };
}

function alarmFact(d: MonitoringDevice, eventId: string, unitName: string, centreName: string, occurredAt: string, detail: string | null): FireAlarmReceived {
  return {
    eventId,
    deviceId: d.id,
    deviceCode: d.device_code,
    location: d.location,
    usci: d.usci,
    unitName,
    agencyId: d.agency_id,
    centreName,
    occurredAt,
    detail,
  };
}
