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

export async function recordDeadLetter(db: Executor, row: MonitoringDeadLetterTable): Promise<void> {
  await db.insertInto('monitoring_dead_letters').values(row).execute();
}

/** Thrown inside a transaction whose compare-and-set lost: nothing changed, the transaction rolls back. */
export class Unchanged extends Error {
  constructor() {
    super('unchanged');
  }
}
