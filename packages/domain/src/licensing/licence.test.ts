import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LicenceTransitionError, nextLicenceRequestStatus, nextLicenceStatus, nextVerificationTaskStatus, supersededStatus } from './licence.ts';

describe('LIC-08/09/10 licence transitions', () => {
  const legal: Array<[Parameters<typeof nextLicenceStatus>, string]> = [
    [['valid', 'amend'], 'amended'],
    [['valid', 'reissue'], 'reissued'],
    [['valid', 'revoke'], 'revoked'],
    [['valid', 'deliver'], 'valid'],
    [['valid', 'request_change'], 'valid'],
  ];
  for (const [args, to] of legal) it(`${args[0]} --${args[1]}--> ${to}`, () => assert.equal(nextLicenceStatus(...args), to));
  const illegal: Array<Parameters<typeof nextLicenceStatus>> = [
    ['revoked', 'revoke'],
    ['revoked', 'amend'],
    ['amended', 'amend'],
    ['amended', 'revoke'],
    ['reissued', 'reissue'],
    ['revoked', 'deliver'],
    ['amended', 'request_change'],
  ];
  for (const args of illegal) it(`${args[0]} cannot ${args[1]}`, () => assert.throws(() => nextLicenceStatus(...args), LicenceTransitionError));
  it('an approved request leaves the old revision amended or reissued', () => {
    assert.equal(supersededStatus('amend'), 'amended');
    assert.equal(supersededStatus('reissue'), 'reissued');
  });
});

describe('LIC-08/09 change and reissue requests', () => {
  const table: Array<[Parameters<typeof nextLicenceRequestStatus>, string | null]> = [
    [['pending', 'approve'], 'approved'],
    [['pending', 'reject'], 'rejected'],
    [['approved', 'approve'], null],
    [['approved', 'reject'], null],
    [['rejected', 'approve'], null],
    [['rejected', 'reject'], null],
  ];
  for (const [args, to] of table)
    it(`${args[0]} --${args[1]}--> ${to ?? 'refused'}`, () => {
      if (to) assert.equal(nextLicenceRequestStatus(...args), to);
      else assert.throws(() => nextLicenceRequestStatus(...args), LicenceTransitionError);
    });
});

describe('LIC-03 verification tasks', () => {
  const table: Array<[Parameters<typeof nextVerificationTaskStatus>, string | null]> = [
    [['unassigned', 'assign'], 'assigned'],
    [['assigned', 'assign'], 'assigned'],
    [['assigned', 'record'], 'done'],
    [['unassigned', 'record'], null],
    [['done', 'record'], null],
    [['done', 'assign'], null],
    [['cancelled', 'assign'], null],
    [['cancelled', 'record'], null],
  ];
  for (const [args, to] of table)
    it(`${args[0]} --${args[1]}--> ${to ?? 'refused'}`, () => {
      if (to) assert.equal(nextVerificationTaskStatus(...args), to);
      else assert.throws(() => nextVerificationTaskStatus(...args), LicenceTransitionError);
    });
});
