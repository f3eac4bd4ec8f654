import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InspectionTaskTable } from '../../../db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { anApplication, FakeApplications, fakeDeps, presetPolicy, staff } from '../licensing.fakes.ts';
import { decideApplication } from './decide-application.ts';

/** LIC-04 the decision as a use case with a fake repository: no database, no HTTP. */
const approver = staff('approver');
const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
const gd = presetPolicy('440106');
const awaiting = () => anApplication({ status: 'awaiting_decision', clock_id: 'clock-1' });

describe('LIC-04 decision', () => {
  test('a grant issues the permit, stops the clock, enters the unit, each recorded; the approval policy version is cited', async () => {
    const a = awaiting();
    const repo = new FakeApplications(gd, [a]);
    const { deps, transactor } = fakeDeps(repo);
    const next = await decideApplication(deps, approver, { id: a.id, grant: true, reasons: [] });
    assert.equal(next.status, 'granted');
    assert.equal(repo.licences.length, 1);
    assert.equal(next.licence_id, repo.licences[0]!.id);
    assert.equal(repo.clocks.get('clock-1')!.status, 'stopped');
    assert.deepEqual(
      transactor.audits.map((x) => x.action),
      ['clock.stop', 'seal_key.create', 'licence.issue', 'unit.create', 'application.grant'],
    );
    assert.equal(transactor.audits.at(-1)!.policyVersion, gd.versions['licensing.approval']);
    assert.equal(repo.licences[0]!.policy_version, gd.versions['licensing.inspection']);
  });

  test('a refusal needs reasons, issues no permit', async () => {
    const a = awaiting();
    const repo = new FakeApplications(gd, [a]);
    const { deps } = fakeDeps(repo);
    await assert.rejects(decideApplication(deps, approver, { id: a.id, grant: false, reasons: [] }), code('REQUEST.VALIDATION'));
    const next = await decideApplication(deps, approver, { id: a.id, grant: false, reasons: ['疏散通道宽度不足'] });
    assert.equal(next.status, 'refused');
    assert.equal(repo.licences.length, 0);
  });

  test('no grant while pending documents are owed, nor after a failed check', async () => {
    const owed = anApplication({ status: 'awaiting_decision', pending_json: '["training_records"]' });
    const failed = awaiting();
    const repo = new FakeApplications(gd, [owed, failed]);
    repo.tasks.push({ id: 't1', application_id: failed.id, purpose: 'opening_check', result: 'fail' } as InspectionTaskTable);
    const { deps, transactor } = fakeDeps(repo);
    await assert.rejects(decideApplication(deps, approver, { id: owed.id, grant: true, reasons: [] }), code('LICENSING.DOCUMENTS_OWED'));
    await assert.rejects(decideApplication(deps, approver, { id: failed.id, grant: true, reasons: [] }), code('LICENSING.ILLEGAL_TRANSITION'));
    assert.equal(repo.licences.length, 0);
    assert.equal(transactor.audits.length, 0);
  });

  test('a decided application cannot be decided again; a stale second decision issues no second permit', async () => {
    const a = awaiting();
    const repo = new FakeApplications(gd, [a]);
    const { deps } = fakeDeps(repo);
    await decideApplication(deps, approver, { id: a.id, grant: true, reasons: [] });
    await assert.rejects(decideApplication(deps, approver, { id: a.id, grant: true, reasons: [] }), code('LICENSING.ILLEGAL_TRANSITION'));
    const stale = repo.reload.bind(repo);
    repo.reload = async () => ({ ...(await stale(null, a.id)), status: 'awaiting_decision', version: a.version });
    await assert.rejects(decideApplication(deps, approver, { id: a.id, grant: true, reasons: [] }), code('LICENSING.STALE_VERSION'));
    assert.equal(repo.licences.length, 1);
  });
});
