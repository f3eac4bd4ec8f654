import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FollowUpStatus, type FollowUpStep, isBadReview, nextFollowUpStatus } from './evaluation.ts';

test('SVC-02 bad review is 不满意 or 非常不满意', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(isBadReview), [true, true, false, false, false]);
});

test('SVC-02 follow-up steps: verification, rectification, feedback, return visit, appeal', () => {
  const rows: [FollowUpStatus, FollowUpStep, boolean, FollowUpStatus | null][] = [
    ['verifying', 'verify', true, 'rectifying'],
    ['verifying', 'feedback', true, null],
    ['rectifying', 'rectify', true, 'rectifying'],
    ['rectifying', 'feedback', true, 'fed_back'],
    ['rectifying', 'feedback', false, 'closed'],
    ['fed_back', 'return_visit', true, 'closed'],
    ['closed', 'return_visit', true, null],
    ['verifying', 'appeal', true, 'appealed'],
    ['fed_back', 'appeal', true, null],
    ['appealed', 'appeal_upheld', true, 'excluded'],
    ['appealed', 'appeal_rejected', true, 'rectifying'],
    ['excluded', 'verify', true, null],
  ];
  for (const [status, step, returnVisitRequired, want] of rows)
    assert.equal(nextFollowUpStatus(status, step, { returnVisitRequired, statusBeforeAppeal: 'rectifying' }), want, `${status} + ${step}`);
});
