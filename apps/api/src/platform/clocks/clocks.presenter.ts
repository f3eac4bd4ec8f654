import { clockAlert, computeClock } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { ClockTable } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { clockEvents, eventsOf, STATUS_LABEL, specOf } from './clocks.service.ts';

/** The clock card shown beside a case (application, task, order): state on the calendar, alert, legal basis. */
export async function presentClock(db: Executor, c: ClockTable | undefined, nowIso: string) {
  if (!c) return null;
  const state = computeClock(specOf(c), eventsOf(await clockEvents(db, c.id)), await loadCalendar(db, c.region_code));
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
