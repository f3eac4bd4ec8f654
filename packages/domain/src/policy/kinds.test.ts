import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapHeaders, parseUnitRow } from '../supervision/unit-row.ts';
import { completeUsci } from '../usci.ts';
import { getPolicyKind, POLICY_KIND_IDS, POLICY_KINDS, type PolicyKindId } from './kinds.ts';
import { validateOverride } from './resolver.ts';
import { resolvePreset } from './testing.ts';
import type { PolicyVersion } from './types.ts';

/** The policy kinds that replaced numbers in code: credit deductions, unit defaults, licensing numbering. */
const v = (kind: PolicyKindId, values: Record<string, unknown>): PolicyVersion => ({
  id: 'o1',
  kind,
  agencyId: 'a440106',
  version: 1,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  values,
  legalBasis: { document: '测试文件', clause: '第一条' },
});

describe('policy kinds: every kind is complete (REQUIREMENTS §11)', () => {
  for (const id of POLICY_KIND_IDS) {
    it(`${id}: its national default validates and every field has a label and a legal basis`, () => {
      const def = getPolicyKind(id)!;
      assert.deepEqual(validateOverride(def, def.nationalDefault), []);
      assert.deepEqual(Object.keys(def.fields).sort(), Object.keys(def.nationalDefault).sort());
      for (const f of Object.values(def.fields)) {
        assert.ok(f.label.length > 0);
        assert.ok(f.legalBasis.document.length > 0);
      }
    });
  }
  for (const id of ['credit.deductions', 'units.defaults', 'licensing.numbering'] as const) {
    it(`${id}: a default the law does not fix says 待确认 (to confirm)`, () => {
      assert.match(POLICY_KINDS[id].description, /待确认/);
    });
  }

  /** Every place of a kind's schema the generated form shows gets a Chinese label (issue 11 item 4). */
  function unlabelled(schema: Record<string, unknown>, at: string, out: string[]): string[] {
    const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [k, p] of Object.entries(props ?? {})) {
      if (at !== '' && typeof p.title !== 'string') out.push(`${at}/${k}`);
      unlabelled(p, `${at}/${k}`, out);
    }
    const items = schema.items as Record<string, unknown> | undefined;
    if (items) unlabelled(items, `${at}/*`, out);
    for (const option of (schema.anyOf as Record<string, unknown>[] | undefined) ?? []) {
      if ('const' in option && !/\p{Script=Han}/u.test(String(option.title))) out.push(`${at}=${String(option.const)}`);
    }
    if (Array.isArray(schema.enum)) out.push(`${at} (enum without labels)`);
    return out;
  }
  for (const id of POLICY_KIND_IDS) {
    it(`${id}: every nested field and every choice of its schema has a Chinese title; texts carry no requirement ID`, () => {
      const def = getPolicyKind(id)!;
      assert.deepEqual(unlabelled(def.schema as unknown as Record<string, unknown>, '', []), []);
      const texts = [def.title, def.description, ...Object.values(def.fields).flatMap((f) => [f.label, f.help ?? ''])].join('\n');
      assert.doesNotMatch(texts, /\b[A-Z]{3}-(\d\d|\*)\b|to confirm|[a-z]+_[a-z]+/);
    });
  }
});

describe('CRD credit.deductions, SUP-01 units.defaults, LIC-01/07 licensing.numbering: defaults and overrides', () => {
  const table: Array<[PolicyKindId, string, PolicyVersion[], string, unknown, string]> = [
    // kind, county, extra versions, field, expected, version key
    ['credit.deductions', '440106', [], 'falseCommitment', { general: 10, serious: 20 }, 'credit.deductions@national'],
    ['credit.deductions', '211002', [], 'falseCommitment', { general: 10, serious: 20 }, 'credit.deductions@national'],
    [
      'credit.deductions',
      '440106',
      [v('credit.deductions', { falseCommitment: { general: 5, serious: 30 } })],
      'falseCommitment',
      { general: 5, serious: 30 },
      'credit.deductions@national+440106v1',
    ],
    ['units.defaults', '360102', [], 'riskLevel', 'medium', 'units.defaults@national'],
    ['units.defaults', '360102', [], 'creditLevel', 'A', 'units.defaults@national'],
    ['units.defaults', '440106', [v('units.defaults', { riskLevel: 'high' })], 'riskLevel', 'high', 'units.defaults@national+440106v1'],
    ['units.defaults', '440106', [v('units.defaults', { riskLevel: 'high' })], 'creditLevel', 'A', 'units.defaults@national+440106v1'],
    ['licensing.numbering', '150102', [], 'permitTemplate', '{agency}消安许字〔{year}〕第{seq}号', 'licensing.numbering@national'],
    ['licensing.numbering', '150102', [], 'referenceTemplate', 'XK{region}{year}{seq}', 'licensing.numbering@national'],
    [
      'licensing.numbering',
      '440106',
      [v('licensing.numbering', { permitTemplate: '穗{agency}消许〔{year}〕{seq}号' })],
      'permitTemplate',
      '穗{agency}消许〔{year}〕{seq}号',
      'licensing.numbering@national+440106v1',
    ],
  ];
  for (const [kind, county, extra, field, expected, key] of table) {
    it(`${kind}.${field} for ${county}${extra.length ? ' (overridden)' : ''} is ${JSON.stringify(expected)} (${key})`, () => {
      const r = resolvePreset(kind, county, extra);
      assert.deepEqual((r.values as Record<string, unknown>)[field], expected);
      assert.equal(r.versionKey, key);
    });
  }

  const refused: Array<[PolicyKindId, Record<string, unknown>, string]> = [
    ['credit.deductions', { falseCommitment: { general: -5, serious: 20 } }, 'a negative deduction'],
    ['credit.deductions', { falseCommitment: { general: 5 } }, 'a severity left out'],
    ['units.defaults', { riskLevel: 'extreme' }, 'an unknown risk level'],
    ['units.defaults', { creditLevel: 'E' }, 'an unknown credit level'],
    ['licensing.numbering', { permitTemplate: '{agency}消安许字第{seq}号' }, 'a permit number without {year} (numbers would repeat each year)'],
    ['licensing.numbering', { referenceTemplate: 'XK{year}{seq}' }, 'a reference without {region} (references are unique platform-wide)'],
    ['licensing.numbering', { referenceSeqDigits: 0 }, 'zero sequence digits'],
  ];
  for (const [kind, values, what] of refused) {
    it(`${kind}: refuses ${what}`, () => assert.ok(validateOverride(getPolicyKind(kind)!, values).length > 0));
  }
  it('licensing.numbering: accepts a reordered reference template', () =>
    assert.deepEqual(validateOverride(getPolicyKind('licensing.numbering')!, { referenceTemplate: '{year}XK{region}-{seq}' }), []));
});

describe("SUP-01 import rows: blank levels take the agency's units.defaults", () => {
  const { index } = mapHeaders(['统一社会信用代码', '单位名称', '地址', '行政区划代码', '风险等级', '信用等级']);
  const usci = completeUsci('91211002MA0AB1234');
  const table: Array<[string, string, string, { riskLevel: 'low' | 'medium' | 'high'; creditLevel: 'A' | 'B' | 'C' | 'D' } | undefined, string, string]> = [
    ['blank, national default', '', '', undefined, 'medium', 'A'],
    ['blank, jurisdiction default', '', '', { riskLevel: 'high', creditLevel: 'B' }, 'high', 'B'],
    ['filled cells win over the default', '低', 'c', { riskLevel: 'high', creditLevel: 'B' }, 'low', 'C'],
  ];
  for (const [what, risk, credit, defaults, expRisk, expCredit] of table) {
    it(what, () => {
      const r = parseUnitRow([usci, '鑫源大酒店', '白塔区人民路1号', '211002', risk, credit], index, defaults);
      assert.ok(r.ok);
      if (r.ok) {
        assert.equal(r.row.riskLevel, expRisk);
        assert.equal(r.row.creditLevel, expCredit);
      }
    });
  }
  it('an unknown risk word is still refused', () => {
    const r = parseUnitRow([usci, '鑫源大酒店', '白塔区人民路1号', '211002', 'constructor', ''], index);
    assert.equal(r.ok, false);
  });
});
