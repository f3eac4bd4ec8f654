import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIdNumber, maskPersonName, maskPhone } from './masking.ts';

describe('masking of personal data (PIPL art. 51)', () => {
  const cases: Array<[string, (s: string) => string, string, string]> = [
    ['ID number keeps first 4 and last 4', maskIdNumber, '210102199001011234', '2101**********1234'],
    ['ID number with X', maskIdNumber, '21010219900101123X', '2101**********123X'],
    ['short ID fully masked', maskIdNumber, '1234', '****'],
    ['mobile keeps 3 + 4', maskPhone, '13812345678', '138****5678'],
    ['mobile with separators', maskPhone, '138-1234-5678', '138****5678'],
    ['landline keeps last 4', maskPhone, '0419-2345678', '*******5678'],
    ['two-character name', maskPersonName, '张三', '张*'],
    ['four-character name', maskPersonName, '欧阳娜娜', '欧***'],
  ];
  for (const [name, fn, input, expected] of cases) it(name, () => assert.equal(fn(input), expected));
  it('empty values stay empty', () => {
    assert.equal(maskIdNumber(null), '');
    assert.equal(maskPhone(undefined), '');
    assert.equal(maskPersonName(''), '');
  });
});
