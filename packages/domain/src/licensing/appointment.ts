import { isWorkingDay, type WorkCalendar } from '../calendar.ts';
import { CHINA_OFFSET_MS } from '../dates.ts';

/**
 * LIC-11: inspections by appointment, also outside office hours (错时/预约). An appointment is off-hours
 * when it falls on a non-working day or outside the agency's office hours (default 08:30–17:30).
 */
export interface OfficeHours {
  start: string;
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '08:30', end: '17:30' };

export function isOffHours(
  instant: string,
  cal: WorkCalendar,
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
): { offHours: boolean; reason: string | null; provisional: boolean } {
  const local = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString();
  const date = local.slice(0, 10);
  const time = local.slice(11, 16);
  const day = isWorkingDay(cal, date);
  if (!day.working) return { offHours: true, reason: day.day ? `${day.day.name}（非工作日）` : '周末（非工作日）', provisional: day.provisional };
  if (time < hours.start || time >= hours.end) return { offHours: true, reason: `工作时间（${hours.start}–${hours.end}）以外`, provisional: day.provisional };
  return { offHours: false, reason: null, provisional: day.provisional };
}
