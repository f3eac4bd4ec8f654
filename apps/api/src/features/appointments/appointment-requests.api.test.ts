import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { sendAppointmentReminders } from './index.ts';

const HOUR = 3_600_000;

/**
 * SVC-03 on both databases: a drill at a time that suits the unit (辽阳 003 #16) — the unit proposes times, the agency
 * confirms one or proposes another with its reply clock, the unit accepts; a request outside office hours accepted
 * or declined with a reason; the reminder before each appointment, once, through the notification centre, with
 * the lead time of the policy `services.appointments`.
 */
for (const database of DATABASES) {
  describe(`appointment requests [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    // Sessions time out when the test moves the clock on by hours: log in again then.
    const relogin = async () => {
      for (const u of ['applicant.440106', 'clerk.440106', 'clerk.211000', 'inspector.440106']) tok[u] = await t.login(u);
    };
    before(async () => {
      // Monday 2026-11-23 10:00 Beijing time; the tests run in order and the later ones move the clock on.
      t = await startTestApp(database);
      await relogin();
    });
    after(() => t.close());

    const unit = () => tok['applicant.440106']!;
    const clerk = () => tok['clerk.440106']!;
    const drill = (proposedTimes: string[], kind = 'drill') =>
      call(t, unit(), 'POST', '/api/v1/appointments/requests', {
        kind,
        regionCode: '440106',
        unitName: '天河区某商场',
        topic: '全员疏散逃生演练',
        place: '天河区某商场一层中庭',
        people: 120,
        contact: '13800001234',
        proposedTimes,
      });

    test("SVC-03 a drill booked at the unit's time: proposed times, the agency's reply clock, another time proposed, accepted by the unit", async () => {
      const r = await drill(['2026-11-26T06:00:00.000Z', '2026-11-25T02:00:00.000Z']);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual([r.body.kindLabel, r.body.statusLabel], ['消防演练', '待消防救援机构确认']);
      assert.deepEqual(r.body.proposedTimes, ['2026-11-25T02:00:00.000Z', '2026-11-26T06:00:00.000Z'], 'sorted');
      // The reply clock: 3 working days (policy default, 待确认) from Monday.
      assert.equal(r.body.replyDue, '2026-11-26');
      assert.match(r.body.replyBasis, /第16项/);
      const past = await drill(['2026-11-20T02:00:00.000Z']);
      assert.deepEqual([past.status, past.body.code], [400, 'APPOINTMENT.INVALID']);
      // Another agency does not see it; the queue of the agency does.
      assert.equal(
        (await call(t, tok['clerk.211000']!, 'POST', `/api/v1/appointments/requests/${r.body.id}/decline`, { reason: '不在辖区', version: 0 })).status,
        404,
      );
      const queue = await call(t, clerk(), 'GET', '/api/v1/appointments/requests?open=true');
      assert.ok(queue.body.items.some((x: Json) => x.id === r.body.id));
      // Only a time the unit proposed can be confirmed; another time is a counter-proposal with its reason.
      const other = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/confirm`, { startsAt: '2026-11-27T02:00:00.000Z', version: 0 });
      assert.deepEqual([other.status, other.body.code], [400, 'APPOINTMENT.INVALID']);
      const counter = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/counter`, {
        startsAt: '2026-11-27T02:00:00.000Z',
        reason: '周三、周四上午站内另有任务',
        version: 0,
      });
      assert.equal(counter.status, 200, JSON.stringify(counter.body));
      assert.deepEqual(
        [counter.body.statusLabel, counter.body.counterAt, counter.body.replyDue],
        ['机构另提时间，待单位确认', '2026-11-27T02:00:00.000Z', null],
      );
      const staleConfirm = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/confirm`, {
        startsAt: '2026-11-25T02:00:00.000Z',
        version: 1,
      });
      assert.deepEqual([staleConfirm.status, staleConfirm.body.code], [409, 'APPOINTMENT.STATE']);
      // Only the unit accepts; staff cannot accept for it.
      assert.equal((await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/accept`, { version: 1 })).status, 403);
      const ok = await call(t, unit(), 'POST', `/api/v1/appointments/requests/${r.body.id}/accept`, { version: 1 });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.statusLabel, ok.body.startsAt], ['已确认', '2026-11-27T02:00:00.000Z']);
      await t.drain();
      const told = await call(t, unit(), 'GET', '/api/v1/notifications');
      assert.ok(
        told.body.items.some((n: Json) => /预约答复/.test(n.title) && /周三、周四上午站内另有任务/.test(n.body)),
        'the unit is told of the answer',
      );
    });

    test('SVC-03 a request outside office hours: refused inside office hours naming them; accepted at its time, or declined with a reason', async () => {
      // Tuesday 11:00 Beijing time is office time.
      const inside = await drill(['2026-11-24T03:00:00.000Z'], 'off_hours');
      assert.deepEqual([inside.status, inside.body.code], [422, 'APPOINTMENT.NOT_OFF_HOURS']);
      assert.match(inside.body.message, /08:30—17:30/);
      const two = await drill(['2026-11-24T11:00:00.000Z', '2026-11-24T12:00:00.000Z'], 'off_hours');
      assert.deepEqual([two.status, two.body.code], [400, 'APPOINTMENT.INVALID']);
      // Tuesday 19:00 and Saturday 10:00 Beijing time are outside office hours.
      const evening = await drill(['2026-11-24T11:00:00.000Z'], 'off_hours');
      assert.equal(evening.status, 201, JSON.stringify(evening.body));
      assert.equal(evening.body.kindLabel, '非工作时间预约服务');
      const counter = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${evening.body.id}/counter`, {
        startsAt: '2026-11-25T02:00:00.000Z',
        reason: '请工作时间来',
        version: 0,
      });
      assert.deepEqual([counter.status, counter.body.code], [409, 'APPOINTMENT.STATE'], 'an off-hours request is accepted or declined, not moved');
      const accepted = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${evening.body.id}/confirm`, {
        startsAt: '2026-11-24T11:00:00.000Z',
        version: 0,
      });
      assert.deepEqual([accepted.status, accepted.body.statusLabel], [200, '已确认']);
      const saturday = await drill(['2026-11-28T02:00:00.000Z'], 'off_hours');
      assert.equal(saturday.status, 201, JSON.stringify(saturday.body));
      const noReason = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${saturday.body.id}/decline`, { version: 0 });
      assert.equal(noReason.status, 400);
      const declined = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${saturday.body.id}/decline`, {
        reason: '周六值班人员不足，请改在工作日',
        version: 0,
      });
      assert.deepEqual([declined.status, declined.body.statusLabel, declined.body.answer], [200, '未予安排', '周六值班人员不足，请改在工作日']);
      const cancel = await call(t, unit(), 'POST', `/api/v1/appointments/requests/${saturday.body.id}/cancel`, { version: declined.body.version });
      assert.deepEqual([cancel.status, cancel.body.code], [409, 'APPOINTMENT.STATE']);
      // A unit cannot see or move another unit's request.
      assert.equal((await call(t, tok['inspector.440106']!, 'GET', '/api/v1/appointments/requests/mine')).status, 403);
    });
    test('SVC-03 a visit booked with an account is reminded to that account once; one booked without an account has no one to tell', async () => {
      const slot = await call(t, clerk(), 'POST', '/api/v1/appointments/slots', {
        kind: 'open_day',
        title: '天河消防站开放日（提醒）',
        place: '天河消防站',
        startsAt: '2026-11-24T06:00:00.000Z',
        endsAt: '2026-11-24T08:00:00.000Z',
        capacity: 10,
      });
      assert.equal(slot.status, 201, JSON.stringify(slot.body));
      const mine = await call(t, unit(), 'POST', `/api/v1/appointments/slots/${slot.body.id}/bookings`, { name: '张三', phone: '13800000001', people: 2 });
      assert.equal(mine.status, 201);
      const anon = await call(t, null, 'POST', `/api/v1/appointments/slots/${slot.body.id}/bookings`, { name: '李四', phone: '13800000002', people: 1 });
      assert.equal(anon.status, 201);
      t.clock.advance(5 * HOUR);
      await relogin();
      const r = await sendAppointmentReminders(t.ctx, 'test');
      assert.equal(r.bookings, 1, JSON.stringify(r));
      assert.equal((await sendAppointmentReminders(t.ctx, 'test')).bookings, 0);
      await t.drain();
      const told = await call(t, unit(), 'GET', '/api/v1/notifications');
      assert.equal(told.body.items.filter((n: Json) => n.title === '预约提醒：预约参观：天河消防站开放日（提醒）').length, 1);
    });

    test("SVC-03 a training confirmed at one of the unit's times; the reminder comes once, at the policy's lead time, through the notification centre", async () => {
      const r = await drill(['2026-11-25T02:00:00.000Z', '2026-11-25T06:00:00.000Z'], 'training');
      const c = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/confirm`, { startsAt: '2026-11-25T06:00:00.000Z', version: 0 });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.deepEqual([c.body.statusLabel, c.body.startsAt, c.body.reminded], ['已确认', '2026-11-25T06:00:00.000Z', false]);
      // 47 hours before: not yet (lead 24 h, policy default 待确认).
      const early = await sendAppointmentReminders(t.ctx, 'test');
      assert.equal(early.requests, 0);
      t.clock.advance(24 * HOUR);
      await relogin();
      const due = await sendAppointmentReminders(t.ctx, 'test');
      assert.ok(due.ran);
      assert.ok(due.requests >= 1, JSON.stringify(due));
      assert.equal((await sendAppointmentReminders(t.ctx, 'test')).requests, 0, 'once per appointment');
      await t.drain();
      const told = await call(t, unit(), 'GET', '/api/v1/notifications');
      const reminders = told.body.items.filter((n: Json) => n.title === '预约提醒：消防知识培训：全员疏散逃生演练');
      assert.equal(reminders.length, 1);
      assert.match(reminders[0].body, /2026-11-25 14:00 在天河区某商场一层中庭进行/);
      const mine = await call(t, unit(), 'GET', '/api/v1/appointments/requests/mine');
      assert.equal(mine.body.items.find((x: Json) => x.id === r.body.id).reminded, true);
    });

    test("SVC-03 the reminder lead time and the reply time are the region's policy: a version of services.appointments with 48 hours reminds earlier", async () => {
      const admin = await t.login('admin.440106');
      const agency = await t.ctx.database.db.selectFrom('agencies').select('id').where('region_code', '=', '440106').executeTakeFirstOrThrow();
      const v = await call(t, admin, 'POST', '/api/v1/policies/versions', {
        agencyId: agency.id,
        kind: 'services.appointments',
        effectiveFrom: chinaDateOf(new Date(t.clock.now.getTime() + 24 * HOUR)),
        values: { reminderLeadHours: 48, replyWorkingDays: 1, officeStart: '09:00', officeEnd: '17:00' },
        legalBasis: { document: '天河区消防救援大队便民服务措施', clause: '预约提醒' },
      });
      assert.equal(v.status, 201, JSON.stringify(v.body));
      t.clock.advance(24 * HOUR); // in force from tomorrow
      await relogin();
      const at = new Date(t.clock.now.getTime() + 40 * HOUR).toISOString();
      const r = await drill([at]);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.match(r.body.replyBasis, /第16项/);
      const c = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/confirm`, { startsAt: at, version: 0 });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      // 40 hours ahead: due under the region's 48 hours (the national 24 would wait).
      // (The drill of the first test, 43 hours ahead, falls within the 48 hours too.)
      const sent = await sendAppointmentReminders(t.ctx, 'test');
      assert.equal(sent.requests, 2, JSON.stringify(sent));
      const mine = await call(t, unit(), 'GET', '/api/v1/appointments/requests/mine');
      assert.equal(mine.body.items.find((x: Json) => x.id === r.body.id).reminded, true);
      const clock = await t.ctx.database.db
        .selectFrom('clocks')
        .select(['amount', 'policy_version'])
        .where('target_id', '=', r.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(clock.amount, 1, "the reply clock uses the region's days");
      assert.match(clock.policy_version ?? '', /services\.appointments@/);
    });

    test("SVC-03/SVC-02 a service held at the unit's time is evaluated once by that unit, and not before it took place", async () => {
      // 20:00 Beijing time tomorrow: outside office hours whatever the day.
      const day = new Date(t.clock.now.getTime() + 24 * HOUR).toISOString().slice(0, 10);
      const at = `${day}T12:00:00.000Z`;
      const r = await drill([at], 'off_hours');
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const ok = await call(t, clerk(), 'POST', `/api/v1/appointments/requests/${r.body.id}/confirm`, { startsAt: at, version: 0 });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const evaluate = (token: string, key: string) =>
        call(
          t,
          token,
          'POST',
          '/api/v1/evaluations',
          { matterType: 'appointment_request', matterId: r.body.id, level: 5, tags: [], comment: '准时到场' },
          { 'idempotency-key': key },
        );
      const early = await evaluate(unit(), `early-${database}`);
      assert.deepEqual([early.status, early.body.code], [422, 'EVALUATION.NOT_EVALUABLE']);
      assert.match(early.body.message, /约定时间进行后/);
      t.clock.advance(new Date(at).getTime() + HOUR - t.clock.now.getTime());
      await relogin();
      const other = await evaluate(await t.login('applicant.211000'), `other-${database}`);
      assert.deepEqual([other.status, other.body.code], [403, 'EVALUATION.NOT_YOURS']);
      const done = await evaluate(unit(), `done-${database}`);
      assert.equal(done.status, 201, JSON.stringify(done.body));
      assert.match(done.body.matterTitle ?? done.body.title ?? JSON.stringify(done.body), /非工作时间预约服务/);
      const again = await evaluate(unit(), `again-${database}`);
      assert.deepEqual([again.status, again.body.code], [409, 'EVALUATION.DUPLICATE']);
    });
  });
}
