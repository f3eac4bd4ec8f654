import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { sweepSeals } from './index.ts';

/**
 * Every state-changing step of a temporary seal and of the unit's requests under 20 parallel identical
 * requests (ENF-05): exactly one effect, the others 409 with the seal's (or request's) state code, never 5xx;
 * opening a seal replays under one Idempotency-Key; 20 parallel sweeps mark an expired seal and alert once.
 * On SQLite one writer serialises them; PostgreSQL is where races show.
 */
const N = 20;
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement seal concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    const USERS = ['inspector.211000', 'inspector2.211000', 'approver.211000', 'applicant.211000'];
    before(async () => {
      t = await startTestApp(database);
      for (const u of USERS) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => call(t, tok[who]!, 'POST', url, payload, headers);
    const par = (fn: () => ReturnType<typeof as>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof as>>[], what: string, code: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        `${what}: no 5xx`,
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, `${what}: ${JSON.stringify(rs.map((r) => [r.status, r.body.code]))}`);
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, code], what);
      return rs.find((r) => r.status === 200)!.body as Json;
    };
    const audits = async (targetId: string, action: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', targetId).where('action', '=', action).execute()).length;
    const body = (termDays = 30) => ({
      regionCode: '211000',
      usci,
      unitName: '辽阳市白塔区星光网吧',
      situation: 'exits_blocked',
      scope: '二层营业区',
      photoIds: [],
      inspectedOn: new Date(t.clock.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      termDays,
      coOfficerId: ids['inspector2.211000'],
    });
    const decision = { approve: true, record: '经集体研究决定临时查封', participants: ['王建国（大队长）', '李明（教导员）'] };
    const url = (id: string, step: string) => `/api/v1/enforcement/seals/${id}/${step}`;
    const reqUrl = (id: string, step: string) => `/api/v1/enforcement/seal-requests/${id}/${step}`;
    const SEAL = 'ENFORCEMENT.SEAL_STATE';
    const REQUEST = 'ENFORCEMENT.SEAL_REQUEST_STATE';

    test('ENF-05 one seal under one Idempotency-Key sent 20 times; decision, service, extension, each request step and lifting take effect once', async () => {
      const key = `seal-${randomUUID()}`;
      const rs = await par(() => as('inspector.211000', '/api/v1/enforcement/seals', body(), { 'idempotency-key': key }));
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(rs.map((r) => r.body.code)),
      );
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      const sealId = rs[0]!.body.id as string;
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_seals').select('id').where('usci', '=', usci).execute()).length, 1);

      oneWins(await par(() => as('approver.211000', url(sealId, 'decision'), decision)), 'decision', SEAL);
      assert.equal(await audits(sealId, 'enforcement_seal.decide'), 1);
      assert.equal(
        (await t.ctx.database.db.selectFrom('enforcement_seal_documents').select('id').where('seal_id', '=', sealId).execute()).length,
        1,
        'one 临时查封决定书',
      );
      assert.equal((await t.ctx.database.db.selectFrom('clocks').select('id').where('target_id', '=', sealId).execute()).length, 2, 'service and term clocks');
      const served = (await t.ctx.database.db.selectFrom('enforcement_seals').select('start_date').where('id', '=', sealId).executeTakeFirstOrThrow())
        .start_date!;
      oneWins(await par(() => as('inspector.211000', url(sealId, 'service'), { method: 'in_person', servedAt: served })), 'service', SEAL);
      oneWins(await par(() => as('approver.211000', url(sealId, 'extension'), { days: 10, reason: '检测鉴定' })), 'extension', SEAL);
      assert.equal((await t.ctx.database.db.selectFrom('clock_events').select('id').where('type', '=', 'extend').execute()).length, 1);

      // The unit's requests: one request per 20 identical submissions (one task, one clock).
      const lift = oneWins(
        await par(() => as('applicant.211000', `/api/v1/portal/seals/${sealId}/requests`, { kind: 'lift', note: '已整改，申请解除查封' })),
        'lift request',
        REQUEST,
      );
      const requests = await t.ctx.database.db.selectFrom('enforcement_seal_requests').selectAll().where('seal_id', '=', sealId).execute();
      assert.equal(requests.length, 1);
      assert.equal((await t.ctx.database.db.selectFrom('inspection_tasks').select('id').where('purpose', '=', 'seal_check').execute()).length, 1);
      const requestId = (lift.requests as Json[])[0]!.id as string;
      oneWins(await par(() => as('inspector.211000', reqUrl(requestId, 'inspection'), { passed: false, findings: '仍未整改完毕' })), 'inspection', REQUEST);
      assert.equal(await audits(requestId, 'seal_request.inspect'), 1);
      oneWins(await par(() => as('approver.211000', reqUrl(requestId, 'decision'), { outcome: 'keep', reason: '继续查封' })), 'request decision', REQUEST);
      const enter = oneWins(
        await par(() => as('applicant.211000', `/api/v1/portal/seals/${sealId}/requests`, { kind: 'enter', note: '申请进入整改' })),
        'enter request',
        REQUEST,
      );
      const enterId = (enter.requests as Json[]).find((r) => r.kind === 'enter')!.id as string;
      oneWins(
        await par(() => as('approver.211000', reqUrl(enterId, 'decision'), { outcome: 'allow', reason: '同意，明日上午监督进入' })),
        'allow entry',
        REQUEST,
      );

      oneWins(await par(() => as('approver.211000', url(sealId, 'lifting'), { reason: '火灾隐患已消除' })), 'lifting', SEAL);
      assert.equal(await audits(sealId, 'enforcement_seal.lift'), 1);
    });

    test('ENF-05/OVS-01 20 parallel sweeps mark an expired seal once and raise one alert', async () => {
      const opened = await as('inspector.211000', '/api/v1/enforcement/seals', body(3));
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const sealId = opened.body.id as string;
      assert.equal((await as('approver.211000', url(sealId, 'decision'), decision)).status, 200);
      t.clock.advance(4 * DAY + 60_000);
      for (const u of USERS) tok[u] = await t.login(u);
      const results = await Promise.all(Array.from({ length: N }, (_, i) => sweepSeals(t.ctx, `sweeper-${i}`)));
      assert.equal(
        results.reduce((n, r) => n + r.expired, 0),
        1,
        JSON.stringify(results),
      );
      assert.equal((await t.ctx.database.db.selectFrom('oversight_alerts').select('id').where('target_id', '=', sealId).execute()).length, 1);
      assert.equal(await audits(sealId, 'enforcement_seal.expire'), 1);
      // A sweep after the holder released the lease finds nothing left to do.
      assert.equal((await sweepSeals(t.ctx, 'late')).expired, 0);
    });
  });
}
