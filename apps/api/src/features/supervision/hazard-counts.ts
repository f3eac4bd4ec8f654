import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** Hazards of a unit still ordered (not closed), and the major ones among them: a factor of the unit's risk (CRD-04). */
export async function openHazardCounts(db: Executor, usci: string): Promise<{ open: number; major: number }> {
  const r = await db
    .selectFrom('hazards')
    .select([sql<number>`count(*)`.as('open'), sql<number>`coalesce(sum(major), 0)`.as('major')])
    .where('usci', '=', usci)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return { open: Number(r?.open ?? 0), major: Number(r?.major ?? 0) };
}

/** The same counts for many units in one grouped read (the nightly credit sweep's page); units without open hazards are absent. */
export async function openHazardCountsOf(db: Executor, uscis: readonly string[]): Promise<Map<string, { open: number; major: number }>> {
  if (!uscis.length) return new Map();
  const rows = await db
    .selectFrom('hazards')
    .select(['usci', sql<number>`count(*)`.as('open'), sql<number>`coalesce(sum(major), 0)`.as('major')])
    .where('usci', 'in', uscis)
    .where('status', '!=', 'closed')
    .groupBy('usci')
    .execute();
  return new Map(rows.map((r) => [r.usci, { open: Number(r.open), major: Number(r.major) }]));
}
