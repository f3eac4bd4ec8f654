import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalendarDay } from '@fep/domain';
import { monthGrids } from './calendarGrid.ts';

const DAYS: CalendarDay[] = [
  { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-10', kind: 'adjusted_workday', name: '国庆节调休' },
];

describe('工作日历 as month grids', () => {
  const grids = monthGrids(2026, DAYS);
  it('twelve months of Monday-first weeks', () => {
    assert.equal(grids.length, 12);
    const oct = grids[9]!;
    // 2026-10-01 is a Thursday: three empty cells before it.
    assert.deepEqual(
      oct.weeks[0]!.map((c) => c?.day ?? null),
      [null, null, null, 1, 2, 3, 4],
    );
    for (const g of grids) for (const w of g.weeks) assert.equal(w.length, 7);
  });
  it('holidays, adjusted working days and weekends as the deadlines count them', () => {
    const oct = grids[9]!.weeks.flat().filter((c) => c !== null);
    const byDate = new Map(oct.map((c) => [c.date, c]));
    assert.equal(byDate.get('2026-10-01')!.working, false);
    assert.equal(byDate.get('2026-10-01')!.name, '国庆节');
    assert.equal(byDate.get('2026-10-10')!.working, true, 'the adjusted Saturday is worked');
    assert.equal(byDate.get('2026-10-11')!.working, false, 'an ordinary Sunday is not');
    assert.equal(byDate.get('2026-10-12')!.working, true);
    // October 2026 has 22 weekdays; two are holidays and one Saturday is worked.
    assert.equal(grids[9]!.workingDays, 22 - 2 + 1);
  });
});
