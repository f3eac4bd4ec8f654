import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Audit } from '../../platform/transact.ts';
import { registerCentre } from './devices.ts';

export const DEMO_CENTRE = { code: 'LN-SY-01', name: '辽阳市城市消防远程监控中心' } as const;
export const DEMO_DEVICES = [
  { code: 'UITD-LY-0001', kind: 'transmission_device', location: '一层消防控制室' },
  { code: 'UITD-LY-0002', kind: 'fire_alarm_controller', location: '二层东侧' },
  { code: 'UITD-LY-0003', kind: 'water_system', location: '地下一层消防泵房' },
] as const;

/**
 * Demo data of remote monitoring (README): the 辽阳 monitoring centre and three devices registered to the first
 * units of 辽阳 (the first is the unit of applicant.211000), heartbeat every 5 minutes.
 */
export async function seedDemoMonitoring(trx: Transaction<DB>, audit: Audit, agencyId: string, now: Date): Promise<void> {
  await registerCentre(trx, { ...DEMO_CENTRE, agencyId }, now);
  const units = await trx.selectFrom('units').selectAll().where('region_code', '=', '211000').orderBy('id').limit(DEMO_DEVICES.length).execute();
  for (const [i, unit] of units.entries()) {
    const d = DEMO_DEVICES[i]!;
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('monitoring_devices')
      .values({
        id,
        centre_code: DEMO_CENTRE.code,
        device_code: d.code,
        usci: unit.usci,
        unit_id: unit.id,
        agency_id: unit.agency_id,
        agency_path: unit.agency_path,
        kind: d.kind,
        location: d.location,
        heartbeat_seconds: 300,
        status: 'offline',
        last_seen_at: null,
        state: null,
        state_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'monitoring.device_register',
      targetType: 'monitoring_device',
      targetId: id,
      details: { centre: DEMO_CENTRE.code, device: d.code, usci: unit.usci },
    });
  }
}
