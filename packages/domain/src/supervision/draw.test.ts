import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  DRAW_INPUT_HEADER,
  type DrawInput,
  type DrawResult,
  DrawStream,
  type DrawUnit,
  drawInputLines,
  drawInputsHash,
  drawSeed,
  parseDrawInput,
  rateOf,
  runDraw,
  runDrawOnBytes,
  runDrawOnBytesPausing,
  runDrawOnText,
  runDrawOnTextPausing,
  type SetAside,
  stratumOf,
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

/** The pauses inside the strata of a stepwise draw: after every 5,000 units picked, and every 5,000 given their inspectors. */
const pausesInside = (r: DrawResult) => r.strata.reduce((n, s) => n + 2 * Math.max(0, Math.floor((s.drawn - 1) / 5_000)), 0);

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

  it('SUP-05 the draw over the text in steps is the draw over the text, and pauses every 50,000 lines, after each stratum and every 5,000 units inside one', async () => {
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
    assert.ok(pausesInside(stepped) > 0);
    assert.equal(
      pauses,
      Math.floor((lines + 1) / 50_000) + stepped.strata.length + pausesInside(stepped),
      'a pause per 50,000 lines, per stratum, per 5,000 units',
    );
  });

  it('the stream is uniform enough for small ranges and refuses empty ones', () => {
    const s = new DrawStream(sm3('seed'), sm3);
    const c = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) c[s.int(3)]!++;
    for (const x of c) assert.ok(Math.abs(x - 10_000) < 400, String(c));
    assert.throws(() => s.int(0), RangeError);
  });
});

/** The algorithm as first published (a copy of each stratum shuffled; the stream's words shifted off an array): the draw must not move from it. */
function referenceDraw(input: DrawInput, publicValue: string, inputsHash: string): DrawResult {
  const seed = drawSeed(publicValue, inputsHash, sm3);
  const buffer: number[] = [];
  let counter = 0;
  const next32 = () => {
    if (buffer.length === 0) {
      const h = sm3(`${seed}|${counter++}`);
      for (let i = 0; i < 64; i += 8) buffer.push(Number.parseInt(h.slice(i, i + 8), 16));
    }
    return buffer.shift()!;
  };
  const int = (n: number) => {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = next32();
      if (x < limit) return x % n;
    }
  };
  const monthsBefore = (date: string, months: number) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) - months;
    const yy = Math.floor(total / 12);
    const mm = (total % 12) + 1;
    const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  const { plan, drawDate } = input;
  const units = [...input.units].sort((a, b) => (a.usci < b.usci ? -1 : 1));
  const [yearAgo, intervalStart, twoYearsAgo] = [monthsBefore(drawDate, 12), monthsBefore(drawDate, plan.minMonthsBetween), monthsBefore(drawDate, 24)];
  const setAside: SetAside[] = [];
  const byStratum = new Map<string, string[]>();
  for (const u of units) {
    const recent = u.drawnOn.filter((d) => d > yearAgo && d <= drawDate).length;
    if (recent >= plan.maxDrawsPerYear) setAside.push({ usci: u.usci, reason: 'cap_per_year' });
    else if (plan.minMonthsBetween > 0 && u.drawnOn.some((d) => d > intervalStart && d <= drawDate)) setAside.push({ usci: u.usci, reason: 'cap_interval' });
    else if (plan.excludeSelfCommitted && u.selfCommitment && u.riskLevel === 'low' && !(u.lastFireOn && u.lastFireOn > twoYearsAgo))
      setAside.push({ usci: u.usci, reason: 'self_committed' });
    else if (u.inspectedForPurpose) setAside.push({ usci: u.usci, reason: 'already_inspected' });
    else {
      const key = stratumOf(u, plan);
      byStratum.set(key, [...(byStratum.get(key) ?? []), u.usci]);
    }
  }
  const inspectors = [...input.inspectors].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const drawn: DrawResult['drawn'] = [];
  const strata: DrawResult['strata'] = [];
  const unstaffed: string[] = [];
  for (const key of [...byStratum.keys()].sort()) {
    const pool = [...byStratum.get(key)!];
    const rate = rateOf(key, plan);
    const n = rate <= 0 ? 0 : Math.min(pool.length, Math.max(1, Math.round(pool.length * rate)));
    for (let i = 0; i < n; i++) {
      const j = i + int(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    strata.push({ key, eligible: pool.length, rate, drawn: n });
    for (const usci of pool.slice(0, n)) {
      const free = inspectors.filter((i) => !i.conflicts.includes(usci));
      if (free.length < 2) {
        unstaffed.push(usci);
        continue;
      }
      const a = int(free.length);
      let b = int(free.length - 1);
      if (b >= a) b++;
      drawn.push({ usci, stratum: key, inspectors: [free[a]!.userId, free[b]!.userId] });
    }
  }
  return { seed, inputsHash, drawn, strata, setAside, unstaffed };
}

/** A fixed-seed generator (mulberry32): the same inputs on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)]!;
  return { next, below, pick, chance: (p: number) => next() < p };
}

const KINDS = ['restaurant', 'ktv', 'hotel', '歌舞娱乐场所', '网吧', 'mall', '', null] as const;
const DRAWN_ON = ['2025-03-01', '2025-11-26', '2025-11-27', '2026-05-01', '2026-05-27', '2026-10-30', '2026-11-26', '2026-12-01'];
const FIRES = [null, null, '2024-11-26', '2024-11-27', '2025-06-01'];

/** A draw input with a bit of everything, its size and mixture set by the generator. */
function generatedInput(r: ReturnType<typeof random>): DrawInput {
  const rates: Record<string, number> = {};
  for (const risk of ['low', 'medium', 'high'])
    for (const credit of 'ABCD') for (const key of ['key', 'general']) if (r.chance(0.4)) rates[`${risk}|${credit}|${key}`] = r.pick([0, 0.01, 0.1, 0.3, 1]);
  const usciBase = r.pick(['91211000MA', '91320000MA', '統一代碼', 'A']);
  const size = r.pick([0, 1, 2, 5, 40, 150, 400]);
  const units: DrawUnit[] = [];
  let serial = r.below(1000);
  for (let i = 0; i < size; i++) {
    serial += 1 + r.below(r.chance(0.1) ? 100_000 : 3);
    const history = r.next();
    units.push({
      usci: `${usciBase}${String(serial).padStart(r.chance(0.9) ? 8 : 3, '0')}`,
      riskLevel: r.pick(['low', 'low', 'low', 'medium', 'high'] as const),
      creditLevel: r.pick(['A', 'B', 'C', 'D'] as const),
      keyUnit: r.chance(0.15),
      venueKind: r.pick(KINDS),
      selfCommitment: r.chance(0.2),
      lastFireOn: r.pick(FIRES),
      drawnOn:
        history < 0.8
          ? []
          : history < 0.93
            ? [r.pick(DRAWN_ON)]
            : [r.pick(DRAWN_ON), r.pick(DRAWN_ON), r.pick(DRAWN_ON)].filter((d, k, a) => a.indexOf(d) === k),
      inspectedForPurpose: r.chance(0.05),
    });
  }
  const inspectorCount = r.pick([0, 1, 2, 3, 8]);
  const inspectorList = Array.from({ length: inspectorCount }, (_, i) => ({
    userId: `insp-${String(i).padStart(3, '0')}`,
    conflicts: units.length && r.chance(0.5) ? Array.from({ length: 1 + r.below(4) }, () => r.pick(units).usci).filter((u, k, a) => a.indexOf(u) === k) : [],
  }));
  return {
    plan: {
      rates,
      defaultRate: r.pick([0, 0.01, 0.05, 0.2, 1]),
      maxDrawsPerYear: r.pick([0, 1, 1, 2, 3]),
      minMonthsBetween: r.pick([0, 0, 3, 6, 12]),
      excludeSelfCommitted: r.chance(0.5),
      campaign: r.chance(0.5) ? { venueKinds: r.pick([['ktv'], ['歌舞娱乐场所', '网吧'], ['', 'hotel'], []]), rate: r.pick([0, 0.05, 0.5, 1]) } : null,
    },
    drawDate: '2026-11-26',
    units,
    inspectors: inspectorList,
  };
}

const fileOf = (input: DrawInput, presorted = false) => [...drawInputLines(input, presorted)].join('');
const bytesOf = (text: string) => new TextEncoder().encode(text);
/** The text's bytes with each placeholder (an ASCII word) replaced by the bytes given. */
function withBytes(text: string, bytes: Record<string, number[]>): Uint8Array {
  const out: number[] = [];
  const parts = text.split(new RegExp(`(${Object.keys(bytes).join('|')})`));
  for (const part of parts) out.push(...(bytes[part] ?? new TextEncoder().encode(part)));
  return new Uint8Array(out);
}
const countingPauses = () => {
  const counter = { pauses: 0, pause: async () => void counter.pauses++ };
  return counter;
};

/** The bytes path against the text's contract; the pauses of each, when asked. */
async function drawBoth(bytes: Uint8Array, publicValue = 'public') {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const expected = runDraw(parseDrawInput(text), publicValue, sm3, 'h');
  const onBytes = countingPauses();
  const onText = countingPauses();
  const stepped = await runDrawOnBytesPausing(bytes, publicValue, sm3, 'h', onBytes.pause);
  return {
    expected,
    bytes: runDrawOnBytes(bytes, publicValue, sm3, 'h'),
    stepped,
    text: await runDrawOnTextPausing(text, publicValue, sm3, 'h', onText.pause),
    onBytes,
    onText,
  };
}

describe('SUP-05 the draw over the published file’s bytes', () => {
  it('SUP-05 over 300 generated inputs the draw over the bytes is runDraw(parseDrawInput(text)), and the algorithm as first published', async () => {
    const r = random(20261207);
    const seen = { drawn: 0, setAside: new Set<string>(), unstaffed: 0, campaign: 0, empty: 0, inputs: 0 };
    for (let k = 0; k < 300; k++) {
      const input = generatedInput(r);
      const text = fileOf(input);
      const { expected, bytes, stepped, text: onText, onBytes, onText: textPauses } = await drawBoth(bytesOf(text), `public-${k}`);
      assert.deepEqual(bytes, expected, `input ${k}`);
      assert.deepEqual(stepped, expected, `input ${k}, in steps`);
      assert.deepEqual(onText, expected, `input ${k}, over the text`);
      assert.equal(onBytes.pauses, textPauses.pauses, `input ${k}: the pauses of the draw over the text`);
      assert.deepEqual(expected, referenceDraw(input, `public-${k}`, 'h'), `input ${k}, against the algorithm as first published`);
      seen.inputs++;
      seen.drawn += expected.drawn.length;
      seen.unstaffed += expected.unstaffed.length;
      seen.campaign += expected.strata.filter((s) => s.key.endsWith('|campaign') && s.drawn > 0).length;
      seen.empty += expected.strata.filter((s) => s.drawn === 0).length;
      for (const s of expected.setAside) seen.setAside.add(s.reason);
    }
    // The generator reaches every branch the draw has.
    assert.ok(seen.drawn > 1000 && seen.unstaffed > 10 && seen.campaign > 10 && seen.empty > 10, JSON.stringify(seen));
    assert.deepEqual([...seen.setAside].sort(), ['already_inspected', 'cap_interval', 'cap_per_year', 'self_committed']);
  });

  const base = (over: Partial<DrawInput> = {}): DrawInput => ({
    plan: plan({ rates: { 'medium|A|general': 0.3 }, defaultRate: 0.5, campaign: { venueKinds: ['歌舞娱乐场所'], rate: 1 } }),
    drawDate: '2026-11-26',
    units: Array.from({ length: 30 }, (_, i) =>
      unit(i, {
        venueKind: i % 3 ? '歌舞娱乐场所' : 'ktv',
        riskLevel: i % 4 ? 'medium' : 'low',
        selfCommitment: i % 5 === 0,
        drawnOn: i % 7 ? [] : ['2026-10-01'],
      }),
    ),
    inspectors: inspectors(4, { 0: [unit(3).usci], 1: [unit(3).usci, unit(4).usci], 2: [unit(3).usci] }),
    ...over,
  });
  const text = fileOf(base());
  const encoder = new TextEncoder();
  const cases: { name: string; file: () => Uint8Array }[] = [
    { name: 'zero units', file: () => bytesOf(fileOf(base({ units: [] }))) },
    { name: 'zero units and no inspectors', file: () => bytesOf(fileOf(base({ units: [], inspectors: [] }))) },
    { name: 'rate 0 everywhere', file: () => bytesOf(fileOf(base({ plan: plan({ rates: {}, defaultRate: 0 }) }))) },
    { name: 'rate 1 everywhere', file: () => bytesOf(fileOf(base({ plan: plan({ rates: {}, defaultRate: 1 }) }))) },
    { name: 'no draw allowed in a year (every unit set aside)', file: () => bytesOf(fileOf(base({ plan: plan({ maxDrawsPerYear: 0 }) }))) },
    { name: 'units not in USCI order (drawn the long way)', file: () => bytesOf(fileOf(base({ units: base().units.reverse() }), true)) },
    { name: 'a USCI twice', file: () => bytesOf(fileOf(base({ units: [unit(1), unit(2), unit(2), unit(3)] }), true)) },
    { name: 'an empty USCI first', file: () => bytesOf(fileOf(base({ units: [unit(1, { usci: '' }), unit(2)] }), true)) },
    {
      name: 'the plan again after the units',
      file: () => bytesOf(text.replace(/\ninspector/, `\nplan\t${JSON.stringify(plan({ defaultRate: 1 }))}\ninspector`)),
    },
    { name: 'the date after the units', file: () => bytesOf(text.replace(/\ninspector/, '\ndate\t2026-12-01\ninspector')) },
    { name: 'units before the date', file: () => bytesOf(text.replace(/\ndate\t2026-11-26\n/, '\n').replace(/\ninspector/, '\ndate\t2026-11-26\ninspector')) },
    { name: 'CRLF line ends', file: () => bytesOf(text.replaceAll('\n', '\r\n').replace('\r\n', '\n')) },
    { name: 'no newline at the end', file: () => bytesOf(fileOf(base({ inspectors: [] })).slice(0, -1)) },
    { name: 'blank lines', file: () => bytesOf(text.replaceAll('\nunit', '\n\nunit')) },
    { name: 'an eleventh field', file: () => bytesOf(text.replace(/\t0\n(inspector|unit)/, '\t0\textra\n$1')) },
    { name: 'unknown levels', file: () => bytesOf(text.replace('\tmedium\tA\t', '\tsevere\tE\t').replace('\tlow\tA\t', '\tlow\tAB\t')) },
    {
      name: 'key and self-commitment other than 0 or 1',
      file: () => bytesOf(text.replace('\tA\t0\t', '\tA\t2\t').replace('\t1\t-\t-\t0\n', '\t11\t-\t-\t0\n')),
    },
    {
      name: 'USCIs ordered differently as UTF-16 and as bytes',
      file: () => bytesOf(fileOf(base({ units: ['A\u{20000}', 'A\u{ff01}', 'A\u{ff01}1', 'B'].map((usci, i) => unit(i, { usci })) }))),
    },
    {
      name: 'malformed UTF-8 in a USCI and in venue kinds (each decodes to U+FFFD, one of the campaign’s kinds)',
      file: () =>
        withBytes(
          fileOf(
            base({
              plan: plan({ rates: {}, defaultRate: 0.1, campaign: { venueKinds: ['\ufffd', '歌'], rate: 1 } }),
              units: [...Array.from({ length: 40 }, (_, i) => unit(i, { venueKind: ['@1', '@2', '歌', '歌舞', '@3'][i % 5]! })), unit(99, { usci: 'Z@4' })],
            }),
          ),
          { '@1': [0xe6, 0xad], '@2': [0xc3], '@3': [0xe6, 0xad, 0x41], '@4': [0xc3, 0x41] },
        ),
    },
    {
      name: 'a sequence cut short at the end of the file',
      file: () => withBytes(fileOf(base({ inspectors: [] })).replace(/\t0\n$/, '\t@1'), { '@1': [0xe6, 0xad] }),
    },
    { name: 'bytes inside a larger buffer', file: () => new Uint8Array([1, 2, 3, ...encoder.encode(text), 4]).subarray(3, -1) },
  ];
  for (const c of cases)
    it(`SUP-05 the draw over the bytes is runDraw(parseDrawInput(text)): ${c.name}`, async () => {
      const { expected, bytes, stepped, text } = await drawBoth(c.file());
      assert.deepEqual(bytes, expected);
      assert.deepEqual(stepped, expected);
      assert.deepEqual(text, expected);
    });

  const noInspectors = fileOf(base({ inspectors: [] }));
  const failing: { name: string; file: () => Uint8Array; error: RegExp | null }[] = [
    { name: 'not a draw input', file: () => bytesOf('something else\n'), error: /not a draw input/ },
    { name: 'the header alone and a character', file: () => bytesOf(`${DRAW_INPUT_HEADER}x`), error: /unknown record/ },
    { name: 'a byte-order mark', file: () => bytesOf(`\ufeff${text}`), error: /not a draw input/ },
    { name: 'no plan', file: () => bytesOf(text.replace(/\nplan\t[^\n]*/, '')), error: /without plan or date/ },
    { name: 'a plan that is not JSON', file: () => bytesOf(text.replace(/\nplan\t[^\n]*/, '\nplan\t{')), error: /JSON/ },
    { name: 'a unit line with nine fields', file: () => bytesOf(text.replace('\t-\t0\n', '\t0\n')), error: /a unit line has ten fields/ },
    { name: 'an unknown record', file: () => bytesOf(text.replace('\ninspector', '\ninspectr')), error: /unknown record inspectr/ },
    {
      name: 'the last line cut inside a venue kind',
      file: () => withBytes(noInspectors.replace(/歌舞娱乐场所\t0\t-\t-\t0\n$/, '@1'), { '@1': [0xe6, 0xad] }),
      error: /ten fields/,
    },
    // The text's reading looks for the missing tabs from the file's start again: this one it reads as a unit.
    {
      name: 'the only unit line with five fields and no inspectors',
      file: () => bytesOf(fileOf(base({ units: [unit(1)], inspectors: [] })).replace(/\t歌舞娱乐场所\t0\t-\t-\t0\n$/, '')),
      error: null,
    },
  ];
  for (const c of failing)
    it(`SUP-05 the draw over the bytes fails, or not, as parseDrawInput does: ${c.name}`, async () => {
      const bytes = c.file();
      const outcome = (draw: () => DrawResult) => {
        try {
          return draw();
        } catch (e) {
          return (e as Error).message;
        }
      };
      const expected = outcome(() => runDraw(parseDrawInput(Buffer.from(bytes).toString('utf8')), 'p', sm3, 'h'));
      if (c.error) assert.match(String(expected), c.error);
      else assert.equal(typeof expected, 'object');
      assert.deepEqual(
        outcome(() => runDrawOnBytes(bytes, 'p', sm3, 'h')),
        expected,
      );
      let stepped: DrawResult | string;
      try {
        stepped = await runDrawOnBytesPausing(bytes, 'p', sm3, 'h', async () => {});
      } catch (e) {
        stepped = (e as Error).message;
      }
      assert.deepEqual(stepped, expected);
    });

  it('SUP-05 the draw over the bytes pauses as the draw over the text: every 50,000 lines, after each stratum, every 5,000 units inside one', async () => {
    const units = Array.from({ length: 120_000 }, (_, i) =>
      unit(i, { riskLevel: i % 3 === 0 ? 'high' : 'medium', keyUnit: i % 5 === 0, venueKind: i % 2 ? '歌舞娱乐场所' : 'ktv' }),
    );
    const cases = [
      { plan: plan({ rates: {}, defaultRate: 0.05 }), bigStrata: false },
      { plan: plan({ rates: {}, defaultRate: 0.05, campaign: { venueKinds: ['歌舞娱乐场所'], rate: 1 } }), bigStrata: true },
    ];
    for (const c of cases) {
      const file = fileOf({ plan: c.plan, drawDate: '2026-11-26', units, inspectors: inspectors(12) });
      const lines = file.split('\n').filter((l) => l !== '').length;
      const { expected, stepped, onBytes, onText } = await drawBoth(bytesOf(file), 'v');
      assert.deepEqual(stepped, expected);
      assert.equal(onBytes.pauses, onText.pauses);
      assert.equal(pausesInside(expected) > 0, c.bigStrata);
      assert.equal(onBytes.pauses, Math.floor((lines + 1) / 50_000) + expected.strata.length + pausesInside(expected));
    }
  });
});
