import SQLite from 'better-sqlite3';
import { ConfigError } from '../../config.ts';

/**
 * An offline tile package in the MBTiles 1.3 format (a SQLite file: `tiles(zoom_level, tile_column,
 * tile_row, tile_data)` with TMS row numbering, and a `metadata(name, value)` table), opened read-only. It
 * lets an agency without internet show a basemap: the operator copies the package of its area, exported
 * from an approved map service, beside the product.
 */
export interface TilePackage {
  tile(z: number, x: number, y: number): { data: Buffer; type: string } | undefined;
  readonly bounds: [number, number, number, number] | null;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly attribution: string;
  close(): void;
}

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export function openTilePackage(file: string): TilePackage {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1').get();
  } catch (e) {
    throw new ConfigError(`FEP_MAP_TILES 指向的离线底图包无法读取（须为 MBTiles 文件）：${file}（${(e as Error).message}）`);
  }
  const meta = new Map<string, string>();
  try {
    for (const r of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) meta.set(r.name, String(r.value));
  } catch {
    // A package without metadata still serves its tiles.
  }
  const format = meta.get('format') ?? 'png';
  const type = TYPES[format];
  if (!type) throw new ConfigError(`离线底图包的瓦片格式须为 png、jpg 或 webp（矢量瓦片需另行渲染）：${format}`);
  const zooms = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
  const b = (meta.get('bounds') ?? '').split(',').map(Number);
  const bounds = b.length === 4 && b.every((n) => Number.isFinite(n)) ? (b as [number, number, number, number]) : null;
  const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
  return {
    // MBTiles counts rows from the south (TMS); the web counts them from the north (XYZ).
    tile(z, x, y) {
      const data = get.get(z, x, 2 ** z - 1 - y) as Buffer | undefined;
      return data ? { data, type } : undefined;
    },
    bounds,
    minZoom: Number(meta.get('minzoom') ?? zooms.lo ?? 0),
    maxZoom: Number(meta.get('maxzoom') ?? zooms.hi ?? 18),
    attribution: meta.get('attribution') ?? '',
    close: () => db.close(),
  };
}
