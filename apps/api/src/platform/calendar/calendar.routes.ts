import { WorkingDaysAddResponse } from '@fep/contracts';
import { addWorkingDays, isCivilDate, isWorkingDay } from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/actor.ts';
import { loadCalendar, NATIONAL_REGION } from './calendar.repository.ts';
import { type SetCalendarYearInput, setCalendarYear } from './use-cases/set-calendar-year.ts';

const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '6 位行政区划代码（GB/T 2260），000000 表示全国' });
const DayEntry = Type.Object({
  date: Type.String(),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('adjusted_workday')]),
  name: Type.String({ minLength: 1, maxLength: 40 }),
});

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;

  app.get(
    '/api/v1/calendar/working-days/add',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['工作日历'],
        summary: '从某日起算 N 个工作日后的日期（起算日不计入）',
        querystring: Type.Object({ from: Type.String(), days: Type.Integer({ minimum: -3650, maximum: 3650 }), region: Type.Optional(RegionCode) }),
        response: { 200: WorkingDaysAddResponse },
      },
    },
    async (req) => {
      const q = req.query as { from: string; days: number; region?: string };
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
        tags: ['工作日历'],
        summary: '某年的节假日与调休上班日',
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), region: Type.Optional(RegionCode) }),
      },
    },
    async (req) => {
      const q = req.query as { year: number; region?: string };
      const region = q.region ?? NATIONAL_REGION;
      const cal = await loadCalendar(db, region);
      const days = [...cal.days.values()].filter((d) => d.date.startsWith(`${q.year}-`)).sort((a, b) => a.date.localeCompare(b.date));
      return { year: q.year, region, published: cal.publishedYears.has(q.year), days };
    },
  );

  app.get('/api/v1/calendar/years', { config: { permission: 'public' }, schema: { tags: ['工作日历'], summary: '已录入节假日安排的年度' } }, async () => {
    const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').orderBy('region_code').execute();
    return rows.map((r) => ({ region: r.region_code, year: r.year, published: r.published === 1, sourceNotice: r.source_notice, updatedAt: r.updated_at }));
  });

  app.get(
    '/api/v1/calendar/is-working-day',
    {
      config: { permission: 'public' },
      schema: { tags: ['工作日历'], summary: '某日是否为工作日', querystring: Type.Object({ date: Type.String(), region: Type.Optional(RegionCode) }) },
    },
    async (req) => {
      const q = req.query as { date: string; region?: string };
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
        tags: ['工作日历'],
        summary: '录入（或更正）某年度的节假日安排；所涉未结时限随之重算',
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: Type.Object({
          region: RegionCode,
          sourceNotice: Type.String({ minLength: 4, maxLength: 300 }),
          published: Type.Boolean(),
          days: Type.Array(DayEntry, { maxItems: 120 }),
        }),
      },
    },
    async (req) =>
      setCalendarYear(req.server.ctx, actorOf(req), { ...(req.body as Omit<SetCalendarYearInput, 'year'>), year: (req.params as { year: number }).year }),
  );
}
