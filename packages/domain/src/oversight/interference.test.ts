import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaMonthOf, chinaMonthRange, tallyInterference } from './interference.ts';

describe('ENF-08 interference records: months in Beijing time and the monthly tally', () => {
  const months: Array<[string, string, string]> = [
    ['the last UTC hours of a month are the next month in Beijing', '2026-10-31T16:00:00Z', '2026-11'],
    ['one second earlier is still October', '2026-10-31T15:59:59Z', '2026-10'],
    ['New Year in Beijing starts at 16:00 UTC on 31 December', '2026-12-31T16:00:00Z', '2027-01'],
    ['a mid-month instant', '2026-11-23T02:00:00Z', '2026-11'],
  ];
  for (const [name, instant, month] of months) it(name, () => assert.equal(chinaMonthOf(instant), month));

  const ranges: Array<[string, string, string, string]> = [
    ['November 2026', '2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['December rolls into the next year', '2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['February of a leap year', '2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
  ];
  for (const [name, month, from, to] of ranges) it(`range of ${name}`, () => assert.deepEqual(chinaMonthRange(month), { from, to }));

  for (const bad of ['2026-13', '2026-00', '2026-1', 'november']) it(`'${bad}' is not a month`, () => assert.throws(() => chinaMonthRange(bad), RangeError));

  it('every instant of a month lies in its range and every range boundary is the next month', () => {
    for (const instant of ['2026-10-31T16:00:00Z', '2026-11-15T00:00:00Z', '2026-11-30T15:59:59Z']) {
      const r = chinaMonthRange(chinaMonthOf(instant));
      assert.ok(new Date(instant).toISOString() >= r.from && new Date(instant).toISOString() < r.to, instant);
    }
    assert.equal(chinaMonthOf(chinaMonthRange('2026-11').to), '2026-12');
  });

  it('tallies per agency, by channel and by role, with zeros for what did not happen, ignoring other agencies', () => {
    const t = tallyInterference(
      ['a', 'b'],
      [
        { agencyId: 'a', role: 'leading_cadre', channel: 'phone' },
        { agencyId: 'a', role: 'leading_cadre', channel: 'in_person' },
        { agencyId: 'a', role: 'internal_staff', channel: 'phone' },
        { agencyId: 'c', role: 'other', channel: 'proxy' },
      ],
    );
    assert.deepEqual(t, [
      {
        agencyId: 'a',
        total: 3,
        byChannel: { phone: 2, in_person: 1, message: 0, proxy: 0, other: 0 },
        byRole: { leading_cadre: 2, superior_staff: 0, internal_staff: 1, other: 0 },
      },
      {
        agencyId: 'b',
        total: 0,
        byChannel: { phone: 0, in_person: 0, message: 0, proxy: 0, other: 0 },
        byRole: { leading_cadre: 0, superior_staff: 0, internal_staff: 0, other: 0 },
      },
    ]);
  });
});
