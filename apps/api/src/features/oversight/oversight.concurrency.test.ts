import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NATIONAL_CASE_REVIEW } from '@fep/domain';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * Every state-changing oversight route under 20 parallel identical requests (OVS-03, ENF-08, OVS-02):
 * a complaint's acceptance, conclusion and decline each apply once and the others get 409
 * OVERSIGHT.COMPLAINT_STATE (never a 5xx); creating routes under one Idempotency-Key create one record.
 * On SQLite one connection serialises them; PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`oversight concurrency [${database}]`, () => {
    let t: TestApp;
    let leader = '';
    let reviewer = '';
    let officers: string[] = [];
    let n = 0;
    before(async () => {
      t = await startTestApp(database);
      leader = await t.login('leader.211000');
      reviewer = await t.login('legal_reviewer.211000');
      officers = (
        await t.ctx.database.db
          .selectFrom('users')
          .select('id')
          .where('username', 'in', ['inspector.211000', 'inspector2.211000'])
          .orderBy('username')
          .execute()
      ).map((u) => u.id);
    });
    after(() => t.close());

    const call = async (token: string | null, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...(token ? bearer(token) : {}), ...headers },
        ...(payload !== undefined ? { payload: payload as string } : {}),
        remoteAddress: `10.3.0.${++n % 250}`,
      });
      return { status: r.statusCode, body: r.json() as Json, replayed: r.headers['idempotent-replayed'] === 'true' };
    };
    const par = (fn: () => ReturnType<typeof call>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof call>>[], code: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, code]);
    };
    const newComplaint = async () => {
      const r = await call(null, '/api/v1/public/officer-complaints', { regionCode: '211000', account: '并发测试：执法人员在检查中索要财物。' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const rows = await t.ctx.database.db
        .selectFrom('officer_complaints')
        .select('id')
        .where('status', '=', 'submitted')
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows[0]!.id;
    };
    const events = async (id: string, action: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', id).where('action', '=', action).execute()).length;

    test('OVS-03 twenty parallel acceptances: one accepts, the rest 409; twenty parallel conclusions: one reply', async () => {
      const id = await newComplaint();
      oneWins(await par(() => call(leader, `/api/v1/oversight/officer-complaints/${id}/accept`)), 'OVERSIGHT.COMPLAINT_STATE');
      assert.equal(await events(id, 'officer_complaint.accept'), 1);
      oneWins(
        await par(() => call(leader, `/api/v1/oversight/officer-complaints/${id}/conclude`, { finding: 'unsubstantiated', reply: '经调查，反映问题不属实。' })),
        'OVERSIGHT.COMPLAINT_STATE',
      );
      assert.equal(await events(id, 'officer_complaint.conclude'), 1);
      const row = await t.ctx.database.db.selectFrom('officer_complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'concluded');
    });

    test('OVS-03 twenty parallel declines: one declines, the rest 409', async () => {
      const id = await newComplaint();
      oneWins(
        await par(() => call(leader, `/api/v1/oversight/officer-complaints/${id}/decline`, { reply: '属于火灾隐患举报，已转交核查。' })),
        'OVERSIGHT.COMPLAINT_STATE',
      );
      assert.equal(await events(id, 'officer_complaint.decline'), 1);
    });

    test('OVS-03 an acceptance racing a decline: exactly one of them applies', async () => {
      const id = await newComplaint();
      const rs = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          i % 2
            ? call(leader, `/api/v1/oversight/officer-complaints/${id}/accept`)
            : call(reviewer, `/api/v1/oversight/officer-complaints/${id}/decline`, { reply: '不属于投诉执法人员。' }),
        ),
      );
      oneWins(rs, 'OVERSIGHT.COMPLAINT_STATE');
      assert.equal((await events(id, 'officer_complaint.accept')) + (await events(id, 'officer_complaint.decline')), 1);
    });

    test('ENF-08, OVS-03, OVS-02 twenty parallel creations under one Idempotency-Key create one record each', async () => {
      const db = t.ctx.database.db;
      const interference = await par(() =>
        call(
          leader,
          '/api/v1/oversight/interference',
          {
            personName: '并发某',
            personPosition: '某局局长',
            role: 'leading_cadre',
            channel: 'phone',
            act: 'inquiry',
            occurredAt: '2026-11-20T02:00:00Z',
            caseReference: '并发案件',
            content: '来电询问案件办理进度',
          },
          { 'idempotency-key': 'oversight-par-interference' },
        ),
      );
      assert.deepEqual(
        interference.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(interference.map((r) => r.body)),
      );
      assert.equal(new Set(interference.map((r) => r.body.id)).size, 1, 'every answer names the one record');
      assert.equal(interference.filter((r) => !r.replayed).length, 1, 'one request wrote, the others were replayed');
      assert.equal((await db.selectFrom('interference_records').select('id').where('case_reference', '=', '并发案件').execute()).length, 1);

      const review = await par(() =>
        call(
          reviewer,
          '/api/v1/oversight/case-reviews',
          {
            caseReference: '并发案卷',
            fileKind: 'penalty',
            officerIds: officers,
            veto: NATIONAL_CASE_REVIEW.vetoItems.map((v) => ({ code: v.code, passed: true })),
            items: NATIONAL_CASE_REVIEW.items.map((i) => ({ code: i.code, deducted: 0 })),
          },
          { 'idempotency-key': 'oversight-par-review' },
        ),
      );
      assert.deepEqual(
        review.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(review.map((r) => r.body)),
      );
      assert.equal(new Set(review.map((r) => r.body.id)).size, 1);
      assert.equal((await db.selectFrom('case_reviews').select('id').where('case_reference', '=', '并发案卷').execute()).length, 1);
      assert.equal((await db.selectFrom('case_review_officers').select('user_id').execute()).length, 2);
    });
  });
}
