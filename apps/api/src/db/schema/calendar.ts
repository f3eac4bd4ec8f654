import type { Insertable, Selectable, Updateable } from 'kysely';

// The working-day calendar per region. Conventions: see ../schema.ts.

export interface CalendarDayTable {
  region_code: string;
  date: string;
  kind: 'holiday' | 'adjusted_workday';
  name: string;
  source: string;
  updated_by: string | null;
  updated_at: string;
}
export type CalendarDay = Selectable<CalendarDayTable>;
export type NewCalendarDay = Insertable<CalendarDayTable>;
export type CalendarDayUpdate = Updateable<CalendarDayTable>;

export interface CalendarYearTable {
  region_code: string;
  year: number;
  published: number;
  source_notice: string;
  updated_by: string | null;
  updated_at: string;
}
export type CalendarYear = Selectable<CalendarYearTable>;
export type NewCalendarYear = Insertable<CalendarYearTable>;
export type CalendarYearUpdate = Updateable<CalendarYearTable>;

export interface CalendarTables {
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
}
