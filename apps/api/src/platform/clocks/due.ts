import type { DueView } from '@fep/contracts';
import { chinaDateOf, dueLabel, type WorkCalendar, workingDaysLeft } from '@fep/domain';
import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ClockTable } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';

/** The clock columns a due date needs (a list joins them onto its rows). */
export type DueColumns = Pick<ClockTable, 'id' | 'region_code' | 'status' | 'due_date' | 'due_at' | 'due_soon_at' | 'provisional'>;

/**
 * 剩余工作日 of a running clock on its region's calendar, from today (Beijing) to its due date; hour clocks
 * count to the date of their due instant. Null when the clock is paused or stopped (nothing is counting).
 */
export function daysLeftOf(c: DueColumns, cal: WorkCalendar, now: Date): number | null {
  if (c.status !== 'running') return null;
  const due = c.due_date ?? (c.due_at ? chinaDateOf(c.due_at) : null);
  return due ? workingDaysLeft(cal, chinaDateOf(now), due).days : null;
}

/** The due-date view of each clock (by id), one calendar per region (calendars are cached by version). */
export async function dueViews(db: Executor, clocks: readonly DueColumns[], now: Date): Promise<Map<string, DueView>> {
  const calendars = new Map<string, WorkCalendar>();
  const out = new Map<string, DueView>();
  const nowIso = now.toISOString();
  for (const c of clocks) {
    let cal = calendars.get(c.region_code);
    if (!cal) {
      cal = await loadCalendar(db, c.region_code);
      calendars.set(c.region_code, cal);
    }
    const days = daysLeftOf(c, cal, now);
    const alert = c.status !== 'running' || !c.due_at ? 'ok' : c.due_at < nowIso ? 'overdue' : c.due_soon_at && c.due_soon_at <= nowIso ? 'due_soon' : 'ok';
    out.set(c.id, {
      clockId: c.id,
      dueDate: c.due_date ?? (c.due_at ? chinaDateOf(c.due_at) : null),
      dueAt: c.due_at,
      status: c.status,
      workingDaysLeft: days,
      alert,
      provisional: c.provisional === 1,
      label: dueLabel({ status: c.status, days }),
    });
  }
  return out;
}

/** The clock columns a list selects when it left-joins `clocks` on its rows' clock_id (aliased c_…). */
export const DUE_SELECT = [
  'clocks.id as c_id',
  'clocks.region_code as c_region',
  'clocks.status as c_status',
  'clocks.due_date as c_due_date',
  'clocks.due_at as c_due_at',
  'clocks.due_soon_at as c_due_soon_at',
  'clocks.provisional as c_provisional',
] as const;

export interface JoinedDue {
  c_id: string | null;
  c_region: string | null;
  c_status: DueColumns['status'] | null;
  c_due_date: string | null;
  c_due_at: string | null;
  c_due_soon_at: string | null;
  c_provisional: number | null;
}

/** The due views of rows that carry the joined clock columns, by clock id. */
export function dueViewsOfJoined(db: Executor, rows: readonly JoinedDue[], now: Date): Promise<Map<string, DueView>> {
  const clocks = rows
    .filter((r) => r.c_id)
    .map((r) => ({
      id: r.c_id!,
      region_code: r.c_region!,
      status: r.c_status!,
      due_date: r.c_due_date,
      due_at: r.c_due_at,
      due_soon_at: r.c_due_soon_at,
      provisional: r.c_provisional ?? 0,
    }));
  return dueViews(db, clocks, now);
}

/** The WHERE of a list's due filter on its joined clock: past due, or inside the warning window. */
export function dueFilter(due: 'overdue' | 'due_soon', nowIso: string) {
  return due === 'overdue'
    ? sql<SqlBool>`clocks.status = 'running' and clocks.due_at < ${nowIso}`
    : sql<SqlBool>`clocks.status = 'running' and clocks.due_at >= ${nowIso} and clocks.due_soon_at <= ${nowIso}`;
}

/** ORDER BY the joined clock's due instant; matters without a running clock sort after every due date. */
export const DUE_ORDER = sql`coalesce(clocks.due_at, '9999-12-31')`;
