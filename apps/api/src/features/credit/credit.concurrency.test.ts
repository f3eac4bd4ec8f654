import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { agencyId, bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { recordCreditEvent } from './index.ts';

/**
 * Every state-changing credit route under 20 parallel identical requests (CRD-03): a unit's objection is filed
 * once (the others 409 CREDIT.REQUEST_STATE), and a decision applies once — the record corrected once, one
 * level change in the history. On SQLite one connection serialises them; PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`credit concurrency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const post = async (token: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const oneWins = (rs: { status: number; body: Json }[], ok: number, code: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, code]);
    };

    test('CRD-03 20 parallel objections to one record file one; 20 parallel decisions correct it once', async () => {
      const db = t.ctx.database.db;
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const record = await recordCreditEvent(t.ctx, systemActor(), {
        usci,
        agencyId: await agencyId(t, '211000'),
        kind: 'false_commitment',
        severity: 'serious',
        reason: '并发测试：告知承诺核查发现虚假承诺',
        sourceType: 'inspection_task',
        sourceId: `concurrency-${database}`,
        occurredAt: t.clock.now.toISOString(),
      });
      const applicant = await t.login('applicant.211000');
      const filed = await Promise.all(
        Array.from({ length: N }, () =>
          post(applicant, '/api/v1/credit/requests', { kind: 'objection', recordId: record.id, reason: '并发测试异议', evidenceFileIds: [] }),
        ),
      );
      oneWins(filed, 201, 'CREDIT.REQUEST_STATE');
      const id = filed.find((r) => r.status === 201)!.body.id as string;
      const leader = await t.login('leader.211000');
      const decided = await Promise.all(
        Array.from({ length: N }, () => post(leader, `/api/v1/credit/requests/${id}/decision`, { approve: true, reason: '并发测试：异议成立' })),
      );
      oneWins(decided, 200, 'CREDIT.REQUEST_STATE');
      const row = await db.selectFrom('credit_events').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.version], ['corrected', 1]);
      const decisions = await db.selectFrom('audit_events').select('id').where('action', '=', 'credit_request.decide').where('target_id', '=', id).execute();
      assert.equal(decisions.length, 1);
      // The objection's clock started once with the one request and stopped once with the one decision.
      const clocks = await db
        .selectFrom('clocks')
        .select(['status', 'event_seq'])
        .where('target_type', '=', 'credit_request')
        .where('target_id', '=', id)
        .execute();
      assert.deepEqual(clocks, [{ status: 'stopped', event_seq: 1 }]);
      const history = await db.selectFrom('credit_level_history').select(['level_from', 'level_to']).where('usci', '=', usci).orderBy('at').execute();
      assert.deepEqual(
        history.map((h) => [h.level_from, h.level_to]),
        [
          [null, 'B'],
          ['B', 'A'],
        ],
      );
    });

    test('CRD-02 20 parallel identical commendations record one (one credit record, one recomputation)', async () => {
      const db = t.ctx.database.db;
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const leader = await t.login('leader.211000');
      const body = { usci, kind: 'commendation', documentNo: `辽阳消〔2026〕并发${database}号`, reason: '并发测试：消防安全工作先进单位' };
      const rs = await Promise.all(Array.from({ length: N }, () => post(leader, '/api/v1/credit/commendations', body)));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 201).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      // The loser either saw the record (409 CREDIT.COMMENDATION_EXISTS) or lost the race on the unique index (409).
      for (const r of rs.filter((x) => x.status !== 201))
        assert.ok(r.status === 409 && ['CREDIT.COMMENDATION_EXISTS', 'REQUEST.CONFLICT'].includes(r.body.code), JSON.stringify(r.body));
      const rows = await db
        .selectFrom('credit_events')
        .select('id')
        .where('source_type', '=', 'commendation')
        .where('source_id', '=', body.documentNo)
        .execute();
      assert.equal(rows.length, 1);
    });
  });
}
