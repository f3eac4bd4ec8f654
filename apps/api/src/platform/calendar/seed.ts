import { addDays, dayOfWeek } from '@fep/domain';
import chineseDays from 'chinese-days';
import type { Executor } from '../../db/database.ts';
import { bumpReferenceVersion, forgetVersions } from '../cache.ts';
import { NATIONAL_REGION } from './calendar.repository.ts';

/** Years whose State Council schedule was checked against chinese-days before shipping. */
export const VERIFIED_YEARS = [2025, 2026] as const;

const NOTICES: Record<number, string> = {
  2025: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
  2026: '国务院办公厅关于2026年部分节假日安排的通知',
};

/**
 * Days of a year that differ from plain Monday–Friday, read from chinese-days: holidays on weekdays and
 * adjusted working days (调休) on weekends. Only used for years verified against the State Council notice.
 */
export function scheduleOfYear(year: number): { date: string; kind: 'holiday' | 'adjusted_workday'; name: string }[] {
  const out: { date: string; kind: 'holiday' | 'adjusted_workday'; name: string }[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const weekend = dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
    const work = chineseDays.isWorkday(d);
    const detail = chineseDays.getDayDetail(d);
    const festival = String(detail.name ?? '').split(',')[1] ?? '';
    if (!weekend && !work) out.push({ date: d, kind: 'holiday', name: festival || '法定节假日' });
    if (weekend && work) out.push({ date: d, kind: 'adjusted_workday', name: `${festival || '节假日'}调休上班` });
  }
  return out;
}

export async function seedNationalCalendar(db: Executor, nowIso: string): Promise<void> {
  for (const year of VERIFIED_YEARS) {
    const rows = scheduleOfYear(year).map((d) => ({
      region_code: NATIONAL_REGION,
      ...d,
      source: 'chinese-days 1.5.7，已与国务院办公厅通知核对',
      updated_by: null,
      updated_at: nowIso,
    }));
    await db
      .insertInto('calendar_days')
      .values(rows)
      .onConflict((oc) => oc.columns(['region_code', 'date']).doNothing())
      .execute();
    await db
      .insertInto('calendar_years')
      .values({
        region_code: NATIONAL_REGION,
        year,
        published: 1,
        source_notice: NOTICES[year] ?? '国务院办公厅节假日安排通知',
        updated_by: null,
        updated_at: nowIso,
      })
      .onConflict((oc) => oc.columns(['region_code', 'year']).doNothing())
      .execute();
  }
  // A release that brings a newly verified year: processes already running read it within a second. (A
  // store older than migration 0040 has no counter yet, and no process caching by it.)
  await bumpReferenceVersion(db, 'calendar').catch(() => undefined);
  forgetVersions('calendar');
}
