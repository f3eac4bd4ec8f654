import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUsci, completeUsci, isValidUsci, normalizeUsci } from './usci.ts';

describe('USCI check character (GB 32100-2015)', () => {
  const valid = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91330100799655058B', '91110000802100433B'];
  for (const code of valid) it(`accepts the published code ${code}`, () => assert.equal(isValidUsci(code), true));

  const invalid: Array<[string, string]> = [
    ['91350100M000100Y44', 'changed check character'],
    ['91350100M000100Y4', '17 characters'],
    ['9135010OM000100Y43', 'letter O is not in the alphabet'],
    ['91350100M000100Y4I', 'letter I is not in the alphabet'],
    ['913501A0M000100Y43', 'region part must be digits'],
    ['', 'empty'],
  ];
  for (const [code, why] of invalid) it(`rejects ${code || '(empty)'}: ${why}`, () => assert.equal(isValidUsci(code), false));

  it('normalises full-width characters, spaces and case before checking', () => {
    assert.equal(normalizeUsci(' ９１３５０１００m０００１００y４３ '), '91350100M000100Y43');
    assert.deepEqual(checkUsci('９１３５０１００m０００１００y４３'), { ok: true, code: '91350100M000100Y43' });
  });
  it('explains which part is wrong', () => {
    assert.equal((checkUsci('123') as { problem: string }).problem, 'length');
    assert.equal((checkUsci('9135010OM000100Y43') as { problem: string }).problem, 'charset');
    assert.equal((checkUsci('91350100M000100Y44') as { problem: string }).problem, 'check_char');
  });
  it('completes a 17-character body with its check character', () => {
    assert.equal(completeUsci('91350100M000100Y4'), '91350100M000100Y43');
  });
});
