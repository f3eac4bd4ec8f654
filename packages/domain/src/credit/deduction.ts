import type { CreditDeductionsPolicy, CreditLevelsPolicy, CreditSeverity } from '../policy/kinds.ts';

/**
 * The credit event kinds (CRD-01) whose points the `credit.deductions` policy sets, each with its field.
 * A finding that is 情节严重 (serious) deducts the serious figure, any other the general one.
 */
export const CREDIT_EVENT_KINDS = {
  false_commitment: 'falseCommitment',
  penalty: 'penalty',
  order_overdue: 'orderOverdue',
  order_refused: 'orderRefused',
  major_hazard: 'majorHazard',
  false_document: 'falseDocument',
  inaccurate_document: 'inaccurateDocument',
} as const satisfies Record<string, keyof CreditDeductionsPolicy>;
export type CreditEventKind = keyof typeof CREDIT_EVENT_KINDS;

/** Good conduct (守信激励) adds the `credit.levels` policy's reward points. */
export const CREDIT_REWARD_KINDS = ['reward', 'commendation'] as const;
export type CreditRewardKind = (typeof CREDIT_REWARD_KINDS)[number];
export type CreditRecordKind = CreditEventKind | CreditRewardKind;

/** The points a credit event records: the policy's deduction, negative (a deduction of 0 records 0). */
export function creditPoints(policy: CreditDeductionsPolicy, kind: CreditEventKind, severity: CreditSeverity): number {
  const n = policy[CREDIT_EVENT_KINDS[kind]][severity];
  return n === 0 ? 0 : -n;
}

/** The points of any record kind: deductions from `credit.deductions`, rewards from `credit.levels`. */
export function recordPoints(deductions: CreditDeductionsPolicy, levels: CreditLevelsPolicy, kind: CreditRecordKind, severity: CreditSeverity): number {
  return kind === 'reward' || kind === 'commendation' ? levels.rewards[kind] : creditPoints(deductions, kind, severity);
}
