import type { RegionTreeView } from '@fep/contracts';
import { useCallback, useState } from 'react';
import { useApi } from '../query.ts';

/**
 * The place of a venue, picked as 省 → 市 → 区/县 (GB/T 2260) from the provinces the platform serves
 * (GET /api/v1/regions). Everything that depends on where a venue is — the guide shown, the exemption rule,
 * the agency that handles an application — follows from this code, never from a list of agencies.
 */
export function useRegions(): RegionTreeView | null {
  return useApi<RegionTreeView>('/api/v1/regions', { staleTime: Number.POSITIVE_INFINITY }).data ?? null;
}

/** The codes from the province down to `code` (a city without counties is a place itself), or null when not served. */
export function regionPath(tree: RegionTreeView | null, code: string | null | undefined): string[] | null {
  if (!tree || !code) return null;
  const p = tree.find((x) => x.code.slice(0, 2) === code.slice(0, 2));
  const c = p?.children.find((x) => x.code.slice(0, 4) === code.slice(0, 4));
  if (!p || !c) return null;
  if (c.children.length === 0) return c.code === code ? [p.code, c.code] : null;
  const k = c.children.find((x) => x.code === code);
  return k ? [p.code, c.code, k.code] : null;
}

/** “广东省 广州市 天河区” for a code of the tree ('' while the tree loads or for a code it does not hold). */
export function placeName(tree: RegionTreeView | null, code: string | null | undefined): string {
  const path = regionPath(tree, code);
  if (!tree || !path) return '';
  const p = tree.find((x) => x.code === path[0])!;
  const c = p.children.find((x) => x.code === path[1])!;
  const k = c.children.find((x) => x.code === path[2]);
  // A municipality's only city repeats its name (北京市 北京市): say it once.
  return [p.name, c.name === p.name ? null : c.name, k?.name].filter(Boolean).join(' ');
}

const PLACE_KEY = 'fep.place';

/**
 * The place last chosen on the portal (home, exemption check), remembered in this browser: a business
 * looking at Guangzhou's guide keeps seeing Guangzhou's after login and on the next visit.
 */
export function useRememberedPlace(): [string | null, (code: string | null) => void] {
  const [place, setPlace] = useState<string | null>(() => {
    try {
      return localStorage.getItem(PLACE_KEY);
    } catch {
      return null;
    }
  });
  const remember = useCallback((code: string | null) => {
    setPlace(code);
    try {
      if (code) localStorage.setItem(PLACE_KEY, code);
      else localStorage.removeItem(PLACE_KEY);
    } catch {
      // storage disabled: the choice holds for this page only
    }
  }, []);
  return [place, remember];
}
