import { readFileSync } from 'node:fs';
import { MAP_LAYER_LABELS, MAP_LAYERS, MAP_RISK_LABELS, MAP_STATUS_LABELS, type MapLayer, type MapPointsQuery, type MapPointsView } from '@fep/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { cellOf, levelFor, POINT_ZOOM } from './map-points.ts';

const MAX_POINTS = 3000;

/**
 * The map's markers in view (MON-02): below POINT_ZOOM the grid cells of the rollup at the level of the zoom
 * (one marker per cell and layer, at the mean position of its points, with their number); from POINT_ZOOM on
 * the single points. Only the actor's area; filters by layer, kind, risk and status.
 */
export async function mapPoints(db: Executor, actor: Actor, q: MapPointsQuery): Promise<MapPointsView> {
  if (q.west > q.east || q.south > q.north) throw new AppError('DASHBOARD.INVALID_BOUNDS', '地图范围不正确：西经须小于东经、南纬须小于北纬', { field: 'west' });
  const layers = q.layers !== undefined ? q.layers.split(',').filter(Boolean) : [...MAP_LAYERS];
  for (const l of layers)
    if (!(MAP_LAYERS as readonly string[]).includes(l)) throw new AppError('DASHBOARD.INVALID_LAYER', '不认识的图层', { field: 'layers' });
  const meta = {
    layers: MAP_LAYERS.map((l) => ({ key: l, label: MAP_LAYER_LABELS[l] })),
    statuses: Object.entries(MAP_STATUS_LABELS).map(([key, label]) => ({ key, label })),
    risks: Object.entries(MAP_RISK_LABELS).map(([key, label]) => ({ key, label })),
  };
  // Every layer switched off (`layers=` with none named): nothing to draw.
  if (layers.length === 0) return { mode: q.zoom >= POINT_ZOOM ? 'point' : 'cluster', items: [], ...meta };
  if (q.zoom >= POINT_ZOOM) {
    let query = db
      .selectFrom('map_points')
      .select(['layer', 'ref_id', 'lat', 'lng', 'label', 'status', 'risk'])
      .where('layer', 'in', layers)
      .where('lat', '>=', q.south)
      .where('lat', '<=', q.north)
      .where('lng', '>=', q.west)
      .where('lng', '<=', q.east)
      .where(scopeFilter(actor.scope, { agencyPath: 'map_points.agency_path' }));
    if (q.kind) query = query.where('kind', '=', q.kind);
    if (q.risk) query = query.where('risk', '=', q.risk);
    if (q.status) query = query.where('status', '=', q.status);
    const rows = await query.limit(MAX_POINTS).execute();
    return {
      mode: 'point',
      items: rows.map((r) => ({
        layer: r.layer,
        layerLabel: MAP_LAYER_LABELS[r.layer as MapLayer] ?? '',
        lat: Number(r.lat),
        lng: Number(r.lng),
        n: 1,
        id: r.ref_id,
        label: r.label,
        statusLabel: MAP_STATUS_LABELS[r.status] ?? null,
        riskLabel: MAP_RISK_LABELS[r.risk] ?? null,
      })),
      ...meta,
    };
  }
  const z = levelFor(q.zoom);
  const min = cellOf(z, q.south, q.west);
  const max = cellOf(z, q.north, q.east);
  let query = db
    .selectFrom('map_cells')
    .select(['layer', 'cx', 'cy', sql<number>`sum(n)`.as('n'), sql<number>`sum(sum_lat)`.as('lat'), sql<number>`sum(sum_lng)`.as('lng')])
    .where('layer', 'in', layers)
    .where('z', '=', z)
    .where('cy', '>=', min.cy)
    .where('cy', '<=', max.cy)
    .where('cx', '>=', min.cx)
    .where('cx', '<=', max.cx)
    .where(scopeFilter(actor.scope, { agencyPath: 'map_cells.agency_path' }));
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.risk) query = query.where('risk', '=', q.risk);
  if (q.status) query = query.where('status', '=', q.status);
  const rows = await query.groupBy(['layer', 'cx', 'cy']).having(sql<number>`sum(n)`, '>', 0).execute();
  return {
    mode: 'cluster',
    items: rows.map((r) => ({
      layer: r.layer,
      layerLabel: MAP_LAYER_LABELS[r.layer as MapLayer] ?? '',
      lat: Number(r.lat) / Number(r.n),
      lng: Number(r.lng) / Number(r.n),
      n: Number(r.n),
      id: null,
      label: null,
      statusLabel: null,
      riskLabel: null,
    })),
    ...meta,
  };
}

/**
 * The operator's administrative boundaries (a GeoJSON FeatureCollection), read and checked once at start:
 * a file that is missing or not a FeatureCollection stops the start-up with the reason.
 */
export function loadBoundaries(config: { file: string; attribution: string } | undefined): { geojson: unknown; attribution: string } | null {
  if (!config) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config.file, 'utf8'));
  } catch (err) {
    throw new Error(`FEP_MAP_BOUNDARIES 无法读取为 GeoJSON：${config.file}（${err instanceof Error ? err.message : String(err)}）`);
  }
  const fc = parsed as { type?: unknown; features?: unknown };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(`FEP_MAP_BOUNDARIES 须为 GeoJSON FeatureCollection：${config.file}`);
  return { geojson: parsed, attribution: config.attribution };
}
