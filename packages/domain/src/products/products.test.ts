import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonical, runDraw } from '../supervision/draw.ts';
import { isCccCategory, PRODUCT_CATEGORIES } from './catalogue.ts';
import { nextReferralStatus, type ProductResultFacts, rateForCount, resultProblems, routeResult } from './routing.ts';

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

describe('MKT-02 fire product categories', () => {
  const cases: [string, boolean][] = [
    ['fire_alarm', true],
    ['extinguisher', true],
    ['emergency_lighting', true],
    ['escape_device', true],
    ['self_rescue_respirator', true],
    ['fire_safety_sign', false],
    ['fire_hose', false],
    ['fire_door', false],
    ['unknown', false],
  ];
  for (const [code, ccc] of cases) it(`${code} is ${ccc ? '' : 'not '}under compulsory certification`, () => assert.equal(isCccCategory(code), ccc));
  it('every CCC category names its implementation rule, no voluntary one does', () => {
    for (const c of PRODUCT_CATEGORIES) assert.equal(c.rule !== null, c.ccc, c.code);
  });
});

describe('MKT-02 where an unqualified product goes (消防法 art. 65)', () => {
  const base: ProductResultFacts = {
    field: 'production',
    verdict: 'unqualified',
    categoryCode: 'extinguisher',
    findings: ['quality_nonconforming'],
    crowdedPlace: false,
  };
  const cases: [string, Partial<ProductResultFacts>, ReturnType<typeof routeResult>][] = [
    ['qualified in production: nothing', { verdict: 'qualified', findings: [] }, { market: null, enforcement: false }],
    ['unqualified in production: transfer to market regulation', {}, { market: 'transfer', enforcement: false }],
    ['unqualified in distribution: transfer to market regulation', { field: 'distribution' }, { market: 'transfer', enforcement: false }],
    [
      'unqualified in distribution at a crowded place: still the seller, market regulation only',
      { field: 'distribution', crowdedPlace: true },
      { market: 'transfer', enforcement: false },
    ],
    ['unqualified in use, not a crowded place: notify market regulation only', { field: 'use' }, { market: 'notify', enforcement: false }],
    [
      'unqualified in use at a crowded place: notify and refer the user to enforcement (art. 65 ¶2)',
      { field: 'use', crowdedPlace: true },
      { market: 'notify', enforcement: true },
    ],
    [
      'qualified in use at a crowded place: nothing',
      { field: 'use', crowdedPlace: true, verdict: 'qualified', findings: [] },
      { market: null, enforcement: false },
    ],
  ];
  for (const [name, patch, expected] of cases) it(name, () => assert.deepEqual(routeResult({ ...base, ...patch }), expected));
});

describe('MKT-02 result findings', () => {
  const base: ProductResultFacts = { field: 'use', verdict: 'unqualified', categoryCode: 'fire_alarm', findings: ['no_certificate'], crowdedPlace: true };
  const cases: [string, Partial<ProductResultFacts>, number][] = [
    ['no certificate for a CCC category is a finding', {}, 0],
    ['no certificate for a voluntary category is refused', { categoryCode: 'fire_hose' }, 1],
    ['unqualified without findings is refused', { findings: [] }, 1],
    ['qualified with findings is refused', { verdict: 'qualified' }, 1],
    ['an unknown finding is refused', { findings: ['ugly'] }, 1],
    ['quality findings apply to any category', { categoryCode: 'fire_door', findings: ['quality_nonconforming', 'eliminated'] }, 0],
  ];
  for (const [name, patch, n] of cases) it(name, () => assert.equal(resultProblems({ ...base, ...patch }).length, n));
});

describe('MKT-02 market referral moves', () => {
  const cases: [Parameters<typeof nextReferralStatus>[0], 'send' | 'reply', string | null][] = [
    ['pending', 'send', 'sent'],
    ['sent', 'send', null],
    ['sent', 'reply', 'replied'],
    ['pending', 'reply', null],
    ['replied', 'reply', null],
  ];
  for (const [from, action, to] of cases) it(`${from} --${action}--> ${to ?? 'refused'}`, () => assert.equal(nextReferralStatus(from, action), to));
});

describe('MKT-02 the count to draw through the units draw', () => {
  const cases: [number, number][] = [
    [1, 7],
    [3, 7],
    [7, 7],
    [9, 7],
    [5, 49],
    [13, 100],
  ];
  for (const [count, eligible] of cases)
    it(`${count} of ${eligible} candidates draws ${Math.min(count, eligible)}`, () => {
      const units = Array.from({ length: eligible }, (_, i) => ({
        usci: `U${String(i).padStart(4, '0')}`,
        riskLevel: 'low' as const,
        creditLevel: 'A' as const,
        keyUnit: false,
        venueKind: null,
        selfCommitment: false,
        lastFireOn: null,
        drawnOn: [],
        inspectedForPurpose: false,
      }));
      const plan = {
        rates: {},
        defaultRate: rateForCount(count, eligible),
        maxDrawsPerYear: 12,
        minMonthsBetween: 0,
        excludeSelfCommitted: false,
        campaign: null,
      };
      const r = runDraw({ plan, drawDate: '2026-12-07', units, inspectors: [] }, 'pv', sm3);
      assert.equal(r.unstaffed.length, Math.min(count, eligible));
      assert.equal(canonical(r), canonical(runDraw({ plan, drawDate: '2026-12-07', units, inspectors: [] }, 'pv', sm3)), 'replayable');
    });
  it('no candidates draws none', () => assert.equal(rateForCount(3, 0), 0));
});
