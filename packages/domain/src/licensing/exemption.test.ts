import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvePreset } from '../policy/testing.ts';
import type { VenueKind } from '../venue.ts';
import { checkExemption } from './exemption.ts';

/** LIC-02: the exemption rules of each source jurisdiction at and around each threshold. */
describe('LIC-02 exemption check per source jurisdiction', () => {
  const table: Array<[string, string, VenueKind, number, number | null, boolean]> = [
    // name, county, kind, floor area ㎡, investment CNY, exempt?
    ['Jiangxi: 299 ㎡ restaurant is exempt', '360102', 'restaurant', 299, null, true],
    ['Jiangxi: 300 ㎡ restaurant is exempt: 以下 includes 300', '360102', 'restaurant', 300, null, true],
    ['Jiangxi: 300.01 ㎡ restaurant needs the check', '360102', 'restaurant', 300.01, null, false],
    ['Jiangxi: 301 ㎡ hotel needs the check', '360102', 'hotel', 301, null, false],
    ['Jiangxi: a 50 ㎡ KTV needs the check: entertainment venues are excepted', '360102', 'ktv', 50, null, false],
    ['Jiangxi: a 100 ㎡ internet café needs the check (entertainment)', '360102', 'internet_cafe', 100, null, false],
    ['Jiangxi: a 299 ㎡ cinema needs the check (entertainment)', '360102', 'cinema', 299, null, false],
    ['Guangdong: 500 ㎡ is exempt: 500（含）', '440106', 'mall', 500, null, true],
    ['Guangdong: 501 ㎡ without investment needs the check', '440106', 'mall', 501, null, false],
    ['Guangdong: 501 ㎡ with 1,000,000 CNY is exempt: 100（含）万元', '440106', 'mall', 501, 1_000_000, true],
    ['Guangdong: 501 ㎡ with 1,000,001 CNY needs the check', '440106', 'mall', 501, 1_000_001, false],
    ['Guangdong: 5,000 ㎡ with 999,999 CNY is exempt (either condition)', '440106', 'hotel', 5000, 999_999, true],
    ['Guangdong: a 400 ㎡ KTV is exempt (no exception for entertainment)', '440106', 'ktv', 400, null, true],
    ['Inner Mongolia: 199 ㎡ is exempt', '150102', 'restaurant', 199, null, true],
    ['Inner Mongolia: 200 ㎡ is exempt: 以下 includes 200', '150102', 'restaurant', 200, null, true],
    ['Inner Mongolia: 200.5 ㎡ needs the check', '150102', 'restaurant', 200.5, null, false],
    ['Inner Mongolia: a 150 ㎡ dance hall is exempt', '150102', 'dance_hall', 150, null, true],
    ['Liaoyang: no exemption: 10 ㎡ needs the check', '211002', 'restaurant', 10, null, false],
    ['Liaoyang: 0 ㎡ investment 1 CNY needs the check', '211002', 'market', 0, 1, false],
    ['Benxi: no exemption: 100 ㎡ needs the check', '210502', 'hotel', 100, null, false],
  ];
  for (const [name, county, venueKind, floorArea, investment, exempt] of table) {
    it(name, () => {
      const policy = resolvePreset('licensing.exemption', county).values;
      const r = checkExemption(policy, { venueKind, floorArea, investment });
      assert.equal(r.exempt, exempt, r.reasons.join('；'));
      assert.ok(r.reasons.length > 0);
      if (exempt) assert.ok(r.matched);
    });
  }

  it('the reason cites the numbers compared and the rule text', () => {
    const r = checkExemption(resolvePreset('licensing.exemption', '360102').values, { venueKind: 'restaurant', floorArea: 280 });
    assert.match(r.reasons[0]!, /建筑面积 280 ㎡ ≤ 300 ㎡（建筑面积300平方米以下，含本数）/);
  });

  it('a "不足" threshold (lt) excludes the number itself', () => {
    const policy = { rules: [{ metric: 'floorArea' as const, op: 'lt' as const, limit: 300, text: '不足300平方米' }], exceptVenueKinds: [] };
    assert.equal(checkExemption(policy, { venueKind: 'hotel', floorArea: 300 }).exempt, false);
    assert.equal(checkExemption(policy, { venueKind: 'hotel', floorArea: 299.99 }).exempt, true);
  });

  it('LIC-02 a blank investment is unknown, never 0 CNY: it neither exempts nor decides (Guangdong 100 万元 rule)', () => {
    const policy = resolvePreset('licensing.exemption', '440106').values;
    for (const investment of [null, undefined]) {
      const r = checkExemption(policy, { venueKind: 'mall', floorArea: 1280, investment });
      assert.equal(r.exempt, false, r.reasons.join('；'));
      assert.equal(r.undetermined, true);
      assert.match(r.reasons.join('；'), /未填写工程投资额（视为未知，不按 0 计算）/);
      assert.doesNotMatch(r.reasons.join('；'), /0 元/);
    }
    // A real 0 CNY is a value and is compared.
    const zero = checkExemption(policy, { venueKind: 'mall', floorArea: 1280, investment: 0 });
    assert.equal(zero.exempt, true);
    assert.equal(zero.undetermined, false);
    // The area alone decides when it meets its threshold: nothing is left unknown.
    const small = checkExemption(policy, { venueKind: 'mall', floorArea: 400, investment: null });
    assert.deepEqual([small.exempt, small.undetermined], [true, false]);
    // Where investment is no criterion (Jiangxi), a blank investment leaves nothing undetermined.
    const jx = checkExemption(resolvePreset('licensing.exemption', '360102').values, { venueKind: 'hotel', floorArea: 1280, investment: null });
    assert.deepEqual([jx.exempt, jx.undetermined], [false, false]);
  });

  it('a negative area is refused', () => {
    assert.throws(() => checkExemption(resolvePreset('licensing.exemption', '360102').values, { venueKind: 'hotel', floorArea: -1 }), RangeError);
  });
});
