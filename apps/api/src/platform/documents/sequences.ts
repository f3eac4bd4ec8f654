import type { Database, Executor } from '../../db/database.ts';

/**
 * The next number of a document kind for an agency and year: one row per agency/kind/year, created at 1 or
 * incremented by one upsert, whose row lock (PostgreSQL) orders concurrent numbering until the commit —
 * numbers are gapless because a rolled-back transaction gives its number back.
 */
export async function nextSequence(trx: Executor, agencyId: string, kind: string, year: number): Promise<number> {
  const r = await trx
    .insertInto('document_sequences')
    .values({ agency_id: agencyId, kind, year, last: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doUpdateSet((eb) => ({ last: eb('document_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(r.last);
}

const BLOCK = 32;
const blocks = new WeakMap<object, Map<string, { next: number; last: number }>>();

/**
 * A reference number that needs to be unique but not gapless (an application's 受理编号, unlike a permit's
 * or an order's document number). On PostgreSQL a process takes numbers in blocks of 32 through a statement
 * of its own, outside the business transaction, so concurrent submissions do not queue on one counter row
 * until each commits; a number of a rolled-back submission, or the rest of a block when the process stops,
 * is never used. SQLite has one writer: the gapless counter inside the transaction costs nothing there.
 */
export async function nextReference(database: Database, trx: Executor, agencyId: string, kind: string, year: number): Promise<number> {
  if (database.dialect !== 'postgres') return nextSequence(trx, agencyId, kind, year);
  let pool = blocks.get(database.db);
  if (!pool) {
    pool = new Map();
    blocks.set(database.db, pool);
  }
  const key = `${agencyId}|${kind}|${year}`;
  const b = pool.get(key);
  if (b && b.next <= b.last) return b.next++;
  const r = await database.db
    .insertInto('document_sequences')
    .values({ agency_id: agencyId, kind, year, last: BLOCK })
    .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doUpdateSet((eb) => ({ last: eb('document_sequences.last', '+', BLOCK) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  const last = Number(r.last);
  pool.set(key, { next: last - BLOCK + 2, last });
  return last - BLOCK + 1;
}
