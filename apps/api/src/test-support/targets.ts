import type { TestApp } from './harness.ts';

/** A unit of the demo directory supervised by the agency of `regionCode` or one below it (a clock needs a real target). */
export async function unitOfAgency(t: TestApp, regionCode: string, offset = 0): Promise<string> {
  const { db } = t.ctx.database;
  const agency = await db.selectFrom('agencies').select('path').where('region_code', '=', regionCode).executeTakeFirstOrThrow();
  const units = await db.selectFrom('units').select(['id', 'agency_path']).orderBy('id').execute();
  const u = units.filter((x) => x.agency_path.startsWith(agency.path))[offset];
  if (!u) throw new Error(`no demo unit under ${regionCode}`);
  return u.id;
}
