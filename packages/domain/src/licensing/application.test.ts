import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCalendar } from '../calendar.ts';
import { resolvePreset } from '../policy/testing.ts';
import { ApplicationTransitionError, allowedActions, nextApplicationStatus } from './application.ts';
import { isOffHours } from './appointment.ts';
import { checkMaterials, checkNotice, missingMaterials, refusedPending, substantiveChanges } from './intake.ts';
import { permitNumber } from './permit.ts';

describe('LIC-01/03/04 application state machine', () => {
  const table: Array<[string, Parameters<typeof nextApplicationStatus>, string]> = [
    ['a draft is submitted', ['draft', 'submit', { path: 'inspection' }], 'submitted'],
    ['a one-time notice waits for the applicant', ['submitted', 'issue_notice', { path: 'inspection' }], 'correction_requested'],
    ['a resubmission goes back to intake', ['correction_requested', 'resubmit', { path: 'inspection' }], 'submitted'],
    ['LIC-03 acceptance on the commitment path grants at once', ['submitted', 'accept', { path: 'commitment' }], 'granted'],
    ['acceptance on the inspection path waits for the check', ['submitted', 'accept', { path: 'inspection' }], 'accepted'],
    ['inspectors are assigned', ['accepted', 'assign_inspection', { path: 'inspection' }], 'inspecting'],
    ['the check result goes to the approver', ['inspecting', 'record_inspection', { path: 'inspection' }], 'awaiting_decision'],
    ['…or to legal review where policy requires it', ['inspecting', 'record_inspection', { path: 'inspection', legalReviewRequired: true }], 'legal_review'],
    ['legal review passes to the approver', ['legal_review', 'legal_review_pass', { path: 'inspection' }], 'awaiting_decision'],
    ['a grant', ['awaiting_decision', 'decide', { path: 'inspection', grant: true }], 'granted'],
    ['a refusal', ['awaiting_decision', 'decide', { path: 'inspection', grant: false }], 'refused'],
  ];
  for (const [name, args, expected] of table) it(name, () => assert.equal(nextApplicationStatus(...args), expected));

  const illegal: Array<[string, Parameters<typeof nextApplicationStatus>]> = [
    ['a granted application cannot be decided again', ['granted', 'decide', { path: 'inspection' }]],
    ['no decision before the check', ['accepted', 'decide', { path: 'inspection' }]],
    ['no second notice while the first is outstanding', ['correction_requested', 'issue_notice', { path: 'inspection' }]],
    ['the commitment path has no on-site check before the permit', ['accepted', 'assign_inspection', { path: 'commitment' }]],
    ['a withdrawn application cannot be resubmitted', ['withdrawn', 'resubmit', { path: 'inspection' }]],
  ];
  for (const [name, args] of illegal) it(name, () => assert.throws(() => nextApplicationStatus(...args), ApplicationTransitionError));

  it('allowed actions follow the table', () => {
    assert.deepEqual(allowedActions('submitted', 'commitment').sort(), ['accept', 'issue_notice', 'reject_at_intake', 'withdraw']);
    assert.deepEqual(allowedActions('accepted', 'commitment'), ['withdraw']);
  });
});

describe('SVC-01 / LIC-05 / LIC-06 intake rules', () => {
  const guide = resolvePreset('licensing.materials', '360102').values;

  it('SVC-01 nothing outside the guide may be attached; data-shared materials are never uploaded', () => {
    const p = checkMaterials(guide, 'inspection', { safety_rules: ['f1'], tax_certificate: ['f2'], business_licence: ['f3'] });
    assert.deepEqual(
      p.map((x) => [x.code, x.problem]),
      [
        ['tax_certificate', 'not_in_guide'],
        ['business_licence', 'not_uploadable'],
      ],
    );
  });

  it('required uploads that are missing are named', () => {
    const missing = missingMaterials(guide, 'inspection', { safety_rules: ['f'], evacuation_plan: ['f'] }).map((m) => m.code);
    assert.deepEqual(missing, ['floor_plan', 'training_records']);
  });

  it('LIC-05 Nanchang accepts only the listed documents as pending', () => {
    const pending = resolvePreset('licensing.pending_documents', '360102').values;
    assert.deepEqual(refusedPending(pending, guide, ['training_records', 'safety_rules']), []);
    assert.deepEqual(refusedPending(pending, guide, ['floor_plan']), ['floor_plan']);
  });
  it('LIC-05 Inner Mongolia accepts any document of the guide as pending; Guangdong none', () => {
    assert.deepEqual(refusedPending(resolvePreset('licensing.pending_documents', '150102').values, guide, ['floor_plan']), []);
    assert.deepEqual(refusedPending(resolvePreset('licensing.pending_documents', '150102').values, guide, ['passport']), ['passport']);
    assert.deepEqual(refusedPending(resolvePreset('licensing.pending_documents', '440106').values, guide, ['training_records']), ['training_records']);
  });

  it('LIC-06 a later notice may only repeat what the first one listed', () => {
    const first = [
      { target: 'material:floor_plan' as const, reason: '未标明疏散路线' },
      { target: 'field:floorArea' as const, reason: '面积与平面图不一致' },
    ];
    assert.deepEqual(checkNotice(first, guide, null), []);
    assert.deepEqual(checkNotice([{ target: 'material:floor_plan', reason: '仍未标明' }], guide, first), []);
    const p = checkNotice([{ target: 'material:training_records', reason: '新发现' }], guide, first);
    assert.equal(p[0]?.problem, 'not_in_first_notice');
    assert.match(p[0]!.message, /员工岗前消防安全教育培训记录.*未在首次一次性告知中列出/);
  });
  it('LIC-06 a notice names only materials of the guide and fields of the form', () => {
    const p = checkNotice(
      [
        { target: 'material:tax_certificate', reason: 'x' },
        { target: 'field:shoeSize', reason: 'x' },
      ],
      guide,
      null,
    );
    assert.deepEqual(
      p.map((x) => x.problem),
      ['unknown_target', 'unknown_target'],
    );
  });

  it('LIC-08 name and legal representative changes are amendments; use, area, materials, systems are not', () => {
    assert.deepEqual(substantiveChanges({ venueName: '新名', legalRepresentative: '李四' }), []);
    assert.deepEqual(substantiveChanges({ venueName: '新名', floorArea: 900, fireSystems: '新增喷淋' }), ['floorArea', 'fireSystems']);
  });
});

describe('LIC-11 off-hours appointments', () => {
  const cal = buildCalendar(
    [
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'adjusted_workday', name: '国庆节调休' },
    ],
    [2026],
  );
  const table: Array<[string, string, boolean]> = [
    ['Tuesday 10:00 is within office hours', '2026-11-24T02:00:00Z', false],
    ['Tuesday 19:00 is off-hours', '2026-11-24T11:00:00Z', true],
    ['Tuesday 08:00 is off-hours', '2026-11-24T00:00:00Z', true],
    ['Saturday 10:00 is off-hours', '2026-11-28T02:00:00Z', true],
    ['National Day 10:00 is off-hours', '2026-10-01T02:00:00Z', true],
    ['the adjusted working Saturday 2026-10-10 10:00 is within office hours', '2026-10-10T02:00:00Z', false],
  ];
  for (const [name, at, off] of table) it(name, () => assert.equal(isOffHours(at, cal).offHours, off));
});

describe('LIC-07 permit numbers', () => {
  it('carry the agency, year and a four-digit sequence', () => {
    assert.equal(permitNumber('辽阳支队', 2026, 7), '辽阳消安许字〔2026〕第0007号');
    assert.equal(permitNumber('天河大队', 2026, 1234), '天河消安许字〔2026〕第1234号');
  });
});
