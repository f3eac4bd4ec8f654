import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type DrawInput,
  DrawStream,
  type DrawUnit,
  drawInputLines,
  drawInputsHash,
  parseDrawInput,
  runDraw,
  runDrawOnText,
  runDrawOnTextPausing,
} from './draw.ts';

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

function unit(i: number, over: Partial<DrawUnit> = {}): DrawUnit {
  return {
    usci: `91211000MA${String(i).padStart(8, '0')}`,
    riskLevel: 'medium',
    creditLevel: 'A',
    keyUnit: false,
    venueKind: 'restaurant',
    selfCommitment: false,
    lastFireOn: null,
    drawnOn: [],
    inspectedForPurpose: false,
    ...over,
  };
}
const inspectors = (n: number, conflicts: Record<number, string[]> = {}) =>
  Array.from({ length: n }, (_, i) => ({ userId: `insp-${String(i).padStart(3, '0')}`, conflicts: conflicts[i] ?? [] }));
const plan = (over: Partial<DrawInput['plan']> = {}): DrawInput['plan'] => ({
  rates: { 'high|A|general': 0.5, 'medium|A|key': 1 },
  defaultRate: 0.2,
  maxDrawsPerYear: 2,
  minMonthsBetween: 6,
  excludeSelfCommitted: true,
  campaign: null,
  ...over,
});

describe('SUP-03/04 verifiable stratified random draw', () => {
  it('respects the rate of each stratum (round(N × rate), at least one)', () => {
    const units = [
      ...Array.from({ length: 40 }, (_, i) => unit(i)),
      ...Array.from({ length: 10 }, (_, i) => unit(100 + i, { riskLevel: 'high' })),
      ...Array.from({ length: 3 }, (_, i) => unit(200 + i, { keyUnit: true })),
    ];
    const r = runDraw({ plan: plan(), drawDate: '2026-11-26', units, inspectors: inspectors(6) }, '2026-11-25 福彩3D 123', sm3);
    const by = Object.fromEntries(r.strata.map((s) => [s.key, s]));
    assert.equal(by['medium|A|general']!.drawn, 8);
    assert.equal(by['high|A|general']!.drawn, 5);
    assert.equal(by['medium|A|key']!.drawn, 3, 'key units at rate 1: all of them');
    assert.equal(r.drawn.length, 16);
    assert.equal(new Set(r.drawn.map((d) => d.usci)).size, 16);
  });

  it('re-running from the published inputs gives identical units and inspectors; another public value differs', () => {
    const input = { plan: plan(), drawDate: '2026-11-26', units: Array.from({ length: 200 }, (_, i) => unit(i)), inspectors: inspectors(10) };
    const a = runDraw(input, 'public-1', sm3);
    const b = runDraw({ ...input, units: [...input.units].reverse(), inspectors: [...input.inspectors].reverse() }, 'public-1', sm3);
    assert.deepEqual(b, a, 'order of the inputs does not matter, only their content');
    assert.equal(a.inputsHash, drawInputsHash(input, sm3));
    assert.notDeepEqual(runDraw(input, 'public-2', sm3).drawn, a.drawn);
  });

  it('the published input file reads back to the same input, hash and draw', () => {
    const input = {
      plan: plan(),
      drawDate: '2026-11-26',
      units: Array.from({ length: 50 }, (_, i) => unit(i, { drawnOn: i % 7 ? [] : ['2026-03-01'] })),
      inspectors: inspectors(5, { 1: [unit(3).usci] }),
    };
    const text = [...drawInputLines(input)].join('');
    const back = parseDrawInput(text);
    assert.equal(drawInputsHash(back, sm3), sm3(text));
    assert.deepEqual(runDraw(back, 'p', sm3), runDraw(input, 'p', sm3));
    assert.throws(() => parseDrawInput('something else'), /not a draw input/);
  });

  it('caps: at most twice a year and at least six months apart', () => {
    const units = [
      unit(1, { drawnOn: ['2026-02-01', '2026-05-10'] }),
      unit(2, { drawnOn: ['2026-07-01'] }),
      unit(3, { drawnOn: ['2025-03-01'] }),
      unit(4, { drawnOn: ['2025-12-20', '2026-05-01'] }),
    ];
    const r = runDraw({ plan: plan({ defaultRate: 1 }), drawDate: '2026-11-26', units, inspectors: inspectors(4) }, 'x', sm3);
    assert.deepEqual(
      r.setAside.map((s) => [s.usci.slice(-1), s.reason]),
      [
        ['1', 'cap_per_year'],
        ['2', 'cap_interval'],
        ['4', 'cap_per_year'],
      ],
    );
    assert.deepEqual(
      r.drawn.map((d) => d.usci.slice(-1)),
      ['3'],
    );
  });

  it('SUP-05 self-committed low-risk units without a fire in two years are excluded; SUP-07 units already inspected for the purpose too', () => {
    const units = [
      unit(1, { selfCommitment: true, riskLevel: 'low' }),
      unit(2, { selfCommitment: true, riskLevel: 'low', lastFireOn: '2025-06-01' }),
      unit(3, { selfCommitment: true, riskLevel: 'high' }),
      unit(4, { inspectedForPurpose: true }),
    ];
    const r = runDraw({ plan: plan({ defaultRate: 1, rates: {} }), drawDate: '2026-11-26', units, inspectors: inspectors(3) }, 'x', sm3);
    assert.deepEqual(
      r.setAside.map((s) => [s.usci.slice(-1), s.reason]),
      [
        ['1', 'self_committed'],
        ['4', 'already_inspected'],
      ],
    );
    assert.deepEqual(r.drawn.map((d) => d.usci.slice(-1)).sort(), ['2', '3']);
  });

  it('SUP-07 a campaign raises the rate for chosen venue kinds', () => {
    const units = [...Array.from({ length: 20 }, (_, i) => unit(i, { venueKind: 'ktv' })), ...Array.from({ length: 20 }, (_, i) => unit(50 + i))];
    const r = runDraw(
      { plan: plan({ rates: {}, defaultRate: 0.1, campaign: { venueKinds: ['ktv'], rate: 0.5 } }), drawDate: '2026-11-26', units, inspectors: inspectors(4) },
      'x',
      sm3,
    );
    const by = Object.fromEntries(r.strata.map((s) => [s.key, s.drawn]));
    assert.equal(by['medium|A|general|campaign'], 10);
    assert.equal(by['medium|A|general'], 2);
  });

  it('SUP-03 each task gets two different inspectors, never one with a conflict for that unit', () => {
    const units = Array.from({ length: 60 }, (_, i) => unit(i));
    const conflicted = units[7]!.usci;
    const r = runDraw(
      { plan: plan({ defaultRate: 1, rates: {} }), drawDate: '2026-11-26', units, inspectors: inspectors(4, { 0: [conflicted], 1: [conflicted] }) },
      'x',
      sm3,
    );
    for (const d of r.drawn) assert.notEqual(d.inspectors[0], d.inspectors[1]);
    const task = r.drawn.find((d) => d.usci === conflicted)!;
    assert.deepEqual([...task.inspectors].sort(), ['insp-002', 'insp-003']);
    const none = runDraw(
      {
        plan: plan({ defaultRate: 1, rates: {} }),
        drawDate: '2026-11-26',
        units: [units[7]!],
        inspectors: inspectors(3, { 0: [conflicted], 1: [conflicted] }),
      },
      'x',
      sm3,
    );
    assert.deepEqual(none.unstaffed, [conflicted], 'a unit without two conflict-free inspectors is reported, not staffed with a conflict');
  });

  it('no bias within a stratum: chi-square over 10,000 draws (p > 0.01)', () => {
    const N = 20;
    const units = Array.from({ length: N }, (_, i) => unit(i));
    const counts = new Map<string, number>();
    const draws = 10_000;
    for (let k = 0; k < draws; k++) {
      const r = runDraw({ plan: plan({ rates: {}, defaultRate: 0.25 }), drawDate: '2026-11-26', units, inspectors: inspectors(2) }, `public-${k}`, sm3);
      for (const d of r.drawn) counts.set(d.usci, (counts.get(d.usci) ?? 0) + 1);
    }
    const expected = (draws * 5) / N;
    const chi2 = units.reduce((s, u) => s + ((counts.get(u.usci) ?? 0) - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the critical value at p = 0.01 is 36.19.
    assert.ok(chi2 < 36.19, `chi-square ${chi2.toFixed(2)} ≥ 36.19: the draw favours some units`);
  });

  it('SUP-05 the draw over the text in steps is the draw over the text, and pauses every 50,000 lines and after each stratum', async () => {
    const units = Array.from({ length: 120_000 }, (_, i) => unit(i, { riskLevel: i % 3 === 0 ? 'high' : 'medium', keyUnit: i % 5 === 0 }));
    const text = [...drawInputLines({ plan: plan(), drawDate: '2026-11-26', units, inspectors: inspectors(12) })].join('');
    const lines = text.split('\n').filter((l) => l !== '').length;
    let pauses = 0;
    const stepped = await runDrawOnTextPausing(text, 'v', sm3, 'h', async () => {
      pauses++;
    });
    assert.deepEqual(stepped, runDrawOnText(text, 'v', sm3, 'h'));
    assert.deepEqual(stepped, runDraw(parseDrawInput(text), 'v', sm3, 'h'));
    assert.ok(stepped.drawn.length > 0);
    assert.equal(pauses, Math.floor((lines + 1) / 50_000) + stepped.strata.length, 'a pause per 50,000 lines and per stratum');
  });

  it('the stream is uniform enough for small ranges and refuses empty ones', () => {
    const s = new DrawStream(sm3('seed'), sm3);
    const c = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) c[s.int(3)]!++;
    for (const x of c) assert.ok(Math.abs(x - 10_000) < 400, String(c));
    assert.throws(() => s.int(0), RangeError);
  });
});
