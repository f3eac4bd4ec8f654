import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deliverPushes } from '../../platform/partners/outbox.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { Hotline12345Simulator } from '../../test-support/hotline12345.ts';
import { overridePolicy } from '../../test-support/policy.ts';

/**
 * Every state-changing complaints transition under 20 parallel identical requests (CMP-01 … CMP-03): one
 * applies and the others get 409 with a stable code (never a 5xx, never a second effect). On SQLite one
 * connection serialises them; PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`complaints concurrency [${database}]`, () => {
    let t: TestApp;
    let clerk = '';
    let inspector = '';
    let approver = '';
    let usci = '';
    let inspectorIds: string[] = [];
    let n = 0;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
      inspector = await t.login('inspector.211000');
      approver = await t.login('approver.211000');
      const rows = await t.ctx.database.db
        .selectFrom('users')
        .select(['id', 'username', 'usci'])
        .where('username', 'in', ['inspector.211000', 'inspector2.211000', 'applicant.211000'])
        .orderBy('username')
        .execute();
      inspectorIds = rows.filter((r) => r.username.startsWith('inspector')).map((r) => r.id);
      usci = rows.find((r) => r.username === 'applicant.211000')!.usci!;
      await overridePolicy(t, '211000', 'complaints.rewards', {
        enabled: true,
        eligibleCategories: ['escape_route_blocked', 'fire_system_disabled', 'other'],
        mode: 'fixed',
        amounts: [
          { category: 'escape_route_blocked', amount: 100 },
          { category: 'other', amount: 30 },
        ],
        finePercent: 0,
        cap: 0,
        realNameRequired: false,
        firstReporterOnly: true,
        excludeStaff: true,
        claimWindow: { unit: 'calendar_days', amount: 30 },
      });
    });
    after(() => t.close());

    const post = async (token: string | null, url: string, payload?: unknown) => {
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: token ? bearer(token) : {},
        ...(payload !== undefined ? { payload: payload as string } : {}),
        remoteAddress: `10.4.0.${++n % 250}`,
      });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const par = (fn: () => ReturnType<typeof post>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof post>>[], code: string, ok = 200) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, code]);
    };
    const photo = async () => {
      const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
      return (await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(inspector), ...mp.headers }, payload: mp.payload })).json()
        .id as string;
    };
    const newReport = async () => {
      const r = await post(null, '/api/v1/public/complaints', {
        regionCode: '211000',
        category: 'escape_route_blocked',
        description: '并发测试：安全出口锁闭',
        unitUsci: usci,
        anonymous: true,
        reporter: { phone: '13600000000' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body as { id: string; trackingCode: string };
    };

    test('CMP-03 dispatch, category change, duplicate link, outcome, feedback, return visit, reopen: each applies once under 20 parallel requests', async () => {
      const a = await newReport();
      const b = await newReport();
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${b.id}/duplicate-of`, { originalId: a.id })), 'COMPLAINTS.STATE');
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${a.id}/category`, { category: 'other', reason: '并发测试' })), 'COMPLAINTS.STATE');
      const clocks = await t.ctx.database.db.selectFrom('clocks').select('status').where('target_id', '=', a.id).execute();
      assert.equal(clocks.filter((c) => c.status !== 'stopped').length, 1, 'one running clock after the change');
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${a.id}/verification`, { inspectorIds })), 'COMPLAINTS.STATE');
      const tasks = await t.ctx.database.db
        .selectFrom('inspection_tasks')
        .select('id')
        .where('purpose', '=', 'complaint')
        .where('trigger_reason', 'like', '%并发测试%')
        .execute();
      assert.equal(tasks.length, 1, 'one inspection task');
      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/inspection-tasks/${tasks[0]!.id}`, headers: bearer(inspector) });
      const rec = await post(inspector, `/api/v1/inspection-tasks/${tasks[0]!.id}/record`, {
        mode: 'remote',
        checklist: (detail.json().checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '并发测试',
        signatures: { inspectors: [await photo(), await photo()] },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${a.id}/outcome`, { outcome: 'partly_founded', findings: '并发测试' })), 'COMPLAINTS.STATE');
      await t.drain();
      const referrals = await t.ctx.database.db.selectFrom('enforcement_referrals').select('source_type').where('source_id', '=', a.id).execute();
      assert.deepEqual(referrals, [{ source_type: 'complaint' }], 'one referral from the one conclusion');
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${a.id}/feedback`, { feedback: '并发测试答复' })), 'COMPLAINTS.STATE');
      oneWins(await par(() => post(approver, `/api/v1/complaints/${a.id}/reward`, { excludedPerson: false })), 'COMPLAINTS.REWARD_STATE');
      const claims = await par(() =>
        post(null, `/api/v1/public/complaints/${a.trackingCode}/reward-claim`, { payeeName: '并发', account: '6222000000000000' }),
      );
      oneWins(claims, 'COMPLAINTS.REWARD_STATE');
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${a.id}/return-visits`, { satisfied: false, note: '仍未解决' })), 'COMPLAINTS.STATE');
      const visits = await t.ctx.database.db.selectFrom('complaint_return_visits').select('id').where('complaint_id', '=', a.id).execute();
      assert.equal(visits.length, 1);
      const running = await t.ctx.database.db.selectFrom('clocks').select('status').where('target_id', '=', a.id).where('status', '!=', 'stopped').execute();
      assert.equal(running.length, 1, 'one new clock after the reopening');
    });

    test('CMP-03 a transfer under 20 parallel requests moves the report and its clock once', async () => {
      const a = await newReport();
      const rs = await par(() => post(clerk, `/api/v1/complaints/${a.id}/transfer`, { regionCode: '440100', reason: '并发测试：不属本辖区' }));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      // The losers either lost the compare-and-set (409) or, once the winner committed, no longer see a report
      // that left their jurisdiction (404).
      for (const r of rs.filter((x) => x.status !== 200))
        assert.ok(
          (r.status === 409 && r.body.code === 'COMPLAINTS.STATE') || (r.status === 404 && r.body.code === 'RESOURCE.NOT_FOUND'),
          JSON.stringify([r.status, r.body.code]),
        );
      const events = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', a.id)
        .where('action', '=', 'complaint.transfer')
        .execute();
      assert.equal(events.length, 1, 'one recorded transfer');
      const clocks = await t.ctx.database.db.selectFrom('clocks').select(['region_code', 'status']).where('target_id', '=', a.id).execute();
      assert.deepEqual(clocks, [{ region_code: '440100', status: 'running' }], 'the one clock went along, still running');
    });

    test('CMP-01 one 12345 work-order number pushed 20 times at once creates one report', async () => {
      const admin = await t.login('admin.000000');
      const key = await post(admin, '/api/v1/partners/12345/keys', { name: '并发测试 12345', regionCode: '211000' });
      const sim = new Hotline12345Simulator(t, key.body.key, key.body.secret);
      const order = { workOrderNo: 'CC-0001', regionCode: '211000', category: 'other', content: '并发测试工单内容', receivedAt: t.clock.now.toISOString() };
      const rs = await Promise.all(Array.from({ length: N }, () => sim.pushOrder(order)));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 201).length, 1, JSON.stringify(rs.map((r) => r.status)));
      assert.equal(new Set(rs.map((r) => r.body.complaintId)).size, 1);
      const rows = await t.ctx.database.db.selectFrom('complaints').select('id').where('external_ref', '=', 'CC-0001').execute();
      assert.equal(rows.length, 1);
    });

    test('CMP-01 a 12345 step under 20 parallel requests queues one report; 20 parallel delivery runs push it once', async () => {
      const admin = await t.login('admin.000000');
      const key = await post(admin, '/api/v1/partners/12345/keys', {
        name: '并发测试 12345 回调',
        regionCode: '211000',
        callbackUrl: Hotline12345Simulator.CALLBACK,
      });
      assert.equal(key.status, 201, JSON.stringify(key.body));
      const sim = new Hotline12345Simulator(t, key.body.key, key.body.secret);
      const order = { workOrderNo: 'CC-0002', regionCode: '211000', category: 'other', content: '并发测试回调工单', receivedAt: t.clock.now.toISOString() };
      const id = (await sim.pushOrder(order)).body.complaintId as string;
      oneWins(await par(() => post(clerk, `/api/v1/complaints/${id}/verification`, { usci, inspectorIds })), 'COMPLAINTS.STATE');
      const queued = await t.ctx.database.db
        .selectFrom('gateway_deliveries')
        .select(['topic', 'sequence_no'])
        .where('sequence_key', '=', `complaint:${id}`)
        .execute();
      assert.deepEqual(queued, [{ topic: 'hotline.report', sequence_no: 1 }]);
      const runs = await Promise.all(Array.from({ length: N }, (_, i) => deliverPushes(t.ctx, `holder-${i}`, sim.receive)));
      assert.equal(
        runs.reduce((n, r) => n + r.delivered, 0),
        1,
        JSON.stringify(runs),
      );
      assert.equal(sim.received.length, 1, 'the platform heard the step once');
    });
  });
}
