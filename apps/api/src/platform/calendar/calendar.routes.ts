import { WorkingDaysAddResponse } from '@fep/contracts';
import { addWorkingDays, isCivilDate, isWorkingDay } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { mutate } from '../audit/mutate.ts';
import { recomputeOpenClocks } from '../clocks/clocks.service.ts';
import { AppError } from '../errors.ts';
import { invalidateCalendars, loadCalendar, NATIONAL_REGION } from './calendar.repository.ts';

const RegionCode = Type.String({ pattern: '^\\d{6}$', description: '6 位行政区划代码（GB/T 2260），000000 表示全国' });
const DayEntry = Type.Object({
  date: Type.String(),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('adjusted_workday')]),
  name: Type.String({ minLength: 1, maxLength: 40 }),
});

/** An administrator edits the calendar of the regions their agency covers; the national one needs a national administrator. */
function assertMayEditRegion(req: FastifyRequest, region: string): void {
  const u = req.auth!.user;
  if (u.national) return;
  const prefix = regionPrefix(u.regionCode ?? NATIONAL_REGION);
  if (region === NATIONAL_REGION || !prefix || !region.startsWith(prefix)) {
    throw new AppError('AUTH.FORBIDDEN', region === NATIONAL_REGION ? '全国节假日安排只能由国家级管理员维护' : '只能维护本辖区的工作日历', { region });
  }
}

/** The code prefix shared by a region and everything under it ('' for the whole country). */
function regionPrefix(region: string): string {
  if (region === NATIONAL_REGION) return '';
  return region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region;
}

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
    async (req) => {
      const year = (req.params as { year: number }).year;
      const b = req.body as {
        region: string;
        sourceNotice: string;
        published: boolean;
        days: { date: string; kind: 'holiday' | 'adjusted_workday'; name: string }[];
      };
      assertMayEditRegion(req, b.region);
      const bad = b.days.find((d) => !isCivilDate(d.date) || !d.date.startsWith(`${year}-`));
      if (bad) throw new AppError('CALENDAR.INVALID_DAY', `日期 ${bad.date} 不是 ${year} 年的有效日期`, { date: bad.date });
      if (new Set(b.days.map((d) => d.date)).size !== b.days.length) throw new AppError('CALENDAR.INVALID_DAY', '同一日期出现了多次');
      const now = app.ctx.now();
      const nowIso = now.toISOString();
      const userId = req.auth!.user.id;
      const result = await mutate(req, async (trx, audit) => {
        const before = await trx.selectFrom('calendar_days').selectAll().where('region_code', '=', b.region).where('date', 'like', `${year}-%`).execute();
        await trx.deleteFrom('calendar_days').where('region_code', '=', b.region).where('date', 'like', `${year}-%`).execute();
        if (b.days.length) {
          await trx
            .insertInto('calendar_days')
            .values(
              b.days.map((d) => ({
                region_code: b.region,
                date: d.date,
                kind: d.kind,
                name: d.name,
                source: b.sourceNotice,
                updated_by: userId,
                updated_at: nowIso,
              })),
            )
            .execute();
        }
        await trx
          .insertInto('calendar_years')
          .values({ region_code: b.region, year, published: b.published ? 1 : 0, source_notice: b.sourceNotice, updated_by: userId, updated_at: nowIso })
          .onConflict((oc) =>
            oc
              .columns(['region_code', 'year'])
              .doUpdateSet({ published: b.published ? 1 : 0, source_notice: b.sourceNotice, updated_by: userId, updated_at: nowIso }),
          )
          .execute();
        invalidateCalendars();
        const recomputed = await recomputeOpenClocks(trx, regionPrefix(b.region), now);
        await audit({
          action: 'calendar.year.set',
          targetType: 'calendar',
          targetId: `${b.region}/${year}`,
          before: before.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
          after: b.days,
          details: { published: b.published, sourceNotice: b.sourceNotice, recomputedClocks: recomputed },
        });
        return { recomputed };
      });
      invalidateCalendars();
      return { region: b.region, year, published: b.published, days: b.days.length, recomputedClocks: result.recomputed };
    },
  );
}
