import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { type CreditEventKind, creditPoints } from './deduction.ts';

describe('CRD credit points from the credit.deductions policy', () => {
  const national = POLICY_KINDS['credit.deductions'].nationalDefault;
  const table: Array<[string, Parameters<typeof creditPoints>[0], CreditEventKind, 'general' | 'serious', number]> = [
    ['national, general false commitment', national, 'false_commitment', 'general', -10],
    ['national, serious false commitment', national, 'false_commitment', 'serious', -20],
    ['a jurisdiction that deducts more', { ...national, falseCommitment: { general: 15, serious: 40 } }, 'false_commitment', 'serious', -40],
    ['a jurisdiction that records without deducting', { ...national, falseCommitment: { general: 0, serious: 5 } }, 'false_commitment', 'general', 0],
  ];
  table.push(
    ['national, serious penalty', national, 'penalty', 'serious', -30],
    ['national, overdue order with a major hazard', national, 'order_overdue', 'serious', -20],
  );
  for (const [what, policy, kind, severity, points] of table) it(`${what}: ${points}`, () => assert.equal(creditPoints(policy, kind, severity), points));
});
