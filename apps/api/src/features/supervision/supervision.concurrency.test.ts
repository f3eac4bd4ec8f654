import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { storeBlob } from '../../platform/files/storage.ts';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { ORDER_ESCALATED } from '../enforcement/index.ts';
import { ORDER_ISSUED } from './events.ts';

/**
 * Every state-changing supervision route under 20 parallel identical requests (SUP-03 … SUP-11): exactly
 * one effect, the others 409 with a stable code (never 5xx); creating routes replay under one
 * Idempotency-Key. On SQLite one connection serialises them; PostgreSQL is where the races showed.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

test('SUP-08 twenty writers of the same frozen input store it without ENOENT on the rename', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fep-blob-'));
  try {
    const data = Buffer.from(`FEP-DRAW-INPUT v1\n${randomUUID()}\n`.repeat(2000));
    const shas = await Promise.all(Array.from({ length: N }, () => storeBlob(dir, data)));
    assert.equal(new Set(shas).size, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const database of DATABASES) {
  describe(`supervision concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    let inspectorIds: string[] = [];
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['clerk.211000', 'inspector.211000', 'inspector2.211000', 'applicant.211000', 'approver.211000', 'leader.211000'])
        tok[u] = await t.login(u);
      inspectorIds = (
        await t.ctx.database.db
          .selectFrom('users')
          .select('id')
          .where('username', 'in', ['inspector.211000', 'inspector2.211000'])
          .orderBy('username')
          .execute()
      ).map((u) => u.id);
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const call = async (who: string | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const r = await t.app.inject({
        method: method as 'POST',
        url,
        headers: { ...(who ? bearer(tok[who]!) : {}), ...headers },
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      let body: Json = {};
      try {
        body = r.json() as Json;
      } catch {}
      return { status: r.statusCode, body, replayed: r.headers['idempotent-replayed'] === 'true' };
    };
    const par = (fn: () => ReturnType<typeof call>) => Promise.all(Array.from({ length: N }, fn));
    /** Exactly one winner with `ok`, the others 409 with `code`. */
    const oneWins = (rs: Awaited<ReturnType<typeof call>>[], ok: number, code: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, code]);
    };
    const photo = async () => {
      const mp = multipartFile('p.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...bearer(tok['inspector.211000']!), ...mp.headers },
        payload: mp.payload,
      });
      return r.json().id as string;
    };
    const newTask = async () => {
      const r = await call('clerk.211000', 'POST', '/api/v1/supervision/tasks', { usci, trigger: 'complaint', reason: '群众举报安全出口被锁闭', inspectorIds });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const recordBody = async (taskId: string) => {
      const detail = await call('inspector.211000', 'GET', `/api/v1/inspection-tasks/${taskId}`);
      return {
        mode: 'remote',
        checklist: (detail.body.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: i.code !== 'escape' })),
        hazards: [{ description: '营业期间安全出口被锁闭', major: false, photoIds: [] }],
        findings: '视频检查发现隐患',
        signatures: { inspectors: [await photo(), await photo()], representative: null },
        order: { deadlineWorkingDays: 5, guidance: '立即拆除锁具，保持安全出口畅通' },
      };
    };
    const newOrder = async () => {
      const taskId = await newTask();
      const r = await call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, await recordBody(taskId));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.orderId as string;
    };
    const audits = async (targetId: string, action: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', targetId).where('action', '=', action).execute()).length;

    test('SUP-10 the same field record sent 20 times seals one rectification order', async () => {
      const taskId = await newTask();
      const body = await recordBody(taskId);
      oneWins(await par(() => call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, body)), 200, 'SUPERVISION.TASK_STATE');
      const orders = await t.ctx.database.db.selectFrom('rectification_orders').select('number').where('source_id', '=', taskId).execute();
      assert.equal(orders.length, 1, `one order, not ${orders.map((o) => o.number).join(', ')}`);
      assert.equal((await t.ctx.database.db.selectFrom('hazards').select('id').where('task_id', '=', taskId).execute()).length, 1);
    });

    test('SUP-09 a record queued offline and replayed 20 times under its Idempotency-Key is one record; the answer is replayed', async () => {
      const taskId = await newTask();
      const body = await recordBody(taskId);
      const key = `field-${randomUUID()}`;
      const rs = await par(() => call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, body, { 'idempotency-key': key }));
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(200),
        JSON.stringify(rs.map((r) => r.body)),
      );
      assert.equal(new Set(rs.map((r) => r.body.orderId)).size, 1, 'every answer names the one order');
      assert.equal(rs.filter((r) => !r.replayed).length, 1, 'one request wrote, the others were replayed');
      assert.equal((await t.ctx.database.db.selectFrom('rectification_orders').select('id').where('source_id', '=', taskId).execute()).length, 1);
      assert.equal(await audits(taskId, 'inspection_task.record'), 1);
      // Another phone's record (another key) finds the task done: the conflict the field page shows.
      const late = await call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, body, { 'idempotency-key': `field-${randomUUID()}` });
      assert.deepEqual([late.status, late.body.code], [409, 'SUPERVISION.TASK_STATE']);
    });

    test('SUP-09 the same draft saved 20 times is written once; a done task refuses drafts with 409', async () => {
      const taskId = await newTask();
      const rs = await par(() => call('inspector.211000', 'PUT', `/api/v1/inspection-tasks/${taskId}/draft`, { draft: { step: 2 } }));
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(200),
      );
      assert.equal(await audits(taskId, 'inspection_task.draft'), 1);
      await call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${taskId}/record`, await recordBody(taskId));
      const late = await par(() => call('inspector.211000', 'PUT', `/api/v1/inspection-tasks/${taskId}/draft`, { draft: { step: 3 } }));
      for (const r of late) assert.deepEqual([r.status, r.body.code], [409, 'SUPERVISION.TASK_STATE']);
    });

    test('SUP-10 20 extension requests: one pending request; with one Idempotency-Key one request replayed', async () => {
      const orderId = await newOrder();
      oneWins(
        await par(() => call('applicant.211000', 'POST', `/api/v1/portal/orders/${orderId}/extension`, { days: 5, reason: '需更换防火门，供货周期较长' })),
        201,
        'SUPERVISION.ORDER_STATE',
      );
      const ext = await t.ctx.database.db.selectFrom('order_extensions').selectAll().where('order_id', '=', orderId).execute();
      assert.equal(ext.length, 1);

      const other = await newOrder();
      const key = `ext-${randomUUID()}`;
      const keyed = await par(() =>
        call(
          'applicant.211000',
          'POST',
          `/api/v1/portal/orders/${other}/extension`,
          { days: 5, reason: '需更换防火门，供货周期较长' },
          { 'idempotency-key': key },
        ),
      );
      assert.deepEqual(
        keyed.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(keyed.map((r) => r.body)),
      );
      assert.equal(new Set(keyed.map((r) => r.body.id)).size, 1);
      assert.equal((await t.ctx.database.db.selectFrom('order_extensions').select('id').where('order_id', '=', other).execute()).length, 1);
    });

    test('SUP-10 approving one extension request 20 times extends the clock once', async () => {
      const orderId = await newOrder();
      const ext = await call('applicant.211000', 'POST', `/api/v1/portal/orders/${orderId}/extension`, { days: 3, reason: '需更换防火门，供货周期较长' });
      oneWins(
        await par(() => call('approver.211000', 'POST', `/api/v1/order-extensions/${ext.body.id}/decision`, { approve: true, reason: '理由充分，准予延期' })),
        200,
        'SUPERVISION.ORDER_STATE',
      );
      const order = await t.ctx.database.db.selectFrom('rectification_orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
      const events = await t.ctx.database.db
        .selectFrom('clock_events')
        .selectAll()
        .where('clock_id', '=', order.clock_id!)
        .where('type', '=', 'extend')
        .execute();
      assert.equal(events.length, 1, 'the clock is extended once (5 + 3 working days, not 5 + 60)');
    });

    test('SUP-10 reporting one order 20 times opens one re-inspection; 20 re-inspection results close it once', async () => {
      const orderId = await newOrder();
      oneWins(
        await par(() => call('applicant.211000', 'POST', `/api/v1/portal/orders/${orderId}/rectified`, { note: '已拆除锁具', photoIds: [] })),
        200,
        'SUPERVISION.ORDER_STATE',
      );
      const tasks = await t.ctx.database.db
        .selectFrom('inspection_tasks')
        .select('id')
        .where('order_id', '=', orderId)
        .where('purpose', '=', 're_inspection')
        .execute();
      assert.equal(tasks.length, 1);
      oneWins(
        await par(() => call('inspector.211000', 'POST', `/api/v1/inspection-tasks/${tasks[0]!.id}/reinspection`, { fixed: true, findings: '已整改' })),
        200,
        'SUPERVISION.TASK_STATE',
      );
      assert.equal(await audits(orderId, 'rectification_order.close'), 1);
    });

    test('SUP-10 escalating one order 20 times emits one ORDER_ESCALATED and enforcement opens one referral', async () => {
      const orderId = await newOrder();
      oneWins(
        await par(() => call('approver.211000', 'POST', `/api/v1/rectification-orders/${orderId}/escalate`, { reason: '逾期未改正，移送执法办案' })),
        200,
        'SUPERVISION.ORDER_STATE',
      );
      const events = await t.ctx.database.db.selectFrom('domain_events').select('type').where('target_id', '=', orderId).execute();
      // The order's issuance (told to the unit) and one escalation.
      assert.deepEqual(events.map((e) => e.type).sort(), [ORDER_ESCALATED, ORDER_ISSUED].sort());
      await t.drain();
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_referrals').select('id').where('source_id', '=', orderId).execute()).length, 1);
    });

    test("SUP-06 a triggered task with another jurisdiction's inspectors is refused; one Idempotency-Key creates one task", async () => {
      const guangzhou = (
        await t.ctx.database.db
          .selectFrom('inspectors')
          .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
          .select('inspectors.user_id')
          .where('agencies.region_code', '=', '440100')
          .limit(2)
          .execute()
      ).map((i) => i.user_id);
      assert.equal(guangzhou.length, 2);
      const bad = await call('clerk.211000', 'POST', '/api/v1/supervision/tasks', { usci, trigger: 'complaint', reason: '群众举报', inspectorIds: guangzhou });
      assert.deepEqual([bad.status, bad.body.code], [400, 'LICENSING.INSPECTORS_INVALID']);

      const key = `task-${randomUUID()}`;
      const body = { usci, trigger: 'superior_order', reason: `支队交办 ${key}`, inspectorIds };
      const rs = await par(() => call('clerk.211000', 'POST', '/api/v1/supervision/tasks', body, { 'idempotency-key': key }));
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(201),
        JSON.stringify(rs.map((r) => r.body)),
      );
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal((await t.ctx.database.db.selectFrom('inspection_tasks').select('id').where('trigger_reason', '=', body.reason).execute()).length, 1);
    });

    test('SUP-05 a conflict declared 20 times is one record; one Idempotency-Key replays it', async () => {
      const units = await t.ctx.database.db.selectFrom('units').select('usci').where('region_code', '=', '211000').orderBy('usci', 'desc').limit(2).execute();
      oneWins(
        await par(() => call('inspector2.211000', 'POST', '/api/v1/inspector-conflicts', { usci: units[0]!.usci, kind: 'relative' })),
        201,
        'SUPERVISION.CONFLICT_DECLARED',
      );
      const key = `conflict-${randomUUID()}`;
      const rs = await par(() =>
        call('inspector2.211000', 'POST', '/api/v1/inspector-conflicts', { usci: units[1]!.usci, kind: 'declared' }, { 'idempotency-key': key }),
      );
      assert.deepEqual(
        rs.map((r) => r.status),
        Array(N).fill(201),
      );
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal(
        (
          await t.ctx.database.db
            .selectFrom('inspector_conflicts')
            .select('id')
            .where('usci', 'in', [units[0]!.usci, units[1]!.usci])
            .where('inspector_user_id', '=', inspectorIds[1]!)
            .execute()
        ).length,
        2,
      );
    });

    test('SUP-03/05/08 a plan created under one key once, published once, drawn once', async () => {
      const key = `plan-${randomUUID()}`;
      const body = { title: `并发测试抽查计划 ${key}`, purpose: '日常监督抽查', periodStart: '2027-04-01', periodEnd: '2027-06-30', defaultRate: 0.1 };
      const created = await par(() => call('leader.211000', 'POST', '/api/v1/supervision/plans', body, { 'idempotency-key': key }));
      assert.deepEqual(
        created.map((r) => r.status),
        Array(N).fill(201),
      );
      assert.equal(new Set(created.map((r) => r.body.id)).size, 1);
      const id = created[0]!.body.id as string;
      assert.equal((await t.ctx.database.db.selectFrom('random_plans').select('id').where('title', '=', body.title).execute()).length, 1);

      oneWins(
        await par(() => call('leader.211000', 'POST', `/api/v1/supervision/plans/${id}/publish`, { publicValueSource: '2027-03-01 中国福利彩票3D开奖号码' })),
        200,
        'SUPERVISION.PLAN_STATE',
      );
      assert.equal(await audits(id, 'random_plan.publish'), 1);
      const drawn = await par(() => call('leader.211000', 'POST', `/api/v1/supervision/plans/${id}/draw`, { publicValue: '2027-03-01 3D 1 2 3' }));
      oneWins(drawn, 200, 'SUPERVISION.PLAN_STATE');
      const winner = drawn.find((r) => r.status === 200)!;
      assert.equal((await t.ctx.database.db.selectFrom('inspection_tasks').select('id').where('plan_id', '=', id).execute()).length, winner.body.summary.drawn);
      assert.equal((await call(null, 'GET', `/api/v1/public/plans/${id}/replay`)).body.identical, true);
    });
  });
}
