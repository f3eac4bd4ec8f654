import { useEffect } from 'react';
import { invalidateApi } from '../../query.ts';

/**
 * Keeps the dashboard's and the map's reads current (MON-02): the server's event stream announces each change of
 * the figures, and every read under /api/v1/dashboard is refetched. The browser reconnects a dropped stream
 * by itself.
 */
export function useLiveFigures(agencyId: string | null): void {
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/dashboard/stream${agencyId ? `?agencyId=${encodeURIComponent(agencyId)}` : ''}`);
    let first = true;
    source.addEventListener('figures', () => {
      // The first message tells the version at connection, which the page has just read.
      if (first) {
        first = false;
        return;
      }
      void invalidateApi('/api/v1/dashboard');
    });
    return () => source.close();
  }, [agencyId]);
}
