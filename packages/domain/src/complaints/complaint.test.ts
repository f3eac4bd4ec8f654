import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymityOf, ComplaintTransitionError, categoryChangeable, nextComplaintStatus, open311Status } from './complaint.ts';
import { duplicateReason } from './duplicates.ts';
import { distanceMeters, gcj02ToWgs84, toWgs84, wgs84ToGcj02 } from './geo.ts';

describe('CMP-03 report handling transitions', () => {
  const table: Array<[string, Parameters<typeof nextComplaintStatus>, string | null]> = [
    ['a received report is sent for verification', ['received', 'dispatch'], 'verifying'],
    ['a received report is linked as a duplicate', ['received', 'link_duplicate'], 'duplicate'],
    ['a verification is concluded with an outcome', ['verifying', 'conclude'], 'verified'],
    ['feedback to the reporter closes it', ['verified', 'feedback'], 'closed'],
    ['a closed report the reporter says is not fixed is reopened', ['closed', 'reopen'], 'received'],
    ['no outcome before verification', ['received', 'conclude'], null],
    ['no second dispatch', ['verifying', 'dispatch'], null],
    ['no feedback before the outcome', ['verifying', 'feedback'], null],
    ['a report under verification is not linked as duplicate', ['verifying', 'link_duplicate'], null],
    ['a duplicate is final', ['duplicate', 'reopen'], null],
    ['an open report is not reopened', ['received', 'reopen'], null],
  ];
  for (const [name, args, expected] of table)
    it(name, () => {
      if (expected) assert.equal(nextComplaintStatus(...args), expected);
      else assert.throws(() => nextComplaintStatus(...args), ComplaintTransitionError);
    });
  it('the category changes only until the outcome', () => {
    assert.deepEqual((['received', 'verifying', 'verified', 'closed', 'duplicate'] as const).map(categoryChangeable), [true, true, false, false, false]);
  });
  it('Open311 sees open or closed only', () => {
    assert.deepEqual((['received', 'verifying', 'verified', 'closed', 'duplicate'] as const).map(open311Status), ['open', 'open', 'open', 'closed', 'closed']);
  });
  it('CMP-04 three anonymity levels', () => {
    assert.equal(anonymityOf(false, true), 'real_name');
    assert.equal(anonymityOf(true, true), 'anonymous_with_contact');
    assert.equal(anonymityOf(true, false), 'anonymous');
  });
});

describe('CMP-01 coordinates: GCJ-02 input is stored as WGS84', () => {
  const tiananmen = { lat: 39.908823, lng: 116.39747 }; // WGS84
  it('the forward offset in Beijing is a few hundred metres', () => {
    const d = distanceMeters(tiananmen, wgs84ToGcj02(tiananmen));
    assert.ok(d > 300 && d < 800, `offset ${d} m`);
  });
  const points = [tiananmen, { lat: 41.268, lng: 123.237 }, { lat: 23.129, lng: 113.264 }, { lat: 30.87, lng: 120.09 }];
  for (const p of points)
    it(`GCJ-02 → WGS84 inverts the offset to under 0.5 m at ${p.lat},${p.lng}`, () => {
      assert.ok(distanceMeters(gcj02ToWgs84(wgs84ToGcj02(p)), p) < 0.5);
    });
  it('outside mainland China GCJ-02 equals WGS84', () => {
    assert.deepEqual(toWgs84({ lat: 51.5, lng: -0.12 }, 'gcj02'), { lat: 51.5, lng: -0.12 });
  });
  it('WGS84 input is kept as given', () => {
    assert.deepEqual(toWgs84(tiananmen, 'wgs84'), tiananmen);
  });
});

describe('CMP-03 duplicate suggestions (same unit, or within 50 m and 7 days)', () => {
  const at = '2026-12-01T02:00:00.000Z';
  const p = { lat: 41.268, lng: 123.237 };
  const north = (m: number) => ({ lat: p.lat + m / 111_195, lng: p.lng });
  const cases: Array<[string, Parameters<typeof duplicateReason>[0], Parameters<typeof duplicateReason>[1], string | null]> = [
    [
      'same unit, any distance or date',
      { usci: '91211000ABC', location: null, receivedAt: at },
      { usci: '91211000abc', location: north(5000), receivedAt: '2026-01-01T00:00:00Z' },
      'same_unit',
    ],
    [
      '49 m apart within a day',
      { usci: null, location: p, receivedAt: at },
      { usci: null, location: north(49), receivedAt: '2026-11-30T02:00:00.000Z' },
      'nearby',
    ],
    ['51 m apart', { usci: null, location: p, receivedAt: at }, { usci: null, location: north(51), receivedAt: at }, null],
    [
      '7 days apart exactly still counts',
      { usci: null, location: p, receivedAt: at },
      { usci: null, location: p, receivedAt: '2026-11-24T02:00:00.000Z' },
      'nearby',
    ],
    ['8 days apart does not', { usci: null, location: p, receivedAt: at }, { usci: null, location: p, receivedAt: '2026-11-23T02:00:00.000Z' }, null],
    ['no location and different units', { usci: 'A', location: null, receivedAt: at }, { usci: 'B', location: p, receivedAt: at }, null],
  ];
  for (const [name, a, b, expected] of cases) it(name, () => assert.equal(duplicateReason(a, b), expected));
});
