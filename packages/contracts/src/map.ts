import { type Static, Type } from 'typebox';

/**
 * The basemap under every map of the product (reports on a map, picking a place when reporting). Maps
 * published in China need an approved source (地图管理条例 art. 15, 17), so the product ships none: the
 * operator configures an approved tile service (e.g. 天地图) or an offline tile package; without one the
 * maps draw a coordinate grid.
 */
export const BasemapView = Type.Object({
  /** A Leaflet URL template ({s}, {z}, {x}, {y}); a relative one is served by the product from a tile package. */
  url: Type.String(),
  subdomains: Type.Array(Type.String()),
  attribution: Type.String(),
  /** The coordinate system of the tiles: points are stored in WGS84 and shifted for GCJ-02 tiles. */
  system: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
  minZoom: Type.Integer(),
  maxZoom: Type.Integer(),
  /** Where the tiles cover, [west, south, east, north] in degrees, when the package says so. */
  bounds: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()]),
});
export type BasemapView = Static<typeof BasemapView>;

/** GET /api/v1/map (public). */
export const MapView = Type.Object({ basemap: Type.Union([BasemapView, Type.Null()]) });
export type MapView = Static<typeof MapView>;

/** GET /api/v1/map/tiles/:z/:x/:y — one tile of the offline tile package (XYZ numbering). */
export const MapTileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
export type MapTileParams = Static<typeof MapTileParams>;

/** The bytes of one tile, as the package holds them. */
export const MapTileDownload = Type.Unsafe<Uint8Array>(Type.String({ format: 'binary', description: '瓦片图片（image/png、image/jpeg 或 image/webp）' }));
