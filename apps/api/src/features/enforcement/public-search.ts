import { searchBigrams } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { EnforcementCase } from '../../db/schema/enforcement.ts';
import type { DB } from '../../db/schema.ts';

/**
 * The search index of the public 行政处罚公示 page (ENF-07; migration 0253): the bigrams of a published decision's
 * unit name (a person's name is never searchable: it is shown masked), decision number and USCI, written in the
 * publication's transaction and removed in the withdrawal's.
 */
export async function indexPublished(trx: Transaction<DB>, c: EnforcementCase): Promise<void> {
  if (!c.published_at) return;
  const values = searchBigrams(c.party_kind === 'unit' ? c.party_name : null, c.decision_number, c.party_usci).map((gram) => ({
    gram,
    published_at: c.published_at!,
    case_id: c.id,
  }));
  if (values.length) await trx.insertInto('enforcement_public_grams').values(values).execute();
}

export async function unindexWithdrawn(trx: Transaction<DB>, caseId: string): Promise<void> {
  await trx.deleteFrom('enforcement_public_grams').where('case_id', '=', caseId).execute();
}

/** How many index entries a probe reads per bigram to find the rarest (bounded: a common bigram stops at it). */
const PROBE = 5000;

/**
 * The query's bigram with the fewest published decisions (null for a one-character query: no index), and its
 * other bigrams: the page walks the rarest one's entries in page order and keeps those that hold the others too
 * (a primary-key seek each: same gram, published_at and case). Each of the first bigrams is counted up to PROBE
 * entries; a bigram no decision holds means no match at all.
 */
export async function rarestBigram(db: Executor, q: string): Promise<{ gram: string; count: number; others: string[] } | null> {
  const grams = searchBigrams(q).slice(0, 8);
  if (grams.length === 0) return null;
  let best: { gram: string; count: number } | null = null;
  for (const gram of grams) {
    const r = await db
      .selectFrom((eb) => eb.selectFrom('enforcement_public_grams').select('case_id').where('gram', '=', gram).limit(PROBE).as('g'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    const count = Number(r?.n ?? 0);
    if (!best || count < best.count) best = { gram, count };
    if (count === 0) break;
  }
  return best ? { ...best, others: grams.filter((g) => g !== best.gram) } : null;
}
