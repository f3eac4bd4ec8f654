import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SEAL_REQUEST_KINDS,
  SEAL_SITUATION_LABELS,
  SEAL_SITUATIONS,
  SEAL_STATUS_LABELS,
  SEAL_STATUSES,
  type SealAction,
  type SealRequestKind,
  type SealRequestOutcome,
  SealRequestTransitionError,
  type SealStatus,
  SealTransitionError,
  sealActionsFrom,
  sealEndDate,
  sealExpired,
  sealExtensionAllowed,
  sealRequestAllowed,
  sealRequestOutcomeAllowed,
  sealRequestTransition,
  sealTermAllowed,
  sealTransition,
} from './seal.ts';

describe('ENF-05 temporary seal transitions', () => {
  const journeys: Array<[string, SealStatus, SealAction[], SealStatus]> = [
    ['decided collectively, served, extended once, lifted', 'proposed', ['decide', 'serve', 'extend', 'lift'], 'lifted'],
    ['not agreed collectively', 'proposed', ['decline'], 'declined'],
    ['emergency confirmed within 24 h, then expired and only then lifted', 'emergency', ['decide', 'expire', 'lift'], 'lifted'],
    ['emergency not agreed: released at once (消防监督检查规定 art. 23)', 'emergency', ['decline'], 'lifted'],
    ['requests leave the status as it is', 'in_force', ['request', 'request'], 'in_force'],
  ];
  for (const [what, from, actions, end] of journeys) {
    it(`${what} → ${end}`, () => {
      let s = from;
      for (const a of actions) s = sealTransition(s, a);
      assert.equal(s, end);
    });
  }
  const refused: Array<[SealStatus, SealAction]> = [
    ['proposed', 'lift'],
    ['proposed', 'request'],
    ['expired_unlifted', 'extend'],
    ['expired_unlifted', 'serve'],
    ['lifted', 'lift'],
    ['lifted', 'request'],
    ['declined', 'decide'],
    ['in_force', 'decide'],
  ];
  for (const [from, action] of refused) it(`${from} cannot ${action}`, () => assert.throws(() => sealTransition(from, action), SealTransitionError));
  it('every status and situation has a Chinese label; terminal statuses allow nothing', () => {
    for (const s of SEAL_STATUSES) assert.match(SEAL_STATUS_LABELS[s], /\p{Script=Han}/u);
    for (const s of SEAL_SITUATIONS) assert.match(SEAL_SITUATION_LABELS[s], /\p{Script=Han}/u);
    assert.equal(SEAL_SITUATIONS.length, 5, 'the five situations of art. 22');
    assert.deepEqual(sealActionsFrom('lifted'), []);
    assert.deepEqual(sealActionsFrom('declined'), []);
  });
});

describe('ENF-05 seal term and extension (行政强制法 art. 25)', () => {
  const terms: Array<[number, number, boolean]> = [
    [30, 30, true],
    [31, 30, false],
    [1, 30, true],
    [0, 30, false],
    [15.5, 30, false],
  ];
  for (const [days, max, ok] of terms) it(`${days} days of at most ${max}: ${ok ? 'allowed' : 'refused'}`, () => assert.equal(sealTermAllowed(days, max), ok));
  it('the end date is the start date plus the term (the first day is not counted)', () => {
    assert.equal(sealEndDate('2026-11-23', 30), '2026-12-23');
    assert.equal(sealEndDate('2026-12-20', 30), '2027-01-19');
  });
  const base = { status: 'in_force' as SealStatus, endDate: '2026-12-23', extendedDays: null as number | null };
  const cases: Array<[string, typeof base, number, string, string]> = [
    ['30 more days on the last day: allowed', base, 30, '2026-12-23', 'ok'],
    ['31 more days: refused', base, 31, '2026-12-01', 'days'],
    ['a second extension: refused (once only)', { ...base, extendedDays: 10 }, 5, '2026-12-01', 'once'],
    ['after the end date: refused (lift or decide anew)', base, 10, '2026-12-24', 'expired'],
    ['a seal not in force: refused', { ...base, status: 'expired_unlifted' }, 10, '2026-12-01', 'state'],
  ];
  for (const [what, seal, days, today, expected] of cases)
    it(what, () => {
      const r = sealExtensionAllowed(seal, days, 30, today);
      assert.equal(r.ok ? 'ok' : r.reason, expected);
    });
  it('expired only once the end date is behind today', () => {
    assert.equal(sealExpired(base, '2026-12-23'), false, 'the end date is the last day in force');
    assert.equal(sealExpired(base, '2026-12-24'), true);
    assert.equal(sealExpired({ ...base, status: 'lifted' }, '2027-01-30'), false);
  });
});

describe('ENF-05 the party’s online requests', () => {
  it('a request to enter is answered without inspection; the others are inspected first', () => {
    assert.equal(sealRequestTransition('enter', 'submitted', 'decide'), 'decided');
    assert.throws(() => sealRequestTransition('enter', 'submitted', 'inspect'), SealRequestTransitionError);
    for (const k of ['lift', 'reinspect', 'resume'] as SealRequestKind[]) {
      assert.throws(() => sealRequestTransition(k, 'submitted', 'decide'), SealRequestTransitionError, k);
      assert.equal(sealRequestTransition(k, sealRequestTransition(k, 'submitted', 'inspect'), 'decide'), 'decided');
    }
    assert.throws(() => sealRequestTransition('lift', 'decided', 'decide'), SealRequestTransitionError);
    assert.equal(sealRequestTransition('lift', 'inspected', 'close'), 'closed');
  });
  const allowed: Array<[string, SealRequestKind, SealStatus, Parameters<typeof sealRequestAllowed>[2], string]> = [
    ['enter while in force', 'enter', 'in_force', [], 'ok'],
    ['enter after the term: refused', 'enter', 'expired_unlifted', [], 'state'],
    ['lift after the term (overdue lifting)', 'lift', 'expired_unlifted', [], 'ok'],
    ['lift of a lifted seal: refused', 'lift', 'lifted', [], 'state'],
    ['a second open lift request: refused', 'lift', 'in_force', [{ kind: 'lift', status: 'inspected', outcome: null }], 'open'],
    ['re-inspection without a kept inspection: refused', 'reinspect', 'in_force', [], 'no_kept_inspection'],
    ['re-inspection after a kept seal', 'reinspect', 'in_force', [{ kind: 'lift', status: 'decided', outcome: 'keep' }], 'ok'],
    ['resume while a lift request is open (a different kind)', 'resume', 'in_force', [{ kind: 'lift', status: 'submitted', outcome: null }], 'ok'],
  ];
  for (const [what, kind, status, requests, expected] of allowed)
    it(what, () => {
      const r = sealRequestAllowed(kind, { status }, requests);
      assert.equal(r.ok ? 'ok' : r.reason, expected);
    });
  const outcomes: Array<[SealRequestKind, boolean | null, SealRequestOutcome, boolean]> = [
    ['enter', null, 'allow', true],
    ['enter', null, 'keep', false],
    ['lift', true, 'lift', true],
    ['lift', true, 'keep', false],
    ['lift', false, 'keep', true],
    ['lift', false, 'lift', false],
    ['resume', null, 'lift', false],
    ['reinspect', true, 'allow', false],
  ];
  for (const [kind, passed, outcome, ok] of outcomes)
    it(`${kind} with inspection ${passed} decided ${outcome}: ${ok ? 'allowed' : 'refused'}`, () =>
      assert.equal(sealRequestOutcomeAllowed(kind, passed, outcome), ok));
  it('four request kinds', () => assert.deepEqual([...SEAL_REQUEST_KINDS], ['enter', 'lift', 'reinspect', 'resume']));
});
