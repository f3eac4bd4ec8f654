import type { Executor } from '../../db/database.ts';

export interface MonitoringRiskFacts {
  fireAlarms: number;
  faults: number;
  offlineDevices: number;
}

/**
 * What remote monitoring says about units for their risk score (MON-01 → CRD-04): fire alarms, faults and
 * supervisory alarms since `sinceIso` (by device time), and devices offline now. Only units with registered
 * devices are in the map; a unit without devices has no monitoring factor. One grouped read per table for a
 * page of units (the nightly sweep), or a single unit.
 */
export async function monitoringRiskFacts(db: Executor, uscis: readonly string[], sinceIso: string): Promise<Map<string, MonitoringRiskFacts>> {
  const out = new Map<string, MonitoringRiskFacts>();
  if (uscis.length === 0) return out;
  const devices = await db
    .selectFrom('monitoring_devices')
    .select(['usci', 'status'])
    .where('usci', 'in', [...uscis])
    .execute();
  if (devices.length === 0) return out;
  for (const d of devices) {
    const f = out.get(d.usci) ?? { fireAlarms: 0, faults: 0, offlineDevices: 0 };
    if (d.status === 'offline') f.offlineDevices++;
    out.set(d.usci, f);
  }
  const events = await db
    .selectFrom('monitoring_events')
    .select(['usci', 'type', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('usci', 'in', [...out.keys()])
    .where('type', 'in', ['fire_alarm', 'fault', 'supervisory'])
    .where('occurred_at', '>=', sinceIso)
    .groupBy(['usci', 'type'])
    .execute();
  for (const e of events) {
    const f = out.get(e.usci);
    if (!f) continue;
    if (e.type === 'fire_alarm') f.fireAlarms += Number(e.n);
    else f.faults += Number(e.n);
  }
  return out;
}
