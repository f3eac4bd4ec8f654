import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { MonitoringDeadLetterTable, MonitoringDevice, MonitoringEventTable } from '../../db/schema/monitoring.ts';

/** Stores a device event once per (centre, message id): false when the message was already stored (a duplicate). */
export async function insertDeviceEvent(db: Executor, row: MonitoringEventTable): Promise<boolean> {
  const r = await db
    .insertInto('monitoring_events')
    .values(row)
    .onConflict((oc) => oc.columns(['centre_code', 'message_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Stores several device events at once (one multi-row insert); each (centre, message id) once, by the unique
 * index. Returns the ids of the rows inserted: a row missing from it was a duplicate of a stored message.
 */
export async function insertDeviceEvents(db: Executor, rows: MonitoringEventTable[]): Promise<Set<string>> {
  const inserted = await db
    .insertInto('monitoring_events')
    .values(rows)
    .onConflict((oc) => oc.columns(['centre_code', 'message_id']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((r) => r.id));
}

/** How far `last_seen_at` may lag behind a device's latest message. */
export const LAST_SEEN_STEP_MS = 5_000;

/**
 * A sign of life moves `last_seen_at` forward (and an offline device back online); a state event moves the
 * device's state only when its device time is later than the state's (compare-and-set on `state_at`): events
 * arriving out of order are placed by the device's time, not by arrival.
 */
export async function noteDeviceState(db: Executor, device: MonitoringDevice, type: string, occurredAt: string, receivedAt: string): Promise<void> {
  // A sign of life is written at most every LAST_SEEN_STEP_MS per device: heartbeat periods are minutes, and a
  // busy device's every message would otherwise rewrite its row (the offline sweep reads this with that slack).
  const stale = new Date(new Date(receivedAt).getTime() - LAST_SEEN_STEP_MS).toISOString();
  await db
    .updateTable('monitoring_devices')
    .set({ last_seen_at: receivedAt, status: 'online' })
    .where('id', '=', device.id)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', stale), eb('status', '=', 'offline')]))
    .execute();
  if (type === 'heartbeat') return;
  await db
    .updateTable('monitoring_devices')
    .set({ state: type, state_at: occurredAt })
    .where('id', '=', device.id)
    .where((eb) => eb.or([eb('state_at', 'is', null), eb('state_at', '<', occurredAt)]))
    .execute();
}

/**
 * `noteDeviceState` for the events of a batch, two statements for all their devices (rows of `values`, joined by
 * id; `column1…` are the names both PostgreSQL and SQLite give them): each device's sign of life from its latest
 * arrival, and its state from its event with the greatest device time, under the same compare-and-sets. One row
 * per device, in id order.
 */
export async function noteDeviceStates(db: Executor, events: { deviceId: string; type: string; occurredAt: string; receivedAt: string }[]): Promise<void> {
  const seen = new Map<string, string>();
  const state = new Map<string, { type: string; at: string }>();
  for (const e of events) {
    const s = seen.get(e.deviceId);
    if (s === undefined || e.receivedAt > s) seen.set(e.deviceId, e.receivedAt);
    if (e.type === 'heartbeat') continue;
    const t = state.get(e.deviceId);
    if (t === undefined || e.occurredAt > t.at) state.set(e.deviceId, { type: e.type, at: e.occurredAt });
  }
  const byId = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (seen.size > 0) {
    const rows = byId(seen).map(([id, at]) => sql`(${id}, ${at}, ${new Date(new Date(at).getTime() - LAST_SEEN_STEP_MS).toISOString()})`);
    await sql`update monitoring_devices set last_seen_at = v.column2, status = 'online'
      from (values ${sql.join(rows)}) as v
      where monitoring_devices.id = v.column1
        and (monitoring_devices.last_seen_at is null or monitoring_devices.last_seen_at < v.column3 or monitoring_devices.status = 'offline')`.execute(db);
  }
  if (state.size > 0) {
    const rows = byId(state).map(([id, s]) => sql`(${id}, ${s.type}, ${s.at})`);
    await sql`update monitoring_devices set state = v.column2, state_at = v.column3
      from (values ${sql.join(rows)}) as v
      where monitoring_devices.id = v.column1
        and (monitoring_devices.state_at is null or monitoring_devices.state_at < v.column3)`.execute(db);
  }
}

export async function recordDeadLetter(db: Executor, row: MonitoringDeadLetterTable): Promise<void> {
  await db.insertInto('monitoring_dead_letters').values(row).execute();
}

/** Thrown inside a transaction whose compare-and-set lost: nothing changed, the transaction rolls back. */
export class Unchanged extends Error {
  constructor() {
    super('unchanged');
  }
}
