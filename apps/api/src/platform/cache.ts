import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Versions of cached reference data (docs/decisions.md "Read path caches"). Each kind (policy, calendar)
 * has a counter row in `cache_versions` that every write of the kind increments in its own transaction.
 * A process caches what it derived from the data together with the counter it read; it re-reads the
 * counter at most once per `VERSION_CHECK_MS` (one primary-key read), so a write made by another
 * process is seen within that time, and a write made in this process at once (`forgetVersions`).
 */
export type ReferenceKind = 'policy' | 'calendar';

export const VERSION_CHECK_MS = 1000;

const generation: Record<ReferenceKind, number> = { policy: 0, calendar: 0 };

type Seen = Map<ReferenceKind, { version: number; checkedAt: number; gen: number }>;
const seen = new WeakMap<object, Seen>();

/** The current version of a kind as this process knows it (re-read when older than VERSION_CHECK_MS). */
export async function referenceVersion(db: Executor, kind: ReferenceKind): Promise<number> {
  const holder = cacheHolder(db, kind) ?? db;
  let s = seen.get(holder);
  if (!s) {
    s = new Map();
    seen.set(holder, s);
  }
  const hit = s.get(kind);
  const t = performance.now();
  if (hit && hit.gen === generation[kind] && t - hit.checkedAt < VERSION_CHECK_MS) return hit.version;
  const gen = generation[kind];
  const row = await db.selectFrom('cache_versions').select('version').where('name', '=', kind).executeTakeFirst();
  const version = Number(row?.version ?? 0);
  s.set(kind, { version, checkedAt: t, gen });
  return version;
}

/**
 * Caches are kept per database object. A transaction opened by `transact` is registered with its
 * database, so reference data (policy, calendar, agencies) read inside a business transaction comes from
 * the same cache — unless that transaction itself changed the kind, which it then reads afresh.
 */
const parents = new WeakMap<object, { db: object; dirty: Set<string> }>();

export function registerTransaction(trx: object, db: object): void {
  parents.set(trx, { db, dirty: new Set() });
}

/** The object whose cache of `kind` an executor may use, or null (an unregistered or dirty transaction). */
export function cacheHolder(db: Executor, kind: ReferenceKind | 'agency'): object | null {
  if (!db.isTransaction) return db;
  const p = parents.get(db);
  return p && !p.dirty.has(kind) ? p.db : null;
}

/** Marks a change of a kind, inside the writing transaction. */
export async function bumpReferenceVersion(trx: Executor, kind: ReferenceKind): Promise<void> {
  parents.get(trx)?.dirty.add(kind);
  await trx.updateTable('cache_versions').set({ version: sql`version + 1` }).where('name', '=', kind).execute();
}

/** After a write committed in this process: the next read checks the counter again. */
export function forgetVersions(kind: ReferenceKind): void {
  generation[kind]++;
}

/** Bumped by `forgetVersions`: a counter read before it is read again. */

let commits = 0;

/**
 * Counts the transactions committed by this process (platform/transact.ts calls it after each commit):
 * a short-lived derived result (the supervision figures) cached with the count it was computed at is
 * recomputed after any write made here, and after at most its age limit for writes of other processes.
 */
export function noteCommit(): void {
  commits++;
}
export const committedWrites = (): number => commits;
