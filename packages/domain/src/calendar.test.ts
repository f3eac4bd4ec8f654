import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay, workingDaysBetween, workingDaysLeft } from './calendar.ts';
import { dueLabel } from './labels.ts';
import { calendar2026 } from './test-fixtures.ts';

const cal = calendar2026();

describe('working days with the 2026 State Council schedule', () => {
  const add: Array<[string, number, string, string]> = [
    ['2026-09-30', 5, '2026-10-13', 'National Day: 10-01…10-07 off, 10-10 (Saturday) is an adjusted working day'],
    ['2026-09-30', 1, '2026-10-08', 'first working day after the National Day holiday'],
    ['2026-09-28', 5, '2026-10-10', 'the adjusted Saturday counts'],
    ['2026-02-13', 1, '2026-02-14', 'Saturday 02-14 is worked before Spring Festival'],
    ['2026-02-14', 1, '2026-02-24', 'Spring Festival 02-15…02-23'],
    ['2026-11-20', 5, '2026-11-27', 'ordinary weeks: weekend skipped'],
    ['2026-11-23', 0, '2026-11-23', 'zero days is the same day'],
    ['2026-10-08', -1, '2026-09-30', 'counting back over the holiday'],
  ];
  for (const [from, n, expected, why] of add) {
    it(`${n} working days after ${from} is ${expected} (${why})`, () => {
      assert.deepEqual(addWorkingDays(cal, from, n), { date: expected, provisional: false });
    });
  }

  it('holidays, adjusted working days and weekends are classified', () => {
    assert.equal(isWorkingDay(cal, '2026-10-05').working, false);
    assert.equal(isWorkingDay(cal, '2026-10-10').working, true);
    assert.equal(isWorkingDay(cal, '2026-11-22').working, false);
    assert.equal(isWorkingDay(cal, '2026-11-23').working, true);
  });

  it('a year with no published schedule is provisional, never silently Monday–Friday', () => {
    const r = addWorkingDays(cal, '2026-12-29', 5);
    assert.equal(r.provisional, true, 'the count runs into 2027');
    assert.equal(isWorkingDay(cal, '2027-02-08').provisional, true);
    assert.equal(addWorkingDays(cal, '2026-12-01', 5).provisional, false);
  });

  it('counts working days used in (from, to]', () => {
    assert.deepEqual(workingDaysBetween(cal, '2026-09-30', '2026-10-10'), { days: 3, provisional: false });
    assert.deepEqual(workingDaysBetween(cal, '2026-10-10', '2026-10-10'), { days: 0, provisional: false });
  });
});

describe('剩余工作日: working days left until a due date', () => {
  const cases: Array<[string, string, number, string, string]> = [
    ['2026-11-23', '2026-11-27', 4, '剩余 4 个工作日', 'Monday to Friday: Tuesday … Friday remain'],
    ['2026-11-27', '2026-11-27', 0, '今日到期', 'due today'],
    ['2026-11-20', '2026-11-23', 1, '剩余 1 个工作日', 'over a weekend only Monday remains'],
    ['2026-09-30', '2026-10-08', 1, '剩余 1 个工作日', 'over the National Day holiday'],
    ['2026-11-25', '2026-11-23', -2, '已超期 2 个工作日', 'two working days late'],
    ['2026-11-30', '2026-11-27', -1, '已超期 1 个工作日', 'due Friday, Monday is one working day late'],
    ['2026-11-28', '2026-11-27', -1, '已超期 1 个工作日', 'due Friday, on Saturday it is already overdue'],
  ];
  for (const [today, due, days, label, why] of cases) {
    it(`${today} → ${due}: ${label} (${why})`, () => {
      const r = workingDaysLeft(cal, today, due);
      assert.equal(r.days, days);
      assert.equal(dueLabel({ status: 'running', days: r.days }), label);
    });
  }
  it('a paused or finished matter says so instead of a count', () => {
    assert.equal(dueLabel({ status: 'paused', days: 3 }), '暂停计时（补正中）');
    assert.equal(dueLabel({ status: 'stopped', days: -3 }), '已办结');
  });
});
