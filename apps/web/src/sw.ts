/// <reference lib="webworker" />
/**
 * The service worker of the installable field app (SUP-09): the app shell (every built file, listed by
 * vite-plugin-pwa at build time) is cached on install, so a reload without network shows the app, not
 * the browser's error page; the reads a field page needs (who is signed in, the task) are answered from
 * the network and, when there is none, from their last copy. Writes are never touched here: the page's
 * outbox (offline/outbox.ts) queues them in IndexedDB with their Idempotency-Keys.
 */
export type {};

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

const PRECACHE = self.__WB_MANIFEST;
const VERSION = PRECACHE.map((e) => `${e.url}@${e.revision ?? ''}`)
  .join('|')
  .split('')
  .reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0)
  .toString(36);
const SHELL = `fep-shell-${VERSION}`;
/** Copies of API reads, per signed-in person (the key carries a digest of the page's x-fep-session tag). */
const READS = 'fep-reads';
/** The reads a field page needs offline: the signed-in user and the inspection tasks. */
const OFFLINE_READS = [/^\/api\/v1\/auth\/(me|session)$/, /^\/api\/v1\/inspection-tasks(\/[^/]+)?$/];

const url = (u: string) => new URL(u, self.location.origin).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      // The plugin lists the manifest's icons a second time: Cache.addAll refuses duplicate requests.
      .then((c) => c.addAll([...new Set(PRECACHE.map((e) => url(e.url)))]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('fep-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The cache key of a read: its URL plus a digest of who asked, so one session never sees another's copy. */
async function readKey(req: Request): Promise<string | null> {
  const auth = req.headers.get('x-fep-session');
  if (!auth) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(auth)));
  const who = Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  const u = new URL(req.url);
  u.searchParams.set('__session', who);
  return u.href;
}

const OFFLINE_ANSWER = () =>
  new Response(JSON.stringify({ code: 'NETWORK.OFFLINE', message: '网络未连接（离线），本机没有该内容的离线副本', details: null }), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

async function networkFirstRead(req: Request): Promise<Response> {
  const key = await readKey(req);
  try {
    const res = await fetch(req);
    if (res.ok && key) await (await caches.open(READS)).put(key, res.clone());
    return res;
  } catch {
    const copy = key ? await (await caches.open(READS)).match(key) : undefined;
    return copy ?? OFFLINE_ANSWER();
  }
}

async function page(req: Request): Promise<Response> {
  try {
    return await fetch(req);
  } catch {
    // Every route of the single-page app is index.html: the router draws the page from the cached shell.
    return (await caches.match(url('index.html'), { cacheName: SHELL })) ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const u = new URL(req.url);
  if (u.origin !== self.location.origin) return;
  if (u.pathname.startsWith('/api/')) {
    if (OFFLINE_READS.some((r) => r.test(u.pathname))) event.respondWith(networkFirstRead(req));
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith(page(req));
    return;
  }
  event.respondWith(caches.match(req, { cacheName: SHELL }).then((hit) => hit ?? fetch(req)));
});
