import type { Executor } from '../../db/database.ts';
import type { EnforcementSeal } from '../../db/schema/enforcement.ts';
import type { Emit } from '../../platform/transact.ts';
import { SEAL_MAP_POINT } from './enforcement.columns.ts';
import { SEAL_CHANGED, type SealChanged } from './events.ts';

/** Announces a seal made or whose status changed, in the step's transaction (MON-02: the seals layer). */
export function emitSealChanged(emit: Emit, before: Pick<EnforcementSeal, 'status'> | null, after: EnforcementSeal): void {
  if (before && before.status === after.status) return;
  const payload: SealChanged = {
    sealId: after.id,
    agencyId: after.agency_id,
    agencyPath: after.agency_path,
    usci: after.usci,
    status: after.status,
    version: after.version,
  };
  emit({ type: SEAL_CHANGED, agencyId: after.agency_id, targetType: 'enforcement_seal', targetId: after.id, payload: { ...payload } });
}

/** What the map needs of a seal, read as it now is (the map's reader is the dashboard feature). */
export interface SealOnMap {
  id: string;
  agencyPath: string;
  usci: string;
  unitName: string;
  number: string | null;
  situation: EnforcementSeal['situation'];
  status: EnforcementSeal['status'];
  /** Where the officers placed it; null when they did not (the map then uses the unit's point). */
  point: { lat: number; lng: number } | null;
}
export async function sealOnMap(db: Executor, sealId: string): Promise<SealOnMap | null> {
  const s = await db.selectFrom('enforcement_seals').selectAll().where('id', '=', sealId).executeTakeFirst();
  if (!s) return null;
  return {
    id: s.id,
    agencyPath: s.agency_path,
    usci: s.usci,
    unitName: s.unit_name,
    number: s.number,
    situation: s.situation,
    status: s.status,
    point: SEAL_MAP_POINT.decode(s.map_point_json),
  };
}
