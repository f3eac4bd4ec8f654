import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { anApplication, FakeApplications, fakeDeps, presetPolicy, staff } from '../licensing.fakes.ts';
import { acceptApplication } from './accept-application.ts';
import { issueNotice } from './issue-notice.ts';
import { rejectAtIntake } from './reject-at-intake.ts';

/** Intake (LIC-03, LIC-05, LIC-06) as use cases with a fake repository: no database, no HTTP. */
const clerk = staff('clerk');
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const gd = presetPolicy('440106');

describe('LIC-06 one-time notice', () => {
  test('the notice is numbered, the clock pauses with its own record event, the materials policy version is cited', async () => {
    const a = anApplication();
    const repo = new FakeApplications(gd, [a]);
    const { deps, transactor } = fakeDeps(repo);
    const next = await issueNotice(deps, clerk, { id: a.id, items: [{ target: 'field:contactPhone', reason: '联系电话无法接通' }] });
    assert.equal(next.status, 'correction_requested');
    assert.equal(next.version, a.version + 1);
    assert.deepEqual(
      repo.notes.map((x) => x.seq),
      [1],
    );
    assert.equal(repo.clocks.get('clock-1')!.status, 'paused');
    assert.deepEqual(
      transactor.audits.map((x) => x.action),
      ['clock.pause', 'application.notice', 'seal_key.create', 'application_document.issue'],
    );
    assert.equal(transactor.audits[1]!.policyVersion, gd.versions['licensing.materials']);
    // The 补正材料通知书 of this notice, in the same transaction, listing every item.
    const doc = repo.documents[0] as unknown as { kind: string; act: string; request: { items: Array<{ label: string; reason: string }> } };
    assert.equal(doc.kind, 'correction');
    assert.equal(doc.act, 'notice:1');
    assert.deepEqual(doc.request.items, [{ label: '联系电话', reason: '联系电话无法接通' }]);
  });

  test('a notice while one is outstanding is an illegal transition and writes nothing', async () => {
    const a = anApplication({ status: 'correction_requested' });
    const repo = new FakeApplications(gd, [a]);
    const { deps, transactor } = fakeDeps(repo);
    await assert.rejects(
      issueNotice(deps, clerk, { id: a.id, items: [{ target: 'field:contactPhone', reason: '联系电话无法接通' }] }),
      code('LICENSING.ILLEGAL_TRANSITION'),
    );
    assert.equal(repo.notes.length, 0);
    assert.equal(transactor.audits.length, 0);
  });

  test('a later notice may not ask for anything the first did not list', async () => {
    const a = anApplication();
    const repo = new FakeApplications(gd, [a]);
    repo.notes.push({
      id: 'n1',
      application_id: a.id,
      seq: 1,
      items_json: JSON.stringify([{ target: 'field:contactPhone', reason: '联系电话有误' }]),
      issued_by: 'u',
      issued_at: '',
      resolved_at: '',
    });
    const { deps } = fakeDeps(repo);
    await assert.rejects(
      issueNotice(deps, clerk, { id: a.id, items: [{ target: 'material:floor_plan', reason: '平面图不清楚' }] }),
      code('LICENSING.ITEM_NOT_IN_NOTICE'),
    );
  });

  test('of two notices on the same version, the second is refused with 409 and numbers no notice', async () => {
    const a = anApplication();
    const repo = new FakeApplications(gd, [a]);
    const { deps } = fakeDeps(repo);
    const stale = repo.reload.bind(repo);
    repo.reload = async () => ({ ...(await stale(null, a.id)), version: a.version });
    const input = { id: a.id, items: [{ target: 'field:contactPhone' as const, reason: '联系电话无法接通' }] };
    await issueNotice(deps, clerk, input);
    repo.apps.set(a.id, { ...repo.apps.get(a.id)!, status: 'submitted' });
    const err = await issueNotice(deps, clerk, input).catch((e: unknown) => e);
    assert.ok(err instanceof AppError && err.code === 'LICENSING.STALE_VERSION' && err.status === 409);
    assert.equal(repo.notes.length, 1);
  });
});

describe('LIC-06 rejection at intake', () => {
  test('the application is rejected with reasons and its clock stops, each recorded', async () => {
    const a = anApplication();
    const repo = new FakeApplications(gd, [a]);
    const { deps, transactor } = fakeDeps(repo);
    const next = await rejectAtIntake(deps, clerk, { id: a.id, reasons: ['不属于本机构管辖'] });
    assert.equal(next.status, 'rejected');
    assert.equal(repo.clocks.get('clock-1')!.status, 'stopped');
    assert.deepEqual(
      transactor.audits.map((x) => x.action),
      ['clock.stop', 'application.reject', 'seal_key.create', 'application_document.issue'],
    );
    assert.deepEqual(
      repo.documents.map((d) => [d.kind, d.act]),
      [['rejection', 'reject']],
    );
  });

  test('a granted application cannot be rejected', async () => {
    const a = anApplication({ status: 'granted' });
    const { deps } = fakeDeps(new FakeApplications(gd, [a]));
    await assert.rejects(rejectAtIntake(deps, clerk, { id: a.id, reasons: ['不属于本机构管辖'] }), code('LICENSING.ILLEGAL_TRANSITION'));
  });
});

describe('LIC-05 / LIC-03 acceptance', () => {
  test('a missing document not declared pending is refused; declared (where policy allows), it is owed', async () => {
    const lia = presetPolicy('211002');
    const a = anApplication({ region_code: '211002', materials_json: JSON.stringify({ safety_rules: ['f1'], evacuation_plan: ['f2'], floor_plan: ['f3'] }) });
    const repo = new FakeApplications(lia, [a]);
    const { deps, transactor } = fakeDeps(repo);
    await assert.rejects(acceptApplication(deps, clerk, { id: a.id, pendingDocuments: [] }), code('LICENSING.MATERIALS_MISSING'));
    const next = await acceptApplication(deps, clerk, { id: a.id, pendingDocuments: ['training_records'] });
    assert.equal(next.status, 'accepted');
    assert.deepEqual(JSON.parse(next.pending_json), ['training_records']);
    assert.equal(transactor.audits.find((x) => x.action === 'application.accept')!.policyVersion, lia.versions['licensing.pending_documents']);
    // The 受理通知书 names the document accepted as pending.
    const doc = repo.documents[0] as unknown as { kind: string; request: { pending: string[] } };
    assert.equal(doc.kind, 'acceptance');
    assert.deepEqual(doc.request.pending, ['员工岗前消防安全教育培训记录']);
  });

  test('LIC-03 on the commitment path: the permit at once, the seal key and unit recorded, the verification clock citing the policy value’s basis', async () => {
    const a = anApplication({ path: 'commitment', commitment_json: JSON.stringify({ signerName: '王建华', accepted: true }) });
    const repo = new FakeApplications(gd, [a]);
    const { deps, transactor } = fakeDeps(repo);
    const next = await acceptApplication(deps, clerk, { id: a.id, pendingDocuments: [] });
    assert.equal(next.status, 'granted');
    assert.equal(repo.licences.length, 1);
    assert.equal(next.licence_id, repo.licences[0]!.id);
    assert.equal(repo.tasks.length, 1);
    assert.equal(repo.tasks[0]!.purpose, 'commitment_verification');
    const clock = repo.started[0]!;
    assert.equal(clock.target_id, repo.tasks[0]!.id);
    const basis = gd.provenance['licensing.commitment']!.verificationWorkingDays!.legalBasis;
    assert.equal(clock.legal_document, basis.document);
    assert.equal(clock.policy_version, gd.versions['licensing.commitment']);
    assert.deepEqual(
      transactor.audits.map((x) => x.action),
      [
        'clock.stop',
        'seal_key.create',
        'licence.issue',
        'unit.create',
        'clock.create',
        'application.accept',
        'inspection_task.create',
        'application_document.issue',
      ],
    );
  });

  test('a second acceptance on the same version issues no second permit', async () => {
    const a = anApplication({ path: 'commitment', commitment_json: JSON.stringify({ signerName: '王建华', accepted: true }) });
    const repo = new FakeApplications(gd, [a]);
    const { deps } = fakeDeps(repo);
    const stale = repo.reload.bind(repo);
    repo.reload = async () => ({ ...(await stale(null, a.id)), status: 'submitted', version: a.version });
    await acceptApplication(deps, clerk, { id: a.id, pendingDocuments: [] });
    await assert.rejects(acceptApplication(deps, clerk, { id: a.id, pendingDocuments: [] }), code('LICENSING.STALE_VERSION'));
    assert.equal(repo.licences.length, 1);
    assert.equal(repo.tasks.length, 1);
  });
});
