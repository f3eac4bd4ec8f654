import type { BasemapView, MapView as MapSettings } from '@fep/contracts';
import { gcj02ToWgs84, type LatLng, wgs84ToGcj02 } from '@fep/domain';
import { Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { useApi } from '../query.ts';

export interface MapDot {
  id: string;
  /** WGS84, as stored. */
  lat: number;
  lng: number;
  color: string;
  /** Drawn as a ring (e.g. a closed report) rather than a dot. */
  hollow?: boolean;
  title?: string;
  /** How many points the marker stands for (a cluster of the grid): drawn as a numbered disc when more than one. */
  count?: number;
}

/** What the map shows, in WGS84 (the server's bbox filters points stored in WGS84). */
export interface MapViewport {
  west: number;
  south: number;
  east: number;
  north: number;
  zoom: number;
}

export interface MapViewProps {
  points?: readonly MapDot[];
  onOpen?: (id: string) => void;
  /** The place picked (WGS84); with `onPick` a tap or click on the map picks a place. */
  picked?: LatLng | null;
  onPick?: (p: LatLng) => void;
  height?: number | string;
  /** Told after each move or zoom (and once at start): a page that loads the points in view. */
  onView?: (v: MapViewport) => void;
  /** Administrative boundaries (a GeoJSON FeatureCollection in WGS84), drawn as outlines under the points. */
  boundaries?: unknown;
  /** Where to start (otherwise the whole country, or the basemap's bounds). */
  start?: { lat: number; lng: number; zoom: number };
  /** Frame the first points shown (default). Off for a page whose points follow the view. */
  frame?: boolean;
  /** The closest zoom the framing goes to (a page of grid clusters frames the area, not one street). */
  frameMaxZoom?: number;
  'aria-label': string;
}

/** The whole country, when there is nothing to show yet. */
const CHINA: L.LatLngExpression = [35.8, 104.1];

/**
 * A map for the product's pages (reports on a map, a place picked when reporting), on Leaflet. The basemap is
 * what the operator configured (`GET /api/v1/map`): an approved tile service or the product's offline tile
 * package; without one, a latitude/longitude grid drawn in the browser, so the map works with no internet
 * and no map licence. Points are stored in WGS84: on GCJ-02 tiles they are shifted for display, and a pick
 * is shifted back, so what is stored is always WGS84.
 */
export function MapView({
  points = [],
  onOpen,
  picked = null,
  onPick,
  height = 360,
  onView,
  boundaries,
  start,
  frame = true,
  frameMaxZoom = 15,
  'aria-label': ariaLabel,
}: MapViewProps) {
  const settings = useApi<MapSettings>('/api/v1/map', { staleTime: Number.POSITIVE_INFINITY });
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pin = useRef<L.CircleMarker | null>(null);
  const framed = useRef(false);
  /** The last pick came from a tap on the map (which stays where it is), not from elsewhere (centred). */
  const fromMap = useRef(false);
  const basemap = settings.data?.basemap ?? null;
  const ready = settings.isSuccess || settings.isError;
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const viewRef = useRef(onView);
  viewRef.current = onView;
  const outline = useRef<L.GeoJSON | null>(null);

  // The map itself, once the basemap is known.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the start and the framing are read once, when the map is made
  useEffect(() => {
    if (!ready || !box.current) return;
    const m = L.map(box.current, { center: CHINA, zoom: 4, zoomControl: true, attributionControl: true, worldCopyJump: true });
    m.attributionControl.setPrefix(false);
    if (basemap) tilesOf(basemap).addTo(m);
    else {
      gridLayer().addTo(m);
      whereControl().addTo(m);
    }
    L.control.scale({ imperial: false, position: 'bottomright' }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => {
      const pick = pickRef.current;
      if (!pick) return;
      fromMap.current = true;
      const at = { lat: e.latlng.lat, lng: L.Util.wrapNum(e.latlng.lng, [-180, 180], true) };
      const wgs = basemap?.system === 'gcj02' ? gcj02ToWgs84(at) : at;
      pick({ lat: Number(wgs.lat.toFixed(6)), lng: Number(wgs.lng.toFixed(6)) });
    });
    if (start) m.setView([start.lat, start.lng], start.zoom, { animate: false });
    else if (basemap?.bounds) m.fitBounds(boundsOf(basemap.bounds));
    const tell = () => {
      const b = m.getBounds();
      const sw = basemap?.system === 'gcj02' ? gcj02ToWgs84({ lat: b.getSouth(), lng: b.getWest() }) : { lat: b.getSouth(), lng: b.getWest() };
      const ne = basemap?.system === 'gcj02' ? gcj02ToWgs84({ lat: b.getNorth(), lng: b.getEast() }) : { lat: b.getNorth(), lng: b.getEast() };
      const clamp = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));
      viewRef.current?.({ west: clamp(sw.lng, 180), south: clamp(sw.lat, 90), east: clamp(ne.lng, 180), north: clamp(ne.lat, 90), zoom: m.getZoom() });
    };
    m.on('moveend', tell);
    tell();
    map.current = m;
    framed.current = !frame;
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
      pin.current = null;
      outline.current = null;
    };
  }, [ready, basemap]);

  // The operator's boundaries (outlines only: they frame the points, they are not data the page reads).
  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again when the map is made again (`ready`, `basemap`)
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    outline.current?.remove();
    outline.current = null;
    if (!boundaries) return;
    outline.current = L.geoJSON(boundaries as GeoJSON.GeoJsonObject, {
      style: { color: '#4a5a75', weight: 1.5, fill: false, dashArray: '4 3' },
      interactive: false,
      coordsToLatLng: (c: number[]) => {
        const p = { lat: c[1] ?? 0, lng: c[0] ?? 0 };
        const q = basemap?.system === 'gcj02' ? wgs84ToGcj02(p) : p;
        return L.latLng(q.lat, q.lng);
      },
    }).addTo(m);
    outline.current.bringToBack();
  }, [boundaries, ready, basemap]);

  const shown = (p: LatLng): L.LatLngExpression => {
    const q = basemap?.system === 'gcj02' ? wgs84ToGcj02(p) : p;
    return [q.lat, q.lng];
  };

  // The points, framed the first time there are some.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shown` follows `basemap`; redrawn when the points or the map change
  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    for (const p of points) {
      if (p.count && p.count > 1) {
        const size = Math.min(56, 26 + Math.round(Math.log10(p.count) * 9));
        const disc = L.marker(shown(p), {
          icon: L.divIcon({
            className: 'map-cluster',
            html: `<span style="background:${p.color};width:${size}px;height:${size}px;line-height:${size}px">${p.count}</span>`,
            iconSize: [size, size],
          }),
          keyboard: false,
          title: p.title ?? '',
        });
        disc.on('click', () => {
          const m2 = map.current;
          if (m2) m2.setView(disc.getLatLng(), Math.min(m2.getMaxZoom() || 18, m2.getZoom() + 2));
        });
        g.addLayer(disc);
        continue;
      }
      const dot = L.circleMarker(shown(p), {
        radius: 7,
        color: p.color,
        weight: 2,
        fillColor: p.color,
        fillOpacity: p.hollow ? 0 : 0.85,
        className: 'map-point',
      });
      if (p.title) dot.bindTooltip(p.title);
      dot.on('click', () => openRef.current?.(p.id));
      g.addLayer(dot);
    }
    if (!framed.current && points.length) {
      framed.current = true;
      const b = L.latLngBounds(points.map(shown));
      m.fitBounds(b.pad(0.2), { maxZoom: frameMaxZoom, animate: false });
    }
  }, [points, ready, basemap]);

  // The picked place, centred when it comes from elsewhere (the device's location).
  // biome-ignore lint/correctness/useExhaustiveDependencies: moved only when the picked place or the map changes
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!picked) {
      pin.current?.remove();
      pin.current = null;
      return;
    }
    const at = shown(picked);
    if (pin.current) pin.current.setLatLng(at);
    else pin.current = L.circleMarker(at, { radius: 10, color: '#cf1322', weight: 3, fillColor: '#cf1322', fillOpacity: 0.35, className: 'map-pin' }).addTo(m);
    if (!fromMap.current) m.setView(at, Math.max(m.getZoom(), 16), { animate: false });
    fromMap.current = false;
  }, [picked?.lat, picked?.lng, ready, basemap]);

  return (
    <div>
      <div ref={box} role="application" aria-label={ariaLabel} data-testid="map" className="map-view" style={{ height }} />
      {ready && !basemap && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          未配置底图，按经纬度网格显示。
        </Typography.Text>
      )}
    </div>
  );
}

function tilesOf(b: BasemapView): L.TileLayer {
  return L.tileLayer(b.url, {
    subdomains: b.subdomains.length ? b.subdomains : 'abc',
    attribution: b.attribution,
    minZoom: b.minZoom,
    maxZoom: b.maxZoom,
    ...(b.bounds ? { bounds: boundsOf(b.bounds) } : {}),
  });
}

/** [west, south, east, north] (MBTiles) as Leaflet's corners. */
function boundsOf(b: readonly number[]): L.LatLngBounds {
  const [w = -180, s = -85, e = 180, n = 85] = b;
  return L.latLngBounds([s, w], [n, e]);
}

/** A grid of parallels and meridians drawn on canvas tiles (nothing is downloaded); the degrees are in the corner control. */
function gridLayer(): L.GridLayer {
  const Grid = L.GridLayer.extend({
    createTile(this: L.GridLayer, coords: L.Coords) {
      const tile = document.createElement('canvas');
      const size = this.getTileSize();
      tile.width = size.x;
      tile.height = size.y;
      const ctx = tile.getContext('2d');
      if (!ctx) return tile;
      ctx.fillStyle = '#f5f7fa';
      ctx.fillRect(0, 0, size.x, size.y);
      const map = (this as unknown as { _map: L.Map })._map;
      const nw = map.unproject([coords.x * size.x, coords.y * size.y], coords.z);
      const se = map.unproject([(coords.x + 1) * size.x, (coords.y + 1) * size.y], coords.z);
      const step = gridStep(coords.z);
      ctx.strokeStyle = '#d9dee6';
      ctx.lineWidth = 1;
      for (let lng = Math.ceil(nw.lng / step) * step; lng < se.lng; lng += step) {
        const x = Math.round(map.project([nw.lat, lng], coords.z).x - coords.x * size.x) + 0.5;
        ctx.beginPath();
        ctx.moveTo(x, 0);
        ctx.lineTo(x, size.y);
        ctx.stroke();
      }
      for (let lat = Math.ceil(se.lat / step) * step; lat < nw.lat; lat += step) {
        const y = Math.round(map.project([lat, nw.lng], coords.z).y - coords.y * size.y) + 0.5;
        ctx.beginPath();
        ctx.moveTo(0, y);
        ctx.lineTo(size.x, y);
        ctx.stroke();
      }
      return tile;
    },
  });
  return new (Grid as unknown as new () => L.GridLayer)();
}

/** Where the map is: the centre's latitude and longitude and the grid's spacing, for a map without a basemap. */
function whereControl(): L.Control {
  const Where = L.Control.extend({
    onAdd(map: L.Map) {
      const div = L.DomUtil.create('div', 'map-where');
      const show = () => {
        const c = map.getCenter();
        div.textContent = `中心 ${c.lat.toFixed(4)}°N ${L.Util.wrapNum(c.lng, [-180, 180], true).toFixed(4)}°E · 网格 ${gridStep(map.getZoom())}°`;
      };
      map.on('move', show);
      show();
      return div;
    },
  });
  return new (Where as unknown as new (o: L.ControlOptions) => L.Control)({ position: 'topright' });
}

/** Two or three lines a tile at any zoom: a "nice" step (1, 2 or 5 × 10ⁿ degrees) of about a third of a tile. */
function gridStep(z: number): number {
  const target = 360 / 2 ** z / 3;
  const p = 10 ** Math.floor(Math.log10(target));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= target) ?? 10 * p;
}
