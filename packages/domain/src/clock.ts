import { addWorkingDays, type WorkCalendar, workingDaysBetween } from './calendar.ts';
import { addDays, chinaDateOf, endOfChinaDay, startOfChinaDay } from './dates.ts';

/**
 * Statutory clocks: every time-limited duty (check within 5 working days, verify a complaint within
 * 24 hours, rectify by a date). A clock is derived from its specification and its events, so that a
 * change of the calendar (a newly published year) can recompute every open clock.
 *
 * Rules (see docs/decisions.md, "Clock semantics"):
 * - Day clocks start counting the day after the triggering act (行政许可法 art. 82 / 民法典 art. 201:
 *   the first day is not counted) and end at the end of the due date, Beijing time.
 * - Hour clocks (e.g. 24 h complaint verification) run from the triggering instant.
 * - A pause (补正, waiting for the applicant; 行政许可法 art. 45) stops the clock; the day of the pause is
 *   counted as used, counting resumes the day after the resumption.
 * - An extension adds time and needs an approver (行政许可法 art. 42).
 */
export type ClockUnit = 'working_days' | 'calendar_days' | 'hours';

export interface ClockSpec {
  unit: ClockUnit;
  amount: number;
  /** The instant of the triggering act. */
  startedAt: string;
  /** Raise a due-soon alert this many units before the due time (0 = no due-soon alert). */
  warnBefore: number;
}

export type ClockEvent =
  | { type: 'pause'; at: string; reason?: string }
  | { type: 'resume'; at: string }
  | { type: 'extend'; at: string; amount: number; approvedBy?: string; reason?: string }
  | { type: 'stop'; at: string; reason?: string };

export type ClockStatus = 'running' | 'paused' | 'stopped';
export type ClockAlert = 'ok' | 'due_soon' | 'overdue';

export interface ClockState {
  status: ClockStatus;
  /** Units still available when the clock last stopped running (paused or stopped); running clocks: from the anchor. */
  remaining: number;
  totalAmount: number;
  /** Due date (civil, Beijing) for day clocks; null for hour clocks and for paused/stopped clocks. */
  dueDate: string | null;
  /** Instant after which the clock is overdue; null while paused or stopped. */
  dueAt: string | null;
  /** Instant from which the clock is due soon; null when no warning applies. */
  dueSoonAt: string | null;
  /** True when any day used in the computation lies in a year without a published schedule. */
  provisional: boolean;
  /** Instant the clock stopped, if it did. */
  stoppedAt: string | null;
  pausedSince: string | null;
}

export class ClockTransitionError extends Error {
  constructor(
    readonly from: ClockStatus,
    readonly event: ClockEvent['type'],
  ) {
    super(`clock cannot ${event} while ${from}`);
  }
}

const ALLOWED: Record<ClockStatus, ReadonlyArray<ClockEvent['type']>> = {
  running: ['pause', 'extend', 'stop'],
  paused: ['resume', 'extend', 'stop'],
  stopped: [],
};

export function canApply(status: ClockStatus, event: ClockEvent['type']): boolean {
  return ALLOWED[status].includes(event);
}

const HOUR = 3600_000;

export function computeClock(spec: ClockSpec, events: readonly ClockEvent[], cal: WorkCalendar): ClockState {
  if (!(spec.amount > 0)) throw new RangeError('clock amount must be positive');
  let status: ClockStatus = 'running';
  let remaining = spec.amount;
  let total = spec.amount;
  let anchor = spec.startedAt;
  let provisional = false;
  let pausedSince: string | null = null;
  let stoppedAt: string | null = null;

  const used = (fromInstant: string, toInstant: string): number => {
    if (spec.unit === 'hours') return (Date.parse(toInstant) - Date.parse(fromInstant)) / HOUR;
    const from = chinaDateOf(fromInstant);
    const to = chinaDateOf(toInstant);
    if (spec.unit === 'calendar_days') return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / (24 * HOUR)));
    const r = workingDaysBetween(cal, from, to);
    if (r.provisional) provisional = true;
    return r.days;
  };

  for (const e of events) {
    if (!canApply(status, e.type)) throw new ClockTransitionError(status, e.type);
    switch (e.type) {
      case 'pause':
        remaining -= used(anchor, e.at);
        status = 'paused';
        pausedSince = e.at;
        break;
      case 'resume':
        anchor = e.at;
        status = 'running';
        pausedSince = null;
        break;
      case 'extend':
        if (!(e.amount > 0)) throw new RangeError('extension must be positive');
        remaining += e.amount;
        total += e.amount;
        break;
      case 'stop':
        if (status === 'running') remaining -= used(anchor, e.at);
        status = 'stopped';
        stoppedAt = e.at;
        break;
    }
  }

  if (status !== 'running') {
    return { status, remaining, totalAmount: total, dueDate: null, dueAt: null, dueSoonAt: null, provisional, stoppedAt, pausedSince };
  }

  if (spec.unit === 'hours') {
    const due = Date.parse(anchor) + remaining * HOUR;
    const soon = spec.warnBefore > 0 ? new Date(due - spec.warnBefore * HOUR).toISOString() : null;
    return {
      status,
      remaining,
      totalAmount: total,
      dueDate: null,
      dueAt: new Date(due).toISOString(),
      dueSoonAt: soon,
      provisional,
      stoppedAt,
      pausedSince,
    };
  }

  const anchorDate = chinaDateOf(anchor);
  let dueDate: string;
  if (spec.unit === 'calendar_days') {
    dueDate = addDays(anchorDate, Math.max(0, Math.ceil(remaining)));
  } else {
    const r = addWorkingDays(cal, anchorDate, Math.max(0, Math.ceil(remaining)));
    if (r.provisional) provisional = true;
    dueDate = r.date;
  }
  let dueSoonAt: string | null = null;
  if (spec.warnBefore > 0) {
    // Due soon from the start of the day that lies `warnBefore` units before the due date.
    let soonDate: string;
    if (spec.unit === 'calendar_days') soonDate = addDays(dueDate, -spec.warnBefore);
    else {
      const r = addWorkingDays(cal, dueDate, -spec.warnBefore);
      if (r.provisional) provisional = true;
      soonDate = r.date;
    }
    dueSoonAt = startOfChinaDay(soonDate < anchorDate ? anchorDate : soonDate);
  }
  return { status, remaining, totalAmount: total, dueDate, dueAt: endOfChinaDay(dueDate), dueSoonAt, provisional, stoppedAt, pausedSince };
}

/** Which alert a clock warrants at `now`. Paused and stopped clocks never alert. */
export function clockAlert(state: ClockState, now: string): ClockAlert {
  if (state.status !== 'running' || !state.dueAt) return 'ok';
  if (now >= state.dueAt) return 'overdue';
  if (state.dueSoonAt && now >= state.dueSoonAt) return 'due_soon';
  return 'ok';
}
