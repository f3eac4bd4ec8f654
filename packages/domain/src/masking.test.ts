import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIdNumber, maskPersonalText, maskPersonName, maskPhone } from './masking.ts';

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

describe('masking of ID and mobile numbers typed into free text (PIPL art. 51, DESIGN §4)', () => {
  const cases: Array<[string, string, string]> = [
    ['an ID number in a reason', '申请人身份证号110105194912310021，许可证遗失', '申请人身份证号1101**********0021，许可证遗失'],
    ['an ID number ending in X', '身份证 11010519491231002X 补办', '身份证 1101**********002X 补办'],
    ['an ID number ending in lower-case x', '证件号11010519491231002x', '证件号1101**********002x'],
    ['an ID number in full-width digits', '身份证１１０１０５１９４９１２３１００２Ｘ', '身份证1101**********002X'],
    ['an ID number born in the 2000s', '320102200502290017', '3201**********0017'],
    ['a mobile number', '联系人电话13800001234请回电', '联系人电话138****1234请回电'],
    ['a mobile number with spaces', '电话 138 0000 1234。', '电话 138****1234。'],
    ['a mobile number with dashes', '电话：139-1234-5678', '电话：139****5678'],
    ['a mobile number with +86', '电话+8613800001234', '电话+86138****1234'],
    ['a mobile number in full-width digits', '电话１３８００００１２３４', '电话138****1234'],
    ['two numbers and an ID in one text', '13800001234或13912345678，身份证110105194912310021', '138****1234或139****5678，身份证1101**********0021'],
    ['a mobile number next to Chinese text on both sides', '打13800001234找张三', '打138****1234找张三'],
  ];
  for (const [name, input, expected] of cases) it(`masks ${name}`, () => assert.equal(maskPersonalText(input), expected));

  const untouched: Array<[string, string]> = [
    ['a USCI', '统一社会信用代码 91211000MA0X1234XY'],
    ['an all-digit USCI-like run of 19 digits', '编号1101051949123100211'],
    ['a landline', '电话 0419-2345678'],
    ['a 12-digit number starting with 1', '流水号138000012345'],
    ['a number starting 12 (not a mobile prefix)', '12345678901'],
    ['a permit number', '辽消安许字〔2026〕第0001号 · XK2110002026000012'],
    ['an 18-digit number without a birth date', '订单号110105999913310021'],
    ['a date and an amount', '2026-12-07 罚款 10000 元'],
    ['an already masked text', '138****1234，1101**********0021'],
  ];
  for (const [name, text] of untouched) it(`leaves ${name} as it is`, () => assert.equal(maskPersonalText(text), text));

  it('is idempotent, and passes empty values through', () => {
    const once = maskPersonalText('身份证110105194912310021 电话13800001234');
    assert.equal(maskPersonalText(once), once);
    assert.equal(maskPersonalText(null), null);
    assert.equal(maskPersonalText(''), '');
  });
});
