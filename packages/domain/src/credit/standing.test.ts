import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CreditDeductionsPolicy, type CreditLevelsPolicy, type CreditPublicityPolicy, type CreditSanctionsPolicy, POLICY_KINDS } from '../policy/kinds.ts';
import type { CreditRecordKind } from './deduction.ts';
import { recordPoints } from './deduction.ts';
import { addMonths, type CreditRecordFact, creditEffects, creditStanding, penaltySeverity, publicityWindow, repairEligibility } from './standing.ts';

interface Preset {
  deductions: CreditDeductionsPolicy;
  levels: CreditLevelsPolicy;
  sanctions: CreditSanctionsPolicy;
  publicity: CreditPublicityPolicy;
}
const national: Preset = {
  deductions: POLICY_KINDS['credit.deductions'].nationalDefault,
  levels: POLICY_KINDS['credit.levels'].nationalDefault,
  sanctions: POLICY_KINDS['credit.sanctions'].nationalDefault,
  publicity: POLICY_KINDS['credit.publicity'].nationalDefault,
};
/** A stricter jurisdiction: higher bands, a 2-in-6-months repeat rule, C drawn as a trigger too. */
const strict: Preset = {
  ...national,
  deductions: { ...national.deductions, penalty: { general: 20, serious: 40 } },
  levels: { ...national.levels, bands: { A: 95, B: 85, C: 70 } },
  sanctions: {
    ...national.sanctions,
    blacklist: { ...national.sanctions.blacklist, repeatViolations: { count: 2, months: 6 } },
    triggerLevels: ['C' as const, 'D' as const],
  },
};

let n = 0;
function rec(
  p: Preset,
  kind: CreditRecordKind,
  on: string,
  severity: 'general' | 'serious' = 'general',
  status: CreditRecordFact['status'] = 'active',
): CreditRecordFact {
  return { id: `r${++n}`, kind, severity, on, status, points: recordPoints(p.deductions, p.levels, kind, severity), reason: kind };
}
const standing = (p: Preset, records: CreditRecordFact[], today: string) => creditStanding(records, today, p);

describe('CRD-01 points and levels for each preset from event sequences', () => {
  const table: Array<[string, Preset, (p: Preset) => CreditRecordFact[], string, number, 'A' | 'B' | 'C' | 'D']> = [
    ['national: no records', national, () => [], '2026-06-01', 100, 'A'],
    ['national: one general penalty', national, (p) => [rec(p, 'penalty', '2026-01-10')], '2026-06-01', 90, 'A'],
    [
      'national: general penalty and false commitment',
      national,
      (p) => [rec(p, 'penalty', '2026-01-10'), rec(p, 'false_commitment', '2026-02-01')],
      '2026-06-01',
      80,
      'B',
    ],
    ['national: serious penalty', national, (p) => [rec(p, 'penalty', '2026-01-10', 'serious')], '2026-06-01', 70, 'C'],
    [
      'national: serious penalty and major hazard',
      national,
      (p) => [rec(p, 'penalty', '2026-01-10', 'serious'), rec(p, 'major_hazard', '2026-02-01')],
      '2026-06-01',
      55,
      'D',
    ],
    [
      'national: a commendation offsets a general penalty',
      national,
      (p) => [rec(p, 'penalty', '2026-01-10'), rec(p, 'commendation', '2026-03-01')],
      '2026-06-01',
      100,
      'A',
    ],
    ['national: a withdrawn penalty does not count', national, (p) => [rec(p, 'penalty', '2026-01-10', 'serious', 'withdrawn')], '2026-06-01', 100, 'A'],
    ['national: a repaired penalty does not count', national, (p) => [rec(p, 'penalty', '2026-01-10', 'serious', 'repaired')], '2026-06-01', 100, 'A'],
    ['national: a penalty past its 36-month publicity no longer counts', national, (p) => [rec(p, 'penalty', '2023-01-10', 'serious')], '2026-01-10', 100, 'A'],
    ['national: the day before the end it still counts', national, (p) => [rec(p, 'penalty', '2023-01-10', 'serious')], '2026-01-09', 70, 'C'],
    ['strict: one general penalty', strict, (p) => [rec(p, 'penalty', '2026-01-10')], '2026-06-01', 80, 'C'],
    ['strict: no records', strict, () => [], '2026-06-01', 100, 'A'],
    ['strict: a reward', strict, (p) => [rec(p, 'reward', '2026-01-10'), rec(p, 'false_commitment', '2026-02-10')], '2026-06-01', 95, 'A'],
  ];
  for (const [what, preset, records, today, score, level] of table)
    it(`${what}: ${score} → ${level}`, () => {
      const s = standing(preset, records(preset), today);
      assert.equal(s.score, score);
      assert.equal(s.level, level);
      assert.equal(
        s.counted.reduce((x, c) => x + c.points, preset.levels.baseScore),
        score,
        'the explanation adds up to the score',
      );
    });
});

describe('CRD-02 blacklist entry and exit', () => {
  it('a serious overdue order (major hazard not rectified) enters the list and forces D; its repair takes it out', () => {
    const r = rec(national, 'order_overdue', '2026-01-10', 'serious');
    const s = standing(national, [r], '2026-03-01');
    assert.equal(s.blacklisted, true);
    assert.equal(s.scoreLevel, 'B');
    assert.equal(s.level, 'D');
    assert.deepEqual(s.blacklistReasons, [{ criterion: 'major_hazard_unrectified', recordIds: [r.id] }]);
    const after = standing(national, [{ ...r, status: 'repaired' }], '2026-03-01');
    assert.equal(after.blacklisted, false);
    assert.equal(after.level, 'A');
  });
  it('a general overdue order does not list', () =>
    assert.equal(standing(national, [rec(national, 'order_overdue', '2026-01-10')], '2026-03-01').blacklisted, false));
  it('a refusal to correct lists, unless the jurisdiction turns the criterion off', () => {
    const r = [rec(national, 'order_refused', '2026-01-10')];
    assert.equal(standing(national, r, '2026-03-01').blacklisted, true);
    const off = { ...national, sanctions: { ...national.sanctions, blacklist: { ...national.sanctions.blacklist, refusalToCorrect: false } } };
    assert.equal(standing(off, r, '2026-03-01').blacklisted, false);
  });
  const repeats: Array<[string, Preset, string[], string, boolean]> = [
    ['national: 3 penalties in 12 months', national, ['2025-07-01', '2025-12-01', '2026-05-01'], '2026-06-01', true],
    ['national: 2 penalties in 12 months', national, ['2025-12-01', '2026-05-01'], '2026-06-01', false],
    ['national: the first of 3 falls out of the window on its anniversary', national, ['2025-06-01', '2025-12-01', '2026-05-01'], '2026-06-01', false],
    ['national: the day before the anniversary it is still in', national, ['2025-06-01', '2025-12-01', '2026-05-01'], '2026-05-31', true],
    ['strict: 2 penalties in 6 months', strict, ['2026-01-15', '2026-05-01'], '2026-06-01', true],
    ['strict: 2 penalties 7 months apart', strict, ['2025-10-01', '2026-05-01'], '2026-06-01', false],
  ];
  for (const [what, preset, days, today, listed] of repeats)
    it(`${what}: ${listed ? 'listed' : 'not listed'}`, () =>
      assert.equal(
        standing(
          preset,
          days.map((d) => rec(preset, 'penalty', d)),
          today,
        ).blacklisted,
        listed,
      ));
});

describe('CRD-03 publicity periods and repair eligibility at their boundaries', () => {
  it('national fire sector: published 1 to 3 years from the decision', () =>
    assert.deepEqual(publicityWindow('2026-02-28', 'general', national.publicity), { from: '2026-02-28', repairFrom: '2027-02-28', until: '2029-02-28' }));
  it('a month end without that day keeps the last day', () => assert.equal(addMonths('2024-02-29', 12), '2025-02-28'));
  const ok = { corrected: true, penaltyFulfilled: true, commitmentSigned: true };
  const penalty = rec(national, 'penalty', '2026-01-10', 'serious');
  const table: Array<[string, CreditRecordFact, string, typeof ok, boolean, string[]]> = [
    ['the day before the minimum period ends', penalty, '2027-01-09', ok, false, ['minimum_period']],
    ['the day the minimum period ends', penalty, '2027-01-10', ok, true, []],
    ['penalty not fulfilled', penalty, '2027-06-01', { ...ok, penaltyFulfilled: false }, false, ['penalty_unfulfilled']],
    ['no commitment and not corrected', penalty, '2027-06-01', { ...ok, commitmentSigned: false, corrected: false }, false, ['not_corrected', 'no_commitment']],
    ['already off the portal (3 years)', penalty, '2029-01-10', ok, false, ['not_in_effect']],
    ['a reward is not repaired', rec(national, 'reward', '2026-01-10'), '2027-06-01', ok, false, ['not_deduction']],
  ];
  for (const [what, r, today, cond, eligible, refusals] of table)
    it(`${what}: ${eligible ? 'eligible' : refusals.join(', ')}`, () => {
      const e = repairEligibility(r, today, cond, national.publicity);
      assert.equal(e.eligible, eligible);
      assert.deepEqual(e.refusals, refusals);
    });
});

describe('SUP-04 rates from credit: the stratum factor and the non-random trigger', () => {
  const factors = POLICY_KINDS['supervision.sampling_factors'].nationalDefault;
  const table: Array<[string, Preset, 'A' | 'B' | 'C' | 'D', boolean, number, boolean]> = [
    ['national A', national, 'A', false, 0.75, false],
    ['national C', national, 'C', false, 1.5, false],
    ['national D', national, 'D', false, 2, true],
    ['national blacklisted', national, 'D', true, 2, true],
    ['strict C is a trigger', strict, 'C', false, 1.5, true],
  ];
  for (const [what, p, level, listed, factor, trigger] of table)
    it(`${what}: ×${factor}${trigger ? ', non-random trigger' : ''}`, () =>
      assert.deepEqual(creditEffects(level, listed, factors, p.sanctions), { stratumRateFactor: factor, blacklisted: listed, nonRandomTrigger: trigger }));
});

describe('CRD-01 a penalty is serious from the policy fine threshold', () => {
  const table: Array<[string, number | null, 'general' | 'serious']> = [
    ['warning', null, 'general'],
    ['fine', 99_999, 'general'],
    ['fine', 100_000, 'serious'],
  ];
  for (const [outcome, fine, severity] of table)
    it(`${outcome} ${fine ?? ''}: ${severity}`, () => assert.equal(penaltySeverity(outcome, fine, national.publicity), severity));
});
