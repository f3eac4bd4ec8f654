import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registrationInput } from '../../test-support/engineers.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, uploadImage } from '../../test-support/http.ts';

for (const database of DATABASES) {
  describe(`engineer registration by commitment [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'approver.440106', 'approver.211000']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    test('LIC-12 apply online with the commitment, decided on a clock, certificate number issued, certificate and seal sent with tracking', async () => {
      const app = tok['applicant.440106']!;
      const file = await uploadImage(t, app, 'qualification.png');
      // The commitment must be ticked; materials must be the applicant's own uploads.
      const unticked = await call(t, app, 'POST', '/api/v1/engineers/registrations', { ...registrationInput([file]), commitmentAccepted: false });
      assert.equal(unticked.status, 400);
      const clerkFile = await uploadImage(t, tok['clerk.440106']!, 'other.png');
      const foreign = await call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([clerkFile]));
      assert.deepEqual([foreign.status, foreign.body.code], [400, 'ENGINEER.INVALID_MATERIALS']);

      const r = await call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([file]), { 'idempotency-key': 'eng-apply-0001' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.statusLabel, '待审核');
      assert.equal(r.body.levelLabel, '一级注册消防工程师');
      assert.match(r.body.commitmentText, /承诺/);
      assert.equal(r.body.idNumberMasked, '4401**********123X');
      assert.ok(r.body.dueDate, 'the decision has a platform clock');
      assert.match(r.body.legalBasis, /143号/);
      const clock = await t.ctx.database.db.selectFrom('clocks').selectAll().where('target_id', '=', r.body.id).executeTakeFirstOrThrow();
      assert.deepEqual([clock.unit, clock.amount], ['working_days', 20]);
      // The same person cannot hold two live applications.
      const again = await call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([file]), { 'idempotency-key': 'eng-apply-0002' });
      assert.deepEqual([again.status, again.body.code], [409, 'ENGINEER.DUPLICATE']);

      const mine = await call(t, app, 'GET', '/api/v1/engineers/registrations/mine');
      assert.deepEqual(
        mine.body.items.map((x: { id: string }) => x.id),
        [r.body.id],
      );
      const approver = tok['approver.440106']!;
      const queue = await call(t, approver, 'GET', '/api/v1/engineers/registrations?open=true');
      assert.ok(queue.body.items.some((x: { id: string }) => x.id === r.body.id));
      // Another agency neither sees nor decides it.
      const other = await call(t, tok['approver.211000']!, 'GET', '/api/v1/engineers/registrations');
      assert.ok(!other.body.items.some((x: { id: string }) => x.id === r.body.id));
      const otherDecide = await call(t, tok['approver.211000']!, 'POST', `/api/v1/engineers/registrations/${r.body.id}/decision`, {
        outcome: 'approve',
        version: 0,
      });
      assert.equal(otherDecide.status, 404);
      // The courier step waits for an approval.
      const early = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/engineers/registrations/${r.body.id}/dispatch`, {
        courier: '中国邮政EMS',
        trackingNo: 'EMS100200300',
        version: 0,
      });
      assert.deepEqual([early.status, early.body.code], [409, 'ENGINEER.STATE']);

      const ok = await call(t, approver, 'POST', `/api/v1/engineers/registrations/${r.body.id}/decision`, { outcome: 'approve', version: 0 });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'approved');
      assert.match(ok.body.certificateNo, /^144\d{4}[0-9A-F]{8}$/);
      assert.equal(ok.body.dueDate, null);
      const stopped = await t.ctx.database.db.selectFrom('clocks').select('status').where('id', '=', clock.id).executeTakeFirstOrThrow();
      assert.equal(stopped.status, 'stopped');
      const twice = await call(t, approver, 'POST', `/api/v1/engineers/registrations/${r.body.id}/decision`, {
        outcome: 'refuse',
        reasons: '再次',
        version: 0,
      });
      assert.deepEqual([twice.status, twice.body.code], [409, 'ENGINEER.STATE']);

      const sent = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/engineers/registrations/${r.body.id}/dispatch`, {
        courier: '中国邮政EMS',
        trackingNo: 'EMS100200300',
        version: ok.body.version,
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.deepEqual([sent.body.statusLabel, sent.body.courier, sent.body.trackingNo], ['证书和印章已寄出', '中国邮政EMS', 'EMS100200300']);
      const followed = await call(t, app, 'GET', '/api/v1/engineers/registrations/mine');
      assert.equal(followed.body.items[0].trackingNo, 'EMS100200300');
      const actions = await t.ctx.database.db.selectFrom('audit_events').select('action').where('target_id', '=', r.body.id).execute();
      assert.deepEqual(
        actions.map((a) => a.action).filter((a) => a.startsWith('engineer.')),
        ['engineer.registration.apply', 'engineer.registration.approve', 'engineer.registration.dispatch'],
      );
    });

    test('LIC-12 a refusal states its reasons; the person may apply again after a refusal', async () => {
      const app = tok['applicant.440106']!;
      const file = await uploadImage(t, app, 'qualification2.png');
      const r = await call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([file], '440106198801011234'));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const approver = tok['approver.440106']!;
      const bare = await call(t, approver, 'POST', `/api/v1/engineers/registrations/${r.body.id}/decision`, { outcome: 'refuse', version: 0 });
      assert.deepEqual([bare.status, bare.body.code], [400, 'ENGINEER.REASONS_REQUIRED']);
      const no = await call(t, approver, 'POST', `/api/v1/engineers/registrations/${r.body.id}/decision`, {
        outcome: 'refuse',
        reasons: '资格证书编号与本人身份不符',
        version: 0,
      });
      assert.equal(no.status, 200, JSON.stringify(no.body));
      assert.deepEqual([no.body.statusLabel, no.body.reasons, no.body.certificateNo], ['不予注册', '资格证书编号与本人身份不符', null]);
      const again = await call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([file], '440106198801011234'));
      assert.equal(again.status, 201, JSON.stringify(again.body));
    });
  });
}
