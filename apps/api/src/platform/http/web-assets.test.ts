import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp, createContext } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { AppContext } from '../context.ts';
import { IMMUTABLE, REVALIDATE } from './web-assets.ts';

/**
 * How the built web app reaches a browser on a slow line (issue 11 item 8): hashed files under /assets/
 * cached for a year, index.html / service worker / manifest revalidated on every visit, the build's
 * brotli and gzip copies sent as they are, API JSON compressed on the fly. A fake build in a temporary
 * folder stands for apps/web/dist (the real one is checked by the browser test of the portal home).
 */
describe('web app delivery: compression and caching', () => {
  let dir: string;
  let dist: string;
  let ctx: AppContext;
  let app: FastifyInstance;
  const script = `export const x = ${JSON.stringify('消防'.repeat(2000))};\n`;
  const html = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${' '.repeat(2000)}</body></html>`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fep-web-'));
    dist = join(dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    // What apps/web/vite.config.ts (precompress) writes: each text file beside its .br and .gz copies.
    const put = (name: string, body: string, compressed = true) => {
      writeFileSync(join(dist, name), body);
      if (!compressed) return;
      writeFileSync(join(dist, `${name}.br`), brotliCompressSync(body));
      writeFileSync(join(dist, `${name}.gz`), gzipSync(body));
    };
    put('index.html', html);
    put('assets/index-AbC123.js', script);
    put('assets/style-XyZ789.css', `body{color:#1f1f1f}${'.a{margin:0}'.repeat(200)}`);
    put('sw.js', `self.addEventListener('fetch',()=>{});${'//'.repeat(600)}`);
    put('manifest.webmanifest', JSON.stringify({ name: '消防执法服务平台', pad: 'x'.repeat(2000) }));
    put('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
    ctx = await createContext(
      loadConfig({ DATA_DIR: join(dir, 'data'), FEP_DEMO: 'true', FEP_DEMO_PASSWORD: 'Web-Assets@2026', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '' }),
    );
    app = await buildApp(ctx, { webRoot: dist });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await ctx?.database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  test('a hashed script is sent as the build’s brotli copy and cached for a year, immutable', async () => {
    const r = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.match(String(r.headers['content-type']), /javascript/);
    assert.equal(r.headers['cache-control'], IMMUTABLE);
    assert.match(String(r.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(r.rawPayload).toString(), script);
  });

  test('a browser without brotli gets the gzip copy; one asking for no encoding gets the plain file', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), script);
    const css = await get('/assets/style-XyZ789.css', 'gzip');
    assert.equal(css.headers['content-encoding'], 'gzip');
    assert.equal(css.headers['cache-control'], IMMUTABLE);
    const plain = await get('/assets/index-AbC123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);
    assert.equal(plain.headers['cache-control'], IMMUTABLE);
  });

  test('index.html, the service worker and the web manifest are revalidated on every visit', async () => {
    for (const url of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/favicon.svg']) {
      const r = await get(url, 'br, gzip');
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers['cache-control'], REVALIDATE, url);
    }
    const home = await get('/', 'br');
    assert.equal(home.headers['content-encoding'], 'br');
    assert.match(String(home.headers['content-type']), /text\/html/);
    assert.equal(brotliDecompressSync(home.rawPayload).toString(), html);
  });

  test('a page path of the single-page app answers with index.html, compressed and not cached for long', async () => {
    const r = await get('/portal/applications/new', 'gzip');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.equal(r.headers['cache-control'], REVALIDATE);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(r.rawPayload).toString(), html);
  });

  test('a hashed file of an older build is a plain 404, never index.html under a year-long cache', async () => {
    const r = await get('/assets/PortalHome-OldHash.js', 'br');
    assert.equal(r.statusCode, 404);
    assert.doesNotMatch(String(r.headers['content-type']), /html/);
    assert.notEqual(r.headers['cache-control'], IMMUTABLE);
  });

  test('API JSON is compressed on the fly (brotli or gzip) and stays uncached; small answers stay plain', async () => {
    const plain = await get('/api/docs/json');
    const spec = plain.body;
    assert.ok(spec.length > 1024);
    const br = await get('/api/docs/json', 'br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), spec);
    assert.ok(br.rawPayload.length < spec.length / 3, `${br.rawPayload.length} of ${spec.length} bytes`);

    const url = '/api/v1/policies/resolved?agency=211002&at=2026-11-23';
    const policies = await get(url, 'gzip');
    assert.equal(policies.statusCode, 200, policies.body);
    assert.equal(policies.headers['content-encoding'], 'gzip');
    assert.equal(policies.headers['cache-control'], 'no-store');
    assert.deepEqual(JSON.parse(gunzipSync(policies.rawPayload).toString()), (await get(url)).json());

    const health = await get('/api/health', 'br');
    assert.equal(health.headers['content-encoding'], undefined, 'below 1 kB compression costs more than it saves');
    assert.deepEqual(health.json(), { status: 'ok' });
  });

  test('an unknown API path is a JSON 404, not the web app', async () => {
    const r = await get('/api/v1/nothing-here', 'br');
    assert.equal(r.statusCode, 404);
    const body = r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.rawPayload).toString() : r.body;
    assert.equal(JSON.parse(body).code, 'RESOURCE.NOT_FOUND');
  });
});
