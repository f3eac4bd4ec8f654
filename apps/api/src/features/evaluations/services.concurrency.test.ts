import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/**
 * Every new public-services transition under 20 parallel identical requests (SVC-02, SVC-03, SVC-06): one
 * effect, the others a 409 with a stable code, never a 5xx. On SQLite one connection serialises them;
 * PostgreSQL is where races show.
 */
const N = 20;
const DAY = 86_400_000;

for (const database of DATABASES) {
  describe(`public services concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['clerk.440106', 'approver.440106']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const wins = (rs: { status: number; body: Json }[], ok: number, code: string, count = 1) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, count, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, code]);
    };
    const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));

    test('SVC-02 20 parallel evaluations of one visit record one; 20 parallel identical follow-up steps apply once', async () => {
      const qr = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/evaluations/visits', { serviceTitle: '并发测试' });
      const evals = await parallel(() =>
        call(t, null, 'POST', '/api/v1/evaluations', {
          matterType: 'window_visit',
          matterId: qr.body.token,
          level: 1,
          evaluator: { name: '王五', phone: '13600000000' },
        }),
      );
      wins(evals, 201, 'EVALUATION.DUPLICATE');
      const db = t.ctx.database.db;
      const fus = await db.selectFrom('evaluation_follow_ups').selectAll().execute();
      assert.equal(fus.length, 1);
      assert.equal(fus[0]!.return_visit_required, 1);
      const clocks = await db.selectFrom('clocks').select('id').where('target_type', '=', 'evaluation_follow_up').execute();
      assert.equal(clocks.length, 1);
      const id = fus[0]!.id;
      // Each request names the version it read (as the back office does): 整改 may be recorded more than once, in turn.
      for (const step of ['verify', 'rectify', 'feedback', 'return_visit']) {
        const { version } = await db.selectFrom('evaluation_follow_ups').select('version').where('id', '=', id).executeTakeFirstOrThrow();
        const rs = await parallel(() =>
          call(t, tok['clerk.440106']!, 'POST', `/api/v1/evaluations/follow-ups/${id}/steps`, { step, note: '并发测试', version }),
        );
        wins(rs, 200, 'EVALUATION.FOLLOW_UP_STATE');
      }
      const steps = await db.selectFrom('evaluation_follow_up_steps').select('step').where('follow_up_id', '=', id).orderBy('seq').execute();
      assert.deepEqual(
        steps.map((s) => s.step),
        ['verify', 'rectify', 'feedback', 'return_visit'],
      );
    });

    test('SVC-03 20 parallel bookings of a 5-place slot book exactly 5; 20 parallel cancellations and completions apply once', async () => {
      const start = new Date(t.clock.now.getTime() + 2 * DAY);
      const slot = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/appointments/slots', {
        kind: 'education_visit',
        title: '消防科普教育基地参观',
        place: '科普教育基地',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        capacity: 5,
      });
      assert.equal(slot.status, 201, JSON.stringify(slot.body));
      const booked = await parallel(() =>
        call(t, null, 'POST', `/api/v1/appointments/slots/${slot.body.id}/bookings`, { name: '赵六', phone: '13500000000', people: 1 }),
      );
      wins(booked, 201, 'APPOINTMENT.FULL', 5);
      const db = t.ctx.database.db;
      const row = await db.selectFrom('appointment_slots').select('booked_count').where('id', '=', slot.body.id).executeTakeFirstOrThrow();
      assert.equal(row.booked_count, 5);
      const code = booked.find((r) => r.status === 201)!.body.code as string;
      const cancelled = await parallel(() => call(t, null, 'POST', `/api/v1/appointments/bookings/${code}/cancel`));
      wins(cancelled, 200, 'APPOINTMENT.STATE');
      const after1 = await db.selectFrom('appointment_slots').select('booked_count').where('id', '=', slot.body.id).executeTakeFirstOrThrow();
      assert.equal(after1.booked_count, 4);
      t.clock.advance(2 * DAY + 1800_000);
      tok['clerk.440106'] = await t.login('clerk.440106');
      tok['approver.440106'] = await t.login('approver.440106');
      const done = await parallel(() => call(t, tok['clerk.440106']!, 'POST', `/api/v1/appointments/slots/${slot.body.id}/complete`));
      wins(done, 200, 'APPOINTMENT.STATE');
    });

    test('SVC-06 20 parallel extensions of a disclosure request extend it once; 20 parallel replies answer it once', async () => {
      const r = await call(t, null, 'POST', '/api/v1/disclosure/requests', {
        regionCode: '440106',
        name: '钱七',
        contact: 'qian@example.com',
        content: '申请公开消防许可办理情况统计',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const ext = await parallel(() =>
        call(t, tok['approver.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/extension`, { reason: '并发测试延期' }),
      );
      wins(ext, 200, 'DISCLOSURE.EXTENDED_ONCE');
      const db = t.ctx.database.db;
      const events = await db
        .selectFrom('clock_events')
        .innerJoin('clocks', 'clocks.id', 'clock_events.clock_id')
        .select('clock_events.type')
        .where('clocks.target_id', '=', r.body.id)
        .execute();
      assert.deepEqual(
        events.map((e) => e.type),
        ['extend'],
      );
      const replies = await parallel(() =>
        call(t, tok['clerk.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/reply`, { outcome: 'not_held', reply: '本机关不掌握该信息' }),
      );
      wins(replies, 200, 'DISCLOSURE.STATE');
    });
  });
}
