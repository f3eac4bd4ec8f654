import type { Executor } from '../db/database.ts';

/**
 * Attempt counters in the database (shared by every API process): a fixed window per key, started by the
 * first attempt and restarted by the first attempt after it ends. Used where a public look-up takes a
 * secret (办件查询: application number + code), so that numbers cannot be enumerated nor codes guessed.
 * Counters are protection state, not business records: they are written outside `transact` and record
 * no enforcement event.
 */
export interface AttemptWindow {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

/** Counts one attempt for `key`; true while the window's count stays within the limit. */
export async function countAttempt(db: Executor, key: string, w: AttemptWindow, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - w.windowMs).toISOString();
  // One upsert: both SET expressions read the row as it was, so an expired window restarts at 1.
  const r = await db
    .insertInto('attempt_counters')
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('attempt_counters.window_start', '<', cutoff)
          .then(eb.lit(1))
          .else(eb('attempt_counters.count', '+', 1))
          .end(),
        window_start: eb.case().when('attempt_counters.window_start', '<', cutoff).then(nowIso).else(eb.ref('attempt_counters.window_start')).end(),
      })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(r.count) <= w.limit;
}

/** Whether `key` has used up its window already (without counting an attempt). */
export async function exhausted(db: Executor, key: string, w: AttemptWindow, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - w.windowMs).toISOString();
  const row = await db.selectFrom('attempt_counters').select('count').where('key', '=', key).where('window_start', '>=', cutoff).executeTakeFirst();
  return !!row && Number(row.count) >= w.limit;
}
