/**
 * Civil dates ('YYYY-MM-DD') and instants. All of China keeps UTC+08:00 with no daylight saving,
 * so a fixed offset gives the legal (Beijing-time) date of an instant.
 */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

function toUtcDate(date: string): Date {
  if (!isCivilDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

/**
 * Day steps are memoised: working-day arithmetic walks a calendar one day at a time, and building two
 * Date objects per step was the largest part of computing a clock. The maps are bounded and hold only
 * the answers of pure functions.
 */
const NEXT_DAY = new Map<string, string>();
const PREVIOUS_DAY = new Map<string, string>();
const WEEKDAY = new Map<string, number>();
const MEMO_LIMIT = 100_000;

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

export function addDays(date: string, days: number): string {
  const memo = days === 1 ? NEXT_DAY : days === -1 ? PREVIOUS_DAY : null;
  const hit = memo?.get(date);
  if (hit !== undefined) return hit;
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  const result = d.toISOString().slice(0, 10);
  return memo ? remember(memo, date, result) : result;
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(date: string): number {
  return WEEKDAY.get(date) ?? remember(WEEKDAY, date, toUtcDate(date).getUTCDay());
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The Beijing-time civil date of an instant. */
export function chinaDateOf(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Beijing time, for messages people read. */
export function chinaDateTimeOf(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant at which a civil date ends in Beijing time (start of the next day, +08:00). */
export function endOfChinaDay(date: string): string {
  return new Date(Date.parse(`${addDays(date, 1)}T00:00:00+08:00`)).toISOString();
}

export function startOfChinaDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}
