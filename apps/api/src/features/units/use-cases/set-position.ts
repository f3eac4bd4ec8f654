import type { UnitPositionBody } from '@fep/contracts';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { UNIT_POSITION_SET, type UnitPositionSet } from '../events.ts';
import { presentUnit, type UnitViewData } from '../units.presenter.ts';
import { unitById } from '../units.repository.ts';

/**
 * The unit's place on the map (MON-02), set by staff of its agency — picked on the map, in WGS84 as stored. The
 * update is a compare-and-set on the position read in the transaction: the same place sent twice changes once
 * (the second finds it so and writes nothing), a change racing another is a 409. The map's unit point follows
 * by the event emitted in the same transaction.
 */
export async function setUnitPosition(deps: Deps, actor: Actor, unitId: string, input: UnitPositionBody): Promise<UnitViewData> {
  // Six decimals (about 0.1 m): a finer number is noise of the pointer, and the same place compares equal.
  const lat = Math.round(input.lat * 1e6) / 1e6;
  const lng = Math.round(input.lng * 1e6) / 1e6;
  return transact(deps, actor, async (trx, audit, emit): Promise<UnitViewData> => {
    const u = await unitById(trx, unitId, actor.scope);
    if (!u) throw notFound('单位');
    if (u.lat !== null && u.lng !== null && Number(u.lat) === lat && Number(u.lng) === lng) throw new AlreadySet(presentUnit(u, true));
    const at = deps.now().toISOString();
    let q = trx.updateTable('units').set({ lat, lng, position_set_at: at, updated_at: at }).where('id', '=', u.id);
    q = u.lat === null ? q.where('lat', 'is', null) : q.where('lat', '=', u.lat);
    q = u.lng === null ? q.where('lng', 'is', null) : q.where('lng', '=', u.lng);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('REQUEST.CONFLICT', '该单位的位置已被他人更改，请刷新后重试');
    await audit({
      action: 'unit.position',
      targetType: 'unit',
      targetId: u.id,
      before: { lat: u.lat, lng: u.lng },
      after: { lat, lng },
    });
    const payload: UnitPositionSet = { unitId: u.id, usci: u.usci, agencyPath: u.agency_path, lat, lng };
    emit({ type: UNIT_POSITION_SET, agencyId: u.agency_id, targetType: 'unit', targetId: u.id, payload: { ...payload } });
    return presentUnit({ ...u, lat, lng, position_set_at: at }, true);
  }).catch((err: unknown) => {
    if (err instanceof AlreadySet) return err.view;
    throw err;
  });
}

class AlreadySet extends Error {
  constructor(readonly view: UnitViewData) {
    super('already set');
  }
}

/** What the map needs of a unit, read as it now is (the map's reader is the dashboard feature). */
export async function unitOnMap(db: Executor, unitId: string) {
  const u = await db
    .selectFrom('units')
    .select(['id', 'usci', 'name', 'agency_path', 'venue_kind', 'risk_level', 'lat', 'lng'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!u || u.lat === null || u.lng === null) return null;
  return {
    usci: u.usci,
    name: u.name,
    agencyPath: u.agency_path,
    venueKind: u.venue_kind,
    riskLevel: u.risk_level,
    lat: Number(u.lat),
    lng: Number(u.lng),
  };
}
