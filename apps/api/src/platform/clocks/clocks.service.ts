import { type ClockEvent, type ClockSpec, type ClockState, ClockTransitionError, canApply, clockAlert, computeClock } from '@fep/domain';
import { insertRows } from '../../db/compiled.ts';
import type { Executor } from '../../db/database.ts';
import type { ClockEventTable, ClockTable } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.repository.ts';
import { AppError } from '../errors.ts';
import { uuidv7 } from '../ids.ts';

export interface NewClock {
  targetType: string;
  targetId: string;
  title: string;
  agency: { id: string; path: string; regionCode: string };
  assigneeUserId?: string | null;
  unit: ClockSpec['unit'];
  amount: number;
  warnBefore?: number;
  legalBasis: { document: string; clause?: string | null };
  startedAt: string;
  policyVersion?: string | null;
}

export function specOf(c: ClockTable): ClockSpec {
  return { unit: c.unit, amount: c.amount, startedAt: c.started_at, warnBefore: c.warn_before };
}

export function eventsOf(rows: readonly ClockEventTable[]): ClockEvent[] {
  return rows.map((e) => {
    switch (e.type) {
      case 'pause':
        return { type: 'pause', at: e.at, ...(e.reason ? { reason: e.reason } : {}) };
      case 'resume':
        return { type: 'resume', at: e.at };
      case 'extend':
        return { type: 'extend', at: e.at, amount: e.amount ?? 0, ...(e.reason ? { reason: e.reason } : {}) };
      default:
        return { type: 'stop', at: e.at, ...(e.reason ? { reason: e.reason } : {}) };
    }
  });
}

function stateColumns(state: ClockState, nowIso: string) {
  return {
    status: state.status,
    due_date: state.dueDate,
    due_at: state.dueAt,
    due_soon_at: state.dueSoonAt,
    provisional: state.provisional ? 1 : 0,
    alert_state: state.status === 'running' ? clockAlert(state, nowIso) : ('ok' as const),
    updated_at: nowIso,
  };
}

/** Starts a statutory clock (counting begins the day after `startedAt` for day clocks). */
export async function startClock(db: Executor, c: NewClock, now: Date): Promise<ClockTable> {
  const cal = await loadCalendar(db, c.agency.regionCode);
  const spec: ClockSpec = { unit: c.unit, amount: c.amount, startedAt: c.startedAt, warnBefore: c.warnBefore ?? defaultWarn(c.unit, c.amount) };
  const state = computeClock(spec, [], cal);
  const nowIso = now.toISOString();
  const row: Omit<ClockTable, 'event_seq'> = {
    id: uuidv7(now.getTime()),
    target_type: c.targetType,
    target_id: c.targetId,
    title: c.title,
    agency_id: c.agency.id,
    agency_path: c.agency.path,
    region_code: c.agency.regionCode,
    assignee_user_id: c.assigneeUserId ?? null,
    unit: c.unit,
    amount: c.amount,
    warn_before: spec.warnBefore,
    legal_document: c.legalBasis.document,
    legal_clause: c.legalBasis.clause ?? null,
    started_at: c.startedAt,
    policy_version: c.policyVersion ?? null,
    created_at: nowIso,
    ...stateColumns(state, nowIso),
  };
  // event_seq starts at its default, 0 (the column a store gains with migration 0040).
  await insertRows(db, 'clocks', [row]);
  return { ...row, event_seq: 0 };
}

/** A due-soon warning of about a fifth of the time limit, at least one unit. */
function defaultWarn(unit: ClockSpec['unit'], amount: number): number {
  if (unit === 'hours') return Math.max(1, Math.round(amount / 6));
  return Math.max(1, Math.floor(amount / 5));
}

export async function clockEvents(db: Executor, clockId: string): Promise<ClockEventTable[]> {
  return db.selectFrom('clock_events').selectAll().where('clock_id', '=', clockId).orderBy('seq').execute();
}

/**
 * Applies pause / resume / extend / stop as a compare-and-set inside the caller's transaction: the clock
 * row is updated only where its status and version (`event_seq`) are still those of `clock`, and the
 * event is written only after that, under the row's lock. Of concurrent changes to one clock exactly one
 * applies; the others get a 409 — `CLOCK.ILLEGAL_TRANSITION` when the change that won makes theirs
 * illegal (a second pause), `CLOCK.CONFLICT` otherwise (two extensions read from the same state) —
 * never a violated unique index. An illegal transition is a 409 with a stable code.
 */
export async function applyClockEvent(
  db: Executor,
  clock: ClockTable,
  event: { type: ClockEvent['type']; amount?: number; reason?: string | null },
  actorUserId: string | null,
  now: Date,
): Promise<{ before: ClockTable; after: ClockTable; state: ClockState }> {
  assertTransition(clock, event.type);
  const existing = await clockEvents(db, clock.id);
  // The clock row and its events are two reads: on PostgreSQL another change may commit between them. The
  // state is computed from the events, so they must be the ones the row's version counts — else this read
  // is stale and the change is refused (otherwise a second writer would compare against the first's result).
  if (typeof clock.event_seq === 'number' && clock.event_seq !== existing.length)
    throw new AppError('CLOCK.CONFLICT', '该时限刚被他人修改，请刷新后重试', { event: event.type });
  const seq = existing.length + 1;
  const nowIso = now.toISOString();
  const row: ClockEventTable = {
    id: uuidv7(now.getTime()),
    clock_id: clock.id,
    seq,
    type: event.type,
    at: nowIso,
    amount: event.type === 'extend' ? (event.amount ?? null) : null,
    reason: event.reason ?? null,
    actor_user_id: actorUserId,
  };
  const cal = await loadCalendar(db, clock.region_code);
  let state: ClockState;
  try {
    state = computeClock(specOf(clock), eventsOf([...existing, row]), cal);
  } catch (e) {
    if (e instanceof ClockTransitionError) throw new AppError('CLOCK.ILLEGAL_TRANSITION', `不能${EVENT_LABEL[e.event]}`, { status: e.from, event: e.event });
    throw e;
  }
  const cols = { ...stateColumns(state, nowIso), event_seq: seq };
  // The version read is the number of events the state was computed from (a row read before migration
  // 0040 filled the column still compares by status and the events it saw).
  const updated = await db
    .updateTable('clocks')
    .set(cols)
    .where('id', '=', clock.id)
    .where('status', '=', clock.status)
    .where('event_seq', '=', existing.length)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    const current = await db.selectFrom('clocks').selectAll().where('id', '=', clock.id).executeTakeFirst();
    if (current) assertTransition(current, event.type);
    throw new AppError('CLOCK.CONFLICT', '该时限刚被他人修改，请刷新后重试', { event: event.type });
  }
  await insertRows(db, 'clock_events', [row]);
  return { before: clock, after: { ...clock, ...cols }, state };
}

/**
 * Hands a clock to another agency (a report transferred to the agency responsible for the place, CMP-03):
 * the limit keeps counting from its start — a transfer never buys time — but it is now the receiving
 * agency's to meet, so it leaves the first agency's lists and its named assignee (a person of the first
 * agency) is cleared. The due date is recomputed on the receiving region's working calendar, which may
 * differ (a province's adjusted working days). A compare-and-set on the clock's version: of concurrent
 * changes exactly one applies, the others get `CLOCK.CONFLICT`.
 */
export async function reassignClock(db: Executor, clock: ClockTable, to: { id: string; path: string; regionCode: string }, now: Date): Promise<ClockTable> {
  if (clock.status === 'stopped') return clock;
  const existing = await clockEvents(db, clock.id);
  if (typeof clock.event_seq === 'number' && clock.event_seq !== existing.length)
    throw new AppError('CLOCK.CONFLICT', '该时限刚被他人修改，请刷新后重试', { event: 'reassign' });
  const cal = await loadCalendar(db, to.regionCode);
  const state = computeClock(specOf(clock), eventsOf(existing), cal);
  const cols = {
    ...stateColumns(state, now.toISOString()),
    agency_id: to.id,
    agency_path: to.path,
    region_code: to.regionCode,
    assignee_user_id: null,
  };
  const updated = await db
    .updateTable('clocks')
    .set(cols)
    .where('id', '=', clock.id)
    .where('status', '=', clock.status)
    .where('event_seq', '=', existing.length)
    .where('agency_id', '=', clock.agency_id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('CLOCK.CONFLICT', '该时限刚被他人修改，请刷新后重试', { event: 'reassign' });
  return { ...clock, ...cols };
}

function assertTransition(clock: Pick<ClockTable, 'status'>, type: ClockEvent['type']): void {
  if (!canApply(clock.status, type)) {
    throw new AppError('CLOCK.ILLEGAL_TRANSITION', `时限当前状态为“${STATUS_LABEL[clock.status]}”，不能${EVENT_LABEL[type]}`, {
      status: clock.status,
      event: type,
    });
  }
}

/** Recomputes open clocks of regions whose calendar changed (e.g. next year's schedule entered). */
export async function recomputeOpenClocks(db: Executor, regionPrefix: string, now: Date): Promise<number> {
  let q = db.selectFrom('clocks').selectAll().where('status', '!=', 'stopped');
  if (regionPrefix) q = q.where('region_code', 'like', `${regionPrefix}%`);
  const clocks = await q.execute();
  let changed = 0;
  for (const c of clocks) {
    const cal = await loadCalendar(db, c.region_code);
    const state = computeClock(specOf(c), eventsOf(await clockEvents(db, c.id)), cal);
    const cols = stateColumns(state, now.toISOString());
    if (cols.due_at !== c.due_at || cols.provisional !== c.provisional || cols.due_date !== c.due_date) {
      await db.updateTable('clocks').set(cols).where('id', '=', c.id).execute();
      changed++;
    }
  }
  return changed;
}

export const STATUS_LABEL = { running: '计时中', paused: '已暂停', stopped: '已结束' } as const;
export const EVENT_LABEL = { pause: '暂停', resume: '恢复', extend: '延长', stop: '结束' } as const;
