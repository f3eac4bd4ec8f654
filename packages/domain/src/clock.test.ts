import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ClockEvent, ClockTransitionError, clockAlert, computeClock } from './clock.ts';
import { calendar2026 } from './test-fixtures.ts';

const cal = calendar2026();
// 2026-09-30 10:00 Beijing time
const START = '2026-09-30T02:00:00.000Z';

describe('statutory clocks', () => {
  it('LIC-04 5 working days from 2026-09-30 fall due at the end of 2026-10-13 (Beijing)', () => {
    const s = computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, [], cal);
    assert.equal(s.dueDate, '2026-10-13');
    assert.equal(s.dueAt, '2026-10-13T16:00:00.000Z');
    assert.equal(s.dueSoonAt, '2026-10-11T16:00:00.000Z', 'due soon from the start of 10-12, one working day before');
    assert.equal(s.provisional, false);
  });

  it('a pause (补正) stops the clock; counting resumes the day after resumption', () => {
    const events: ClockEvent[] = [
      { type: 'pause', at: '2026-10-09T02:00:00.000Z' }, // used 10-08, 10-09 = 2 days
      { type: 'resume', at: '2026-10-19T02:00:00.000Z' },
    ];
    const paused = computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, events.slice(0, 1), cal);
    assert.equal(paused.status, 'paused');
    assert.equal(paused.remaining, 3);
    assert.equal(paused.dueAt, null);
    assert.equal(clockAlert(paused, '2027-01-01T00:00:00.000Z'), 'ok', 'a paused clock never alerts');
    const resumed = computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, events, cal);
    assert.equal(resumed.dueDate, '2026-10-22', '3 working days after 10-19');
  });

  it('an approved extension adds working days', () => {
    const s = computeClock(
      { unit: 'working_days', amount: 5, startedAt: START, warnBefore: 0 },
      [{ type: 'extend', at: '2026-10-09T02:00:00.000Z', amount: 5, approvedBy: 'u1' }],
      cal,
    );
    assert.equal(s.dueDate, '2026-10-20');
    assert.equal(s.totalAmount, 10);
    assert.equal(s.dueSoonAt, null);
  });

  it('CMP-02 hour clocks run on calendar hours, holidays included, and pause by elapsed time', () => {
    const start = '2026-10-01T01:00:00.000Z';
    const s = computeClock({ unit: 'hours', amount: 24, startedAt: start, warnBefore: 4 }, [], cal);
    assert.equal(s.dueAt, '2026-10-02T01:00:00.000Z');
    assert.equal(s.dueSoonAt, '2026-10-01T21:00:00.000Z');
    const p = computeClock(
      { unit: 'hours', amount: 24, startedAt: start, warnBefore: 4 },
      [
        { type: 'pause', at: '2026-10-01T11:00:00.000Z' },
        { type: 'resume', at: '2026-10-03T11:00:00.000Z' },
      ],
      cal,
    );
    assert.equal(p.dueAt, '2026-10-04T01:00:00.000Z', '14 hours left after the pause');
  });

  it('calendar-day clocks count every day', () => {
    const s = computeClock({ unit: 'calendar_days', amount: 30, startedAt: START, warnBefore: 3 }, [], cal);
    assert.equal(s.dueDate, '2026-10-30');
  });

  it('alerts: ok, due soon, overdue', () => {
    const s = computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, [], cal);
    assert.equal(clockAlert(s, '2026-10-09T02:00:00.000Z'), 'ok');
    assert.equal(clockAlert(s, '2026-10-12T02:00:00.000Z'), 'due_soon');
    assert.equal(clockAlert(s, '2026-10-13T15:59:59.000Z'), 'due_soon');
    assert.equal(clockAlert(s, '2026-10-13T16:00:00.000Z'), 'overdue');
  });

  it('a clock running into 2027 is provisional', () => {
    const s = computeClock({ unit: 'working_days', amount: 10, startedAt: '2026-12-25T02:00:00.000Z', warnBefore: 1 }, [], cal);
    assert.equal(s.provisional, true);
  });

  it('illegal transitions are refused', () => {
    const run = (events: ClockEvent[]) => computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, events, cal);
    assert.throws(() => run([{ type: 'resume', at: START }]), ClockTransitionError);
    assert.throws(
      () =>
        run([
          { type: 'pause', at: START },
          { type: 'pause', at: START },
        ]),
      ClockTransitionError,
    );
    assert.throws(
      () =>
        run([
          { type: 'stop', at: START },
          { type: 'extend', at: START, amount: 1 },
        ]),
      ClockTransitionError,
    );
  });

  it('a stopped clock keeps what was left and never alerts', () => {
    const s = computeClock({ unit: 'working_days', amount: 5, startedAt: START, warnBefore: 1 }, [{ type: 'stop', at: '2026-10-09T02:00:00.000Z' }], cal);
    assert.equal(s.status, 'stopped');
    assert.equal(s.remaining, 3);
    assert.equal(clockAlert(s, '2030-01-01T00:00:00.000Z'), 'ok');
  });
});
