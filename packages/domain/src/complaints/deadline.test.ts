import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { calendar2026 } from '../test-fixtures.ts';
import { verificationDue, verificationLimit } from './deadline.ts';

const national = POLICY_KINDS['complaints.deadlines'].nationalDefault;
/** Huzhou (吴兴 2009) used 24 hours / 4 working days: the same rule with other data, no code. */
const huzhou = { ...national, deadlines: national.deadlines.map((d) => (d.unit === 'working_days' ? { ...d, amount: 4 } : d)) };
const cal = calendar2026();

describe('CMP-02 category → verification deadline (《消防监督检查规定》 24 hours / 3 working days)', () => {
  const cases: Array<[string, typeof national, string, string, string, string | null]> = [
    // [name, policy, category, receivedAt, dueAt, dueDate]
    ['locked exit reported 16:00 Friday is due 16:00 Saturday', national, 'escape_route_blocked', '2026-12-04T08:00:00.000Z', '2026-12-05T08:00:00.000Z', null],
    [
      'fire system off reported 23:30 is due 23:30 next day (calendar hours, no working-day counting)',
      national,
      'fire_system_disabled',
      '2026-10-01T15:30:00.000Z',
      '2026-10-02T15:30:00.000Z',
      null,
    ],
    ['24 hours run through the National Day holiday', national, 'escape_route_blocked', '2026-10-02T02:00:00.000Z', '2026-10-03T02:00:00.000Z', null],
    ['other, 16:00 Friday: Mon, Tue, Wed → ends Wednesday 24:00', national, 'other', '2026-12-04T08:00:00.000Z', '2026-12-09T16:00:00.000Z', '2026-12-09'],
    [
      'other, 30 Sep: holiday 1–7 Oct not counted; Thu 8, Fri 9, adjusted Sat 10 Oct → 10 Oct',
      national,
      'other',
      '2026-09-30T08:00:00.000Z',
      '2026-10-10T16:00:00.000Z',
      '2026-10-10',
    ],
    [
      'other, received 00:30 Beijing on 30 Sep (still 29 Sep in UTC) counts from 30 Sep',
      national,
      'other',
      '2026-09-29T16:30:00.000Z',
      '2026-10-10T16:00:00.000Z',
      '2026-10-10',
    ],
    ['other, received 23:59 Beijing on 29 Sep: 30 Sep, 8 Oct, 9 Oct', national, 'other', '2026-09-29T15:59:00.000Z', '2026-10-09T16:00:00.000Z', '2026-10-09'],
    [
      'other, 16:00 Friday 9 Oct: adjusted Saturday 10 Oct counts, Mon 12, Tue 13',
      national,
      'other',
      '2026-10-09T08:00:00.000Z',
      '2026-10-13T16:00:00.000Z',
      '2026-10-13',
    ],
    ['other, received on a holiday (3 Oct): 8, 9, 10 Oct', national, 'other', '2026-10-03T04:00:00.000Z', '2026-10-10T16:00:00.000Z', '2026-10-10'],
    ['fire lane blocked is a 3-working-day report', national, 'fire_lane_blocked', '2026-12-04T08:00:00.000Z', '2026-12-09T16:00:00.000Z', '2026-12-09'],
    ['Huzhou 4 working days from Friday 4 Dec → Thursday 10 Dec', huzhou, 'other', '2026-12-04T08:00:00.000Z', '2026-12-10T16:00:00.000Z', '2026-12-10'],
    ['Huzhou keeps 24 hours for exits', huzhou, 'escape_route_blocked', '2026-12-04T08:00:00.000Z', '2026-12-05T08:00:00.000Z', null],
  ];
  for (const [name, policy, category, receivedAt, dueAt, dueDate] of cases)
    it(name, () => {
      const due = verificationDue(policy, category, receivedAt, cal);
      assert.equal(due.dueAt, dueAt);
      assert.equal(due.dueDate, dueDate);
      assert.equal(due.provisional, false);
    });

  it('a category the policy does not list falls back to its "other" row', () => {
    assert.deepEqual(verificationLimit(national, 'unknown_kind'), { category: 'other', unit: 'working_days', amount: 3 });
  });
  it('a day in a year without a published schedule makes the due date provisional', () => {
    assert.equal(verificationDue(national, 'other', '2026-12-30T08:00:00.000Z', cal).provisional, true);
  });
  it('a policy without an "other" row and without the category is an error, not a silent default', () => {
    assert.throws(() => verificationLimit({ ...national, deadlines: [{ category: 'escape_route_blocked', unit: 'hours', amount: 24 }] }, 'other'), RangeError);
  });
});
