import type { AgencyRef } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { AgencyTable } from '../../db/schema.ts';
import { cacheHolder } from '../cache.ts';

export type Agency = AgencyTable;

/** An agency by id, from the same minute-long cache as `findAgency` (a business transaction reads it once per minute, not per request). */
export async function agencyById(db: Executor, id: string): Promise<Agency | undefined> {
  return findAgency(db, id);
}

function agencyRow(db: Executor, id: string): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The agency responsible for an id or a region code. A region code with no agency of its own (a county
 * without a brigade in the tree) resolves to the nearest agency above it: city, then province.
 */
export async function findAgency(db: Executor, idOrRegion: string): Promise<Agency | undefined> {
  const holder = cacheHolder(db, 'agency');
  const cache = holder ? (found.get(holder) ?? found.set(holder, new Map()).get(holder)!) : null;
  const hit = cache?.get(idOrRegion);
  if (hit && performance.now() - hit.at < CHAIN_TTL_MS) return hit.agency;
  const agency = await findAgencyUncached(db, idOrRegion);
  if (agency && cache) {
    if (cache.size > 10_000) cache.clear();
    cache.set(idOrRegion, { at: performance.now(), agency });
  }
  return agency;
}

async function findAgencyUncached(db: Executor, idOrRegion: string): Promise<Agency | undefined> {
  if (!/^\d{6}$/.test(idOrRegion)) return agencyRow(db, idOrRegion);
  const candidates = [idOrRegion, `${idOrRegion.slice(0, 4)}00`, `${idOrRegion.slice(0, 2)}0000`];
  const rows = await db.selectFrom('agencies').selectAll().where('region_code', 'in', candidates).execute();
  for (const c of candidates) {
    const a = rows.find((r) => r.region_code === c);
    if (a) return a;
  }
  return undefined;
}

/** Agencies by id or region code, for a minute (see CHAIN_TTL_MS). */
const found = new WeakMap<object, Map<string, { at: number; agency: Agency }>>();

const chains = new WeakMap<object, Map<string, { at: number; chain: AgencyRef[] }>>();
/** Agencies change only with a release's reference data (no route edits them): a minute in process is safe. */
const CHAIN_TTL_MS = 60_000;

/** The chain from the top of the tree down to the agency itself (materialised path order), cached by path outside transactions. */
export async function agencyChain(db: Executor, agency: Agency): Promise<AgencyRef[]> {
  const holder = cacheHolder(db, 'agency');
  const cache = holder ? (chains.get(holder) ?? chains.set(holder, new Map()).get(holder)!) : null;
  const hit = cache?.get(agency.path);
  if (hit && performance.now() - hit.at < CHAIN_TTL_MS) return hit.chain;
  const ids = agency.path.split('/').filter(Boolean);
  const rows = await db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute();
  const chain = ids.map((id) => {
    const r = rows.find((x) => x.id === id);
    if (!r) throw new Error(`agency path ${agency.path} names a missing agency ${id}`);
    return { id: r.id, name: r.name, level: r.level, regionCode: r.region_code };
  });
  cache?.set(agency.path, { at: performance.now(), chain });
  return chain;
}
