/**
 * The working calendar as month grids (工作日历): each month's weeks Monday to Sunday, every day marked as
 * a working day, a weekend, a holiday (休) or an adjusted working day (班), by the domain's own rule
 * (isWorkingDay over the year's recorded days), so the grid shows what the deadlines count.
 */
import { buildCalendar, type CalendarDay, isWorkingDay } from '@fep/domain';

export interface GridDay {
  date: string;
  day: number;
  working: boolean;
  /** A recorded day of the schedule (holiday or adjusted working day) and its name. */
  kind?: CalendarDay['kind'];
  name?: string;
}

export interface MonthGrid {
  month: number;
  /** Weeks of seven cells, Monday first; null outside the month. */
  weeks: (GridDay | null)[][];
  workingDays: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function monthGrids(year: number, days: readonly CalendarDay[]): MonthGrid[] {
  const cal = buildCalendar(days, [year]);
  const grids: MonthGrid[] = [];
  for (let month = 1; month <= 12; month++) {
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    // Monday = 0 … Sunday = 6.
    const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const cells: (GridDay | null)[] = Array.from({ length: lead }, () => null);
    let workingDays = 0;
    for (let d = 1; d <= length; d++) {
      const date = `${year}-${pad(month)}-${pad(d)}`;
      const a = isWorkingDay(cal, date);
      if (a.working) workingDays++;
      cells.push({ date, day: d, working: a.working, ...(a.day ? { kind: a.day.kind, name: a.day.name } : {}) });
    }
    while (cells.length % 7) cells.push(null);
    const weeks: (GridDay | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    grids.push({ month, weeks, workingDays });
  }
  return grids;
}
