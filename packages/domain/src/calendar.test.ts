import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar.ts';
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
