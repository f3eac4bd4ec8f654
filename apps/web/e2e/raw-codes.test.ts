import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeRawCodes, findRawCodes } from './raw-codes.ts';

/** The scanner every browser test runs on every page (support.ts): it must catch what users saw, and nothing else. */
describe('raw-code scanner of the browser tests', () => {
  const planted: [string, string][] = [
    ['policy version key on the exemption result', '依据版本：licensing.exemption@national+360000v1'],
    ['requirement ID under the figures', '以上数字由检查、隐患和整改记录直接计算（SUP-13）。'],
    ['strata as |-joined keys', '分层抽取：high|A|general|campaign：1/1（50%）'],
    ['JSON of a policy value', '告知承诺书文本：{"title":"公众聚集场所投入使用、营业消防安全告知承诺书"}'],
    ['JSON array of objects', '[{ "metric": "investment" }]'],
    ['snake_case venue kind', '专项治理场所：internet_cafe'],
    ['bare enum value of a label map', '专项治理场所：ktv、宾馆'],
    ['dotted enum value', '事件：licensing.false_commitment_found'],
    ['policy kind', '参数种类：supervision.random_quota'],
    ['camelCase field name', 'decisionWorkingDays 必须小于等于 30'],
    ['error code', '保存失败：APPLICATION.VERSION_CONFLICT'],
    ['status code', '状态：pending'],
  ];
  for (const [what, text] of planted) {
    test(`finds the ${what}`, () => {
      const found = findRawCodes(text);
      assert.ok(found.length > 0, `nothing found in “${text}”`);
      assert.match(describeRawCodes(text, found), /“.+” in “…/);
    });
  }

  test('passes normal Chinese text with dates, USCI codes, phone numbers, permit numbers, hashes and links', () => {
    const text = [
      '辽阳市消防救援支队 · 2026-12-07 至 2026-12-31 · 已抽取 77 家',
      '统一社会信用代码 91211000MA0X1234XY，联系电话 138****5678，0419-2345678',
      '辽消安许字〔2026〕第0001号 · 受理编号 XK2110002026000012',
      '输入摘要（SM3）bb07dc2aabe07493618ada92144ff4357d034ba7687a7cd26e9c5c97c123077a',
      '公开随机数：03 08 12 19 25 31 + 07 / 8144aaccd36879ecd2cd1bc79e1a912fe9ff79ae57841c21dc5f259b0ae8ac07',
      '分层抽取：高风险 · A级 · 一般单位 · 专项治理：1/1（50%）',
      '用户 clerk.211000 · 何明（辽阳支队负责人）· 平面图.png · 消防安全制度.pdf',
      '核验地址 https://fep.example.gov.cn/verify/abc_def?x=1 · 联系 service@fire.example.cn',
      '宾馆、饭店；KTV；PDF；QR 码；第 3 版 · 10 个工作日 · 100 万元 · 300 ㎡',
    ].join('\n');
    assert.deepEqual(findRawCodes(text), []);
  });
});
