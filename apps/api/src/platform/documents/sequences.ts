import type { Executor } from '../../db/database.ts';

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
