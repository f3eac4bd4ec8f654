import type { Executor } from '../../db/database.ts';
import type { MapPointTable } from '../../db/schema/dashboard.ts';

/**
 * The map's points and their grid rollup (MON-02). Cells are kept at a few levels; a level L cuts the world
 * in cells of 360 / 2^(L+2) degrees (a quarter of a web-map tile side at zoom L, about the spacing of
 * markers a screen can tell apart). A request at zoom z reads the finest level at or below z, so a view of
 * a whole province reads a few hundred cells whatever the number of units under them.
 */
export const CELL_LEVELS = [4, 6, 8, 10, 12] as const;
/** From this zoom on the map shows single points (a few streets: the points in view are few). */
export const POINT_ZOOM = 14;

export function cellSize(level: number): number {
  return 360 / 2 ** (level + 2);
}
export function cellOf(level: number, lat: number, lng: number): { cx: number; cy: number } {
  const size = cellSize(level);
  return { cx: Math.floor((lng + 180) / size), cy: Math.floor((lat + 90) / size) };
}
export function levelFor(zoom: number): number {
  let best: number = CELL_LEVELS[0];
  for (const l of CELL_LEVELS) if (l <= zoom) best = l;
  return best;
}

export type PointInput = Omit<MapPointTable, 'updated_at'>;

/**
 * Places or moves a point and keeps the cells in step, in the caller's transaction: the old point's share
 * is taken out of its cells and the new one added, so the cells always equal the points they sum.
 */
export async function putPoint(trx: Executor, p: PointInput, at: string): Promise<void> {
  const old = await trx.selectFrom('map_points').selectAll().where('layer', '=', p.layer).where('ref_id', '=', p.ref_id).executeTakeFirst();
  if (old) await addToCells(trx, old, -1);
  await trx
    .insertInto('map_points')
    .values({ ...p, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['layer', 'ref_id']).doUpdateSet({
        agency_path: p.agency_path,
        lat: p.lat,
        lng: p.lng,
        kind: p.kind,
        risk: p.risk,
        status: p.status,
        label: p.label,
        usci: p.usci,
        updated_at: at,
      }),
    )
    .execute();
  await addToCells(trx, p, 1);
}

/** Changes the status of a point already on the map (a complaint verified); nothing when it is not there. */
export async function setPointStatus(trx: Executor, layer: string, refId: string, status: string, at: string): Promise<void> {
  const old = await trx.selectFrom('map_points').selectAll().where('layer', '=', layer).where('ref_id', '=', refId).executeTakeFirst();
  if (!old || old.status === status) return;
  await putPoint(trx, { ...old, status }, at);
}

/** Takes a point off the map with its share of the cells (a seal proposal declined); nothing when it is not there. */
export async function removePoint(trx: Executor, layer: string, refId: string): Promise<void> {
  const old = await trx.selectFrom('map_points').selectAll().where('layer', '=', layer).where('ref_id', '=', refId).executeTakeFirst();
  if (!old) return;
  await addToCells(trx, old, -1);
  await trx.deleteFrom('map_points').where('layer', '=', layer).where('ref_id', '=', refId).execute();
}

/** The unit's place on the map, which the points of its hazards and alarms share. */
export async function unitPoint(trx: Executor, usci: string) {
  return trx.selectFrom('map_points').selectAll().where('usci', '=', usci).where('layer', '=', 'unit').executeTakeFirst();
}

async function addToCells(trx: Executor, p: PointInput, sign: 1 | -1): Promise<void> {
  for (const z of CELL_LEVELS) {
    const { cx, cy } = cellOf(z, p.lat, p.lng);
    await trx
      .insertInto('map_cells')
      .values({
        layer: p.layer,
        z,
        cx,
        cy,
        agency_path: p.agency_path,
        kind: p.kind,
        risk: p.risk,
        status: p.status,
        n: sign,
        sum_lat: sign * p.lat,
        sum_lng: sign * p.lng,
      })
      .onConflict((oc) =>
        oc.columns(['layer', 'z', 'cy', 'cx', 'agency_path', 'kind', 'risk', 'status']).doUpdateSet((eb) => ({
          n: eb(eb.ref('map_cells.n'), '+', eb.ref('excluded.n')),
          sum_lat: eb(eb.ref('map_cells.sum_lat'), '+', eb.ref('excluded.sum_lat')),
          sum_lng: eb(eb.ref('map_cells.sum_lng'), '+', eb.ref('excluded.sum_lng')),
        })),
      )
      .execute();
  }
}

/**
 * Places many points of one layer at once (the demo data, a benchmark's generated province): the cells are
 * summed in memory and written once per key. Only for points not yet on the map.
 */
export async function putNewPoints(trx: Executor, points: PointInput[], at: string): Promise<void> {
  for (let i = 0; i < points.length; i += 500) {
    await trx
      .insertInto('map_points')
      .values(points.slice(i, i + 500).map((p) => ({ ...p, updated_at: at })))
      .execute();
  }
  const cells = new Map<
    string,
    {
      layer: string;
      z: number;
      cx: number;
      cy: number;
      agency_path: string;
      kind: string;
      risk: string;
      status: string;
      n: number;
      sum_lat: number;
      sum_lng: number;
    }
  >();
  for (const p of points)
    for (const z of CELL_LEVELS) {
      const { cx, cy } = cellOf(z, p.lat, p.lng);
      const key = [p.layer, z, cx, cy, p.agency_path, p.kind, p.risk, p.status].join('|');
      const c = cells.get(key);
      if (c) {
        c.n++;
        c.sum_lat += p.lat;
        c.sum_lng += p.lng;
      } else
        cells.set(key, {
          layer: p.layer,
          z,
          cx,
          cy,
          agency_path: p.agency_path,
          kind: p.kind,
          risk: p.risk,
          status: p.status,
          n: 1,
          sum_lat: p.lat,
          sum_lng: p.lng,
        });
    }
  const rows = [...cells.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('map_cells')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['layer', 'z', 'cy', 'cx', 'agency_path', 'kind', 'risk', 'status']).doUpdateSet((eb) => ({
          n: eb(eb.ref('map_cells.n'), '+', eb.ref('excluded.n')),
          sum_lat: eb(eb.ref('map_cells.sum_lat'), '+', eb.ref('excluded.sum_lat')),
          sum_lng: eb(eb.ref('map_cells.sum_lng'), '+', eb.ref('excluded.sum_lng')),
        })),
      )
      .execute();
  }
}
