import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { resolvePreset } from '../policy/testing.ts';
import { type Circumstances, DiscretionError, type DiscretionPolicy, discretionSchema, isDeviation, type PartyKind, proposePenalty } from './discretion.ts';
import { NATIONAL_DISCRETION, NATIONAL_VIOLATION_ITEMS } from './items.ts';

const N = NATIONAL_DISCRETION;
const ask = (code: string, partyKind: PartyKind, circumstances: Circumstances, policy: DiscretionPolicy = N) =>
  proposePenalty(policy, { violationCode: code, partyKind, circumstances });

describe('ENF-02 discretion engine: national items, every band boundary', () => {
  it('the national benchmark is valid policy data and every item has a code of the XFF-article-paragraph-item scheme', () => {
    assert.ok(Value.Check(discretionSchema, N), [...Value.Errors(discretionSchema, N)].map((e) => `${e.instancePath} ${e.message}`).join('; '));
    for (const item of N.items) assert.match(item.code, /^XFF-\d+-\d+-\d+$/);
    assert.equal(new Set(N.items.map((i) => i.code)).size, N.items.length, 'codes are unique');
  });

  // [what, code, party, circumstances, band, min, max, proposed fine]: the statutory range cut at 30 % and 70 %.
  const table: Array<[string, string, PartyKind, Circumstances, string, number, number, number]> = [
    ['art. 60 unit, nothing said: 一般 30–70 %', 'XFF-60-1-3', 'unit', {}, 'general', 18_500, 36_500, 27_500],
    ['art. 60 unit, corrected but not a first violation: 较轻 0–30 %', 'XFF-60-1-1', 'unit', { correctedInTime: true }, 'minor', 5_000, 18_500, 11_800],
    ['art. 60 unit, harm: 严重 70–100 %', 'XFF-60-1-5', 'unit', { harmfulConsequence: true }, 'serious', 36_500, 50_000, 43_300],
    [
      'art. 60 unit, repeat within 12 months though corrected: 严重',
      'XFF-60-1-7',
      'unit',
      { repeatWithin12Months: true, correctedInTime: true },
      'serious',
      36_500,
      50_000,
      43_300,
    ],
    ['art. 58, 4,999 ㎡: 一般', 'XFF-58-1-4', 'unit', { floorArea: 4999 }, 'general', 111_000, 219_000, 165_000],
    ['art. 58, 5,000 ㎡ (以上 includes 5,000): 严重', 'XFF-58-1-4', 'unit', { floorArea: 5000 }, 'serious', 219_000, 300_000, 259_500],
    ['art. 58, 500 ㎡ corrected (以下 includes 500): 较轻', 'XFF-58-1-4', 'unit', { floorArea: 500, correctedInTime: true }, 'minor', 30_000, 111_000, 70_500],
    ['art. 58, 501 ㎡ corrected: 一般', 'XFF-58-1-4', 'unit', { floorArea: 501, correctedInTime: true }, 'general', 111_000, 219_000, 165_000],
    [
      'art. 58, a first violation corrected is not on the 首违不罚 list: 较轻 by area',
      'XFF-58-1-4',
      'person',
      { firstViolation: true, correctedInTime: true, floorArea: 300 },
      'minor',
      30_000,
      111_000,
      70_500,
    ],
    ['art. 61, general', 'XFF-61-1-0', 'unit', {}, 'general', 18_500, 36_500, 27_500],
    [
      'art. 61, first violation corrected: 较轻 (not on the 首违不罚 list)',
      'XFF-61-2-0',
      'unit',
      { firstViolation: true, correctedInTime: true },
      'minor',
      5_000,
      18_500,
      11_800,
    ],
    ['art. 65 ¶2, responsible person 500–2,000, general', 'XFF-65-2-0', 'person', {}, 'general', 950, 1_550, 1_300],
    ['art. 65 ¶2, responsible person, serious', 'XFF-65-2-0', 'person', { harmfulConsequence: true }, 'serious', 1_550, 2_000, 1_800],
    ['art. 60 ¶2 person, general: 0–70 % of 0–500', 'XFF-60-2-3', 'person', {}, 'general', 0, 350, 200],
    ['art. 60 ¶2 person, serious: 70–100 %', 'XFF-60-2-4', 'person', { harmfulConsequence: true }, 'serious', 350, 500, 400],
  ];
  for (const [what, code, party, c, band, min, max, fine] of table) {
    it(`${what}: ${band} ${min}–${max}, proposes ${fine}`, () => {
      const p = ask(code, party, c);
      assert.equal(p.outcome, 'fine');
      assert.equal(p.noPenalty, false);
      assert.equal(p.band?.id, band);
      assert.deepEqual(p.range, { min, max });
      assert.equal(p.proposedFine, fine);
      assert.ok(p.proposedFine! >= min && p.proposedFine! <= max);
      assert.ok(p.explanation.some((l) => l.includes(`${min.toLocaleString('en-US')}–${max.toLocaleString('en-US')} 元`)));
      assert.ok(p.rule.text.startsWith('《中华人民共和国消防法》第'));
    });
  }

  it('art. 60 ¶2 person, corrected: the lighter band proposes a warning (警告或者五百元以下罚款)', () => {
    const p = ask('XFF-60-2-2', 'person', { correctedInTime: true });
    assert.equal(p.outcome, 'warning');
    assert.equal(p.proposedFine, undefined);
    assert.ok(p.explanation.some((l) => l.includes('警告')));
  });

  it('base "maximum" reads the percentages of the statutory maximum (art. 60: ≤ 15,000 / 15,000–35,000 / 35,000–50,000)', () => {
    const policy = { ...N, base: 'maximum' as const };
    assert.deepEqual(ask('XFF-60-1-3', 'unit', { correctedInTime: true, blockedWidthPercent: 50 }, policy).range, { min: 5_000, max: 15_000 });
    assert.deepEqual(ask('XFF-60-1-3', 'unit', {}, policy).range, { min: 15_000, max: 35_000 });
    assert.deepEqual(ask('XFF-60-1-3', 'unit', { harmfulConsequence: true }, policy).range, { min: 35_000, max: 50_000 });
    assert.deepEqual(ask('XFF-58-1-4', 'unit', { floorArea: 1000 }, policy).range, { min: 90_000, max: 210_000 });
  });

  it('explains itself in the order a decision cites it: conduct and provision, circumstances, band, ranges, fine, basis', () => {
    const p = ask('XFF-60-1-3', 'unit', { blockedWidthPercent: 40 });
    assert.match(p.explanation[0]!, /^违法行为：占用、堵塞、封闭疏散通道、安全出口.*（《中华人民共和国消防法》第六十条第一款第三项）$/);
    assert.match(p.explanation[1]!, /占用疏散宽度比例 40%/);
    assert.match(
      p.explanation.join('\n'),
      /裁量档次：一般[\s\S]*法定罚款幅度：5,000–50,000 元（单位）[\s\S]*本档罚款幅度：18,500–36,500 元（法定幅度的 30%–70%）[\s\S]*建议罚款：27,500 元[\s\S]*依据：/,
    );
  });
});

describe('ENF-03 no penalty or a lighter one', () => {
  it('a first violation, corrected in time, without harm: 可以不予处罚 (行政处罚法 art. 33 ¶1), education recorded', () => {
    const p = ask('XFF-60-1-3', 'unit', { firstViolation: true, correctedInTime: true, harmfulConsequence: false });
    assert.equal(p.outcome, 'no_penalty');
    assert.equal(p.noPenalty, true);
    assert.equal(p.mandatory, false);
    assert.equal(p.band, undefined);
    assert.equal(p.rule.legalBasis.clause, '第三十三条第一款');
    assert.ok(p.explanation.some((l) => l.includes('教育')));
  });

  it('a first violation that is a repeat within 12 months is no first violation: 严重, and the explanation says so', () => {
    const p = ask('XFF-60-1-3', 'unit', { firstViolation: true, correctedInTime: true, repeatWithin12Months: true });
    assert.equal(p.noPenalty, false);
    assert.equal(p.band?.id, 'serious');
    assert.ok(p.explanation.includes('12个月内同一违法行为再次发生，不属于初次违法'));
  });

  it('a first violation with harm is fined (严重)', () => {
    const p = ask('XFF-60-1-2', 'unit', { firstViolation: true, correctedInTime: true, harmfulConsequence: true });
    assert.equal(p.noPenalty, false);
    assert.equal(p.band?.id, 'serious');
  });

  const blockage: Array<[number, boolean, boolean]> = [
    [19.9, true, true],
    [20, true, false],
    [5, false, false],
  ];
  for (const [percent, corrected, none] of blockage) {
    it(`escape route blocked ${percent} % of its width${corrected ? ', corrected on the spot' : ''}: ${none ? '应当不予处罚 (不足 20% excludes 20)' : 'fined'}`, () => {
      const p = ask('XFF-60-1-3', 'unit', { blockedWidthPercent: percent, correctedInTime: corrected });
      assert.equal(p.noPenalty, none);
      if (none) assert.equal(p.mandatory, true);
    });
  }

  it('the same blockage by a person is not penalised either', () => {
    assert.equal(ask('XFF-60-2-3', 'person', { blockedWidthPercent: 10, correctedInTime: true }).noPenalty, true);
  });

  it('self-found before the inspection: not a national rule (fined), but Jiangxi and Guangdong presets waive it; Inner Mongolia, Liaoyang and Benxi do not', () => {
    const c = { selfFoundBeforeInspection: true, correctedInTime: true };
    assert.equal(ask('XFF-60-1-1', 'unit', c).noPenalty, false);
    for (const [county, waived] of [
      ['360102', true],
      ['440106', true],
      ['150102', false],
      ['211002', false],
      ['210502', false],
    ] as const) {
      const resolved = resolvePreset('enforcement.discretion', county);
      const p = ask('XFF-60-1-1', 'unit', c, resolved.values);
      assert.equal(p.noPenalty, waived, county);
      if (waived) assert.equal(p.rule.legalBasis.clause, county === '360102' ? '（九）' : '（十二）');
    }
  });

  it('every preset is valid policy data, and Benxi cites its own benchmark for every item', () => {
    for (const county of ['360102', '440106', '150102', '211002', '210502']) {
      const resolved = resolvePreset('enforcement.discretion', county);
      assert.ok(Value.Check(discretionSchema, resolved.values), county);
    }
    const benxi = resolvePreset('enforcement.discretion', '210502');
    assert.equal(benxi.values.items.length, NATIONAL_VIOLATION_ITEMS.length);
    for (const item of benxi.values.items) assert.match(item.basis.document, /应急消〔2019〕172号/);
    assert.match(benxi.versionKey, /^enforcement\.discretion@national\+210500v1$/);
    assert.match(ask('XFF-60-1-3', 'unit', {}, benxi.values).explanation.at(-1)!, /应急消〔2019〕172号/);
  });
});

describe('ENF-02 refusals and deviations', () => {
  const refusals: Array<[string, string, PartyKind, Circumstances, string, string]> = [
    ['unknown violation code', 'XFF-99-1-1', 'unit', {}, 'UNKNOWN_VIOLATION', 'violationCode'],
    ['art. 60 ¶1 applies to units only', 'XFF-60-1-3', 'person', {}, 'PARTY_NOT_COVERED', 'party'],
    ['a circumstance the item does not accept', 'XFF-60-1-1', 'unit', { floorArea: 300 }, 'UNKNOWN_CIRCUMSTANCE', 'circumstances.floorArea'],
    ['a yes/no circumstance given as a number', 'XFF-60-1-1', 'unit', { firstViolation: 1 }, 'BAD_CIRCUMSTANCE', 'circumstances.firstViolation'],
    ['a number given as yes/no', 'XFF-58-1-4', 'unit', { floorArea: true }, 'BAD_CIRCUMSTANCE', 'circumstances.floorArea'],
  ];
  for (const [what, code, party, c, errorCode, field] of refusals) {
    it(`${what}: ${errorCode}`, () => {
      assert.throws(
        () => ask(code, party, c),
        (e: unknown) => e instanceof DiscretionError && e.code === errorCode && e.field === field && /[\u4e00-\u9fa5]/.test(e.message),
      );
    });
  }

  it('a decision outside the proposed range, or of another outcome, is a deviation; inside it is not', () => {
    const p = ask('XFF-60-1-3', 'unit', {});
    assert.equal(isDeviation(p, { outcome: 'fine', fine: 18_500 }), false);
    assert.equal(isDeviation(p, { outcome: 'fine', fine: 36_500 }), false);
    assert.equal(isDeviation(p, { outcome: 'fine', fine: 18_499 }), true);
    assert.equal(isDeviation(p, { outcome: 'fine', fine: 36_501 }), true);
    assert.equal(isDeviation(p, { outcome: 'warning' }), true);
    const none = ask('XFF-60-1-3', 'unit', { firstViolation: true, correctedInTime: true });
    assert.equal(isDeviation(none, { outcome: 'no_penalty' }), false);
    assert.equal(isDeviation(none, { outcome: 'fine', fine: 5_000 }), true);
  });
});
