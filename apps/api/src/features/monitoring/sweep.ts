import { isSilent } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { acquireLease, releaseLease } from '../../platform/jobs/lease.ts';
import { transact } from '../../platform/transact.ts';
import { DEVICE_WENT_OFFLINE, type DeviceWentOffline } from './events.ts';
import { LAST_SEEN_STEP_MS, Unchanged } from './monitoring.repository.ts';

export const OFFLINE_SWEEP_JOB = 'monitoring-offline-sweep';

/**
 * Flags the devices silent past their heartbeat period as offline (MON-01). Lease-protected like the other sweeps;
 * each flag is a compare-and-set on the device's status and last sign of life, so a message arriving meanwhile
 * wins (the device stays online) and two sweeps flag a device once. Each flag is recorded on the device's chain
 * with a `monitoring.device_went_offline` event.
 */
export async function sweepOfflineDevices(ctx: AppContext, holder: string): Promise<{ ran: boolean; flagged: number }> {
  const { db } = ctx.database;
  if (!(await acquireLease(db, OFFLINE_SWEEP_JOB, holder, ctx.now(), 5 * 60_000))) return { ran: false, flagged: 0 };
  let flagged = 0;
  try {
    const now = ctx.now();
    const online = await db.selectFrom('monitoring_devices').selectAll().where('status', '=', 'online').orderBy('id').execute();
    // The period plus the lag `last_seen_at` may have behind the latest message (noteDeviceState).
    for (const d of online.filter((d) => isSilent(d.last_seen_at, d.created_at, d.heartbeat_seconds + LAST_SEEN_STEP_MS / 1000, now))) {
      const done = await transact(ctx, systemActor('monitoring'), async (trx, audit, emit) => {
        // A lost compare-and-set changes nothing: the transaction rolls back (Unchanged), nothing is recorded.
        let q = trx.updateTable('monitoring_devices').set({ status: 'offline' }).where('id', '=', d.id).where('status', '=', 'online');
        q = d.last_seen_at === null ? q.where('last_seen_at', 'is', null) : q.where('last_seen_at', '=', d.last_seen_at);
        const r = await q.executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Unchanged();
        await audit({
          action: 'monitoring.device_offline',
          targetType: 'monitoring_device',
          targetId: d.id,
          before: { status: 'online' },
          after: { status: 'offline' },
          details: { lastSeenAt: d.last_seen_at, heartbeatSeconds: d.heartbeat_seconds },
        });
        const fact: DeviceWentOffline = { deviceId: d.id, deviceCode: d.device_code, usci: d.usci, agencyId: d.agency_id, lastSeenAt: d.last_seen_at };
        emit({ type: DEVICE_WENT_OFFLINE, targetType: 'monitoring_device', targetId: d.id, agencyId: d.agency_id, payload: { ...fact } });
        return true;
      }).catch((err: unknown) => {
        if (err instanceof Unchanged) return false;
        throw err;
      });
      if (done) flagged++;
    }
    return { ran: true, flagged };
  } finally {
    await releaseLease(db, OFFLINE_SWEEP_JOB, holder);
  }
}
