import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trainingDue } from './training.ts';

describe('SVC-04 training due date', () => {
  const cases: [string | null, number, string, { dueOn: string | null; due: boolean }][] = [
    [null, 12, '2026-01-01', { dueOn: null, due: true }],
    ['2025-03-01', 12, '2026-02-28', { dueOn: '2026-03-01', due: false }],
    ['2025-03-01', 12, '2026-03-01', { dueOn: '2026-03-01', due: true }],
    ['2025-08-31', 6, '2026-02-28', { dueOn: '2026-02-28', due: true }],
  ];
  for (const [last, months, today, want] of cases)
    it(`last ${last ?? 'never'}, every ${months} months, on ${today}`, () => assert.deepEqual(trainingDue(last, months, today), want));
});
