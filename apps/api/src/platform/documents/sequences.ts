import type { Executor } from '../../db/database.ts';

/** The next number of a document kind for an agency and year (one row per agency/kind/year, locked by the update). */
export async function nextSequence(trx: Executor, agencyId: string, kind: string, year: number): Promise<number> {
  await trx
    .insertInto('document_sequences')
    .values({ agency_id: agencyId, kind, year, last: 0 })
    .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doNothing())
    .execute();
  const r = await trx
    .updateTable('document_sequences')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(r.last);
}
