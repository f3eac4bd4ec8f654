import { areaList } from '@vant/area-data';
import { seedNationalCalendar } from '../platform/calendar/seed.ts';
import type { AppContext } from '../platform/context.ts';

/**
 * Reference data every installation needs, demo or not: administrative divisions (GB/T 2260, from
 * @vant/area-data) and the State Council holiday schedule of the verified years. Idempotent.
 */
export async function seedReferenceData(ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const have = await db.selectFrom('regions').select('code').limit(1).execute();
  if (have.length === 0) {
    const rows: { code: string; name: string; parent_code: string | null; level: 'province' | 'city' | 'county'; development_zone: number }[] = [];
    for (const [code, name] of Object.entries(areaList.province_list)) rows.push({ code, name, parent_code: null, level: 'province', development_zone: 0 });
    for (const [code, name] of Object.entries(areaList.city_list))
      rows.push({ code, name, parent_code: `${code.slice(0, 2)}0000`, level: 'city', development_zone: 0 });
    for (const [code, name] of Object.entries(areaList.county_list)) {
      // Statistical codes whose county part is 71–79 are development zones, not GB/T 2260 divisions.
      const county = Number(code.slice(4));
      rows.push({ code, name, parent_code: `${code.slice(0, 4)}00`, level: 'county', development_zone: county >= 71 && county <= 79 ? 1 : 0 });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('regions')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.column('code').doNothing())
          .execute();
      }
    });
  }
  await seedNationalCalendar(db, ctx.now().toISOString());
}
