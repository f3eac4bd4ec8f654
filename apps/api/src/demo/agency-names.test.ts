import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JURISDICTION_PRESETS } from '@fep/domain';
import { DEMO_AGENCIES } from './seed.ts';

/**
 * Agencies are named by their level (GLOSSARY: a province's 总队, a city's 支队, a county's 大队): a user saw
 * “江西省消防救援支队” for the provincial corps (issue 11 item 4).
 */
const SUFFIX = { corps: '总队', detachment: '支队', brigade: '大队' } as const;

describe('agency names follow their level', () => {
  for (const a of DEMO_AGENCIES) {
    it(`${a.name} (${a.level}) ends with ${SUFFIX[a.level]}`, () => {
      assert.ok(a.name.endsWith(`消防救援${SUFFIX[a.level]}`), a.name);
      assert.ok(a.short.endsWith(SUFFIX[a.level]), a.short);
    });
  }
  it('no policy preset calls a province-level agency a 支队 or a city-level one a 总队', () => {
    const text = JSON.stringify(JURISDICTION_PRESETS);
    assert.doesNotMatch(text, /(省|自治区)消防救援(支队|大队)/);
    assert.doesNotMatch(text, /市消防救援总队/);
  });
});
