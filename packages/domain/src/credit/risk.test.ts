import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { type RiskFacts, riskScore } from './risk.ts';

const model = POLICY_KINDS['credit.risk_model'].nationalDefault;
const base: RiskFacts = {
  venueKind: null,
  floorArea: null,
  keyUnit: false,
  openHazards: 0,
  majorHazards: 0,
  penalties: 0,
  fireInTwoYears: false,
  creditLevel: 'A',
};

describe('CRD-04 risk score factors (national model)', () => {
  const table: Array<[string, Partial<RiskFacts>, number, 'low' | 'medium' | 'high', string[]]> = [
    ['an unknown office, A', {}, 0, 'low', []],
    ['a restaurant of 800 ㎡', { venueKind: 'restaurant', floorArea: 800 }, 16.6, 'low', ['venue', 'area']],
    ['area is capped', { floorArea: 500_000 }, 20, 'low', ['area']],
    ['a KTV key unit', { venueKind: 'ktv', keyUnit: true }, 40, 'medium', ['venue', 'key_unit']],
    [
      'hazards, a major one, a penalty, credit C',
      { venueKind: 'hotel', openHazards: 2, majorHazards: 1, penalties: 1, creditLevel: 'C' },
      61,
      'high',
      ['venue', 'major_hazards', 'credit', 'penalties', 'hazards'],
    ],
    ['a fire in two years', { venueKind: 'mall', fireInTwoYears: true }, 40, 'medium', ['fire', 'venue']],
    ['a venue kind the model does not list weighs otherVenue', { venueKind: 'warehouse' }, 10, 'low', ['venue']],
    ['exactly the high threshold', { venueKind: 'ktv', keyUnit: true, creditLevel: 'D' }, 60, 'high', ['venue', 'credit', 'key_unit']],
    // MON-01 → CRD-04: remote-monitoring alarms, faults and offline devices weigh in, capped.
    ['connected devices, nothing reported', { monitoring: { fireAlarms: 0, faults: 0, offlineDevices: 0 } }, 0, 'low', []],
    ['two fire alarms and three faults', { monitoring: { fireAlarms: 2, faults: 3, offlineDevices: 0 } }, 7, 'low', ['monitoring']],
    ['an offline device', { monitoring: { fireAlarms: 0, faults: 0, offlineDevices: 1 } }, 5, 'low', ['monitoring']],
    ['monitoring is capped', { monitoring: { fireAlarms: 20, faults: 40, offlineDevices: 2 } }, 15, 'low', ['monitoring']],
    [
      'a KTV key unit with a faulty system: 40 and the capped 15',
      { venueKind: 'ktv', keyUnit: true, monitoring: { fireAlarms: 3, faults: 20, offlineDevices: 1 } },
      55,
      'medium',
      ['venue', 'key_unit', 'monitoring'],
    ],
  ];
  for (const [what, facts, score, level, top] of table)
    it(`${what}: ${score} (${level})`, () => {
      const r = riskScore({ ...base, ...facts }, model);
      assert.equal(r.score, score);
      assert.equal(r.level, level);
      assert.deepEqual(
        r.factors.map((f) => f.factor),
        top,
      );
    });
  it('a jurisdiction that weighs penalties more moves the same unit up', () => {
    const facts = { ...base, venueKind: 'restaurant', penalties: 3 };
    assert.equal(riskScore(facts, model).level, 'medium');
    assert.equal(riskScore(facts, { ...model, perPenalty: 25 }).level, 'high');
  });
});
