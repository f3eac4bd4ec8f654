import type { CreditDeductionsPolicy, CreditSeverity } from '../policy/kinds.ts';

/**
 * The credit event kinds (CRD-*) whose points the `credit.deductions` policy sets, each with its field.
 * A finding that is 情节严重 (serious) deducts the serious figure, any other the general one.
 */
export const CREDIT_EVENT_KINDS = { false_commitment: 'falseCommitment' } as const satisfies Record<string, keyof CreditDeductionsPolicy>;
export type CreditEventKind = keyof typeof CREDIT_EVENT_KINDS;

/** The points a credit event records: the policy's deduction, negative (a deduction of 0 records 0). */
export function creditPoints(policy: CreditDeductionsPolicy, kind: CreditEventKind, severity: CreditSeverity): number {
  const n = policy[CREDIT_EVENT_KINDS[kind]][severity];
  return n === 0 ? 0 : -n;
}
