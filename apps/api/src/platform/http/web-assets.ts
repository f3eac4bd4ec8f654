import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * How the built web app (apps/web/dist) and the API's answers travel to a browser on a slow line.
 *
 * - Vite names every file under /assets/ after a hash of its content: a new build gives new names, so a
 *   browser may keep them a year without asking again (`immutable`).
 * - index.html, the service worker and the web manifest keep their names from build to build: the browser
 *   revalidates them on every visit (`no-cache`), so a new release reaches it on the next load.
 * - The build writes brotli (.br) and gzip (.gz) copies of JS, CSS, HTML and SVG (apps/web/vite.config.ts):
 *   they are sent as they are, compressed once at the strongest setting instead of on every request.
 * - Everything else that is text (API JSON, CSV exports, HTML) is compressed on the fly by @fastify/compress,
 *   brotli at quality 4 (the plugin's default; quality 11 costs too much CPU per request) or gzip.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Text worth compressing; images, PDFs and uploaded files are compressed already or not worth it. */
export const COMPRESSIBLE = /^(?:text\/(?:html|css|javascript|csv|plain)|application\/(?:json|javascript|manifest\+json)|image\/svg\+xml)(?:;|$)/;

/** Registered before the routes: @fastify/compress hooks every reply of the instance. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024, customTypes: COMPRESSIBLE });
}

/** A path of the built web app that a browser may cache for good: a hashed file under /assets/. */
export function isHashedAsset(urlPath: string): boolean {
  return urlPath.startsWith('/assets/');
}

/**
 * Serves the built web app from `root` if it has been built (`null`: not served, as in API tests); answers
 * every other GET that is not an API path with index.html (the single-page app routes in the browser).
 */
export async function serveWebApp(app: FastifyInstance, root: string | null): Promise<boolean> {
  const built = root !== null && existsSync(join(root, 'index.html'));
  if (root !== null && built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      preCompressed: true,
      setHeaders(reply, path) {
        const rel = path.slice(root.length).replaceAll('\\', '/');
        reply.header('cache-control', isHashedAsset(rel) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/'))
      return reply.code(404).send({ code: 'RESOURCE.NOT_FOUND', message: '接口不存在', details: { path: req.url.split('?')[0] } });
    // A missing hashed file is an old build's chunk: answering it with index.html would hand the browser HTML
    // as a script (and a year-long cache); a plain 404 lets the page's lazy import fail, and the page reloads itself (apps/web/src/main.tsx).
    if (built && req.method === 'GET' && !isHashedAsset(req.url)) return reply.type('text/html').sendFile('index.html');
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send(built ? '页面不存在' : '页面不存在（网页端尚未构建：请运行 npm run build:web）');
  });
  return built;
}
