import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * Every state-changing step of a penalty case under 20 parallel identical requests (ENF-01 … ENF-07): exactly
 * one effect, the others 409 ENFORCEMENT.CASE_STATE (never 5xx); opening a case replays under one
 * Idempotency-Key. On SQLite one writer serialises them; PostgreSQL is where races show.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`enforcement concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['clerk.211000', 'inspector.211000', 'inspector2.211000', 'legal_reviewer.211000', 'approver.211000']) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => call(t, tok[who]!, 'POST', url, payload, headers);
    const par = (fn: () => ReturnType<typeof as>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof as>>[], what: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        `${what}: no 5xx`,
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, `${what}: ${JSON.stringify(rs.map((r) => [r.status, r.body.code]))}`);
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENFORCEMENT.CASE_STATE'], what);
    };
    const audits = async (caseId: string, action: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', caseId).where('action', '=', action).execute()).length;
    const body = () => ({
      regionCode: '211000',
      party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
      violationCode: 'XFF-60-1-3',
      facts: '营业期间安全出口被锁闭',
      circumstances: {},
      coOfficerId: ids['inspector2.211000'],
    });
    const url = (id: string, step: string) => `/api/v1/enforcement/cases/${id}/${step}`;

    test('ENF-01 one case under one Idempotency-Key sent 20 times; filing it 20 times files it once (one number, one clock)', async () => {
      const key = `case-${randomUUID()}`;
      const rs = await par(() => as('inspector.211000', '/api/v1/enforcement/cases', body(), { 'idempotency-key': key }));
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(rs.map((r) => r.body.code)),
      );
      const caseId = rs[0]!.body.id as string;
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      oneWins(await par(() => as('approver.211000', url(caseId, 'filing'), { approve: true })), 'filing');
      const row = await t.ctx.database.db.selectFrom('enforcement_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal((await t.ctx.database.db.selectFrom('clocks').select('id').where('target_id', '=', caseId).execute()).length, 1);
      assert.ok(row.number);
      assert.equal(await audits(caseId, 'enforcement_case.file'), 1);
    });

    test('ENF-04/ENF-06 evidence, notice, review, decision, service, payment and revocation each take effect once under 20 parallel requests', async () => {
      const opened = await as('inspector.211000', '/api/v1/enforcement/cases', body());
      const caseId = opened.body.id as string;
      assert.equal((await as('approver.211000', url(caseId, 'filing'), { approve: true })).status, 200);
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      oneWins(await par(() => as('inspector.211000', url(caseId, 'evidence'), { fileId, kind: 'photo', description: '现场照片' })), 'evidence');
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_evidence').select('id').where('case_id', '=', caseId).execute()).length, 1);
      oneWins(await par(() => as('inspector.211000', url(caseId, 'notice'), { outcome: 'fine', fine: 20000 })), 'notice');
      t.clock.advance(8 * 86_400_000);
      for (const u of Object.keys(tok)) tok[u] = await t.login(u);
      oneWins(await par(() => as('inspector.211000', url(caseId, 'review-submission'))), 'review submission');
      oneWins(await par(() => as('legal_reviewer.211000', url(caseId, 'review'), { pass: true, opinion: '同意' })), 'review');
      oneWins(
        await par(() =>
          as('approver.211000', url(caseId, 'collective-discussion'), { heldOn: '2026-11-23', participants: '支队长、法制科科长', conclusion: '同意' }),
        ),
        'collective discussion',
      );
      assert.equal(await audits(caseId, 'enforcement_case.collective_discussion'), 1);
      const decisions = await par(() => as('approver.211000', url(caseId, 'decision'), { outcome: 'fine', fine: 10000, deviationReason: '从轻处罚' }));
      oneWins(decisions, 'decision');
      assert.equal(await audits(caseId, 'enforcement_case.decide'), 1);
      assert.equal(
        (await t.ctx.database.db.selectFrom('oversight_alerts').select('id').where('target_id', '=', caseId).execute()).length,
        1,
        'one deviation alert',
      );
      const decided = decisions.find((r) => r.status === 200)!.body as Json;
      const today = decided.decision.decidedOn as string;
      oneWins(await par(() => as('inspector.211000', url(caseId, 'service'), { method: 'in_person', servedAt: today })), 'service');
      oneWins(
        await par(() => as('clerk.211000', url(caseId, 'payment'), { amount: 10000, paidOn: today, receiptNumber: `FS-${caseId.slice(-8)}` })),
        'payment',
      );
      assert.equal(await audits(caseId, 'enforcement_case.payment'), 1);
      oneWins(await par(() => as('approver.211000', url(caseId, 'revocation'), { reason: '复议变更' })), 'revocation');
      assert.equal(
        (
          await t.ctx.database.db
            .selectFrom('domain_events')
            .select('id')
            .where('target_id', '=', caseId)
            .where('type', '=', 'enforcement.decision_revoked')
            .execute()
        ).length,
        1,
      );
    });

    test('ENF-01 transferring one case 20 times transfers it once', async () => {
      const opened = await as('inspector.211000', '/api/v1/enforcement/cases', body());
      const caseId = opened.body.id as string;
      oneWins(await par(() => as('approver.211000', url(caseId, 'transfer'), { to: '辽阳市公安局白塔分局', reason: '依法移送' })), 'transfer');
      assert.equal(await audits(caseId, 'enforcement_case.transfer'), 1);
    });
  });
}
