import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CalendarDaysQuery,
  CalendarYearEntryView,
  CalendarYearParams,
  CalendarYearRequest,
  CalendarYearSavedView,
  CalendarYearView,
  ErrorBody,
  IsWorkingDayQuery,
  IsWorkingDayView,
  WorkingDaysAddQuery,
  WorkingDaysAddResponse,
} from '@fep/contracts';
import { addWorkingDays, isCivilDate, isWorkingDay } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { loadCalendar, NATIONAL_REGION } from './calendar.repository.ts';
import { setCalendarYear } from './use-cases/set-calendar-year.ts';

const TAGS = ['工作日历'];
const ERRORS = { '4xx': ErrorBody };

export async function calendarRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  app.get(
    '/api/v1/calendar/working-days/add',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '从某日起算 N 个工作日后的日期（起算日不计入）',
        querystring: WorkingDaysAddQuery,
        response: { 200: WorkingDaysAddResponse, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      if (!isCivilDate(q.from)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${q.from}`, { field: 'from' });
      const region = q.region ?? NATIONAL_REGION;
      const r = addWorkingDays(await loadCalendar(db, region), q.from, q.days);
      return {
        date: r.date,
        provisional: r.provisional,
        from: q.from,
        days: q.days,
        region,
        ...(r.provisional ? { note: '所涉年度的节假日安排尚未公布，结果为暂定，公布后将重新计算' } : {}),
      };
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '某年的节假日与调休上班日',
        querystring: CalendarDaysQuery,
        response: { 200: CalendarYearView, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      const region = q.region ?? NATIONAL_REGION;
      const cal = await loadCalendar(db, region);
      const days = [...cal.days.values()].filter((d) => d.date.startsWith(`${q.year}-`)).sort((a, b) => a.date.localeCompare(b.date));
      return { year: q.year, region, published: cal.publishedYears.has(q.year), days };
    },
  );

  app.get(
    '/api/v1/calendar/years',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '已录入节假日安排的年度', response: { 200: Type.Array(CalendarYearEntryView), ...ERRORS } },
    },
    async () => {
      const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').orderBy('region_code').execute();
      return rows.map((r) => ({ region: r.region_code, year: r.year, published: r.published === 1, sourceNotice: r.source_notice, updatedAt: r.updated_at }));
    },
  );

  app.get(
    '/api/v1/calendar/is-working-day',
    {
      config: { permission: 'public' },
      schema: { tags: TAGS, summary: '某日是否为工作日', querystring: IsWorkingDayQuery, response: { 200: IsWorkingDayView, ...ERRORS } },
    },
    async (req) => {
      const q = req.query;
      if (!isCivilDate(q.date)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${q.date}`, { field: 'date' });
      const a = isWorkingDay(await loadCalendar(db, q.region ?? NATIONAL_REGION), q.date);
      return { date: q.date, working: a.working, provisional: a.provisional, name: a.day?.name ?? null };
    },
  );

  // Entering a year's schedule when the State Council publishes it (each winter), or a regional edit.
  app.put(
    '/api/v1/calendar/years/:year',
    {
      config: { permission: 'calendar:day:manage' },
      schema: {
        tags: TAGS,
        summary: '录入（或更正）某年度的节假日安排；所涉未结时限随之重算',
        params: CalendarYearParams,
        body: CalendarYearRequest,
        response: { 200: CalendarYearSavedView, ...ERRORS },
      },
    },
    async (req) => setCalendarYear(req.server.ctx, actorOf(req), { ...req.body, year: req.params.year }),
  );
}
