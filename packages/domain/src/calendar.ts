import { addDays, dayOfWeek, yearOf } from './dates.ts';

/**
 * Working-day arithmetic over the State Council holiday schedule (国务院办公厅 annual notice).
 * A day is a working day when it is Monday–Friday and not a holiday, or when it is an adjusted
 * working day (调休上班). Years with no published schedule are never silently treated as plain
 * Monday–Friday: every result that depends on such a year is marked provisional.
 */
export type CalendarDayKind = 'holiday' | 'adjusted_workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface WorkCalendar {
  /** Explicit days by date; region rows have already been laid over national ones. */
  days: ReadonlyMap<string, CalendarDay>;
  /** Years whose schedule has been published and entered for this region. */
  publishedYears: ReadonlySet<number>;
}

export interface DayAnswer {
  working: boolean;
  provisional: boolean;
  day?: CalendarDay;
}

export function buildCalendar(days: Iterable<CalendarDay>, publishedYears: Iterable<number>): WorkCalendar {
  const map = new Map<string, CalendarDay>();
  for (const d of days) map.set(d.date, d);
  return { days: map, publishedYears: new Set(publishedYears) };
}

export function isWorkingDay(cal: WorkCalendar, date: string): DayAnswer {
  const provisional = !cal.publishedYears.has(yearOf(date));
  const day = cal.days.get(date);
  if (day) return { working: day.kind === 'adjusted_workday', provisional, day };
  const dow = dayOfWeek(date);
  return { working: dow !== 0 && dow !== 6, provisional };
}

/**
 * The date N working days after `from`. Counting starts the day after `from` (the first day is not
 * counted in Chinese administrative time limits). N = 0 returns `from` itself; negative N counts back.
 */
export function addWorkingDays(cal: WorkCalendar, from: string, n: number): { date: string; provisional: boolean } {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  let provisional = false;
  let date = from;
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    date = addDays(date, step);
    const a = isWorkingDay(cal, date);
    if (a.provisional) provisional = true;
    if (a.working) left--;
  }
  return { date, provisional };
}

/** Working days in the half-open interval (from, to]: how many have been used up by `to`. */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): { days: number; provisional: boolean } {
  let days = 0;
  let provisional = false;
  if (to <= from) return { days: 0, provisional };
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const a = isWorkingDay(cal, d);
    if (a.provisional) provisional = true;
    if (a.working) days++;
  }
  return { days, provisional };
}

/**
 * Working days left until a due date, seen on `today` (both civil dates, Beijing): positive = that many
 * working days remain after today (the due date itself counts, as the deadline ends at the end of it);
 * 0 = due today; negative = overdue by that many working days (the days after the due date up to today).
 * 剩余工作日 on the back office's queues and the home page's clocks.
 */
export function workingDaysLeft(cal: WorkCalendar, today: string, dueDate: string): { days: number; provisional: boolean } {
  if (dueDate >= today) return workingDaysBetween(cal, today, dueDate);
  const late = workingDaysBetween(cal, dueDate, today);
  // Overdue since the day after the due date: at least one day late even across a weekend.
  return { days: -Math.max(1, late.days), provisional: late.provisional };
}
