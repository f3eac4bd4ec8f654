import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { startTestApp, type TestApp } from '../../test-support/harness.ts';
import { solidTile, writeTilePackage, xyzOf } from '../../test-support/tiles.ts';

/**
 * The basemap (issue 13: reports on a map, a place picked on a map): none by default (the maps draw a
 * grid), an approved tile service by URL template, or an offline tile package served by the product.
 */
const dir = mkdtempSync(join(tmpdir(), 'fep-map-'));
const PACKAGE = join(dir, 'liaoyang.mbtiles');
const LIAOYANG: [number, number, number, number] = [123.0, 41.2, 123.3, 41.35];

describe('basemap', () => {
  let plain: TestApp;
  let offline: TestApp;
  let service: TestApp;
  before(async () => {
    writeTilePackage(PACKAGE, { bounds: LIAOYANG, minZoom: 3, maxZoom: 12, attribution: '辽阳市离线底图 审图号：测试' });
    plain = await startTestApp('sqlite');
    offline = await startTestApp('sqlite', { env: { FEP_MAP_TILES: PACKAGE } });
    service = await startTestApp('sqlite', {
      env: {
        FEP_MAP_TILES: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k',
        FEP_MAP_TILES_SUBDOMAINS: '0,1',
        FEP_MAP_TILES_ATTRIBUTION: '天地图 GS(2024)0568号',
      },
    });
  });
  after(async () => {
    await Promise.all([plain.close(), offline.close(), service.close()]);
  });

  test('without a configured basemap the map is a grid: basemap null, no tiles', async () => {
    const r = await plain.app.inject({ method: 'GET', url: '/api/v1/map' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { basemap: null });
    const tile = await plain.app.inject({ method: 'GET', url: '/api/v1/map/tiles/3/6/2' });
    assert.equal(tile.statusCode, 404);
    assert.equal(tile.json().code, 'MAP.NO_TILES');
  });

  test('an offline tile package is served by the product, rows turned from TMS to XYZ, cached by the browser', async () => {
    const r = await offline.app.inject({ method: 'GET', url: '/api/v1/map' });
    assert.deepEqual(r.json().basemap, {
      url: '/api/v1/map/tiles/{z}/{x}/{y}',
      subdomains: [],
      attribution: '辽阳市离线底图 审图号：测试',
      system: 'wgs84',
      minZoom: 3,
      maxZoom: 12,
      bounds: LIAOYANG,
    });
    const [x, y] = xyzOf(41.27, 123.17, 10);
    const tile = await offline.app.inject({ method: 'GET', url: `/api/v1/map/tiles/10/${x}/${y}` });
    assert.equal(tile.statusCode, 200);
    assert.equal(tile.headers['content-type'], 'image/png');
    assert.equal(tile.headers['cache-control'], 'public, max-age=86400');
    assert.deepEqual(tile.rawPayload, solidTile([200 - 80, 225 - 40, 200]));
    // The same column counted from the south is another place: outside the package.
    const flipped = await offline.app.inject({ method: 'GET', url: `/api/v1/map/tiles/10/${x}/${2 ** 10 - 1 - y}` });
    assert.equal(flipped.statusCode, 404);
    assert.equal(flipped.json().code, 'MAP.TILE_NOT_FOUND');
    for (const bad of ['/api/v1/map/tiles/3/8/0', '/api/v1/map/tiles/23/0/0', '/api/v1/map/tiles/a/0/0', '/api/v1/map/tiles/3/-1/0']) {
      const b = await offline.app.inject({ method: 'GET', url: bad });
      assert.ok([400, 404].includes(b.statusCode), `${bad} → ${b.statusCode}`);
      assert.match(b.json().code, /^(MAP\.|REQUEST\.)/);
    }
  });

  test('a tile service: its template, subdomains and attribution go to the browser, and the pages may load its tiles (CSP)', async () => {
    const r = await service.app.inject({ method: 'GET', url: '/api/v1/map' });
    assert.equal(r.json().basemap.url, 'https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k');
    assert.deepEqual(r.json().basemap.subdomains, ['0', '1']);
    const page = await service.app.inject({ method: 'GET', url: '/portal' });
    assert.match(
      String(page.headers['content-security-policy']),
      /img-src 'self' data: blob: https:\/\/t0\.tianditu\.gov\.cn https:\/\/t1\.tianditu\.gov\.cn;/,
    );
    const plainPage = await plain.app.inject({ method: 'GET', url: '/portal' });
    assert.match(String(plainPage.headers['content-security-policy']), /img-src 'self' data: blob:;/);
  });

  test('a basemap set wrongly stops the start with the reason', async () => {
    const refused = (env: Record<string, string>, why: RegExp) =>
      assert.throws(
        () => loadConfig({ DATA_DIR: dir, ...env }),
        (e: unknown) => e instanceof ConfigError && why.test(e.message),
      );
    refused({ FEP_MAP_TILES: 'https://tiles.example/{z}/{x}.png', FEP_MAP_TILES_ATTRIBUTION: 'x' }, /\{z\}、\{x\}、\{y\}/);
    refused({ FEP_MAP_TILES: 'https://t{s}.example/{z}/{x}/{y}.png', FEP_MAP_TILES_ATTRIBUTION: 'x' }, /FEP_MAP_TILES_SUBDOMAINS/);
    refused({ FEP_MAP_TILES: 'https://tiles.example/{z}/{x}/{y}.png' }, /审图号/);
    refused({ FEP_MAP_TILES: 'https://tiles.example/{z}/{x}/{y}.png', FEP_MAP_TILES_ATTRIBUTION: 'x', FEP_MAP_TILES_SYSTEM: 'bd09' }, /wgs84 或 gcj02/);
    const broken = join(dir, 'broken.mbtiles');
    writeFileSync(broken, 'not a tile package');
    await assert.rejects(startTestApp('sqlite', { env: { FEP_MAP_TILES: broken } }), (e: unknown) => e instanceof ConfigError && /MBTiles/.test(e.message));
  });
});
