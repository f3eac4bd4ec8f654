/**
 * Registers the service worker of the field app (sw.ts) for the back office and the field pages only:
 * the public portal's visitors do not download the whole app for offline use.
 */
import { api } from '../api.ts';

/**
 * Registers the service worker and, once it controls the page, reads the signed-in user and the given
 * API paths through it, so that their copies are on the phone before the network goes (a sign-in does
 * not read the user through the worker, and the first page may have been read before it took control).
 */
export function registerFieldApp(warm: string[] = []): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const read = () => {
    for (const path of ['/api/v1/auth/session', '/api/v1/auth/me', ...warm]) void api(path).catch(() => undefined);
  };
  void sw
    .register('/sw.js', { scope: '/' })
    .then(() => {
      if (sw.controller) read();
      else sw.addEventListener('controllerchange', read, { once: true });
    })
    .catch(() => undefined);
}

/** Sign-out: the offline copies of this session's reads are dropped. */
export function forgetOfflineReads(): void {
  if (!('caches' in window)) return;
  void caches.delete('fep-reads').catch(() => undefined);
}
