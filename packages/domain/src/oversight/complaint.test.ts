import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTrackingCode, nextOfficerComplaintStatus, normalTrackingCode, OfficerComplaintTransitionError, officerComplaintStatesFor } from './complaint.ts';

describe('OVS-03 complaints about officers: transitions and tracking codes', () => {
  const table: Array<[string, Parameters<typeof nextOfficerComplaintStatus>, string | null]> = [
    ['a received complaint is accepted', ['submitted', 'accept'], 'accepted'],
    ['a received complaint that is not about an officer is declined', ['submitted', 'decline'], 'declined'],
    ['an accepted complaint is concluded with a reply', ['accepted', 'conclude'], 'concluded'],
    ['no conclusion before acceptance', ['submitted', 'conclude'], null],
    ['no second acceptance', ['accepted', 'accept'], null],
    ['an accepted complaint is not declined', ['accepted', 'decline'], null],
    ['a concluded complaint is final', ['concluded', 'conclude'], null],
    ['a concluded complaint is not reopened', ['concluded', 'accept'], null],
    ['a declined complaint is final', ['declined', 'accept'], null],
  ];
  for (const [name, args, expected] of table)
    it(name, () => {
      if (expected) assert.equal(nextOfficerComplaintStatus(...args), expected);
      else assert.throws(() => nextOfficerComplaintStatus(...args), OfficerComplaintTransitionError);
    });

  it('each action starts from exactly one state (the compare-and-set expectation)', () => {
    assert.deepEqual(officerComplaintStatesFor('accept'), ['submitted']);
    assert.deepEqual(officerComplaintStatesFor('decline'), ['submitted']);
    assert.deepEqual(officerComplaintStatesFor('conclude'), ['accepted']);
  });

  const codes: Array<[string, string, string | null]> = [
    ['as shown, with dashes', 'ABCD-EFGH-JKLM-NP23', 'ABCDEFGHJKLMNP23'],
    ['typed in lower case with spaces', 'abcd efgh jklm np23', 'ABCDEFGHJKLMNP23'],
    ['one character short', 'ABCD-EFGH-JKLM-NP2', null],
    ['one character too many', 'ABCD-EFGH-JKLM-NP234', null],
    ['0 and O are not in the alphabet', 'ABCD-EFGH-JKLM-NP0O', null],
    ['1 and I are not in the alphabet', 'ABCD-EFGH-JKLM-NP1I', null],
    ['SQL wildcards are not a code', 'ABCD-EFGH-JKLM-NP2%', null],
  ];
  for (const [name, input, expected] of codes) it(`tracking code ${name}`, () => assert.equal(normalTrackingCode(input), expected));

  it('a code is shown in groups of four and reads back as itself', () => {
    assert.equal(formatTrackingCode('ABCDEFGHJKLMNP23'), 'ABCD-EFGH-JKLM-NP23');
    assert.equal(normalTrackingCode(formatTrackingCode('ABCDEFGHJKLMNP23')), 'ABCDEFGHJKLMNP23');
  });
});
