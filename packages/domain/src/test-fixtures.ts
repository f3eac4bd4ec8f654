import { buildCalendar, type CalendarDay } from './calendar.ts';

/** The 2026 State Council schedule (国办发明电〔2025〕7号), as verified in shared/notes/dependencies.md. */
const HOLIDAYS_2026: Array<[string, string, string]> = [
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
];
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

export function calendar2026() {
  const days: CalendarDay[] = [];
  for (const [from, to, name] of HOLIDAYS_2026) {
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
      days.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name });
    }
  }
  for (const date of WORKDAYS_2026) days.push({ date, kind: 'adjusted_workday', name: '调休上班' });
  return buildCalendar(days, [2026]);
}
