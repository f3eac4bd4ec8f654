import { type Static, Type } from 'typebox';
import { addWorkingDays, type WorkCalendar } from '../calendar.ts';
import { addDays } from '../dates.ts';
import { Choice } from '../policy/choice.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, type ComplaintOutcome } from './complaint.ts';

/**
 * Rewards for hazard reports (火灾隐患举报奖励, CMP-03): no national amount exists, so the rule is the
 * jurisdiction's data (legal-rules §2.2): eligible categories; a fixed amount per category or a share of the
 * fine with a cap (东莞 50 %); whether a real name is required or an anonymous but identifiable reporter may
 * be paid (苏州); the first reporter only (湖南, 浙江); excluded persons (fire staff and their relatives,
 * 湖南); and the claim window in calendar days (湖南 30 日) or working days (浙江 30 个工作日).
 */
export const rewardsSchema = Type.Object(
  {
    enabled: Type.Boolean({ title: '是否实行举报奖励' }),
    eligibleCategories: Type.Array(Choice(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, { title: '举报类别' }), {
      uniqueItems: true,
      title: '可获奖励的举报类别',
    }),
    mode: Choice(['fixed', 'fine_share'], { fixed: '按类别定额', fine_share: '按罚款比例（设上限）' }, { title: '奖励方式' }),
    amounts: Type.Array(
      Type.Object(
        {
          category: Choice(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, { title: '举报类别' }),
          amount: Type.Integer({ minimum: 0, maximum: 100_000, title: '奖励金额（元）' }),
        },
        { additionalProperties: false, title: '定额' },
      ),
      { title: '定额奖励' },
    ),
    finePercent: Type.Number({ minimum: 0, maximum: 100, title: '罚款比例（%）' }),
    cap: Type.Integer({ minimum: 0, maximum: 1_000_000, title: '单次奖励上限（元）' }),
    realNameRequired: Type.Boolean({ title: '须实名举报（匿名但留有联系方式的不予奖励）' }),
    firstReporterOnly: Type.Boolean({ title: '同一隐患仅奖励首位举报人' }),
    excludeStaff: Type.Boolean({ title: '消防救援人员及其近亲属不予奖励' }),
    claimWindow: Type.Object(
      {
        unit: Choice(['calendar_days', 'working_days'], { calendar_days: '日', working_days: '个工作日' }, { title: '计时单位' }),
        amount: Type.Integer({ minimum: 1, maximum: 365, title: '领取期限' }),
      },
      { additionalProperties: false, title: '领奖期限（自告知之日起）' },
    ),
  },
  { additionalProperties: false },
);
export type RewardsPolicy = Static<typeof rewardsSchema>;

/** No national reward rule exists: the default grants none until a jurisdiction enters its own. */
export const NATIONAL_REWARDS: RewardsPolicy = {
  enabled: false,
  eligibleCategories: [],
  mode: 'fixed',
  amounts: [],
  finePercent: 0,
  cap: 0,
  realNameRequired: true,
  firstReporterOnly: true,
  excludeStaff: true,
  claimWindow: { unit: 'calendar_days', amount: 30 },
};

export interface RewardFacts {
  category: string;
  outcome: ComplaintOutcome | null;
  anonymous: boolean;
  /** The reporter left a name and phone (anonymous reports may still be identifiable). */
  identifiable: boolean;
  /** The report is a linked duplicate of an earlier one. */
  duplicate: boolean;
  /** The decider found the reporter to be fire staff or a relative of one. */
  excludedPerson: boolean;
  /** The fine decided on the matter, in yuan (share-of-fine rules). */
  fine?: number | null;
}

export type RewardDecision = { eligible: true; amount: number } | { eligible: false; reason: string };

export function decideReward(policy: RewardsPolicy, f: RewardFacts): RewardDecision {
  const no = (reason: string): RewardDecision => ({ eligible: false, reason });
  if (!policy.enabled) return no('本地未实行火灾隐患举报奖励');
  if (f.outcome !== 'founded' && f.outcome !== 'partly_founded') return no('举报经核查不属实');
  if (!policy.eligibleCategories.includes(f.category as RewardsPolicy['eligibleCategories'][number])) return no('该类别的举报不在奖励范围内');
  if (f.duplicate && policy.firstReporterOnly) return no('同一隐患已有他人先行举报，仅奖励首位举报人');
  if (!f.identifiable) return no('匿名举报且未留联系方式，无法兑现奖励');
  if (f.anonymous && policy.realNameRequired) return no('本地规定须实名举报方可奖励');
  if (f.excludedPerson && policy.excludeStaff) return no('举报人为消防救援人员或其近亲属，不予奖励');
  if (policy.mode === 'fixed') {
    const row = policy.amounts.find((a) => a.category === f.category);
    if (!row || row.amount <= 0) return no('该类别未设奖励金额');
    return { eligible: true, amount: row.amount };
  }
  const fine = f.fine ?? 0;
  if (fine <= 0) return no('未作出罚款决定，无法按罚款比例计奖');
  return { eligible: true, amount: Math.min(policy.cap, Math.floor((fine * policy.finePercent) / 100)) };
}

/** The last day (Beijing) a reward may be claimed, counted from the day the reporter is told (not counted). */
export function rewardClaimDeadline(policy: RewardsPolicy, notifiedOn: string, cal: WorkCalendar): string {
  if (policy.claimWindow.unit === 'calendar_days') return addDays(notifiedOn, policy.claimWindow.amount);
  return addWorkingDays(cal, notifiedOn, policy.claimWindow.amount).date;
}
