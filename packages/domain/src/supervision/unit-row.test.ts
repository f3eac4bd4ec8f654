import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeUsci } from '../usci.ts';
import { mapHeaders, parseUnitRow } from './unit-row.ts';

describe('SUP-01 unit directory import rows', () => {
  const { index, missing } = mapHeaders([
    '\uFEFF统一社会信用代码',
    '单位名称',
    '地址',
    '行政区划代码',
    '场所类别',
    '建筑面积',
    '重点单位',
    '风险等级',
    '信用等级',
    '自我管理承诺',
    '联系人',
    '联系电话',
  ]);
  const good = completeUsci('91211002MA0AB1234');
  it('Chinese headers map to fields (a BOM is ignored)', () => assert.deepEqual(missing, []));
  it('a well-formed row parses, Chinese venue kind and yes/no included', () => {
    const r = parseUnitRow([good, '鑫源大酒店', '白塔区人民路1号', '211002', '餐饮场所', '1,280', '是', '高', 'b', '否', '王伟', '13800138000'], index);
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.row.venueKind, 'restaurant');
      assert.equal(r.row.floorArea, 1280);
      assert.equal(r.row.keyUnit, true);
      assert.equal(r.row.riskLevel, 'high');
      assert.equal(r.row.creditLevel, 'B');
    }
  });
  const bad: Array<[string, string[], RegExp]> = [
    ['a wrong check character', [`${good.slice(0, 17)}${good.at(-1) === '0' ? '1' : '0'}`, '某单位', '某路1号', '211002'], /校验位/],
    ['an unknown venue kind', [good, '某单位', '某路1号', '211002', '太空港'], /场所类别/],
    ['a negative area', [good, '某单位', '某路1号', '211002', '', '-5'], /建筑面积/],
    ['a formula in the name', [good, '=cmd|calc', '某路1号', '211002'], /公式注入/],
    ['a bad region code', [good, '某单位', '某路1号', '2110'], /行政区划代码/],
  ];
  for (const [name, cells, reason] of bad) {
    it(`rejects ${name} with a reason`, () => {
      const r = parseUnitRow(cells, index);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reasons.join('；'), reason);
    });
  }
  it('names missing required headers', () => assert.deepEqual(mapHeaders(['单位名称', '地址']).missing, ['统一社会信用代码', '行政区划代码']));
});
