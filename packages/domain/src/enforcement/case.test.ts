import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseAction,
  type CaseStatus,
  CaseTransitionError,
  caseActionsFrom,
  caseTransition,
  fastTrackRefusal,
  hearingEligible,
  onTheSpotAllowed,
  recusalOpen,
} from './case.ts';

describe('ENF-01/ENF-04 penalty case transitions', () => {
  const journeys: Array<[string, CaseAction[], CaseStatus]> = [
    [
      'ordinary: filed, notice, hearing scheduled (moved once) and held, review returned once then passed, decided, served, closed',
      [
        'file',
        'serve_notice',
        'request_hearing',
        'schedule_hearing',
        'schedule_hearing',
        'record_hearing',
        'submit_review',
        'review_return',
        'serve_notice',
        'submit_review',
        'review_pass',
        'decide',
        'serve_decision',
        'close',
      ],
      'closed',
    ],
    ['no hearing requested, no review required', ['file', 'serve_notice', 'submit_decision', 'decide', 'serve_decision'], 'served'],
    ['review asked for at the approver', ['file', 'serve_notice', 'submit_decision', 'submit_review', 'review_pass', 'decide'], 'decided'],
    ['on the spot', ['file', 'decide_on_the_spot', 'serve_decision', 'close'], 'closed'],
    ['not filed', ['decline_filing'], 'not_filed'],
    ['detention is for the police: transferred', ['file', 'transfer'], 'transferred'],
    ['a served decision revoked (art. 48: published decision withdrawn)', ['file', 'decide_on_the_spot', 'serve_decision', 'revoke'], 'revoked'],
  ];
  for (const [what, actions, end] of journeys) {
    it(`${what} → ${end}`, () => {
      let s: CaseStatus = 'referred';
      for (const a of actions) s = caseTransition(s, a);
      assert.equal(s, end);
    });
  }

  const refused: Array<[CaseStatus, CaseAction]> = [
    ['referred', 'decide'],
    ['investigating', 'decide'],
    ['notice_served', 'decide'],
    ['hearing_requested', 'submit_decision'],
    ['hearing_requested', 'record_hearing'],
    ['hearing_scheduled', 'submit_review'],
    ['notice_served', 'schedule_hearing'],
    ['legal_review', 'decide'],
    ['decided', 'decide'],
    ['revoked', 'revoke'],
    ['not_filed', 'file'],
    ['transferred', 'file'],
  ];
  for (const [from, action] of refused) {
    it(`no decision without its steps: ${from} cannot ${action}`, () => {
      assert.throws(
        () => caseTransition(from, action),
        (e: unknown) => e instanceof CaseTransitionError && e.message.includes(CASE_STATUS_LABELS[from]) && e.message.includes(CASE_ACTION_LABELS[action]),
      );
    });
  }

  it('every state has a Chinese label, and the end states allow nothing but what the law allows', () => {
    for (const s of CASE_STATUSES) assert.match(CASE_STATUS_LABELS[s], /[\u4e00-\u9fa5]/);
    assert.deepEqual(caseActionsFrom('not_filed'), []);
    assert.deepEqual(caseActionsFrom('revoked'), []);
    assert.deepEqual(caseActionsFrom('closed'), ['revoke']);
  });
});

describe('ENF-04 on-the-spot ceilings and hearing rights (行政处罚法 arts 51, 63)', () => {
  const limits = { personMaxFine: 200, unitMaxFine: 3000 };
  const spot: Array<[string, 'unit' | 'person', { kind: 'warning' } | { kind: 'fine'; amount: number }, boolean]> = [
    ['a warning, anyone', 'unit', { kind: 'warning' }, true],
    ['person 200 (≤ includes 200)', 'person', { kind: 'fine', amount: 200 }, true],
    ['person 201', 'person', { kind: 'fine', amount: 201 }, false],
    ['unit 3,000', 'unit', { kind: 'fine', amount: 3000 }, true],
    ['unit 3,001', 'unit', { kind: 'fine', amount: 3001 }, false],
    ['unit 5,000 (the least fine of 消防法 art. 60 is beyond it)', 'unit', { kind: 'fine', amount: 5000 }, false],
  ];
  for (const [what, party, outcome, ok] of spot) it(`on the spot: ${what} → ${ok}`, () => assert.equal(onTheSpotAllowed(limits, party, outcome), ok));

  const thresholds = { personFine: 2000, unitFine: 30000 };
  const hearing: Array<[string, 'unit' | 'person', { fine?: number; suspension?: boolean; revocation?: boolean }, boolean]> = [
    ['unit 29,999', 'unit', { fine: 29_999 }, false],
    ['unit 30,000 (较大数额 from 30,000)', 'unit', { fine: 30_000 }, true],
    ['person 1,999', 'person', { fine: 1_999 }, false],
    ['person 2,000', 'person', { fine: 2_000 }, true],
    ['责令停产停业 with a small fine', 'unit', { fine: 5_000, suspension: true }, true],
    ['revocation', 'unit', { revocation: true }, true],
    ['a warning', 'person', {}, false],
  ];
  for (const [what, party, proposed, ok] of hearing) it(`hearing right: ${what} → ${ok}`, () => assert.equal(hearingEligible(thresholds, party, proposed), ok));
});

describe('ENF-08 a recusal may be asked while the case is handled, until the decision (行政处罚法 art. 43)', () => {
  const table: Array<[CaseStatus, boolean]> = [
    ['referred', true],
    ['investigating', true],
    ['notice_served', true],
    ['hearing_scheduled', true],
    ['legal_review', true],
    ['awaiting_decision', true],
    ['decided', false],
    ['served', false],
    ['closed', false],
    ['revoked', false],
    ['transferred', false],
    ['not_filed', false],
  ];
  for (const [status, open] of table) it(`${status}: ${open ? 'open' : 'closed'}`, () => assert.equal(recusalOpen(status), open));
});

describe('ENF-01 fast-track (快速办理) conditions and limits', () => {
  const limits = { personFineBelow: 2000, unitFineBelow: 30000 };
  const ok: Parameters<typeof fastTrackRefusal>[2] = {
    factsClear: true,
    partyAdmits: true,
    noObjection: true,
    vulnerableParty: false,
    hearingEligible: false,
    fine: 20000,
  };
  const table: Array<[string, 'unit' | 'person', typeof ok, string | null]> = [
    ['all conditions met, a unit fined 20,000', 'unit', ok, null],
    ['a unit fined 29,999 (just below the limit)', 'unit', { ...ok, fine: 29999 }, null],
    ['a unit fined 30,000 (the limit)', 'unit', { ...ok, fine: 30000 }, 'fine'],
    ['a person fined 1,999', 'person', { ...ok, fine: 1999 }, null],
    ['a person fined 2,000', 'person', { ...ok, fine: 2000 }, 'fine'],
    ['a warning', 'person', { ...ok, fine: null }, null],
    ['facts not clear', 'unit', { ...ok, factsClear: false }, 'fastTrack.factsClear'],
    ['the party does not admit', 'unit', { ...ok, partyAdmits: false }, 'fastTrack.partyAdmits'],
    ['the party disputes the law', 'unit', { ...ok, noObjection: false }, 'fastTrack.noObjection'],
    ['a minor or a person with a disability', 'person', { ...ok, fine: 500, vulnerableParty: true }, 'fastTrack.vulnerableParty'],
    ['hearing-eligible', 'unit', { ...ok, hearingEligible: true }, 'fine'],
  ];
  for (const [name, kind, input, field] of table)
    it(`${name} → ${field ?? 'allowed'}`, () => {
      const r = fastTrackRefusal(limits, kind, input);
      assert.equal(r?.field ?? null, field);
      if (r) assert.match(r.message, /快速办理/);
    });
});
