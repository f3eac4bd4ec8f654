import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { liableRoles, type PersonLiabilityPolicy, residentIdValid, residentSubjectKey } from './persons.ts';

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

describe('CRD-01 a unit’s responsible persons as credit subjects', () => {
  const ids: [string, boolean][] = [
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['11010519491331002X', false],
    ['1101051949123100', false],
    ['11010519491231002Y', false],
  ];
  for (const [id, ok] of ids) test(`${id} ${ok ? 'valid' : 'refused'} (GB 11643-1999)`, () => assert.equal(residentIdValid(id), ok));

  test('one key per person, whatever the case of X; no ID number in it', () => {
    const a = residentSubjectKey('11010519491231002X', sm3);
    assert.equal(a, residentSubjectKey(' 11010519491231002x ', sm3));
    assert.match(a, /^person:[0-9a-f]{32}$/);
    assert.ok(!a.includes('110105'));
  });

  const national: PersonLiabilityPolicy = POLICY_KINDS['credit.person_liability'].nationalDefault;
  const cases: [string, 'general' | 'serious', PersonLiabilityPolicy, string[]][] = [
    ['serious, national default', 'serious', national, ['responsible', 'manager']],
    ['general, national default', 'general', national, []],
    ['both severities, the responsible person only', 'general', { severities: ['general', 'serious'], roles: ['responsible'] }, ['responsible']],
    ['none', 'serious', { severities: [], roles: ['responsible', 'manager'] }, []],
  ];
  for (const [name, severity, policy, want] of cases) test(name, () => assert.deepEqual(liableRoles(severity, policy), want));
});
