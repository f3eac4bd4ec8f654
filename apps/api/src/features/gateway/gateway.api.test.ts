import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { deliverPushes } from '../../platform/partners/outbox.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';
import { PartnerSimulator } from '../../test-support/partners.ts';

/**
 * The partner gateway over HTTP (MON-03, SVC-02): each government system is a local simulator — an in-process
 * HTTP server receiving the platform's signed pushes, and a client signing its calls like the real system.
 */
const MIN = 60_000;
const PORTAL_USCI = completeUsci('91440106MA5C0GW01');
const COMMITMENT = { commitment: { signerName: '王建华', accepted: true }, submit: true };

for (const database of DATABASES) {
  describe(`partner gateway [${database}]`, () => {
    let t: TestApp;
    let admin: string;
    let clerk: string;
    const sims: PartnerSimulator[] = [];
    const sim = async () => {
      const s = new PartnerSimulator(t);
      await s.start();
      sims.push(s);
      return s;
    };
    /** Dispatches the domain events, then runs the outbox sender once. */
    const push = async () => {
      await t.drain();
      return deliverPushes(t.ctx, 'test-sender');
    };
    let portal: PartnerSimulator;
    let granted: { referenceNo: string; applicationId: string } | null = null;

    before(async () => {
      t = await startTestApp(database);
      admin = await t.login('admin.440106');
      clerk = await t.login('clerk.440106');
      portal = await sim();
      await portal.register(admin, 'unified_portal', '赣服通（模拟）');
    });
    after(async () => {
      for (const s of sims) await s.stop();
      await t.close();
    });

    test("MON-03 the OpenAPI document lists every partner route with its signing rule, and the administrator's routes", async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { description?: string }>> };
      const partner = [
        ['post', '/api/v1/partners/portal/files'],
        ['post', '/api/v1/partners/portal/applications'],
        ['get', '/api/v1/partners/portal/applications/{referenceNo}'],
        ['get', '/api/v1/partners/portal/permits/{code}/pdf'],
        ['get', '/api/v1/partners/elicence/licences'],
        ['get', '/api/v1/partners/elicence/licences/{code}/pdf'],
        ['get', '/api/v1/partners/random-inspection/export'],
        ['post', '/api/v1/partners/evaluations/bad-reviews'],
      ] as const;
      for (const [method, path] of partner) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `${method} ${path} in the OpenAPI document`);
        assert.match(op.description ?? '', /HMAC-SM3/, `${path} documents its signature`);
      }
      for (const path of [
        '/api/v1/gateway/partners',
        '/api/v1/gateway/deliveries',
        '/api/v1/gateway/deliveries/{id}/replay',
        '/api/v1/gateway/inbound-refusals',
      ])
        assert.ok(doc.paths[path], `${path} in the OpenAPI document`);
    });

    test('MON-03 the portal simulator files an application for its signed-in user and receives the permit by callback', async () => {
      const user = portal.assertion('gft-user-0001', PORTAL_USCI);
      const materials = await portal.uploadMaterials(user);
      const body = applicationInput('440106', 'commitment', materials, COMMITMENT);
      // Without the user's identity assertion the portal cannot file.
      const anonymous = await portal.call('POST', '/api/v1/partners/portal/applications', body);
      assert.deepEqual([anonymous.status, anonymous.body.code], [401, 'PARTNER.ASSERTION_INVALID']);
      const filed = await portal.call('POST', '/api/v1/partners/portal/applications', body, { ...user, 'idempotency-key': `gft-${randomUUID()}` });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.equal(filed.body.status, 'submitted');
      assert.match(filed.body.referenceNo, /\d/);
      assert.equal(filed.body.permit, null);
      const ref = filed.body.referenceNo as string;

      // The same use case as the portal pages: the clerk's queue has it, filed for the portal user's USCI.
      const seen = await call(t, clerk, 'GET', `/api/v1/licensing/applications/${filed.body.applicationId}`);
      assert.equal(seen.status, 200, JSON.stringify(seen.body));
      assert.equal(seen.body.usci, PORTAL_USCI);

      await push();
      const submitted = portal.received.filter((r) => r.topic === 'portal.application_status');
      assert.equal(submitted.length, 1);
      assert.equal((submitted[0]!.body.data as Json).event, 'licensing.application_submitted');

      // The clerk accepts: the commitment path grants at once; the portal is called back with the permit.
      const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${filed.body.applicationId}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'granted');
      const run = await push();
      assert.equal(run.failed, 0);
      const callbacks = portal.received.filter((r) => r.topic === 'portal.application_status').map((r) => r.body.data as Json);
      const grant = callbacks.find((d) => d.event === 'licensing.permit_granted');
      assert.ok(grant, `callbacks: ${callbacks.map((d) => d.event).join(', ')}`);
      assert.equal(grant.application.referenceNo, ref);
      assert.equal(grant.application.status, 'granted');
      assert.match(grant.application.permit.pdfPath, /^\/api\/v1\/partners\/portal\/permits\/[A-Z0-9]{12}\/pdf$/);
      assert.equal(portal.refused.length, 0, 'every callback carried a good signature');

      // The permit PDF through the signed link; the status query answers the same.
      const pdf = await portal.call('GET', grant.application.permit.pdfPath);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(Buffer.from(pdf.raw).subarray(0, 5).toString('latin1'), '%PDF-');
      const status = await portal.call('GET', `/api/v1/partners/portal/applications/${encodeURIComponent(ref)}`);
      assert.equal(status.status, 200);
      assert.equal(status.body.permit.number, accepted.body.licence.number);
      granted = { referenceNo: ref, applicationId: filed.body.applicationId };

      // Another portal sees none of it.
      const other = await sim();
      await other.register(admin, 'unified_portal', '粤商通（模拟）');
      const foreign = await other.call('GET', `/api/v1/partners/portal/applications/${encodeURIComponent(ref)}`);
      assert.deepEqual([foreign.status, foreign.body.code], [404, 'PARTNER.NOT_FOUND']);
    });

    test('MON-03 a replayed, stale, tampered or out-of-scope signed request is refused with its code and recorded', async () => {
      assert.ok(granted, 'runs after the intake test');
      const url = `/api/v1/partners/portal/applications/${encodeURIComponent(granted.referenceNo)}`;
      const req = portal.signed('GET', url);
      assert.equal((await portal.send(req)).status, 200);
      const replay = await portal.send(req);
      assert.deepEqual([replay.status, replay.body.code], [409, 'PARTNER.REPLAYED']);

      const stale = portal.signed('GET', url);
      t.clock.advance(6 * MIN);
      const late = await portal.send(stale);
      assert.deepEqual([late.status, late.body.code], [401, 'PARTNER.TIMESTAMP_STALE']);

      const tampered = portal.signed('POST', '/api/v1/partners/portal/applications', { regionCode: '440106' });
      const forged = await portal.send({ ...tampered, payload: JSON.stringify({ regionCode: '360000' }) });
      assert.deepEqual([forged.status, forged.body.code], [401, 'PARTNER.SIGNATURE_INVALID']);

      const scope = await portal.call('GET', `/api/v1/partners/elicence/licences?usci=${PORTAL_USCI}`);
      assert.deepEqual([scope.status, scope.body.code], [403, 'PARTNER.SCOPE_DENIED']);

      const unknown = await portal.send({
        ...portal.signed('GET', url),
        headers: { ...portal.signed('GET', url).headers, 'x-partner-key': 'GW0000000000000000' },
      });
      assert.deepEqual([unknown.status, unknown.body.code], [401, 'PARTNER.UNKNOWN']);

      // A portal serves its own area: Liaoyang's portal cannot file in Guangzhou.
      const liaoyang = await sim();
      await liaoyang.register(await t.login('admin.211000'), 'unified_portal', '辽阳政务服务门户（模拟）');
      const away = await liaoyang.call(
        'POST',
        '/api/v1/partners/portal/applications',
        applicationInput('440106', 'commitment', {}, COMMITMENT),
        liaoyang.assertion('ly-user-1', PORTAL_USCI),
      );
      assert.deepEqual([away.status, away.body.code], [403, 'PARTNER.SCOPE_DENIED']);

      const log = await call(t, admin, 'GET', '/api/v1/gateway/inbound-refusals');
      assert.equal(log.status, 200);
      const codes = log.body.items.map((x: Json) => x.code);
      for (const c of [
        'PARTNER.REPLAYED',
        'PARTNER.TIMESTAMP_STALE',
        'PARTNER.SIGNATURE_INVALID',
        'PARTNER.SCOPE_DENIED',
        'PARTNER.UNKNOWN',
        'PARTNER.ASSERTION_INVALID',
      ])
        assert.ok(codes.includes(c), `${c} recorded`);
      // Not an administrator: no access to the log.
      assert.equal((await call(t, clerk, 'GET', '/api/v1/gateway/inbound-refusals')).status, 403);
    });

    test('MON-03 a push to a partner that is down is retried with backoff and delivered when it returns; the delivery log shows it; e-licence query', async () => {
      const share = await sim();
      await share.register(admin, 'elicence_sharing', '电子证照共享服务（模拟）');
      await share.stop();
      // A permit is issued to an applicant of the portal pages (the other way in).
      const applicant = await t.login('applicant.440106');
      const files: Record<string, string[]> = {};
      for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
        const mp = multipartFile(`${code}.png`, Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
        const up = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(applicant), ...mp.headers }, payload: mp.payload });
        files[code] = [up.json().id];
      }
      const filed = await call(t, applicant, 'POST', '/api/v1/licensing/applications', applicationInput('440106', 'commitment', files, COMMITMENT));
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${filed.body.id}/accept`, {});
      assert.equal(accepted.body.status, 'granted');
      const number = accepted.body.licence.number as string;

      const first = await push();
      assert.equal(first.failed, 1, 'the receiving end is down: connection refused');
      const page = async () => (await call(t, admin, 'GET', '/api/v1/gateway/deliveries?topic=elicence.changed')).body;
      let row = (await page()).items.find((x: Json) => x.subject.includes(number));
      assert.ok(row, 'the push is in the delivery log');
      assert.deepEqual([row.status, row.attempts, row.statusLabel], ['failed', 1, '推送失败，等待重试']);
      assert.equal(Date.parse(row.nextAttemptAt) - t.clock.now.getTime(), MIN, 'first retry after 1 minute');

      assert.equal((await deliverPushes(t.ctx, 'test-sender')).failed, 0, 'not retried before its time');
      await share.start();
      share.down = true;
      t.clock.advance(MIN);
      assert.equal((await deliverPushes(t.ctx, 'test-sender')).failed, 1, 'up but answering 503');
      row = (await page()).items.find((x: Json) => x.id === row.id);
      assert.deepEqual([row.attempts, row.lastHttpStatus], [2, 503]);
      assert.equal(Date.parse(row.nextAttemptAt) - t.clock.now.getTime(), 2 * MIN, 'backoff doubles');
      share.down = false;
      t.clock.advance(2 * MIN);
      assert.equal((await deliverPushes(t.ctx, 'test-sender')).delivered, 1);
      const got = share.received.filter((r) => r.deliveryId === row.id);
      assert.equal(got.length, 1);
      const data = got[0]!.body.data as Json;
      assert.equal(data.change, 'issued');
      assert.equal(data.licence.number, number);
      assert.equal(data.licence.sealValid, true);

      const detail = await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${row.id}`);
      assert.equal(detail.body.status, 'delivered');
      assert.deepEqual(
        detail.body.log.map((l: Json) => l.outcomeLabel),
        ['失败', '失败', '送达'],
      );
      assert.deepEqual(
        detail.body.log.map((l: Json) => l.error),
        ['无法连接对方平台（连接被拒绝）', '对方平台答复错误（状态 503）', null],
      );

      // E-licence sharing: the holder's permits by USCI with the sealed PDF and its verification.
      const usci = accepted.body.usci ?? filed.body.usci;
      const list = await share.call('GET', `/api/v1/partners/elicence/licences?usci=${usci}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const mine = list.body.items.find((x: Json) => x.number === number);
      assert.deepEqual([mine.status, mine.sealValid], ['valid', true]);
      const pdf = await share.call('GET', mine.pdfPath);
      assert.equal(pdf.status, 200);

      // Revocation is pushed too.
      const approver = await t.login('approver.440106');
      const revoked = await call(t, approver, 'POST', `/api/v1/licences/${accepted.body.licence.id}/revoke`, {
        reason: '以欺骗手段取得许可',
        legalBasis: '《中华人民共和国行政许可法》第六十九条',
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      await push();
      const change = share.received.map((r) => r.body.data as Json).find((d) => d.change === 'revoked');
      assert.ok(change, 'revocation pushed');
      assert.equal(change.licence.status, 'revoked');
    });

    test('MON-03 concurrency: 20 parallel replays of one delivery give one; 20 copies of one signed submission give one; 20 with one Idempotency-Key give one; 20 first calls of a portal user give one account; 20 revocations give one', async () => {
      const rows = (await call(t, admin, 'GET', '/api/v1/gateway/deliveries?status=delivered&topic=elicence.changed')).body.items as Json[];
      const d = rows[0]!;
      const before = (await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${d.id}`)).body.log.length;
      const replays = await Promise.all(
        Array.from({ length: 20 }, () => call(t, admin, 'POST', `/api/v1/gateway/deliveries/${d.id}/replay`, { version: d.version })),
      );
      assert.equal(replays.filter((r) => r.status === 200).length, 1, JSON.stringify(replays.map((r) => r.status)));
      assert.ok(replays.every((r) => r.status === 200 || r.body.code === 'GATEWAY.DELIVERY_STATE'));
      const share = sims.find((s) => s.received.some((r) => r.deliveryId === d.id))!;
      const had = share.received.filter((r) => r.deliveryId === d.id).length;
      await deliverPushes(t.ctx, 'test-sender');
      await deliverPushes(t.ctx, 'test-sender');
      assert.equal(share.received.filter((r) => r.deliveryId === d.id).length, had + 1, 'sent once more');
      const log = (await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${d.id}`)).body.log as Json[];
      assert.equal(log.length, before + 2, 'one replay and one send');

      const user = portal.assertion('gft-user-0002', PORTAL_USCI);
      const materials = await portal.uploadMaterials(user);
      const count = async () =>
        Number(
          (
            await t.ctx.database.db
              .selectFrom('applications')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('usci', '=', PORTAL_USCI)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n0 = await count();
      const body = applicationInput('440106', 'commitment', materials, { ...COMMITMENT, venueName: '鑫源二店' });
      const one = portal.signed('POST', '/api/v1/partners/portal/applications', body, user);
      const sameNonce = await Promise.all(Array.from({ length: 20 }, () => portal.send(one)));
      assert.equal(sameNonce.filter((r) => r.status === 201).length, 1, JSON.stringify(sameNonce.map((r) => r.status)));
      assert.equal(sameNonce.filter((r) => r.body.code === 'PARTNER.REPLAYED').length, 19);
      assert.equal(await count(), n0 + 1);

      const key = `gft-${randomUUID()}`;
      const body2 = { ...body, venueName: '鑫源三店' };
      const sameKey = await Promise.all(
        Array.from({ length: 20 }, () => portal.call('POST', '/api/v1/partners/portal/applications', body2, { ...user, 'idempotency-key': key })),
      );
      const ok = sameKey.filter((r) => r.status === 201);
      assert.ok(ok.length >= 1);
      assert.ok(
        sameKey.every((r) => r.status === 201 || r.body.code === 'IDEMPOTENCY.IN_PROGRESS'),
        JSON.stringify(sameKey.map((r) => r.body.code)),
      );
      assert.equal(new Set(ok.map((r) => r.body.applicationId)).size, 1);
      assert.equal(await count(), n0 + 2, 'one application per key');

      // A new portal user's first calls at once: one applicant account, bound once.
      const fresh = portal.assertion(`gft-user-${randomUUID().slice(0, 8)}`, PORTAL_USCI, '王芳');
      const png = Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]).toString('base64');
      const firsts = await Promise.all(
        Array.from({ length: 20 }, () => portal.call('POST', '/api/v1/partners/portal/files', { filename: 'a.png', contentBase64: png }, fresh)),
      );
      assert.ok(
        firsts.every((r) => r.status === 201),
        JSON.stringify(firsts.map((r) => r.body.code)),
      );
      const accounts = await t.ctx.database.db.selectFrom('users').select('id').where('display_name', '=', '王芳').where('usci', '=', PORTAL_USCI).execute();
      assert.equal(accounts.length, 1, 'one account for the portal user');

      // 20 identical revocations of a partner: one takes effect.
      const spare = await sim();
      const reg = await spare.register(admin, 'elicence_sharing', '待停用的平台（模拟）');
      const revokes = await Promise.all(
        Array.from({ length: 20 }, () => call(t, admin, 'POST', `/api/v1/gateway/partners/${reg.id}/revoke`, { version: reg.version })),
      );
      assert.equal(revokes.filter((r) => r.status === 200).length, 1, JSON.stringify(revokes.map((r) => r.status)));
      assert.ok(revokes.every((r) => r.status === 200 || r.body.code === 'PARTNER.STATE'));
      const after = await spare.call('GET', `/api/v1/partners/elicence/licences?usci=${PORTAL_USCI}`);
      assert.deepEqual([after.status, after.body.code], [401, 'PARTNER.UNKNOWN'], 'a revoked key stops at once');
    });

    test('SVC-02 MON-03 evaluations go to the 好差评 system; its bad reviews come back as follow-ups, once per matter', async () => {
      assert.ok(granted, 'runs after the intake test');
      const hcp = await sim();
      await hcp.register(admin, 'evaluation_system', '政务服务好差评系统（模拟）');
      // An evaluation given here is pushed.
      const applicant = await t.login('applicant.440106');
      const mine = await call(t, applicant, 'GET', '/api/v1/licensing/applications');
      const filedHere = (mine.body.items ?? mine.body).find((a: Json) => a.status === 'revoked' || a.status === 'granted');
      const given = await call(
        t,
        applicant,
        'POST',
        '/api/v1/evaluations',
        { matterType: 'licensing_application', matterId: filedHere.id, level: 5 },
        { 'idempotency-key': `eval-${randomUUID()}` },
      );
      assert.equal(given.status, 201, JSON.stringify(given.body));
      await push();
      const pushed = hcp.received.filter((r) => r.topic === 'evaluation.submitted').map((r) => r.body.data as Json);
      assert.equal(pushed.length, 1);
      assert.deepEqual([pushed[0]!.evaluationId, pushed[0]!.levelLabel], [given.body.id, '非常满意']);

      // A bad review of the portal-filed matter, received by the 好差评 system, comes back as a follow-up.
      const review = {
        externalId: `HCP-${randomUUID().slice(0, 8)}`,
        referenceNo: granted.referenceNo,
        level: 1,
        tags: ['超时限', '增加材料'],
        comment: '办理时间太长',
        evaluatorName: '李敏',
        evaluatorPhone: '13800138000',
        evaluatedAt: t.clock.now.toISOString(),
      };
      const back = await hcp.call('POST', '/api/v1/partners/evaluations/bad-reviews', review);
      assert.equal(back.status, 201, JSON.stringify(back.body));
      assert.equal(back.body.duplicate, false);
      assert.ok(back.body.followUpId);
      const again = await hcp.call('POST', '/api/v1/partners/evaluations/bad-reviews', review);
      assert.deepEqual([again.status, again.body.duplicate, again.body.followUpId], [201, true, back.body.followUpId]);
      const queue = await call(t, clerk, 'GET', '/api/v1/evaluations/follow-ups');
      const fu = queue.body.items.find((x: Json) => x.id === back.body.followUpId);
      assert.ok(fu, 'the follow-up is in the agency queue');
      assert.deepEqual([fu.statusLabel, fu.returnVisit.required], ['待核实', true]);
      // A pulled-back review is not pushed back.
      await push();
      assert.equal(hcp.received.filter((r) => r.topic === 'evaluation.submitted').length, 1);
    });

    test('MON-03 the national 双随机 platform: export of plans, items, tasks and results; each result pushed with its due date 20 days after the check', async () => {
      const ssj = await sim();
      const admin211 = await t.login('admin.211000');
      await ssj.register(admin211, 'random_inspection', '国家“双随机、一公开”监管平台（模拟）');
      const leader = await t.login('leader.211000');
      const created = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
        title: '2027 年第一季度“双随机”消防监督抽查',
        purpose: '日常监督抽查',
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
        defaultRate: 0.1,
        rates: { 'high|A|general': 1 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.equal(
        (await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/publish`, { publicValueSource: '2026-12-01 中国福利彩票3D开奖号码' })).status,
        200,
      );
      const drawn = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: '2026-12-01 3D 5 8 1' });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      // A drawn task and one of its two inspectors who may record it (the task list of an inspector's agency and below).
      const tasks = await t.ctx.database.db.selectFrom('inspection_tasks').selectAll().where('plan_id', '=', id).orderBy('id').execute();
      let found: { task: (typeof tasks)[number]; inspector: string; detail: Json } | null = null;
      for (const candidate of tasks) {
        for (const uid of JSON.parse(candidate.inspector_ids_json) as string[]) {
          const username = (await t.ctx.database.db.selectFrom('users').select('username').where('id', '=', uid).executeTakeFirstOrThrow()).username;
          const token = await t.login(username);
          const d = await call(t, token, 'GET', `/api/v1/inspection-tasks/${candidate.id}`);
          if (d.status === 200) {
            found = { task: candidate, inspector: token, detail: d };
            break;
          }
        }
        if (found) break;
      }
      assert.ok(found, 'an inspector of a drawn task can open it');
      const { task, inspector, detail } = found;
      const sig = async () => {
        const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
        return (await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(inspector), ...mp.headers }, payload: mp.payload })).json()
          .id as string;
      };
      const rec = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${task.id}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '未发现问题',
        signatures: { inspectors: [await sig(), await sig()] },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));

      const exported = await ssj.call('GET', '/api/v1/partners/random-inspection/export?from=2027-01-01&to=2027-03-31');
      assert.equal(exported.status, 200, JSON.stringify(exported.body));
      assert.equal(exported.body.format, 'FEP-SSJ v1');
      const plan = exported.body.plans.find((p: Json) => p.planId === id);
      assert.ok(plan && plan.itemCodes.length >= 2);
      assert.ok(
        plan.itemCodes.every((c: string) => exported.body.items.some((i: Json) => i.code === c)),
        'every item of a plan is in the item list',
      );
      assert.equal(exported.body.tasks.filter((x: Json) => x.planId === id).length, drawn.body.summary.drawn);
      const result = exported.body.results.find((r: Json) => r.taskId === task.id);
      const today = new Date(t.clock.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const due = new Date(Date.parse(`${today}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
      assert.deepEqual([result.checkedOn, result.publishBy, result.result], [today, due, 'pass']);

      await push();
      const got = ssj.received.filter((r) => r.topic === 'random_inspection.result');
      assert.equal(got.length, 1);
      assert.equal(((got[0]!.body.data as Json).result as Json).taskId, task.id);
      const row = (await call(t, admin211, 'GET', '/api/v1/gateway/deliveries?topic=random_inspection.result')).body.items[0];
      // Another agency's administrator does not see it.
      const elsewhere = await call(t, admin, 'GET', '/api/v1/gateway/deliveries?topic=random_inspection.result');
      assert.equal(elsewhere.body.total, 0);
      assert.equal((await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${row.id}`)).status, 404);
      assert.equal(row.dueAt, new Date(`${due}T23:59:59.999+08:00`).toISOString());
      assert.match(row.dueBasis, /20 日内/);
      assert.equal(row.overdue, false);
    });
  });
}
