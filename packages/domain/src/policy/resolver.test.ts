import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENTERTAINMENT_VENUE_KINDS } from '../venue.ts';
import { getPolicyKind, POLICY_KINDS, type PolicyKindId } from './kinds.ts';
import { JURISDICTION_PRESETS } from './presets.ts';
import { validateOverride, versionInForce } from './resolver.ts';
import { resolvePreset } from './testing.ts';
import type { PolicyVersion } from './types.ts';

const AT = '2026-11-23';
const resolve = <K extends PolicyKindId>(kind: K, county: string, extra: PolicyVersion[] = [], at = AT) => resolvePreset(kind, county, extra, at);

describe('policy resolver: the five source jurisdictions (REQUIREMENTS §0)', () => {
  const table: Array<[PolicyKindId, string, string, unknown, string]> = [
    // kind, county, field, expected, where it comes from ('national' or the region code)
    ['licensing.exemption', '360102', 'rules', [{ metric: 'floorArea', op: 'lte', limit: 300, text: '建筑面积300平方米以下' }], '360000'],
    ['licensing.exemption', '360102', 'exceptVenueKinds', [...ENTERTAINMENT_VENUE_KINDS], '360000'],
    [
      'licensing.exemption',
      '440106',
      'rules',
      [
        { metric: 'investment', op: 'lte', limit: 1_000_000, text: '工程投资额在100（含）万元以下' },
        { metric: 'floorArea', op: 'lte', limit: 500, text: '建筑面积在500（含）平方米以下' },
      ],
      '440000',
    ],
    ['licensing.exemption', '150102', 'rules', [{ metric: 'floorArea', op: 'lte', limit: 200, text: '200平方米以下' }], '150000'],
    ['licensing.exemption', '211002', 'rules', [], 'national'],
    ['licensing.exemption', '210502', 'rules', [], 'national'],
    ['licensing.commitment', '360102', 'scope', 'trial', '360000'],
    ['licensing.commitment', '440106', 'scope', 'all', '440000'],
    ['licensing.commitment', '150102', 'scope', 'pilot', '150000'],
    ['licensing.commitment', '211002', 'enabled', false, 'national'],
    ['licensing.commitment', '210502', 'scope', 'after_business_licence', '210500'],
    ['licensing.commitment', '440106', 'verificationWorkingDays', 20, 'national'],
    ['licensing.inspection', '360102', 'checkWorkingDays', 10, 'national'],
    ['licensing.inspection', '440106', 'checkWorkingDays', 5, '440000'],
    ['licensing.inspection', '150102', 'checkWorkingDays', 5, '150000'],
    ['licensing.inspection', '211002', 'checkWorkingDays', 10, 'national'],
    ['licensing.inspection', '210502', 'checkWorkingDays', 10, 'national'],
    ['licensing.approval', '360102', 'decidedBy', 'city', '360000'],
    ['licensing.approval', '150102', 'authorityLevel', 'brigade', '150000'],
    ['licensing.approval', '440106', 'authorityLevel', 'brigade', 'national'],
    ['licensing.pending_documents', '360102', 'documents', ['safety_rules', 'evacuation_plan', 'training_records', 'special_trade_certificates'], '360100'],
    ['licensing.pending_documents', '150102', 'mode', 'any', '150000'],
    ['licensing.pending_documents', '150102', 'networkChecks', true, '150000'],
    ['licensing.pending_documents', '211002', 'supplyBy', 'before_decision', '211000'],
    ['licensing.pending_documents', '440106', 'mode', 'none', 'national'],
    ['licensing.pending_documents', '210502', 'mode', 'none', 'national'],
    ['complaints.deadlines', '211002', 'deadlines', POLICY_KINDS['complaints.deadlines'].nationalDefault.deadlines, '211000'],
    ['complaints.deadlines', '360102', 'deadlines', POLICY_KINDS['complaints.deadlines'].nationalDefault.deadlines, 'national'],
    ['supervision.publication', '150102', 'cadence', 'monthly', '150000'],
    ['supervision.publication', '211002', 'cadence', 'monthly', '211000'],
    ['supervision.publication', '360102', 'cadence', 'per_plan', 'national'],
    ['supervision.publication', '210502', 'publishResults', true, '210500'],
    ['supervision.inspection_items', '150102', 'listName', 'reduced', '150000'],
    ['supervision.inspection_items', '440106', 'listName', 'full', 'national'],
  ];
  for (const [kind, county, field, expected, from] of table) {
    it(`${kind}.${field} for ${county} is ${JSON.stringify(expected).slice(0, 40)} from ${from}`, () => {
      const r = resolve(kind, county);
      assert.deepEqual((r.values as Record<string, unknown>)[field], expected);
      const p = r.provenance[field]!;
      if (from === 'national') assert.equal(p.source, 'national');
      else {
        assert.equal(p.source, 'agency');
        assert.equal(p.source === 'agency' && p.regionCode, from);
        assert.ok(p.legalBasis.document.length > 0);
      }
    });
  }

  it('the reduced two-item list of Inner Mongolia is 查火因 and 查责任', () => {
    const r = resolve('supervision.inspection_items', '150102');
    assert.deepEqual(
      r.values.items.map((i) => i.name),
      ['查火因', '查责任'],
    );
  });

  it('every preset row validates against its kind', () => {
    for (const p of JURISDICTION_PRESETS) {
      const def = getPolicyKind(p.kind);
      assert.ok(def, `unknown kind ${p.kind}`);
      assert.deepEqual(validateOverride(def, p.values), [], `${p.regionCode} ${p.kind}`);
    }
  });
});

describe('policy resolver: inheritance, effective dates, versions', () => {
  const v = (over: Partial<PolicyVersion>): PolicyVersion => ({
    id: 'x',
    kind: 'licensing.inspection',
    agencyId: 'a440106',
    version: 1,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    values: {},
    legalBasis: { document: '测试文件', clause: '第一条' },
    ...over,
  });

  it('a county override wins over its province; other fields still inherit', () => {
    const r = resolve('licensing.inspection', '440106', [v({ id: 'c1', values: { decisionWorkingDays: 2 } })]);
    assert.equal(r.values.decisionWorkingDays, 2);
    assert.equal(r.values.checkWorkingDays, 5, 'still from Guangdong');
    assert.equal(r.provenance.decisionWorkingDays!.source === 'agency' && r.provenance.decisionWorkingDays!.versionId, 'c1');
    assert.equal(r.versionKey, 'licensing.inspection@national+440000v1+440106v1');
  });

  it('null in an override means inherit', () => {
    const r = resolve('licensing.inspection', '440106', [v({ values: { checkWorkingDays: null } })]);
    assert.equal(r.values.checkWorkingDays, 5);
    assert.equal(r.versionKey, 'licensing.inspection@national+440000v1');
  });

  it('a version applies only from its effective date; a later version supersedes from its own date', () => {
    const extra = [
      v({ id: 'v1', version: 1, effectiveFrom: '2026-03-01', values: { checkWorkingDays: 4 } }),
      v({ id: 'v2', version: 2, effectiveFrom: '2026-12-01', values: { checkWorkingDays: 3 } }),
    ];
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-02-28').values.checkWorkingDays, 5);
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-03-01').values.checkWorkingDays, 4);
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-11-30').values.checkWorkingDays, 4);
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-12-01').values.checkWorkingDays, 3);
    assert.equal(resolve('licensing.inspection', '440106', extra, '2024-06-01').values.checkWorkingDays, 10, 'before the preset: national');
  });

  it('a withdrawn version (effectiveTo) stops applying', () => {
    const extra = [v({ effectiveFrom: '2026-01-01', effectiveTo: '2026-06-01', values: { checkWorkingDays: 4 } })];
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-05-31').values.checkWorkingDays, 4);
    assert.equal(resolve('licensing.inspection', '440106', extra, '2026-06-01').values.checkWorkingDays, 5);
  });

  it('same effective date: the higher version number wins', () => {
    const rowsSameDay = [v({ id: 'a', version: 1, values: { checkWorkingDays: 4 } }), v({ id: 'b', version: 2, values: { checkWorkingDays: 6 } })];
    assert.equal(versionInForce(rowsSameDay, '2026-05-01')?.id, 'b');
  });

  it('national defaults carry the law as provenance', () => {
    const r = resolve('licensing.inspection', '211002');
    const p = r.provenance.checkWorkingDays!;
    assert.equal(p.source, 'national');
    assert.match(p.legalBasis.document, /消防法/);
    assert.equal(r.versionKey, 'licensing.inspection@national');
  });

  it('an override with unknown fields or wrong values is refused', () => {
    const def = getPolicyKind('licensing.inspection')!;
    assert.equal(validateOverride(def, { checkWorkingDays: 0 }).length, 1);
    assert.equal(validateOverride(def, { bogus: 1 })[0]!.path, '/bogus');
    assert.equal(validateOverride(def, {}).length, 1);
    assert.deepEqual(validateOverride(def, { checkWorkingDays: 7 }), []);
  });
});
