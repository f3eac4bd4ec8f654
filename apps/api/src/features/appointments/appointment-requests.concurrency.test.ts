import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { sendAppointmentReminders } from './index.ts';

/**
 * Every new appointment transition under 20 parallel identical requests (SVC-03): one effect, the others a 409 with a
 * stable code, never a 5xx — and 20 reminder jobs at once send each reminder once. PostgreSQL is where races show.
 */
const N = 20;
const HOUR = 3_600_000;

for (const database of DATABASES) {
  describe(`appointment requests concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));
    const wins = (rs: { status: number; body: Json }[], ok: number) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, 'APPOINTMENT.STATE']);
    };
    const ask = (kind: string, proposedTimes: string[], key?: string) =>
      call(
        t,
        tok['applicant.440106']!,
        'POST',
        '/api/v1/appointments/requests',
        {
          kind,
          regionCode: '440106',
          unitName: '并发测试单位',
          topic: '灭火器使用培训',
          place: '单位会议室',
          people: 30,
          contact: '13800001234',
          proposedTimes,
        },
        key ? { 'idempotency-key': key } : {},
      );
    const actions = async (id: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute()).map((e) => e.action);

    test('SVC-03 20 parallel identical requests with one key make one request; 20 parallel confirmations, counter-proposals, acceptances, declines and cancellations apply once', async () => {
      const created = await parallel(() => ask('drill', ['2026-11-25T02:00:00.000Z'], 'appt-req-par-0001'));
      assert.deepEqual(
        created.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      const ids = new Set(created.filter((r) => r.status === 201).map((r) => r.body.id));
      assert.equal(ids.size, 1, JSON.stringify(created.map((r) => [r.status, r.body.code])));
      const db = t.ctx.database.db;
      assert.equal((await db.selectFrom('appointment_requests').select('id').where('unit_name', '=', '并发测试单位').execute()).length, 1);
      const id = [...ids][0] as string;
      const clerk = tok['clerk.440106']!;
      wins(
        await parallel(() => call(t, clerk, 'POST', `/api/v1/appointments/requests/${id}/confirm`, { startsAt: '2026-11-25T02:00:00.000Z', version: 0 })),
        200,
      );
      assert.equal((await actions(id)).filter((a) => a === 'appointment.request.confirm').length, 1);

      const b = (await ask('training', ['2026-11-26T02:00:00.000Z'])).body;
      wins(
        await parallel(() =>
          call(t, clerk, 'POST', `/api/v1/appointments/requests/${b.id}/counter`, { startsAt: '2026-11-27T02:00:00.000Z', reason: '另提时间', version: 0 }),
        ),
        200,
      );
      wins(await parallel(() => call(t, tok['applicant.440106']!, 'POST', `/api/v1/appointments/requests/${b.id}/accept`, { version: 1 })), 200);
      wins(await parallel(() => call(t, tok['applicant.440106']!, 'POST', `/api/v1/appointments/requests/${b.id}/cancel`, { version: 2 })), 200);
      const steps = await actions(b.id);
      for (const a of ['appointment.request.counter', 'appointment.request.accept', 'appointment.request.cancel'])
        assert.equal(steps.filter((x) => x === a).length, 1, a);

      const c = (await ask('off_hours', ['2026-11-24T11:00:00.000Z'])).body;
      wins(await parallel(() => call(t, clerk, 'POST', `/api/v1/appointments/requests/${c.id}/decline`, { reason: '当晚无人值守', version: 0 })), 200);
      assert.equal((await actions(c.id)).filter((a) => a === 'appointment.request.decline').length, 1);
      // Each answer stopped the reply clock once.
      const clocks = await db.selectFrom('clocks').select(['status']).where('target_type', '=', 'appointment_request').execute();
      assert.ok(
        clocks.every((k) => k.status === 'stopped'),
        JSON.stringify(clocks),
      );
    });

    test('SVC-03 20 reminder jobs at once (different processes) send each reminder once', async () => {
      t.clock.advance(24 * HOUR);
      const runs = await Promise.all(Array.from({ length: N }, (_, i) => sendAppointmentReminders(t.ctx, `process-${i}`)));
      assert.equal(
        runs.reduce((n, r) => n + r.requests, 0),
        1,
        JSON.stringify(runs.filter((r) => r.ran)),
      );
      // Even after the lease is free again, the compare-and-set on reminded_at keeps it at one.
      const late = await Promise.all(Array.from({ length: N }, (_, i) => sendAppointmentReminders(t.ctx, `late-${i}`)));
      assert.equal(
        late.reduce((n, r) => n + r.requests, 0),
        0,
      );
      const events = await t.ctx.database.db.selectFrom('domain_events').select('id').where('type', '=', 'appointments.reminder_due').execute();
      assert.equal(events.length, 1);
    });

    test('SVC-03 20 runs that all hold the lease (one holder re-entering) still send a reminder once: the compare-and-set on reminded_at decides', async () => {
      // The clock moved on a day in the test before: sessions are renewed.
      for (const u of ['applicant.440106', 'clerk.440106']) tok[u] = await t.login(u);
      const at = new Date(t.ctx.now().getTime() + 30 * HOUR).toISOString();
      const r = (await ask('training', [at])).body;
      assert.ok(r.id, JSON.stringify(r));
      const ok = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/appointments/requests/${r.id}/confirm`, { startsAt: at, version: 0 });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      t.clock.advance(7 * HOUR);
      const runs = await Promise.all(Array.from({ length: N }, () => sendAppointmentReminders(t.ctx, 'one-process')));
      assert.ok(runs.filter((x) => x.ran).length > 1, 'several runs passed the lease');
      assert.equal(
        runs.reduce((n, x) => n + x.requests, 0),
        1,
      );
      const events = await t.ctx.database.db
        .selectFrom('domain_events')
        .select('id')
        .where('type', '=', 'appointments.reminder_due')
        .where('target_id', '=', r.id)
        .execute();
      assert.equal(events.length, 1);
    });
  });
}
