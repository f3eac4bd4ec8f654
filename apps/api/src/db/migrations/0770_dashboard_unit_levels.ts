import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * MON-02: the credit and risk distribution of the leaders' dashboard as a rollup (features/dashboard is its one
 * writer), no longer counted from the units on request.
 * - `dashboard_unit_levels`: per unit (USCI), the agency path, credit level and risk level the rollup counted it
 *   under — its credit standing's levels, or the directory's levels while it has none (CRD-04, as
 *   `creditLevelCounts` reads them);
 * - `dashboard_levels`: those units summed per agency path, credit level and risk level; the dashboard sums the
 *   scope's path range.
 * Both are seeded here from the store as it is, so an existing store shows the same figures as before; from then
 * on `credit.level_changed`, `units.directory_changed` and `licensing.permit_granted` keep them current.
 */
export const migration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const big = dialect === 'postgres' ? ('bigint' as const) : ('integer' as const);
    await db.schema
      .createTable('dashboard_unit_levels')
      .addColumn('usci', 'text', (c) => c.primaryKey())
      .addColumn('agency_path', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('risk', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('dashboard_levels')
      .addColumn('agency_path', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('risk', 'text', (c) => c.notNull())
      .addColumn('n', big, (c) => c.notNull())
      .addPrimaryKeyConstraint('dashboard_levels_pk', ['agency_path', 'level', 'risk'])
      .execute();
    await sql`insert into dashboard_unit_levels (usci, agency_path, level, risk)
      select u.usci, u.agency_path, coalesce(s.level, u.credit_level), coalesce(s.risk_level, u.risk_level)
      from units u left join credit_standings s on s.usci = u.usci`.execute(db);
    await sql`insert into dashboard_levels (agency_path, level, risk, n)
      select agency_path, level, risk, count(*) from dashboard_unit_levels group by agency_path, level, risk`.execute(db);
  },
});
