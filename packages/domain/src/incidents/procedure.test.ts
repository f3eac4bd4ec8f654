import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { resolvePreset } from '../policy/testing.ts';
import { chooseIncidentTier, declarationLastDay, type IncidentConditions, NATIONAL_INCIDENT_PROCEDURE as P, reviewInTime, reviewLastDay } from './procedure.ts';

const minor: IncidentConditions = {
  factsClear: true,
  noObjection: true,
  noCompensationDispute: true,
  casualties: 0,
  arsonSuspected: false,
  insuranceClaim: false,
  directLoss: 800,
};

describe('FIR-01 incident tiers chosen by rule, at their boundaries', () => {
  const cases: [string, Partial<IncidentConditions>, string, string[]][] = [
    ['a minor fire: on-site registration, no sealing', {}, 'onsite_registration', []],
    ['loss 999 is still minor', { directLoss: 999 }, 'onsite_registration', []],
    ['loss 1,000 is not minor (轻微 is under 1,000)', { directLoss: 1000 }, 'simple', ['directLoss']],
    ['an insurance claim refuses on-site registration, naming the condition', { insuranceClaim: true }, 'simple', ['insuranceClaim']],
    ['loss 49,999 is simple', { directLoss: 49_999 }, 'simple', ['directLoss']],
    ['loss 50,000 is general', { directLoss: 50_000 }, 'general', ['directLoss', 'directLoss']],
    ['one casualty is general', { casualties: 1 }, 'general', ['casualties', 'casualties']],
    ['arson suspicion is general', { arsonSuspected: true }, 'general', ['arsonSuspected', 'arsonSuspected']],
    ['an objection is general', { noObjection: false }, 'general', ['noObjection', 'noObjection']],
    ['a compensation dispute is general', { noCompensationDispute: false }, 'general', ['noCompensationDispute', 'noCompensationDispute']],
    ['facts unclear is general', { factsClear: false }, 'general', ['factsClear', 'factsClear']],
  ];
  for (const [name, change, tier, failing] of cases) {
    it(name, () => {
      const d = chooseIncidentTier({ ...minor, ...change }, P);
      assert.equal(d.tier, tier);
      assert.deepEqual(
        d.failing.map((f) => f.condition),
        failing,
      );
      assert.equal(d.sealing, tier === 'general');
      assert.equal(d.investigators, { onsite_registration: 0, simple: 1, general: 2 }[tier]);
      for (const f of d.failing) assert.match(f.message, /不适用：/);
    });
  }
  it('a province threshold of 10,000 sends a loss of 20,000 to the general procedure', () => {
    assert.equal(chooseIncidentTier({ ...minor, directLoss: 20_000 }, { ...P, simpleLossBelow: 10_000 }).tier, 'general');
  });
  it('the Liaoyang preset keeps 1,000 with its local source', () => {
    const r = resolvePreset('incidents.procedure', '211002');
    assert.equal((r.values as { onsiteLossBelow: number }).onsiteLossBelow, 1000);
    assert.match(POLICY_KINDS['incidents.procedure'].description, /待确认/);
  });
});

describe('FIR-03 incident clocks', () => {
  it('the loss is declared within 7 days of extinguishment (not the report)', () => {
    assert.equal(declarationLastDay('2026-12-01T15:00:00Z', P), '2026-12-08', '23:00 Beijing on 12-01');
    assert.equal(declarationLastDay('2026-12-01T17:00:00Z', P), '2026-12-09', '01:00 Beijing on 12-02');
  });
  it('a review is applied for within 15 days of service; the 16th day is late', () => {
    assert.equal(reviewLastDay('2026-12-01T02:00:00Z', P), '2026-12-16');
    assert.equal(reviewInTime('2026-12-01T02:00:00Z', '2026-12-16T15:00:00Z', P), true);
    assert.equal(reviewInTime('2026-12-01T02:00:00Z', '2026-12-16T16:00:00Z', P), false);
  });
});
