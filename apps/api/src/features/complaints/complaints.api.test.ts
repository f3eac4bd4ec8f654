import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { deliverPushes } from '../../platform/partners/outbox.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { Hotline12345Simulator } from '../../test-support/hotline12345.ts';
import { call, type Json } from '../../test-support/http.ts';
import { overridePolicy } from '../../test-support/policy.ts';

/**
 * Hazard reports over HTTP on SQLite and PostgreSQL (CMP-01 … CMP-04, SUP-06): every channel end to end,
 * the statutory clocks, duplicates, verification by two inspectors, founded → order, feedback, reward by
 * tracking code, return visits reopening, officer complaints to oversight, and the anonymity leak test.
 */
const REPORTER = { name: '欧阳举报人', phone: '13912345678' };
const HUNAN_LIKE = {
  enabled: true,
  eligibleCategories: ['escape_route_blocked', 'fire_system_disabled', 'other'],
  mode: 'fixed',
  amounts: [
    { category: 'escape_route_blocked', amount: 100 },
    { category: 'fire_system_disabled', amount: 50 },
    { category: 'other', amount: 30 },
  ],
  finePercent: 0,
  cap: 0,
  realNameRequired: false,
  firstReporterOnly: true,
  excludeStaff: true,
  claimWindow: { unit: 'calendar_days', amount: 30 },
};

async function publicPhoto(t: TestApp): Promise<string> {
  const mp = multipartFile('p.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints/photos', headers: mp.headers, payload: mp.payload });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
}

async function staffPhoto(t: TestApp, token: string): Promise<string> {
  const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
}

for (const database of DATABASES) {
  describe(`complaints [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    let usci = '';
    let inspectorIds: string[] = [];
    /** Every response body of every role but the intake clerk's, scanned by the leak test. */
    const seen: string[] = [];
    /** Every log line the application writes at info level, for every role's requests (the clerk's too). */
    const logLines: string[] = [];
    const look = async (who: string, method: string, url: string, body?: unknown) => {
      const r = await call(t, tok[who] ?? null, method, url, body);
      if (!who.startsWith('clerk.')) seen.push(`${who} ${url}\n${JSON.stringify(r.body)}${Buffer.from(r.raw).toString('utf8')}`);
      return r;
    };
    /** Moves the clock and signs everyone in again (an idle session ends after a while). */
    const relogin = async () => {
      for (const u of [
        'clerk.211000',
        'inspector.211000',
        'inspector2.211000',
        'leader.211000',
        'approver.211000',
        'applicant.211000',
        'admin.000000',
        'clerk.440100',
      ])
        tok[u] = await t.login(u);
    };
    const advance = async (ms: number) => {
      t.clock.advance(ms);
      await relogin();
    };
    before(async () => {
      const logStream = new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      t = await startTestApp(database, { logStream });
      await relogin();
      const rows = await t.ctx.database.db
        .selectFrom('users')
        .select(['id', 'username', 'usci'])
        .where('username', 'in', ['inspector.211000', 'inspector2.211000', 'applicant.211000'])
        .orderBy('username')
        .execute();
      inspectorIds = rows.filter((r) => r.username.startsWith('inspector')).map((r) => r.id);
      usci = rows.find((r) => r.username === 'applicant.211000')!.usci!;
      await overridePolicy(t, '211000', 'complaints.rewards', HUNAN_LIKE);
    });
    after(() => t.close());

    test('CMP-02 categories with their verification limits are public and come from the policy', async () => {
      const r = await look('anonymous', 'GET', '/api/v1/complaints/categories?region=211000');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const byCode: Json = Object.fromEntries((r.body.categories as Json[]).map((c) => [c.code, c]));
      assert.deepEqual(byCode.escape_route_blocked.limit, { unit: 'hours', amount: 24, label: '受理后 24 小时内核查' });
      assert.deepEqual(byCode.fire_system_disabled.limit.unit, 'hours');
      assert.deepEqual(byCode.other.limit, { unit: 'working_days', amount: 3, label: '受理之日起 3 个工作日内核查' });
      assert.match(byCode.other.legalBasis.document, /消防监督检查规定/);
      // Huzhou-style: 4 working days is data, not code.
      await overridePolicy(t, '211002', 'complaints.deadlines', {
        deadlines: [
          { category: 'escape_route_blocked', unit: 'hours', amount: 24 },
          { category: 'fire_system_disabled', unit: 'hours', amount: 24 },
          { category: 'other', unit: 'working_days', amount: 4 },
        ],
        feedbackToReporter: true,
      });
      const huzhou = await look('anonymous', 'GET', '/api/v1/complaints/categories?region=211002');
      assert.equal((huzhou.body.categories as Json[]).find((c) => c.code === 'other')?.limit.amount, 4);
      assert.equal((await look('anonymous', 'GET', '/api/v1/complaints/categories?region=999999')).status, 422);
    });

    test('CMP-01/02/03/04 随手拍: anonymous, photo and GCJ-02 location → 24-hour clock; verified by two inspectors; founded → order; feedback by tracking code; reward claimed', async () => {
      const photo = await publicPhoto(t);
      const gcj = { lat: 41.2716, lng: 123.1784, system: 'gcj02' };
      const sent = await look('anonymous', 'POST', '/api/v1/public/complaints', {
        regionCode: '211000',
        category: 'escape_route_blocked',
        description: '商场后门安全出口被铁链锁住，营业时间无法打开',
        unitUsci: usci,
        location: gcj,
        address: '辽阳市白塔区中华大街 1 号',
        photos: [photo],
        anonymous: true,
        reporter: REPORTER,
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.match(sent.body.trackingCode, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      // Received Monday 10:00 Beijing: due 24 calendar hours later.
      assert.equal(sent.body.verifyBy, '2026-11-24T02:00:00.000Z');
      const id = sent.body.id as string;

      const clerk = await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${id}`);
      assert.equal(clerk.status, 200, JSON.stringify(clerk.body));
      assert.equal(clerk.body.channel, 'snapshot');
      assert.deepEqual(clerk.body.clock.unit, 'hours');
      assert.equal(clerk.body.clock.dueAt, '2026-11-24T02:00:00.000Z');
      assert.deepEqual(clerk.body.photos, [photo]);
      assert.equal(clerk.body.location.system, 'wgs84');
      assert.ok(Math.abs(clerk.body.location.lat - gcj.lat) > 0.0005 || Math.abs(clerk.body.location.lng - gcj.lng) > 0.0005, 'GCJ-02 was converted');
      assert.deepEqual(clerk.body.reporter, { name: REPORTER.name, phone: REPORTER.phone, idNumber: null }, 'the intake role sees the reporter');
      const reveals = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', id)
        .where('action', '=', 'complaint.reporter_read')
        .execute();
      assert.equal(reveals.length, 1, 'each reveal is recorded');
      const photoBytes = await t.app.inject({ method: 'GET', url: `/api/v1/complaints/${id}/photos/${photo}`, headers: bearer(tok['inspector.211000']!) });
      assert.equal(photoBytes.statusCode, 200);

      const insp = await look('inspector.211000', 'GET', `/api/v1/complaints/${id}`);
      assert.equal(insp.status, 200);
      assert.equal(insp.body.reporter, null, 'the inspector never sees the reporter');
      assert.equal(insp.body.hasContact, true);

      // SUP-06: verification is an inspection task with two inspectors; one inspector is refused.
      const one = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/verification`, { inspectorIds: [inspectorIds[0]] });
      assert.equal(one.status, 400);
      const early = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, { outcome: 'founded', findings: '未核查' });
      assert.equal(early.body.code, 'COMPLAINTS.STATE');
      const dispatched = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/verification`, { inspectorIds });
      assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
      const taskId = dispatched.body.taskId as string;
      const task = await t.ctx.database.db.selectFrom('inspection_tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
      assert.equal(task.purpose, 'complaint', 'a non-random trigger, kept apart in the figures');
      assert.equal(new Set(JSON.parse(task.inspector_ids_json) as string[]).size, 2);
      const notYet = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, { outcome: 'founded', findings: '属实' });
      assert.equal(notYet.body.code, 'COMPLAINTS.NOT_VERIFIED');

      await advance(3 * 3600_000);
      const detail = await look('inspector.211000', 'GET', `/api/v1/inspection-tasks/${taskId}`);
      assert.ok(!JSON.stringify(detail.body).includes(REPORTER.phone));
      const checklist = (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: i.code !== 'escape' }));
      const rec = await look('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, {
        mode: 'onsite',
        checklist,
        hazards: [{ itemCode: 'escape', description: '营业期间安全出口被锁闭', major: false, photoIds: [await staffPhoto(t, tok['inspector.211000']!)] }],
        findings: '举报属实，后门安全出口被锁闭',
        signatures: {
          inspectors: [await staffPhoto(t, tok['inspector.211000']!), await staffPhoto(t, tok['inspector.211000']!)],
          representative: await staffPhoto(t, tok['inspector.211000']!),
          representativeName: '张店长',
        },
        order: { deadlineWorkingDays: 3, guidance: '立即拆除锁具，保持安全出口畅通' },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      const founded = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, {
        outcome: 'founded',
        findings: '后门安全出口被锁闭，已责令改正',
      });
      assert.equal(founded.status, 200, JSON.stringify(founded.body));
      assert.equal(founded.body.orderId, rec.body.orderId, 'founded → the rectification order of the verification');
      assert.equal(founded.body.clock.state, 'met', 'verified within 24 hours');
      const events = await t.ctx.database.db.selectFrom('domain_events').select(['type']).where('target_id', '=', id).execute();
      assert.ok(events.some((e) => e.type === 'complaints.founded'));
      // Founded → a case source for enforcement (through its subscriber), once however often the event is delivered.
      await t.drain();
      const referrals = await t.ctx.database.db.selectFrom('enforcement_referrals').selectAll().where('source_id', '=', id).execute();
      assert.equal(referrals.length, 1, 'one referral from the founded report');
      assert.equal(referrals[0]!.source_type, 'complaint');
      assert.equal(referrals[0]!.usci, usci);
      assert.match(referrals[0]!.reason, /群众举报投诉经核查属实：后门安全出口被锁闭/);
      assert.ok(!JSON.stringify(referrals).includes(REPORTER.name) && !JSON.stringify(referrals).includes(REPORTER.phone));

      const fb = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/feedback`, {
        feedback: '经核查举报属实，已责令该单位限期改正。感谢您的举报。',
      });
      assert.equal(fb.status, 200, JSON.stringify(fb.body));
      assert.equal(fb.body.status, 'closed');

      const tracked = await look('anonymous', 'GET', `/api/v1/public/complaints/${sent.body.trackingCode}`);
      assert.equal(tracked.status, 200);
      assert.equal(tracked.body.outcomeLabel, '属实');
      assert.match(tracked.body.feedback, /已责令该单位限期改正/);
      assert.equal((await look('anonymous', 'GET', '/api/v1/public/complaints/AAAA-AAAA-AAAA-AAAA')).status, 404);

      // Reward: decided by the approver under the jurisdiction's rule; claimed with the tracking code.
      const reward = await look('approver.211000', 'POST', `/api/v1/complaints/${id}/reward`, { excludedPerson: false });
      assert.equal(reward.status, 200, JSON.stringify(reward.body));
      assert.equal(reward.body.reward.amount, 100);
      assert.equal(reward.body.reward.claimBy, '2026-12-23');
      const claim = await look('anonymous', 'POST', `/api/v1/public/complaints/${sent.body.trackingCode}/reward-claim`, {
        payeeName: '欧阳举报人',
        account: '6222020200112233445',
      });
      assert.equal(claim.status, 200, JSON.stringify(claim.body));
      const again = await look('anonymous', 'POST', `/api/v1/public/complaints/${sent.body.trackingCode}/reward-claim`, {
        payeeName: '欧阳举报人',
        account: '6222020200112233445',
      });
      assert.equal(again.body.code, 'COMPLAINTS.REWARD_STATE');
      const paid = await look('approver.211000', 'POST', `/api/v1/complaints/${id}/reward/payment`, { paymentRef: '财政支付凭证 2026-001' });
      assert.equal(paid.body.reward.status, 'paid');
      const stored = await t.ctx.database.db.selectFrom('complaint_rewards').select('payee_enc').where('complaint_id', '=', id).executeTakeFirstOrThrow();
      assert.ok(!stored.payee_enc!.includes('6222020200112233445'), 'the payee account is sealed');
    });

    test('CMP-01/02 hotline 96119 intake at 16:00 Friday: an "other" report ends with the third working day; a category change re-derives the clock with its reason', async () => {
      t.clock.now = new Date('2026-12-04T09:00:00Z');
      await relogin();
      const r = await call(t, tok['clerk.211000']!, 'POST', '/api/v1/complaints', {
        channel: 'hotline_96119',
        receivedAt: '2026-12-04T08:00:00.000Z',
        regionCode: '211000',
        category: 'other',
        description: '来电反映某小区地下车库消防栓无水',
        address: '辽阳市文圣区某小区',
        anonymous: false,
        reporter: REPORTER,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.channel, 'hotline_96119');
      assert.equal(r.body.clock.dueDate, '2026-12-09');
      assert.equal(r.body.clock.dueAt, '2026-12-09T16:00:00.000Z');
      const changed = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${r.body.id}/category`, {
        category: 'fire_system_disabled',
        reason: '核实来电内容为擅自关停消防水泵',
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.clock.dueAt, '2026-12-05T08:00:00.000Z', '24 hours from receipt, not from the change');
      assert.equal(changed.body.clock.dueDate, undefined);
      assert.equal(changed.body.reportedCategory, 'other');
      const rec = await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['details'])
        .where('target_id', '=', r.body.id)
        .where('action', '=', 'complaint.recategorise')
        .executeTakeFirstOrThrow();
      assert.match(String(typeof rec.details === 'string' ? rec.details : JSON.stringify(rec.details)), /擅自关停消防水泵/);
      // Outside the jurisdiction: a neighbour's clerk cannot read it (404) — recorded as a refusal.
      assert.equal((await call(t, tok['clerk.440100']!, 'GET', `/api/v1/complaints/${r.body.id}`)).status, 404);
      // The queue shows the clock of each.
      const queue = await look('inspector.211000', 'GET', '/api/v1/complaints?pageSize=50');
      assert.equal(queue.status, 200);
      assert.ok((queue.body.items as Json[]).some((i) => i.id === r.body.id && i.clock.label === '受理后 24 小时内核查'));
      const found = await look('inspector.211000', 'GET', `/api/v1/complaints?status=received&q=${encodeURIComponent('地下车库')}`);
      assert.deepEqual(
        (found.body.items as Json[]).map((i) => i.id),
        [r.body.id],
        'the queue searches the text',
      );
    });

    test('CMP-03 a report transferred to the responsible agency takes its clock along: same limit from receipt, in the receiving agency’s lists only', async () => {
      t.clock.now = new Date('2026-12-07T02:00:00Z');
      await relogin();
      const r = await call(t, tok['clerk.211000']!, 'POST', '/api/v1/complaints', {
        channel: 'hotline_96119',
        receivedAt: '2026-12-07T01:30:00.000Z',
        regionCode: '211000',
        category: 'escape_route_blocked',
        description: '来电反映广州天河某商场疏散通道堆放货物',
        address: '广州市天河区某商场',
        anonymous: false,
        reporter: REPORTER,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const dueAt = r.body.clock.dueAt as string;
      assert.equal(dueAt, '2026-12-08T01:30:00.000Z');
      const clockOf = () =>
        t.ctx.database.db.selectFrom('clocks').selectAll().where('target_type', '=', 'complaint').where('target_id', '=', r.body.id).executeTakeFirstOrThrow();
      const before = await clockOf();
      const listed = async (who: string) => ((await call(t, tok[who]!, 'GET', '/api/v1/clocks?limit=200')).body as Json[]).some((c) => c.id === before.id);
      assert.ok(await listed('clerk.211000'));
      assert.ok(!(await listed('clerk.440100')));

      const moved = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${r.body.id}/transfer`, {
        regionCode: '440100',
        reason: '被举报场所位于广州市，不属本支队管辖',
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const after = await clockOf();
      assert.equal(after.id, before.id, 'the same clock, not a fresh one');
      assert.equal(after.status, 'running');
      assert.equal(after.started_at, before.started_at);
      assert.equal(after.due_at, dueAt, 'a transfer never buys time: 24 hours from receipt');
      assert.equal(after.region_code, '440100');
      assert.notEqual(after.agency_id, before.agency_id);
      assert.ok(await listed('clerk.440100'), 'the receiving agency sees the clock it must meet');
      assert.ok(!(await listed('clerk.211000')), 'the first agency no longer carries it');
      const there = await call(t, tok['clerk.440100']!, 'GET', `/api/v1/complaints/${r.body.id}`);
      assert.equal(there.status, 200, JSON.stringify(there.body));
      assert.equal(there.body.clock.dueAt, dueAt);
      assert.equal((await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${r.body.id}`)).status, 404);
      // A second transfer of the same report to the same agency is refused and moves nothing.
      const again = await call(t, tok['clerk.440100']!, 'POST', `/api/v1/complaints/${r.body.id}/transfer`, { regionCode: '440100', reason: '重复' });
      assert.equal(again.status, 400, JSON.stringify(again.body));
      assert.equal((await clockOf()).agency_id, after.agency_id);
    });

    test('CMP-01 12345 work order pushed by the simulator: signed, idempotent on its number, a replay refused; progress and result reported; dissatisfied evaluation reopens', async () => {
      const issued = await call(t, tok['admin.000000']!, 'POST', '/api/v1/partners/12345/keys', { name: '辽阳市12345政务服务便民热线', regionCode: '211000' });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const sim = new Hotline12345Simulator(t, issued.body.key, issued.body.secret);
      const order = {
        workOrderNo: 'LY12345-20261204-0001',
        regionCode: '211000',
        category: 'escape_route_blocked',
        content: '市民来电：某网吧消防通道堆满杂物',
        receivedAt: t.clock.now.toISOString(),
        deadline: new Date(t.clock.now.getTime() + 2 * 86_400_000).toISOString(),
        caller: { name: '来电市民', phone: '13800001111' },
        confidential: true,
      };
      const req = sim.signed('POST', '/api/v1/partners/12345/work-orders', order);
      const first = await sim.send(req);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const replay = await sim.send(req);
      assert.equal(replay.status, 409, 'the same signed request again is a replay');
      assert.equal(replay.body.code, 'PARTNER.REPLAYED');
      const retry = await sim.pushOrder(order);
      assert.equal(retry.status, 200, 'a fresh push of the same number is idempotent');
      assert.equal(retry.body.complaintId, first.body.complaintId);
      const tampered = { ...req, headers: { ...req.headers, 'x-nonce': randomUUID().replaceAll('-', '') } };
      assert.equal((await sim.send(tampered)).body.code, 'PARTNER.BAD_SIGNATURE');
      const unsigned = await call(t, null, 'POST', '/api/v1/partners/12345/work-orders', order);
      assert.equal(unsigned.body.code, 'PARTNER.BAD_SIGNATURE');
      const n = await t.ctx.database.db.selectFrom('complaints').select('id').where('external_ref', '=', order.workOrderNo).execute();
      assert.equal(n.length, 1);
      const id = first.body.complaintId as string;
      const c = await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${id}`);
      assert.equal(c.body.channel, 'hotline_12345');
      assert.equal(c.body.anonymous, true);

      const progress = await sim.progress(order.workOrderNo);
      assert.equal(progress.status, 200, JSON.stringify(progress.body));
      assert.ok(!JSON.stringify(progress.body).includes('13800001111'));
      // Close it (verify, conclude, tell) and let 12345 report dissatisfaction.
      await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/verification`, { usci, inspectorIds });
      const task = (await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${id}`)).body.taskId as string;
      const detail = await call(t, tok['inspector.211000']!, 'GET', `/api/v1/inspection-tasks/${task}`);
      const rec = await call(t, tok['inspector.211000']!, 'POST', `/api/v1/inspection-tasks/${task}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '现场未发现堆放杂物',
        signatures: { inspectors: [await staffPhoto(t, tok['inspector.211000']!), await staffPhoto(t, tok['inspector.211000']!)] },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      assert.equal(
        (await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, { outcome: 'unfounded', findings: '现场未发现' })).status,
        200,
      );
      assert.equal((await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/feedback`, { feedback: '经核查未发现所反映问题' })).status, 200);
      const result = await sim.progress(order.workOrderNo);
      assert.equal(result.body.result && (result.body.result as Json).outcomeLabel, '不属实');
      const evaluated = await sim.evaluate(order.workOrderNo, false, '杂物晚上又堆回去了');
      assert.equal(evaluated.status, 200, JSON.stringify(evaluated.body));
      assert.equal(evaluated.body.status, 'received', 'dissatisfied → reopened');
    });

    test('CMP-01 12345 progress and result pushed to the platform: signed with the partner secret and verified by the simulator; retried with backoff while it is down; in order', async () => {
      const issued = await call(t, tok['admin.000000']!, 'POST', '/api/v1/partners/12345/keys', {
        name: '辽阳市12345热线（回调）',
        regionCode: '211000',
        callbackUrl: Hotline12345Simulator.CALLBACK,
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const sim = new Hotline12345Simulator(t, issued.body.key, issued.body.secret);
      // Reports go through the gateway's one outbox (MON-03), sent by its one sender.
      const deliver = async (send: typeof fetch) => {
        const r = await deliverPushes(t.ctx, 'test-holder', send);
        return { ran: r.ran, delivered: r.delivered, failed: r.failed };
      };
      const order = {
        workOrderNo: 'LY12345-20261204-0002',
        regionCode: '211000',
        category: 'escape_route_blocked',
        content: '市民来电：某超市安全出口上锁',
        receivedAt: t.clock.now.toISOString(),
        caller: { name: '来电市民', phone: '13800001111' },
        confidential: false,
      };
      const pushed = await sim.pushOrder(order);
      assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
      const id = pushed.body.complaintId as string;
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 0, failed: 0 }, 'the acknowledgement was the answer; nothing to push yet');

      // Dispatch: a progress report, while the platform is down.
      assert.equal((await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/verification`, { usci, inspectorIds })).status, 200);
      sim.down = true;
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 0, failed: 1 });
      assert.equal(sim.received.length, 0);
      // The field record and the conclusion: a second report, held behind the first until its backoff ends.
      const task = (await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${id}`)).body.taskId as string;
      const detail = await call(t, tok['inspector.211000']!, 'GET', `/api/v1/inspection-tasks/${task}`);
      const rec = await call(t, tok['inspector.211000']!, 'POST', `/api/v1/inspection-tasks/${task}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '安全出口已开启',
        signatures: { inspectors: [await staffPhoto(t, tok['inspector.211000']!), await staffPhoto(t, tok['inspector.211000']!)] },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      assert.equal(
        (await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, { outcome: 'unfounded', findings: '到场时安全出口开启' })).status,
        200,
      );
      sim.down = false;
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 0, failed: 0 }, 'not before the backoff; the later report waits behind');
      // After the backoff (2 minutes from the first failure) a platform checking with another secret refuses it.
      await advance(61_000);
      const impostor = new Hotline12345Simulator(t, issued.body.key, 'a-different-secret');
      assert.deepEqual(await deliver(impostor.receive), { ran: true, delivered: 0, failed: 1 });
      assert.equal(impostor.refused.length, 1, 'a signature made with another secret does not verify');
      await advance(121_000);
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 2, failed: 0 });
      // The reply closes the order: the result.
      assert.equal((await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/feedback`, { feedback: '经核查未发现所反映问题' })).status, 200);
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 1, failed: 0 });
      assert.deepEqual(await deliver(sim.receive), { ran: true, delivered: 0, failed: 0 }, 'a delivered report is not sent again');

      assert.deepEqual(sim.refused, []);
      assert.deepEqual(
        sim.received.map((r) => [r.workOrderNo, r.kind, r.status]),
        [
          [order.workOrderNo, 'progress', 'verifying'],
          [order.workOrderNo, 'progress', 'verified'],
          [order.workOrderNo, 'result', 'closed'],
        ],
      );
      const last = sim.received[2] as { result: Json; progress: Json[] };
      assert.equal(last.result.outcomeLabel, '不属实');
      assert.equal(last.result.feedback, '经核查未发现所反映问题');
      assert.equal(last.progress.at(-1)!.text, '已答复办结');
      assert.ok(!JSON.stringify(sim.received).includes('13800001111') && !JSON.stringify(sim.received).includes('来电市民'), 'no caller data');
      // Each attempt is in the delivery log (and the enforcement record) of the one outbox.
      const attempts = await t.ctx.database.db
        .selectFrom('gateway_delivery_attempts')
        .innerJoin('gateway_deliveries', 'gateway_deliveries.id', 'gateway_delivery_attempts.delivery_id')
        .select(['gateway_delivery_attempts.outcome'])
        .where('gateway_deliveries.sequence_key', '=', `complaint:${id}`)
        .execute();
      assert.deepEqual(attempts.map((a) => a.outcome).sort(), ['delivered', 'delivered', 'delivered', 'failed', 'failed']);
      // The first partner gave no callback address: its orders queue nothing (it pulls).
      const pulled = await t.ctx.database.db
        .selectFrom('gateway_deliveries')
        .select('id')
        .where('topic', '=', 'hotline.report')
        .where('subject', 'like', 'LY12345-20261204-0001%')
        .execute();
      assert.equal(pulled.length, 0);
    });

    test('CMP-03 duplicates are suggested (same unit / within 50 m and 7 days) and linked; the first keeps its reporter', async () => {
      const a = await look('anonymous', 'POST', '/api/v1/public/complaints', {
        regionCode: '211000',
        category: 'fire_system_disabled',
        description: '某酒店烟感报警系统被关闭',
        location: { lat: 41.2701, lng: 123.1701 },
        anonymous: false,
        reporter: { name: '首位举报人', phone: '13700000001' },
      });
      await advance(3600_000);
      const b = await look('anonymous', 'POST', '/api/v1/public/complaints', {
        regionCode: '211000',
        category: 'fire_system_disabled',
        description: '酒店消防报警关掉了',
        location: { lat: 41.2703, lng: 123.1702 },
        anonymous: true,
      });
      assert.equal(b.status, 201);
      const sugg = await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${b.body.id}/duplicates`);
      assert.equal(sugg.status, 200, JSON.stringify(sugg.body));
      assert.ok((sugg.body.items as Json[]).some((i) => i.id === a.body.id && i.reasonLabel.includes('50 米')));
      const wrongWay = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${a.body.id}/duplicate-of`, { originalId: b.body.id });
      assert.equal(wrongWay.body.code, 'COMPLAINTS.DUPLICATE_INVALID');
      const linked = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${b.body.id}/duplicate-of`, { originalId: a.body.id });
      assert.equal(linked.status, 200, JSON.stringify(linked.body));
      assert.equal(linked.body.status, 'duplicate');
      const original = await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${a.body.id}`);
      assert.deepEqual(original.body.duplicates, [b.body.id]);
      assert.equal(original.body.reporter.name, '首位举报人');
    });

    test('CMP-03 return visit: dissatisfaction reopens with a new clock; the reporter can reopen by tracking code', async () => {
      const r = await call(t, tok['clerk.211000']!, 'POST', '/api/v1/complaints', {
        channel: 'window',
        receivedAt: t.clock.now.toISOString(),
        regionCode: '211000',
        category: 'escape_route_blocked',
        description: '来访反映商场疏散楼梯堆放货物',
        unitUsci: usci,
        anonymous: false,
        reporter: REPORTER,
      });
      const id = r.body.id as string;
      await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/verification`, { inspectorIds });
      const task = (await call(t, tok['clerk.211000']!, 'GET', `/api/v1/complaints/${id}`)).body.taskId as string;
      const detail = await call(t, tok['inspector.211000']!, 'GET', `/api/v1/inspection-tasks/${task}`);
      await call(t, tok['inspector.211000']!, 'POST', `/api/v1/inspection-tasks/${task}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '已当场清理',
        signatures: { inspectors: [await staffPhoto(t, tok['inspector.211000']!), await staffPhoto(t, tok['inspector.211000']!)] },
      });
      await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/outcome`, { outcome: 'partly_founded', findings: '部分楼梯堆物，已当场清理' });
      const noReason = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/feedback`, {});
      assert.equal(noReason.body.code, 'COMPLAINTS.FEEDBACK_REQUIRED');
      await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/feedback`, { feedback: '已督促清理' });
      await advance(2 * 86_400_000);
      const visit = await call(t, tok['clerk.211000']!, 'POST', `/api/v1/complaints/${id}/return-visits`, {
        satisfied: false,
        note: '回访时举报人称货物又堆回去了',
      });
      assert.equal(visit.status, 200, JSON.stringify(visit.body));
      assert.equal(visit.body.status, 'received');
      assert.equal(visit.body.returnVisits.length, 1);
      assert.equal(visit.body.satisfactionLabel, '不满意');
      assert.equal(visit.body.clock.dueAt, new Date(t.clock.now.getTime() + 24 * 3600_000).toISOString(), 'a new 24-hour clock from the reopening');
      assert.equal(visit.body.outcome, null);
    });

    test('OVS-03 a complaint about an officer on the public form goes to the oversight channel, not the hazard queue', async () => {
      const r = await look('anonymous', 'POST', '/api/v1/public/complaints', {
        regionCode: '211000',
        category: 'officer_conduct',
        description: '检查人员在检查时索要购物卡',
        anonymous: true,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.routedTo, 'oversight');
      assert.equal(r.body.id, null);
      const hazard = await t.ctx.database.db.selectFrom('complaints').select('id').where('description', 'like', '%购物卡%').execute();
      assert.equal(hazard.length, 0);
      const ovs = await t.ctx.database.db.selectFrom('officer_complaints').select('id').where('account', 'like', '%购物卡%').execute();
      assert.equal(ovs.length, 1);
    });

    test('CMP-04 leak test: the reporter never appears in any response, export, notification, event or record of any role but the intake clerk', async () => {
      for (const who of ['inspector.211000', 'inspector2.211000', 'leader.211000', 'approver.211000', 'applicant.211000']) {
        const list = await look(who, 'GET', '/api/v1/complaints?pageSize=100');
        for (const i of (list.body.items as Json[] | undefined) ?? []) await look(who, 'GET', `/api/v1/complaints/${i.id}`);
        await look(who, 'GET', '/api/v1/complaints/export');
        await look(who, 'GET', '/api/v1/complaints/map?minLat=40&maxLat=42&minLng=122&maxLng=124');
        await look(who, 'GET', '/api/v1/complaints/figures?from=2026-11-01&to=2026-12-31');
        await look(who, 'GET', '/api/v1/notifications');
      }
      const clerkExport = await call(t, tok['clerk.211000']!, 'GET', '/api/v1/complaints/export');
      assert.equal(clerkExport.status, 200);
      seen.push(Buffer.from(clerkExport.raw).toString('utf8'));
      await t.drain();
      const db = t.ctx.database.db;
      const stored = [
        ...(await db.selectFrom('audit_events').selectAll().execute()),
        ...(await db.selectFrom('domain_events').selectAll().execute()),
        ...(await db.selectFrom('notifications').selectAll().execute()),
        ...(await db.selectFrom('complaints').selectAll().execute()),
        ...(await db.selectFrom('clocks').selectAll().execute()),
        ...(await db.selectFrom('inspection_tasks').selectAll().execute()),
        ...(await db.selectFrom('work_order_reports').selectAll().execute()),
        ...(await db.selectFrom('gateway_deliveries').selectAll().execute()),
      ].map((r) => JSON.stringify(r));
      const haystack = [...seen, ...stored].join('\n');
      assert.ok(seen.length > 20, `scanned ${seen.length} responses`);
      for (const secret of [REPORTER.name, REPORTER.phone, '首位举报人', '13700000001', '来电市民', '13800001111', '6222020200112233445'])
        assert.ok(!haystack.includes(secret), `leaked ${secret}`);
      // The log is read by operators who may not see the reporter either (PIPL art. 51): the access lines of every
      // request of this file — the intake clerk's, the public form's, the 12345 partner's — carry no name or phone.
      const log = logLines.join('');
      assert.ok(logLines.length > 100, `captured ${logLines.length} log lines`);
      assert.ok(log.includes('/api/v1/public/complaints') && log.includes('/api/v1/complaints/export'), 'the complaint requests were logged');
      for (const secret of [REPORTER.name, REPORTER.phone, '首位举报人', '13700000001', '来电市民', '13800001111', '6222020200112233445'])
        assert.ok(!log.includes(secret), `the log holds ${secret}`);
    });

    test('CMP-01 bad input is a 4xx with a stable code and writes nothing', async () => {
      const before = await t.ctx.database.db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const cases: Array<[unknown, number, string]> = [
        [{ regionCode: '211000', category: 'no_such', description: '五个字以上', anonymous: true }, 400, 'COMPLAINTS.INVALID'],
        [{ regionCode: '999999', category: 'other', description: '五个字以上', anonymous: true }, 422, 'COMPLAINTS.REGION_NOT_SERVED'],
        [{ regionCode: '211000', category: 'other', description: '五个字以上', anonymous: true, photos: ['nope'] }, 400, 'COMPLAINTS.INVALID'],
        [{ regionCode: '211000', category: 'other', description: '短', anonymous: true }, 400, 'REQUEST.VALIDATION'],
      ];
      for (const [body, status, code] of cases) {
        const r = await call(t, null, 'POST', '/api/v1/public/complaints', body);
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.code, code);
        assert.match(r.body.message, /[\u4e00-\u9fa5]/);
      }
      const afterN = await t.ctx.database.db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterN.n), Number(before.n));
    });
  });
}
