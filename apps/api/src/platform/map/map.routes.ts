import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, MapTileDownload, MapTileParams, type MapView, MapView as MapViewSchema } from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import type { MapConfig } from '../../config.ts';
import { AppError } from '../errors.ts';
import { openTilePackage, type TilePackage } from './mbtiles.ts';

/** Where the tiles of the offline package are served (a Leaflet URL template). */
export const TILE_PATH = '/api/v1/map/tiles/{z}/{x}/{y}';

/**
 * The basemap of the product's maps (platform/map): what `GET /api/v1/map` tells the browser, and the tiles
 * of an offline package. The package is opened once at start (a broken one stops the start-up with the
 * reason, not the first map).
 */
export function basemapOf(config: MapConfig): { view: MapView; tiles: TilePackage | null } {
  if (config.source === 'none') return { view: { basemap: null }, tiles: null };
  if (config.source === 'url')
    return {
      view: {
        basemap: {
          url: config.url,
          subdomains: config.subdomains,
          attribution: config.attribution,
          system: config.system,
          minZoom: 1,
          maxZoom: config.maxZoom,
          bounds: null,
        },
      },
      tiles: null,
    };
  const tiles = openTilePackage(config.file);
  return {
    view: {
      basemap: {
        url: TILE_PATH,
        subdomains: [],
        attribution: config.attribution || tiles.attribution,
        system: config.system,
        minZoom: tiles.minZoom,
        maxZoom: Math.min(config.maxZoom, tiles.maxZoom),
        bounds: tiles.bounds,
      },
    },
    tiles,
  };
}

/** The origins a page may load tiles from (the Content-Security-Policy's img-src). */
export function tileOrigins(config: MapConfig): string[] {
  if (config.source !== 'url') return [];
  const subs = config.subdomains.length ? config.subdomains : [''];
  return [...new Set(subs.map((s) => new URL(config.url.replace('{s}', s).replace(/\{[a-z]\}/g, '0')).origin))];
}

export async function mapRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { view, tiles } = basemapOf(app.ctx.config.map);
  if (tiles) app.addHook('onClose', async () => tiles.close());

  app.get(
    '/api/v1/map',
    {
      config: { permission: 'public' },
      schema: { tags: ['地图'], summary: '地图底图设置（未配置底图时为 null，地图以经纬网格显示）', response: { 200: MapViewSchema } },
    },
    async () => view,
  );

  app.get(
    '/api/v1/map/tiles/:z/:x/:y',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['地图'],
        summary: '离线底图包的瓦片（XYZ 编号）',
        params: MapTileParams,
        response: {
          200: { description: '瓦片图片', content: Object.fromEntries(['image/png', 'image/jpeg', 'image/webp'].map((t) => [t, { schema: MapTileDownload }])) },
          '4xx': ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { z, x, y } = req.params;
      if (!tiles) throw new AppError('MAP.NO_TILES', '未配置离线底图');
      if (x >= 2 ** z || y >= 2 ** z) throw new AppError('MAP.TILE_NOT_FOUND', '该瓦片不存在');
      const tile = tiles.tile(z, x, y);
      if (!tile) throw new AppError('MAP.TILE_NOT_FOUND', '该瓦片不存在');
      // Tiles never change within a package: a day in the browser's cache spares the server the re-reads.
      return reply.header('content-type', tile.type).header('cache-control', 'public, max-age=86400').send(tile.data);
    },
  );
}
