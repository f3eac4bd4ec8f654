import { parseDeviceMessage } from '@fep/domain';
import type { MonitoringCentre, MonitoringDeadLetterTable, MonitoringDevice, MonitoringEventTable } from '../../../db/schema/monitoring.ts';
import { systemActor } from '../../../platform/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { FIRE_ALARM_RECEIVED, type FireAlarmReceived } from '../events.ts';
import { insertDeviceEvent, insertDeviceEvents, noteDeviceState, noteDeviceStates, recordDeadLetter, Unchanged } from '../monitoring.repository.ts';

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
export async function ingestMessage(deps: Deps, input: IngestInput): Promise<IngestOutcome> {
  const placed = await place(deps, input);
  if (placed.kind === 'dead') {
    await recordDeadLetter(deps.database.db, placed.letter);
    return { outcome: 'dead_letter', reason: placed.letter.reason };
  }
  const { row, device } = placed;
  if (row.type !== 'fire_alarm') {
    // Telemetry: the event and the device's state in one short transaction (one commit, not one per statement).
    return deps.database.db.transaction().execute(async (trx): Promise<IngestOutcome> => {
      if (!(await insertDeviceEvent(trx, row))) return { outcome: 'duplicate' };
      await noteDeviceState(trx, device, row.type, row.occurred_at, row.received_at);
      return { outcome: 'stored', eventId: row.id };
    });
  }
  return ingestFireAlarm(deps, placed);
}

/**
 * Several messages at once (the MQTT consumer's micro-batch, MON-01): the same checks and the same outcome per
 * message as `ingestMessage`, in fewer round trips. The telemetry and the dead letters of the batch are written in
 * one transaction — one multi-row insert of the events whose unique (centre, message id) index keeps each message
 * once (`returning` names the rows stored: the rest are duplicates), then each device's sign of life and its
 * latest state by device time, one statement each for the whole batch. Moving a device's state to the event with
 * the greatest device time of the batch, by compare-and-set on `state_at`, ends where applying the events one by
 * one would. A fire alarm keeps its own transaction (its record, audit and notification right after its commit).
 *
 * Outcomes are in the order of `inputs`. When the batch's transaction fails nothing of it is written and this
 * throws (after the fire alarms have settled); the caller retries the messages one by one, so one bad message
 * cannot hold back the others — what was written meanwhile (a fire alarm) meets its unique index then.
 */
export async function ingestMessages(deps: Deps, inputs: IngestInput[]): Promise<IngestOutcome[]> {
  const placed = await Promise.all(inputs.map((input) => place(deps, input)));
  const outcomes: (IngestOutcome | Promise<IngestOutcome> | null)[] = placed.map(() => null);
  const letters: MonitoringDeadLetterTable[] = [];
  const events: { index: number; row: MonitoringEventTable; device: MonitoringDevice }[] = [];
  const firstOf = new Map<string, number>();
  placed.forEach((p, i) => {
    if (p.kind === 'dead') {
      letters.push(p.letter);
      outcomes[i] = { outcome: 'dead_letter', reason: p.letter.reason };
    } else if (p.row.type === 'fire_alarm') outcomes[i] = ingestFireAlarm(deps, p);
    else {
      // A message repeated inside the batch: the first is the one inserted, the others are its duplicates.
      const key = `${p.row.centre_code}\u0000${p.row.message_id}`;
      if (firstOf.has(key)) outcomes[i] = { outcome: 'duplicate' };
      else {
        firstOf.set(key, i);
        events.push({ index: i, row: p.row, device: p.device });
      }
    }
  });
  const batch = async (): Promise<void> => {
    if (letters.length === 0 && events.length === 0) return;
    const stored = await deps.database.db.transaction().execute(async (trx) => {
      if (letters.length > 0) await trx.insertInto('monitoring_dead_letters').values(letters).execute();
      if (events.length === 0) return new Set<string>();
      const inserted = await insertDeviceEvents(
        trx,
        events.map((e) => e.row),
      );
      await noteDeviceStates(
        trx,
        events
          .filter((e) => inserted.has(e.row.id))
          .map((e) => ({ deviceId: e.device.id, type: e.row.type, occurredAt: e.row.occurred_at, receivedAt: e.row.received_at })),
      );
      return inserted;
    });
    for (const e of events) outcomes[e.index] = stored.has(e.row.id) ? { outcome: 'stored', eventId: e.row.id } : { outcome: 'duplicate' };
  };
  // The batch and the fire alarms together: all are awaited (a failure of one leaves no rejection unheard).
  await Promise.all([batch(), ...outcomes]);
  return Promise.all(outcomes.map((o) => o!));
}

export interface IngestInput {
  topic: string;
  payload: string;
  receivedAt?: Date;
}

type Placed =
  | { kind: 'dead'; letter: MonitoringDeadLetterTable }
  | { kind: 'event'; row: MonitoringEventTable; device: MonitoringDevice; centre: MonitoringCentre; detail: string | null };

/**
 * A message read and checked by the domain's contract and tied to its centre and registered device: the event row
 * to store, or the dead letter with its Chinese reason. Nothing is written here.
 */
async function place(deps: Deps, input: IngestInput): Promise<Placed> {
  const received = input.receivedAt ?? deps.now();
  const receivedAt = received.toISOString();
  const dead = (centreCode: string | null, reason: string): Placed => ({
    kind: 'dead',
    letter: {
      id: uuidv7(received.getTime()),
      topic: input.topic.slice(0, 300),
      centre_code: centreCode,
      payload: input.payload.slice(0, 16_384),
      reason,
      received_at: receivedAt,
    },
  });
  const parsed = parseDeviceMessage(input.topic, input.payload, received);
  if (!parsed.ok) return dead(parsed.centreCode, parsed.reason);
  const m = parsed.message;
  const known = await registeredDevice(deps, m.centreCode, m.deviceId, received.getTime());
  if (!known.centre) return dead(m.centreCode, `未登记的监控中心：${m.centreCode}`);
  const centre = known.centre;
  const device = known.device;
  if (!device) return dead(m.centreCode, `未登记的设备：${m.deviceId}（监控中心 ${centre.name}）`);
  if (m.unitUsci && m.unitUsci !== device.usci) return dead(m.centreCode, `报文中的单位（${m.unitUsci}）与设备登记的单位（${device.usci}）不符`);
  const row: MonitoringEventTable = {
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
  return { kind: 'event', row, device, centre, detail: m.detail };
}

/** A fire alarm: stored with its enforcement record and the event the notification centre sends at once. */
async function ingestFireAlarm(deps: Deps, placed: Extract<Placed, { kind: 'event' }>): Promise<IngestOutcome> {
  const { row, device, centre } = placed;
  // A duplicate writes nothing, so its transaction rolls back (Unchanged) rather than commit without a record.
  return transact(deps, systemActor('monitoring'), async (trx, audit, emit): Promise<IngestOutcome> => {
    if (!(await insertDeviceEvent(trx, row))) throw new Unchanged();
    await noteDeviceState(trx, device, row.type, row.occurred_at, row.received_at);
    const unit = await trx.selectFrom('units').select(['name']).where('id', '=', device.unit_id).executeTakeFirst();
    await audit({
      action: 'monitoring.fire_alarm',
      targetType: 'monitoring_device',
      targetId: device.id,
      details: { eventId: row.id, centre: row.centre_code, messageId: row.message_id, occurredAt: row.occurred_at, usci: device.usci },
    });
    const fact: FireAlarmReceived = alarmFact(device, row.id, unit?.name ?? device.usci, centre.name, row.occurred_at, placed.detail);
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
