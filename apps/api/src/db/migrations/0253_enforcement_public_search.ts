import type { Kysely, Migration } from 'kysely';

/**
 * The public 行政处罚公示 search by part of a name (ENF-07): a contains-search scanned every published decision
 * (p95 360 ms over 100,000, bench/penalties.ts). An index of the bigrams of each published decision's unit name,
 * decision number and USCI, in page order (gram, published_at, case_id): the decisions holding the query's
 * rarest bigram are read newest first from it and checked by the same contains-test. Written on publication,
 * removed on withdrawal (features/enforcement/public-search.ts). An own table rather than PostgreSQL's pg_trgm:
 * the same on SQLite and PostgreSQL, and pg_trgm ignores Chinese characters under the C locale.
 *
 * The decisions already published are indexed here, with the bigram rule as it stood (distinct, lower-cased).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const text = 'text' as const;
    await db.schema
      .createTable('enforcement_public_grams')
      .addColumn('gram', text, (c) => c.notNull())
      .addColumn('published_at', text, (c) => c.notNull())
      .addColumn('case_id', text, (c) => c.notNull().references('enforcement_cases.id'))
      .addPrimaryKeyConstraint('enforcement_public_grams_pk', ['gram', 'published_at', 'case_id'])
      .execute();
    await db.schema.createIndex('enforcement_public_grams_case').on('enforcement_public_grams').column('case_id').execute();
    const cases = db as unknown as Kysely<{
      enforcement_cases: {
        id: string;
        party_kind: string;
        party_name: string;
        party_usci: string | null;
        decision_number: string | null;
        published_at: string | null;
        withdrawn_at: string | null;
      };
      enforcement_public_grams: { gram: string; published_at: string; case_id: string };
    }>;
    let after = '';
    for (;;) {
      const rows = await cases
        .selectFrom('enforcement_cases')
        .select(['id', 'party_kind', 'party_name', 'party_usci', 'decision_number', 'published_at'])
        .where('published_at', 'is not', null)
        .where('withdrawn_at', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      if (rows.length === 0) break;
      const values = rows.flatMap((r) =>
        bigrams(r.party_kind === 'unit' ? r.party_name : null, r.decision_number, r.party_usci).map((gram) => ({
          gram,
          published_at: r.published_at!,
          case_id: r.id,
        })),
      );
      for (let i = 0; i < values.length; i += 500)
        await cases
          .insertInto('enforcement_public_grams')
          .values(values.slice(i, i + 500))
          .execute();
      after = rows.at(-1)!.id;
    }
  },
};

function bigrams(...texts: Array<string | null>): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const chars = [...t.toLowerCase()];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}
