import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom as rng } from '../seeded-random.ts';
import { canonicalJson } from './chain.ts';

/** The form every stored chain was hashed in: JSON.stringify with a replacer rebuilding objects with sorted keys. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

const KEYS = ['a', 'b', 'B', '_x', '10', '9', '0', '01', '4294967294', '4294967295', '-1', '1.5', '中文', 'é', 'z', '', 'toJSON_not', 'after', 'before'];
const STRINGS = ['', '鑫源大酒店', 'line\nbreak', 'quote"', '\u2028', '\ud83d\ude00', 'back\\slash', '2026-10-13'];

function gen(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 7 : 11));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -0, 1.5, 1e21, -3, Number.NaN, Number.POSITIVE_INFINITY, 123456789012][Math.floor(r() * 8)];
    case 3:
      return STRINGS[Math.floor(r() * STRINGS.length)];
    case 4:
      return undefined;
    case 5:
      return new Date(Date.UTC(2026, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    case 6:
      return () => 1;
    case 7:
    case 8: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 6);
      for (let i = 0; i < n; i++) o[KEYS[Math.floor(r() * KEYS.length)]!] = gen(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: Math.floor(r() * 5) }, () => gen(r, depth + 1));
  }
}

describe('enforcement record: canonical JSON of an event', () => {
  test('gives the same text as the replacer form the stored chains were hashed in (5,000 random documents)', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const value = gen(rng(seed), 0);
      assert.equal(canonicalJson(value), reference(value), `seed ${seed}`);
    }
  });

  test('orders array-index keys numerically first, then the other keys by code unit', () => {
    assert.equal(canonicalJson({ b: 1, 10: 2, a: 3, 9: 4, '01': 5 }), '{"9":4,"10":2,"01":5,"a":3,"b":1}');
    assert.equal(canonicalJson({ b: 1, 10: 2, a: 3, 9: 4, '01': 5 }), reference({ b: 1, 10: 2, a: 3, 9: 4, '01': 5 }));
  });

  test('applies toJSON, drops undefined members of objects and writes null for them in arrays', () => {
    const at = new Date('2026-10-13T01:00:00Z');
    assert.equal(canonicalJson({ at, gone: undefined, list: [undefined, at] }), '{"at":"2026-10-13T01:00:00.000Z","list":[null,"2026-10-13T01:00:00.000Z"]}');
  });
});
