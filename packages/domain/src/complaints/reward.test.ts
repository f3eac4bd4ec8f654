import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendar2026 } from '../test-fixtures.ts';
import { decideReward, NATIONAL_REWARDS, type RewardFacts, type RewardsPolicy, rewardClaimDeadline } from './reward.ts';

/** 湖南 2012: 100/50/30 by type, real name, first reporter, staff excluded, 30 days. */
const hunan: RewardsPolicy = {
  enabled: true,
  eligibleCategories: ['escape_route_blocked', 'fire_system_disabled', 'other'],
  mode: 'fixed',
  amounts: [
    { category: 'escape_route_blocked', amount: 100 },
    { category: 'fire_system_disabled', amount: 50 },
    { category: 'other', amount: 30 },
  ],
  finePercent: 0,
  cap: 0,
  realNameRequired: true,
  firstReporterOnly: true,
  excludeStaff: true,
  claimWindow: { unit: 'calendar_days', amount: 30 },
};
/** 东莞: 50 % of the fine, capped; 苏州-style anonymous but identifiable reporters paid. */
const dongguan: RewardsPolicy = {
  ...hunan,
  mode: 'fine_share',
  finePercent: 50,
  cap: 25_000,
  realNameRequired: false,
  claimWindow: { unit: 'working_days', amount: 30 },
};
const base: RewardFacts = {
  category: 'escape_route_blocked',
  outcome: 'founded',
  anonymous: false,
  identifiable: true,
  duplicate: false,
  excludedPerson: false,
};

describe('CMP-03 reward rules are jurisdiction data', () => {
  const cases: Array<[string, RewardsPolicy, Partial<RewardFacts>, number | string]> = [
    ['national default: no reward rule', NATIONAL_REWARDS, {}, '本地未实行火灾隐患举报奖励'],
    ['Hunan: founded exit report, real name → 100', hunan, {}, 100],
    ['Hunan: partly founded counts', hunan, { outcome: 'partly_founded', category: 'other' }, 30],
    ['Hunan: unfounded → none', hunan, { outcome: 'unfounded' }, '举报经核查不属实'],
    ['Hunan: anonymous with contact → none (real name required)', hunan, { anonymous: true }, '本地规定须实名举报方可奖励'],
    ['Hunan: a duplicate is not the first reporter', hunan, { duplicate: true }, '同一隐患已有他人先行举报，仅奖励首位举报人'],
    ['Hunan: fire staff excluded', hunan, { excludedPerson: true }, '举报人为消防救援人员或其近亲属，不予奖励'],
    ['Hunan: fire lane not in the list', hunan, { category: 'fire_lane_blocked' }, '该类别的举报不在奖励范围内'],
    ['Dongguan: anonymous but identifiable is paid 50 % of the fine', dongguan, { anonymous: true, fine: 30_000 }, 15_000],
    ['Dongguan: capped at 25,000', dongguan, { fine: 80_000 }, 25_000],
    ['Dongguan: no fine, no share', dongguan, { fine: null }, '未作出罚款决定，无法按罚款比例计奖'],
    ['nobody to pay: anonymous without contact', dongguan, { anonymous: true, identifiable: false, fine: 10_000 }, '匿名举报且未留联系方式，无法兑现奖励'],
  ];
  for (const [name, policy, facts, expected] of cases)
    it(name, () => {
      const d = decideReward(policy, { ...base, ...facts });
      if (typeof expected === 'number') assert.deepEqual(d, { eligible: true, amount: expected });
      else assert.deepEqual(d, { eligible: false, reason: expected });
    });

  it('claim window: Hunan 30 calendar days, Zhejiang 30 working days across National Day', () => {
    const cal = calendar2026();
    assert.equal(rewardClaimDeadline(hunan, '2026-09-25', cal), '2026-10-25');
    // From 25 Sep (中秋): 28, 29, 30 Sep (3), 8, 9, adjusted Sat 10 Oct (6), five weeks to 6 Nov (26), 9–12 Nov (30).
    assert.equal(rewardClaimDeadline(dongguan, '2026-09-25', cal), '2026-11-12');
  });
});
