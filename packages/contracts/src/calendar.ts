/** Responses and requests of the working calendar (apps/api/src/platform/calendar/calendar.routes.ts). */
import { type Static, Type } from 'typebox';

const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('adjusted_workday')]);
/** A holiday or an adjusted working day (packages/domain calendar.ts `CalendarDay`). */
export const CalendarDayView = Type.Object({ date: Type.String(), kind: DayKind, name: Type.String() });
export type CalendarDayView = Static<typeof CalendarDayView>;

/** GET /api/v1/calendar/days?year=&region=: the year's days and whether the State Council schedule is entered. */
export const CalendarYearView = Type.Object({ year: Type.Integer(), region: Type.String(), published: Type.Boolean(), days: Type.Array(CalendarDayView) });
export type CalendarYearView = Static<typeof CalendarYearView>;

/** PUT /api/v1/calendar/years/:year: the year's schedule for a region. */
export const CalendarYearRequest = Type.Object({
  region: Type.String({ pattern: '^\\d{6}$' }),
  sourceNotice: Type.String({ minLength: 4, maxLength: 300 }),
  published: Type.Boolean(),
  days: Type.Array(CalendarDayView, { maxItems: 120 }),
});
export type CalendarYearRequest = Static<typeof CalendarYearRequest>;
/** The answer of the PUT: how many open clocks were recomputed. */
export const CalendarYearSavedView = Type.Object({
  region: Type.String(),
  year: Type.Integer(),
  published: Type.Boolean(),
  days: Type.Integer(),
  recomputedClocks: Type.Integer(),
});
export type CalendarYearSavedView = Static<typeof CalendarYearSavedView>;
