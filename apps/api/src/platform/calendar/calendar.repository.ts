import { buildCalendar, type CalendarDay, type WorkCalendar } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import { bumpReferenceVersion, cacheHolder, forgetVersions, referenceVersion } from '../cache.ts';

/** The national schedule is stored under this region code; regions may lay their own rows over it. */
export const NATIONAL_REGION = '000000';

/** National → province → city → county codes that apply to a region code. */
export function regionChain(regionCode: string): string[] {
  if (regionCode === NATIONAL_REGION || !/^\d{6}$/.test(regionCode)) return [NATIONAL_REGION];
  const chain = [NATIONAL_REGION, `${regionCode.slice(0, 2)}0000`, `${regionCode.slice(0, 4)}00`, regionCode];
  return [...new Set(chain)];
}

type Cache = Map<string, { version: number; cal: WorkCalendar }>;
/** One cache per database; reads inside a transaction are never cached (they may see uncommitted edits). */
const caches = new WeakMap<object, Cache>();

/** After a calendar edit committed in this process: the next read re-checks the version at once. */
export function invalidateCalendars(): void {
  forgetVersions('calendar');
}

/** Marks a calendar edit, inside its transaction (other processes see it within VERSION_CHECK_MS). */
export function bumpCalendarVersion(trx: Executor): Promise<void> {
  return bumpReferenceVersion(trx, 'calendar');
}

function cacheOf(db: Executor): Cache | null {
  const holder = cacheHolder(db, 'calendar');
  if (!holder) return null;
  let c = caches.get(holder);
  if (!c) {
    c = new Map();
    caches.set(holder, c);
  }
  return c;
}

/**
 * The working calendar of a region: national days with the region's own edits laid over them. A year
 * counts as published when the national schedule or a region row of the chain says so. Cached per
 * process by the calendar's version (platform/cache.ts): an edit in this process is seen at once, one
 * in another process within a second.
 */
export async function loadCalendar(db: Executor, regionCode: string): Promise<WorkCalendar> {
  const cache = cacheOf(db);
  const version = cache ? await referenceVersion(db, 'calendar') : -1;
  const hit = cache?.get(regionCode);
  if (hit && hit.version === version) return hit.cal;
  const chain = regionChain(regionCode);
  const [dayRows, yearRows] = await Promise.all([
    db.selectFrom('calendar_days').selectAll().where('region_code', 'in', chain).execute(),
    db.selectFrom('calendar_years').selectAll().where('region_code', 'in', chain).execute(),
  ]);
  const rank = (code: string) => chain.indexOf(code);
  dayRows.sort((a, b) => rank(a.region_code) - rank(b.region_code));
  const days: CalendarDay[] = dayRows.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
  const published = yearRows.filter((y) => y.published === 1).map((y) => y.year);
  const cal = buildCalendar(days, published);
  cache?.set(regionCode, { version, cal });
  return cal;
}
