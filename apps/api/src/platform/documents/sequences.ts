import { runCompiled } from '../../db/compiled.ts';
import type { Database, Executor } from '../../db/database.ts';

/**
 * The next number of a document kind for an agency and year: one row per agency/kind/year, created at 1 or
 * incremented by one upsert, whose row lock (PostgreSQL) orders concurrent numbering until the commit —
 * numbers are gapless because a rolled-back transaction gives its number back.
 */
export async function nextSequence(trx: Executor, agencyId: string, kind: string, year: number): Promise<number> {
  const r = await runCompiled<{ last: number }>(trx, 'document_sequences:next', [agencyId, kind, year, 1, 1], () =>
    trx
      .insertInto('document_sequences')
      .values({ agency_id: agencyId, kind, year, last: 1 })
      .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doUpdateSet((eb) => ({ last: eb('document_sequences.last', '+', 1) })))
      .returning('last'),
  );
  return Number(r.rows[0]!.last);
}

const BLOCK = 32;
const blocks = new WeakMap<object, Map<string, { next: number; last: number }>>();

/**
 * A reference number that needs to be unique but not gapless (an application's 受理编号, unlike a permit's
 * or an order's document number), taken BEFORE the business transaction opens. On PostgreSQL a process takes
 * numbers in blocks of 32 through a statement of its own, so concurrent submissions do not queue on one
 * counter row until each commits (and no transaction waits for a second pool connection while holding one);
 * a number of a refused or replayed submission, or the rest of a block when the process stops, is never
 * used. SQLite has one writer: there this returns null and the caller takes the gapless counter inside its
 * transaction (`nextSequence`), which costs nothing extra.
 */
export async function reserveReference(database: Database, agencyId: string, kind: string, year: number): Promise<number | null> {
  if (database.dialect !== 'postgres') return null;
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
  // Another request of this process may have filled the pool meanwhile: keep the larger block.
  const current = pool.get(key);
  if (!current || current.last < last) pool.set(key, { next: last - BLOCK + 2, last });
  else pool.set(key, current);
  return last - BLOCK + 1;
}
