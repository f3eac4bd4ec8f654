import { clockAlert, computeClock } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ClockTable } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { clockEvents, eventsOf, STATUS_LABEL, specOf } from './clocks.service.ts';
import { daysLeftOf } from './due.ts';

/** The clock card shown beside a case (application, task, order): state on the calendar, alert, legal basis. */
export async function presentClock(db: Executor, c: ClockTable | undefined, nowIso: string, opts: { justStarted?: boolean } = {}) {
  if (!c) return null;
  // A clock started in this very request has no events yet: no need to read them.
  const events = opts.justStarted ? [] : await clockEvents(db, c.id);
  const state = computeClock(specOf(c), eventsOf(events), await loadCalendar(db, c.region_code));
  return {
    id: c.id,
    title: c.title,
    unit: c.unit,
    amount: state.totalAmount,
    remaining: state.remaining,
    status: state.status,
    statusLabel: STATUS_LABEL[state.status],
    startedAt: c.started_at,
    dueDate: state.dueDate,
    dueAt: state.dueAt,
    provisional: state.provisional,
    alert: state.status === 'running' ? clockAlert(state, nowIso) : 'ok',
    legalBasis: { document: c.legal_document, clause: c.legal_clause },
  };
}

/** A clock as the clocks API shows it; `version` is what a change may name to refuse a stale one. */
export async function presentClockView(db: Executor, c: ClockTable, nowIso: string) {
  const cal = await loadCalendar(db, c.region_code);
  const state = computeClock(specOf(c), eventsOf(await clockEvents(db, c.id)), cal);
  const alert = state.status === 'running' ? clockAlert(state, nowIso) : 'ok';
  return {
    id: c.id,
    targetType: c.target_type,
    targetId: c.target_id,
    title: c.title,
    agencyId: c.agency_id,
    assigneeUserId: c.assignee_user_id,
    unit: c.unit,
    amount: state.totalAmount,
    remaining: state.remaining,
    legalBasis: { document: c.legal_document, clause: c.legal_clause },
    startedAt: c.started_at,
    status: state.status,
    statusLabel: STATUS_LABEL[state.status],
    dueDate: state.dueDate,
    dueAt: state.dueAt,
    dueSoonAt: state.dueSoonAt,
    provisional: state.provisional,
    alert,
    workingDaysLeft: daysLeftOf({ ...c, status: state.status, due_date: state.dueDate, due_at: state.dueAt }, cal, new Date(nowIso)),
    policyVersion: c.policy_version,
    version: c.event_seq,
  };
}
