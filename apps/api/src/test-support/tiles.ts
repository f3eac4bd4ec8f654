import { deflateSync } from 'node:zlib';
import SQLite from 'better-sqlite3';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 256 × 256 PNG of one colour with a darker frame, so tests and screenshots can see tiles were drawn. */
export function solidTile(rgb: [number, number, number]): Buffer {
  const size = 256;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const edge = x < 2 || y < 2;
      row[1 + x * 3] = edge ? rgb[0] * 0.7 : rgb[0];
      row[2 + x * 3] = edge ? rgb[1] * 0.7 : rgb[1];
      row[3 + x * 3] = edge ? rgb[2] * 0.7 : rgb[2];
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Writes an MBTiles 1.3 package: every tile of zooms `minZoom`…`maxZoom` over `bounds` (XYZ numbering in,
 * TMS rows stored), each a solid tile whose colour says its zoom.
 */
export function writeTilePackage(
  file: string,
  opts: { bounds: [number, number, number, number]; minZoom: number; maxZoom: number; attribution?: string },
): number {
  const db = new SQLite(file);
  db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [k, v] of Object.entries({
    name: '测试底图',
    format: 'png',
    bounds: opts.bounds.join(','),
    minzoom: String(opts.minZoom),
    maxzoom: String(opts.maxZoom),
    attribution: opts.attribution ?? '测试底图',
  }))
    meta.run(k, v);
  const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  const [w, s, e, n] = opts.bounds;
  let count = 0;
  for (let z = opts.minZoom; z <= opts.maxZoom; z++) {
    const tile = solidTile([200 - z * 8, 225 - z * 4, 200]);
    const [x0, y0] = xyzOf(n, w, z);
    const [x1, y1] = xyzOf(s, e, z);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        put.run(z, x, 2 ** z - 1 - y, tile);
        count++;
      }
  }
  db.close();
  return count;
}

/** The XYZ tile holding a point (Web Mercator). */
export function xyzOf(lat: number, lng: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}
