import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTaskStatus, TaskTransitionError, taskStatesFor } from './task.ts';

describe('SUP-09 inspection task state machine', () => {
  const table: Array<[string, Parameters<typeof nextTaskStatus>, string]> = [
    ['an unassigned task gets its two inspectors', ['unassigned', 'assign'], 'assigned'],
    ['an assigned task may be reassigned', ['assigned', 'assign'], 'assigned'],
    ['a draft keeps the task assigned', ['assigned', 'save_draft'], 'assigned'],
    ['the record completes the task', ['assigned', 'record'], 'done'],
    ['an assigned task may be cancelled', ['assigned', 'cancel'], 'cancelled'],
    ['an unassigned task may be cancelled', ['unassigned', 'cancel'], 'cancelled'],
  ];
  for (const [name, args, expected] of table) it(name, () => assert.equal(nextTaskStatus(...args), expected));

  const illegal: Array<[string, Parameters<typeof nextTaskStatus>]> = [
    ['a done task is not recorded twice', ['done', 'record']],
    ['no record before the inspectors are assigned', ['unassigned', 'record']],
    ['no draft on a done task', ['done', 'save_draft']],
    ['a cancelled task is not reassigned', ['cancelled', 'assign']],
    ['a done task is not cancelled', ['done', 'cancel']],
  ];
  for (const [name, args] of illegal) it(name, () => assert.throws(() => nextTaskStatus(...args), TaskTransitionError));

  it('the expected states of each action follow the table', () => {
    assert.deepEqual(taskStatesFor('record'), ['assigned']);
    assert.deepEqual(taskStatesFor('cancel'), ['unassigned', 'assigned']);
  });
});
