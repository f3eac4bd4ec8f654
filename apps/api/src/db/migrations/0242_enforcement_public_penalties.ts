import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The public 行政处罚公示 page (ENF-07) at province scale. A partial index over the published decisions not
 * withdrawn, in the page's order (published_at, id) and carrying the filter columns (publicity_until,
 * region_code; withdrawn_at, always null here, so that SQLite sees the index as covering the query's terms):
 * the page's ids, a city's page and the capped total are read from the index alone, and only
 * the 20 rows shown are fetched (bench/penalties.ts: the total counted every published row and the page
 * took 170–350 ms over 100,000 decisions). Exact look-ups by decision number use their own index (by USCI:
 * enforcement_cases_party). Partial indexes are the same statement on SQLite and PostgreSQL.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index enforcement_cases_public on enforcement_cases (published_at, id, publicity_until, region_code, withdrawn_at) where withdrawn_at is null and published_at is not null`.execute(
      db,
    );
    await db.schema.createIndex('enforcement_cases_by_decision_number').on('enforcement_cases').column('decision_number').execute();
  },
};
