import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/** Supervision over HTTP (SUP-03 … SUP-13): a verifiable draw, field records, hazards to closure, figures. */

async function photo(t: TestApp, token: string): Promise<string> {
  const mp = multipartFile('p.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
}

for (const database of DATABASES) {
  describe(`supervision [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('SUP-03/08 a plan is published with its inputs hash before the draw; the draw is replayable; conflicts are recused', async () => {
      const leader = await t.login('leader.211000');
      const inspector = await t.login('inspector.211000');
      const unit = await t.ctx.database.db
        .selectFrom('units')
        .select(['usci'])
        .where('region_code', '=', '211000')
        .orderBy('usci')
        .limit(1)
        .executeTakeFirstOrThrow();
      const conflict = await call(t, inspector, 'POST', '/api/v1/inspector-conflicts', {
        usci: unit.usci,
        kind: 'former_employer',
        note: '2023 年前在该单位任职',
      });
      assert.equal(conflict.status, 201, JSON.stringify(conflict.body));

      const created = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
        title: '2027 年第一季度“双随机”消防监督抽查',
        purpose: '日常监督抽查',
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
        defaultRate: 0.1,
        rates: { 'high|A|general': 1 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      const early = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: '123' });
      assert.equal(early.status, 409, 'no draw before publication');
      const published = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/publish`, { publicValueSource: '2026-12-01 中国福利彩票3D开奖号码' });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      assert.match(published.body.inputsHash, /^[0-9a-f]{64}$/);
      const pub = await call(t, null, 'GET', '/api/v1/public/plans?agency=211000');
      assert.ok(pub.body.some((p: Json) => p.id === id && p.inputsHash === published.body.inputsHash && p.seed === null));
      assert.equal(pub.body.find((p: Json) => p.id === id).publication, '每月公示', 'SUP-08 Liaoyang publishes monthly');

      const drawn = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: '2026-12-01 3D 5 8 1' });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      assert.ok(drawn.body.summary.drawn > 0);
      const replay = await call(t, null, 'GET', `/api/v1/public/plans/${id}/replay`);
      assert.equal(replay.body.identical, true);
      const again = await call(t, leader, 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: 'other' });
      assert.equal(again.status, 409, 'a plan is drawn once');
      const inputs = await call(t, null, 'GET', `/api/v1/public/plans/${id}/inputs`);
      assert.equal(inputs.status, 200);
      const text = Buffer.from(inputs.raw).toString('utf8');
      assert.match(text, /^FEP-DRAW-INPUT v1\n/);
      assert.equal(createHash('sm3').update(text).digest('hex'), published.body.inputsHash, 'anyone can recompute the published hash from the file');

      const tasks = await t.ctx.database.db.selectFrom('inspection_tasks').selectAll().where('plan_id', '=', id).execute();
      assert.equal(tasks.length, drawn.body.summary.drawn);
      const inspectorId = (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'inspector.211000').executeTakeFirstOrThrow()).id;
      const joined = await t.ctx.database.db
        .selectFrom('inspection_task_inspectors')
        .select(['task_id', 'user_id'])
        .where(
          'task_id',
          'in',
          tasks.map((x) => x.id),
        )
        .orderBy('position')
        .execute();
      for (const task of tasks) {
        const ids = JSON.parse(task.inspector_ids_json) as string[];
        assert.deepEqual(
          joined.filter((j) => j.task_id === task.id).map((j) => j.user_id),
          ids,
          'the join table holds the inspectors in order',
        );
        assert.equal(new Set(ids).size, 2);
        if (task.usci === unit.usci) assert.ok(!ids.includes(inspectorId), 'the declared conflict is recused');
      }
      const results = await call(t, null, 'GET', `/api/v1/public/plans/${id}/results`);
      assert.equal(results.body.items.length, tasks.length);
      // The leader's page of the plan lists exactly its drawn units, a page at a time with the total (issue 11 item 9).
      const listed = await call(t, leader, 'GET', `/api/v1/inspection-task-queue?planId=${id}&pageSize=5`);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.equal(listed.body.total, tasks.length);
      assert.ok(listed.body.items.every((x: Json) => x.planId === id && x.purpose === 'random'));
      const other = await call(t, leader, 'GET', `/api/v1/inspection-task-queue?planId=${id}&q=${encodeURIComponent(tasks[0]!.usci)}`);
      assert.deepEqual(
        other.body.items.map((x: Json) => x.id),
        [tasks[0]!.id],
      );

      // A drawn task is inspected with the plan's item list (SUP-02) and its result is published (SUP-08).
      const mine = tasks.find((x) => (JSON.parse(x.inspector_ids_json) as string[]).includes(inspectorId))!;
      const detail = await call(t, inspector, 'GET', `/api/v1/inspection-tasks/${mine.id}`);
      assert.ok(detail.body.checklist.length >= 2, 'the checklist comes from the plan');
      const sig = async () => {
        const mp = multipartFile('s.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
        return (await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(inspector), ...mp.headers }, payload: mp.payload })).json()
          .id as string;
      };
      const rec = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${mine.id}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [],
        findings: '未发现问题',
        signatures: { inspectors: [await sig(), await sig()] },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      const after = await call(t, null, 'GET', `/api/v1/public/plans/${id}/results`);
      assert.equal(after.body.items.find((x: Json) => x.usci === mine.usci).result, '未发现问题');
    });

    test('SUP-09/10/11 field record with a major hazard → sealed order → extension → report → re-inspection; escalation when not fixed; figures', async () => {
      const clerk = await t.login('clerk.211000');
      const inspectors = await t.ctx.database.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['inspector.211000', 'inspector2.211000'])
        .orderBy('username')
        .execute();
      const applicantUnit = await t.ctx.database.db.selectFrom('users').select(['usci']).where('username', '=', 'applicant.211000').executeTakeFirstOrThrow();
      const task = await call(t, clerk, 'POST', '/api/v1/supervision/tasks', {
        usci: applicantUnit.usci,
        trigger: 'complaint',
        reason: '群众举报安全出口被锁闭',
        inspectorIds: inspectors.map((i) => i.id),
      });
      assert.equal(task.status, 201, JSON.stringify(task.body));
      const inspector = await t.login('inspector.211000');
      const detail = await call(t, inspector, 'GET', `/api/v1/inspection-tasks/${task.body.id}`);
      const checklist = (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: i.code !== 'escape' }));

      const draft = await call(t, inspector, 'PUT', `/api/v1/inspection-tasks/${task.body.id}/draft`, {
        draft: { step: 2, hazards: [{ description: '后门锁闭' }] },
      });
      assert.equal(draft.status, 200);

      const photos = [await photo(t, inspector)];
      const sig = [await photo(t, inspector), await photo(t, inspector)];
      const noOrder = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${task.body.id}/record`, {
        mode: 'onsite',
        checklist,
        hazards: [{ itemCode: 'escape', description: '营业期间安全出口被锁闭', major: true, photoIds: photos }],
        findings: '举报属实',
        signatures: { inspectors: sig, representative: await photo(t, inspector), representativeName: '张店长' },
      });
      assert.equal(noOrder.body.code, 'SUPERVISION.HAZARD_INVALID', 'a hazard needs a rectification order');
      const recorded = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${task.body.id}/record`, {
        mode: 'onsite',
        checklist,
        hazards: [{ itemCode: 'escape', description: '营业期间安全出口被锁闭', major: true, photoIds: photos }],
        findings: '举报属实',
        signatures: { inspectors: sig, representative: await photo(t, inspector), representativeName: '张店长' },
        order: { deadlineWorkingDays: 3, guidance: '立即拆除锁具，保持安全出口畅通，建立每日营业前检查制度' },
      });
      assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
      const orderId = recorded.body.orderId;

      // The unit sees the order and its clock in the portal; the PDF carries the seal.
      const applicant = await t.login('applicant.211000');
      const mine = await call(t, applicant, 'GET', '/api/v1/portal/orders');
      const order = mine.body.find((o: Json) => o.id === orderId);
      assert.ok(order, 'the unit sees its order');
      assert.equal(order.listed, true, 'a major hazard lists the unit for supervision');
      assert.equal(order.clock.amount, 3);
      const pdf = await call(t, applicant, 'GET', `/api/v1/portal/orders/${orderId}/pdf`);
      const mp = multipartFile('order.pdf', Buffer.from(pdf.raw), 'application/pdf');
      const sealed = await t.app.inject({ method: 'POST', url: '/api/v1/licences/verify', headers: mp.headers, payload: mp.payload });
      assert.equal(sealed.json().sealValid, true);
      const other = await t.login('applicant.440100');
      assert.equal((await call(t, other, 'GET', `/api/v1/portal/orders/${orderId}/pdf`)).status, 404);

      // Extension requested and approved: the deadline moves by working days.
      const ext = await call(t, applicant, 'POST', `/api/v1/portal/orders/${orderId}/extension`, { days: 5, reason: '需更换防火门，供货周期较长' });
      assert.equal(ext.status, 201, JSON.stringify(ext.body));
      const approver = await t.login('approver.211000');
      const decided = await call(t, approver, 'POST', `/api/v1/order-extensions/${ext.body.id}/decision`, { approve: true, reason: '理由充分，准予延期' });
      assert.equal(decided.body.status, 'approved');
      assert.ok(decided.body.deadline > order.deadline);
      const listed = await call(t, clerk, 'GET', '/api/v1/supervision/listed');
      assert.ok(listed.body.some((o: Json) => o.id === orderId));

      // Reported as fixed → re-inspection by the same two inspectors → not fixed → escalated with a referral.
      const reported = await call(t, applicant, 'POST', `/api/v1/portal/orders/${orderId}/rectified`, { note: '已拆除锁具', photoIds: [] });
      assert.equal(reported.status, 200, JSON.stringify(reported.body));
      const reinspection = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${reported.body.reinspectionTaskId}/reinspection`, {
        fixed: false,
        findings: '后门仍被锁闭',
      });
      assert.equal(reinspection.body.status, 'escalated');
      // The referral is enforcement's: opened from the ORDER_ESCALATED event once it is dispatched.
      await t.drain();
      const referrals = await t.ctx.database.db.selectFrom('enforcement_referrals').selectAll().where('source_id', '=', orderId).execute();
      assert.equal(referrals.length, 1);

      const figures = await call(t, clerk, 'GET', '/api/v1/supervision/figures');
      assert.equal(figures.status, 200);
      assert.ok(figures.body.hazardsFound >= 1);
      assert.ok(figures.body.ordersEscalated >= 1);
      assert.ok(figures.body.otherTasks >= 1);
      const chain = await call(t, await t.login('leader.211000'), 'GET', `/api/v1/audit/verify?target=${orderId}`);
      assert.equal(chain.body.ok, true);
    });

    test('SUP-10 a fixed hazard closes the order; the unit cannot report twice', async () => {
      const clerk = await t.login('clerk.211000');
      const inspectors = await t.ctx.database.db
        .selectFrom('users')
        .select(['id'])
        .where('username', 'in', ['inspector.211000', 'inspector2.211000'])
        .execute();
      const usci = (await t.ctx.database.db.selectFrom('users').select(['usci']).where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const task = await call(t, clerk, 'POST', '/api/v1/supervision/tasks', {
        usci,
        trigger: 'superior_order',
        reason: '支队交办专项检查',
        inspectorIds: inspectors.map((i) => i.id),
      });
      const inspector = await t.login('inspector2.211000');
      const detail = await call(t, inspector, 'GET', `/api/v1/inspection-tasks/${task.body.id}`);
      const rec = await call(t, inspector, 'POST', `/api/v1/inspection-tasks/${task.body.id}/record`, {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [{ description: '灭火器压力不足', major: false, photoIds: [] }],
        findings: '视频检查',
        signatures: { inspectors: [await photo(t, inspector), await photo(t, inspector)], representative: null },
        order: { deadlineWorkingDays: 5, guidance: '更换或充装灭火器' },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      const applicant = await t.login('applicant.211000');
      const reported = await call(t, applicant, 'POST', `/api/v1/portal/orders/${rec.body.orderId}/rectified`, { note: '已更换', photoIds: [] });
      assert.equal((await call(t, applicant, 'POST', `/api/v1/portal/orders/${rec.body.orderId}/rectified`, { note: '再次', photoIds: [] })).status, 409);
      const done = await call(t, await t.login('inspector.211000'), 'POST', `/api/v1/inspection-tasks/${reported.body.reinspectionTaskId}/reinspection`, {
        fixed: true,
        findings: '已整改',
      });
      assert.equal(done.body.status, 'closed');
      const hazards = await t.ctx.database.db.selectFrom('hazards').select('status').where('order_id', '=', rec.body.orderId).execute();
      assert.deepEqual(
        hazards.map((h) => h.status),
        ['closed'],
      );
    });
  });
}
