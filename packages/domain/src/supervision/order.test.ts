import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextExtensionStatus, nextOrderStatus, OrderTransitionError, orderNumber, orderStatesFor } from './order.ts';

describe('SUP-10/11 rectification order state machine', () => {
  const table: Array<[string, Parameters<typeof nextOrderStatus>, string]> = [
    ['an open order may get an extension request', ['open', 'request_extension'], 'open'],
    ['an approved extension keeps it open', ['open', 'extend'], 'open'],
    ['the unit reports the rectification', ['open', 'report'], 'reported'],
    ['a fixed re-inspection closes it', ['reported', 'close'], 'closed'],
    ['a failed re-inspection escalates it', ['reported', 'escalate'], 'escalated'],
    ['an overdue open order is escalated', ['open', 'escalate'], 'escalated'],
  ];
  for (const [name, args, expected] of table) it(name, () => assert.equal(nextOrderStatus(...args), expected));

  const illegal: Array<[string, Parameters<typeof nextOrderStatus>]> = [
    ['no second report', ['reported', 'report']],
    ['no extension after the report', ['reported', 'request_extension']],
    ['no close before the report', ['open', 'close']],
    ['a closed order is not escalated', ['closed', 'escalate']],
    ['an escalated order is not escalated again', ['escalated', 'escalate']],
    ['an escalated order is not closed', ['escalated', 'close']],
  ];
  for (const [name, args] of illegal) it(name, () => assert.throws(() => nextOrderStatus(...args), OrderTransitionError));

  it('escalation starts from open or reported', () => assert.deepEqual(orderStatesFor('escalate'), ['open', 'reported']));

  const ext: Array<[Parameters<typeof nextExtensionStatus>, string | null]> = [
    [['pending', 'approve'], 'approved'],
    [['pending', 'deny'], 'denied'],
    [['approved', 'approve'], null],
    [['approved', 'deny'], null],
    [['denied', 'approve'], null],
  ];
  for (const [args, expected] of ext)
    it(`extension ${args[0]} --${args[1]}--> ${expected ?? 'refused'}`, () => {
      if (expected) assert.equal(nextExtensionStatus(...args), expected);
      else assert.throws(() => nextExtensionStatus(...args), OrderTransitionError);
    });

  it('the document number follows the template', () => {
    assert.equal(orderNumber('{agency}消责改字〔{year}〕第{seq}号', '辽阳市消防救援支队', 2026, 7, 4), '辽阳市消责改字〔2026〕第0007号');
  });
});
