/** Responses and requests of the working calendar (apps/api/src/platform/calendar/calendar.routes.ts). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const DayKind = Type.Union([Type.Literal('holiday'), Type.Literal('adjusted_workday')]);
/** 6-digit administrative division code (GB/T 2260); 000000 is the national calendar. */
const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '6 位行政区划代码（GB/T 2260），000000 表示全国' });

/** A holiday or an adjusted working day (packages/domain calendar.ts `CalendarDay`). */
export const CalendarDayView = Type.Object({ date: Type.String(), kind: DayKind, name: Type.String() });
export type CalendarDayView = Static<typeof CalendarDayView>;

/** GET /api/v1/calendar/days?year=&region=. */
export const CalendarDaysQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), region: Type.Optional(RegionCode) });
export type CalendarDaysQuery = Static<typeof CalendarDaysQuery>;
/** GET /api/v1/calendar/days?year=&region=: the year's days and whether the State Council schedule is entered. */
export const CalendarYearView = Type.Object({ year: Type.Integer(), region: Type.String(), published: Type.Boolean(), days: Type.Array(CalendarDayView) });
export type CalendarYearView = Static<typeof CalendarYearView>;

/** GET /api/v1/calendar/years: one year whose schedule is entered for a region. */
export const CalendarYearEntryView = Type.Object({
  region: Type.String(),
  year: Type.Integer(),
  published: Type.Boolean(),
  sourceNotice: Type.String(),
  updatedAt: Type.String(),
});
export type CalendarYearEntryView = Static<typeof CalendarYearEntryView>;

/** GET /api/v1/calendar/working-days/add: the date N working days after `from` (`from` not counted). */
export const WorkingDaysAddQuery = Type.Object({
  from: Type.String(),
  days: Type.Integer({ minimum: -3650, maximum: 3650 }),
  region: Type.Optional(RegionCode),
});
export type WorkingDaysAddQuery = Static<typeof WorkingDaysAddQuery>;
export const WorkingDaysAddResponse = Type.Object({
  date: Type.String(),
  provisional: Type.Boolean(),
  from: Type.String(),
  days: Type.Integer(),
  region: Type.String(),
  note: Type.Optional(Type.String()),
});
export type WorkingDaysAddResponse = Static<typeof WorkingDaysAddResponse>;

/** GET /api/v1/calendar/is-working-day. */
export const IsWorkingDayQuery = Type.Object({ date: Type.String(), region: Type.Optional(RegionCode) });
export type IsWorkingDayQuery = Static<typeof IsWorkingDayQuery>;
/** Whether the date is a working day; `name` is the holiday's or adjusted day's name, if any. */
export const IsWorkingDayView = Type.Object({ date: Type.String(), working: Type.Boolean(), provisional: Type.Boolean(), name: Nullable(Type.String()) });
export type IsWorkingDayView = Static<typeof IsWorkingDayView>;

/** PUT /api/v1/calendar/years/:year. */
export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export type CalendarYearParams = Static<typeof CalendarYearParams>;
/** PUT /api/v1/calendar/years/:year: the year's schedule for a region. */
export const CalendarYearRequest = Type.Object({
  region: RegionCode,
  sourceNotice: Type.String({ minLength: 4, maxLength: 300 }),
  published: Type.Boolean(),
  days: Type.Array(Type.Object({ date: Type.String(), kind: DayKind, name: Type.String({ minLength: 1, maxLength: 40 }) }), { maxItems: 120 }),
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
