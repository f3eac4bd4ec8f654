import { isCivilDate } from '@fep/domain';
import type { Actor } from '../../actor.ts';
import { recomputeOpenClocks } from '../../clocks/clocks.service.ts';
import { AppError } from '../../errors.ts';
import { type Deps, transact } from '../../transact.ts';
import { assertMayEditRegion, regionPrefix } from '../calendar.access.ts';
import { bumpCalendarVersion, invalidateCalendars } from '../calendar.repository.ts';

export interface SetCalendarYearInput {
  year: number;
  region: string;
  sourceNotice: string;
  published: boolean;
  days: { date: string; kind: 'holiday' | 'adjusted_workday'; name: string }[];
}

/**
 * Enters (or corrects) a region's holiday schedule of a year — each winter when the State Council
 * publishes the next year's (国务院办公厅关于部分节假日安排的通知) — and recomputes the open clocks of
 * the regions concerned. A compare-and-set on the year's row: concurrent identical entries make one
 * change; an entry identical to what is stored is a 409 `CALENDAR.UNCHANGED` (nothing to record).
 */
export async function setCalendarYear(deps: Deps, actor: Actor, input: SetCalendarYearInput) {
  const { year, region } = input;
  assertMayEditRegion(actor, region);
  const bad = input.days.find((d) => !isCivilDate(d.date) || !d.date.startsWith(`${year}-`));
  if (bad) throw new AppError('CALENDAR.INVALID_DAY', `日期 ${bad.date} 不是 ${year} 年的有效日期`, { date: bad.date });
  if (new Set(input.days.map((d) => d.date)).size !== input.days.length) throw new AppError('CALENDAR.INVALID_DAY', '同一日期出现了多次');
  const userId = actor.userId;
  const result = await transact(deps, actor, async (trx, audit) => {
    const now = deps.now();
    const nowIso = now.toISOString();
    const yearRow = {
      region_code: region,
      year,
      published: input.published ? 1 : 0,
      source_notice: input.sourceNotice,
      updated_by: userId,
      updated_at: nowIso,
    };
    // The year's row is the lock: a first entry inserts it (a concurrent one waits on the key), a later one
    // takes the row's lock before reading what is stored.
    const inserted = await trx
      .insertInto('calendar_years')
      .values(yearRow)
      .onConflict((oc) => oc.columns(['region_code', 'year']).doNothing())
      .executeTakeFirst();
    const isNew = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    let storedYear: { published: number; source_notice: string } | undefined;
    if (!isNew) {
      await trx.updateTable('calendar_years').set({ year }).where('region_code', '=', region).where('year', '=', year).execute();
      storedYear = await trx
        .selectFrom('calendar_years')
        .select(['published', 'source_notice'])
        .where('region_code', '=', region)
        .where('year', '=', year)
        .executeTakeFirst();
    }
    const before = await trx
      .selectFrom('calendar_days')
      .selectAll()
      .where('region_code', '=', region)
      .where('date', 'like', `${year}-%`)
      .orderBy('date')
      .execute();
    const key = (ds: { date: string; kind: string; name: string }[]) =>
      JSON.stringify([...ds].sort((a, b) => a.date.localeCompare(b.date)).map((d) => [d.date, d.kind, d.name]));
    if (storedYear && storedYear.published === yearRow.published && storedYear.source_notice === input.sourceNotice && key(before) === key(input.days))
      throw new AppError('CALENDAR.UNCHANGED', `${year} 年的节假日安排与已录入的相同，未作更改`, { region, year });
    await trx.deleteFrom('calendar_days').where('region_code', '=', region).where('date', 'like', `${year}-%`).execute();
    if (input.days.length) {
      await trx
        .insertInto('calendar_days')
        .values(
          input.days.map((d) => ({
            region_code: region,
            date: d.date,
            kind: d.kind,
            name: d.name,
            source: input.sourceNotice,
            updated_by: userId,
            updated_at: nowIso,
          })),
        )
        .execute();
    }
    if (!isNew)
      await trx
        .updateTable('calendar_years')
        .set({ published: yearRow.published, source_notice: input.sourceNotice, updated_by: userId, updated_at: nowIso })
        .where('region_code', '=', region)
        .where('year', '=', year)
        .execute();
    await bumpCalendarVersion(trx);
    const recomputed = await recomputeOpenClocks(trx, regionPrefix(region), now);
    await audit({
      action: 'calendar.year.set',
      targetType: 'calendar',
      targetId: `${region}/${year}`,
      before: before.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
      after: input.days,
      details: { published: input.published, sourceNotice: input.sourceNotice, recomputedClocks: recomputed },
    });
    return { recomputed };
  });
  invalidateCalendars();
  return { region, year, published: input.published, days: input.days.length, recomputedClocks: result.recomputed };
}
