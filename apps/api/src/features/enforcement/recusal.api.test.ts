import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseView } from '@fep/contracts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * ENF-08 a party's recusal request (行政处罚法 art. 43): asked in the portal or recorded by an officer, decided by
 * the head — not by the officer concerned — while the investigation continues; granted, a certified officer
 * without a declared conflict takes the place; every step in the record. Also 20 parallel identical requests
 * and decisions take effect once.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`enforcement: recusal requests [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.211000', 'applicant.440106', 'inspector.211000', 'inspector2.211000', 'approver.211000']) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);
    const url = (id: string, step: string) => `/api/v1/enforcement/cases/${id}/${step}`;
    const noticed = async () => {
      const opened = await as('inspector.211000', '/api/v1/enforcement/cases', {
        regionCode: '211000',
        party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
        violationCode: 'XFF-60-1-3',
        facts: '营业期间安全出口被锁闭',
        circumstances: {},
        coOfficerId: ids['inspector2.211000'],
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.id as string;
      assert.equal((await as('approver.211000', url(id, 'filing'), { approve: true })).status, 200);
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      assert.equal((await as('inspector.211000', url(id, 'evidence'), { fileId, kind: 'photo', description: '现场照片' })).status, 200);
      assert.equal((await as('inspector.211000', url(id, 'notice'), { outcome: 'fine', fine: 20000 })).status, 200);
      return id;
    };
    const replacement = async () => {
      // A certified officer of the agency who is not on the case: the officers list of the back office.
      const list = (await call(t, tok['inspector.211000']!, 'GET', '/api/v1/enforcement/officers')).body as Json;
      const free = (list.items as Json[]).find((o) => o.userId !== ids['inspector.211000'] && o.userId !== ids['inspector2.211000']);
      assert.ok(free, JSON.stringify(list));
      return free.userId as string;
    };

    test('ENF-08 the party asks in the portal; the head grants it and a certified officer takes the place; the case stays where it was', async () => {
      const id = await noticed();
      const foreign = await as('applicant.440106', `/api/v1/portal/penalties/${id}/recusal-request`, {
        officerUserId: ids['inspector2.211000'],
        reason: '与我单位负责人系亲属',
      });
      assert.equal(foreign.status, 404);
      const notOfficer = await as('applicant.211000', `/api/v1/portal/penalties/${id}/recusal-request`, {
        officerUserId: ids['approver.211000'],
        reason: '与我单位负责人系亲属',
      });
      assert.deepEqual([notOfficer.status, notOfficer.body.code, notOfficer.body.details?.field], [422, 'ENFORCEMENT.OFFICERS_INVALID', 'officerUserId']);
      const asked = await as('applicant.211000', `/api/v1/portal/penalties/${id}/recusal-request`, {
        officerUserId: ids['inspector2.211000'],
        reason: '承办人员与我单位负责人系亲属',
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      const view = asked.body as CaseView;
      assert.equal(view.status, 'notice_served', 'the investigation continues');
      assert.deepEqual(
        view.recusals.map((r) => [r.officerUserId, r.statusLabel]),
        [[ids['inspector2.211000'], '待负责人决定']],
      );
      // The officers carry on meanwhile: a statement is recorded.
      assert.equal((await as('inspector.211000', url(id, 'statement'), { text: '当事人称已整改' })).status, 200);
      const approverView = (await call(t, tok['approver.211000']!, 'GET', `/api/v1/enforcement/cases/${id}`)).body as CaseView;
      assert.ok(approverView.actions.some((a) => a.action === 'recusal_decision'));
      const requestId = view.recusals[0]!.id;
      // Not by an inspector (no deciding permission), and granted only with a replacement.
      assert.equal((await as('inspector.211000', url(id, 'recusal-decision'), { requestId, grant: true, reason: '同意' })).status, 403);
      const noReplacement = await as('approver.211000', url(id, 'recusal-decision'), { requestId, grant: true, reason: '同意' });
      assert.deepEqual([noReplacement.status, noReplacement.body.details?.field], [422, 'replacementOfficerId']);
      const sameOfficer = await as('approver.211000', url(id, 'recusal-decision'), {
        requestId,
        grant: true,
        reason: '同意',
        replacementOfficerId: ids['inspector.211000'],
      });
      assert.deepEqual([sameOfficer.status, sameOfficer.body.code], [422, 'ENFORCEMENT.OFFICERS_INVALID']);
      const other = await replacement();
      const granted = await as('approver.211000', url(id, 'recusal-decision'), { requestId, grant: true, reason: '申请理由成立', replacementOfficerId: other });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      const g = granted.body as CaseView;
      assert.deepEqual(
        g.officers.map((o) => o.userId),
        [ids['inspector.211000'], other],
      );
      assert.equal(g.recusals[0]!.statusLabel, '决定回避');
      assert.ok(g.recusals[0]!.replacementName);
      assert.equal(g.status, 'notice_served');
      // The recused officer no longer acts on the case.
      const recused = await as('inspector2.211000', url(id, 'statement'), { text: '补充陈述' });
      assert.deepEqual([recused.status, recused.body.code], [403, 'ENFORCEMENT.NOT_CASE_OFFICER']);
      const record = await t.ctx.database.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute();
      for (const a of ['enforcement_case.recusal_request', 'enforcement_case.recusal_grant'])
        assert.ok(
          record.some((r) => r.action === a),
          a,
        );
    });

    test('ENF-08 a request recorded by an officer and refused; after the decision no request is taken; 20 parallel requests and decisions take effect once', async () => {
      const id = await noticed();
      const rs = await Promise.all(
        Array.from({ length: N }, () =>
          as('inspector.211000', url(id, 'recusal-requests'), { officerUserId: ids['inspector.211000'], reason: '当事人口头申请回避' }),
        ),
      );
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENFORCEMENT.CASE_STATE']);
      const rows = await t.ctx.database.db.selectFrom('enforcement_recusal_requests').selectAll().where('case_id', '=', id).execute();
      assert.equal(rows.length, 1);
      const ds = await Promise.all(
        Array.from({ length: N }, () => as('approver.211000', url(id, 'recusal-decision'), { requestId: rows[0]!.id, grant: false, reason: '申请理由不成立' })),
      );
      assert.equal(ds.filter((r) => r.status === 200).length, 1, JSON.stringify(ds.map((r) => [r.status, r.body.code])));
      for (const r of ds.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENFORCEMENT.CASE_STATE']);
      const refusals = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', id)
        .where('action', '=', 'enforcement_case.recusal_refuse')
        .execute();
      assert.equal(refusals.length, 1);
      const view = (await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/penalties/${id}`)).body as CaseView;
      assert.equal(view.recusals[0]!.statusLabel, '决定不予回避');
    });
  });
}
