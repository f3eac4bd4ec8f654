import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, uploadMaterials } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';

const DAY = 86_400_000;

for (const database of DATABASES) {
  describe(`public services [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'leader.440106', 'approver.440106', 'clerk.211000']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    test('SVC-02 a real-name bad review of an application is followed up on its clock to its return visit; figures published', async () => {
      const app = tok['applicant.440106']!;
      const materials = await uploadMaterials(t, app);
      const filed = await call(t, app, 'POST', '/api/v1/licensing/applications', applicationInput('440106', 'inspection', materials, { submit: true }));
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const body = {
        matterType: 'licensing_application',
        matterId: filed.body.id,
        level: 1,
        tags: ['overdue', 'extra_materials'],
        comment: '要求补交清单以外的材料',
      };
      // Only the applicant of the matter evaluates it.
      const stranger = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/evaluations', body, { 'idempotency-key': 'eval-stranger-1' });
      assert.equal(stranger.status, 403);
      const r = await call(t, app, 'POST', '/api/v1/evaluations', body, { 'idempotency-key': 'eval-app-0001' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.levelLabel, '非常不满意');
      assert.deepEqual(
        r.body.tags.map((x: { label: string }) => x.label),
        ['超时限', '增加材料'],
      );
      assert.ok(r.body.followUpId);
      // The same key replays; another key is a second evaluation of the same matter: refused (一事一评).
      const replay = await call(t, app, 'POST', '/api/v1/evaluations', body, { 'idempotency-key': 'eval-app-0001' });
      assert.equal(replay.status, 201);
      assert.equal(replay.body.id, r.body.id);
      const again = await call(t, app, 'POST', '/api/v1/evaluations', { ...body, level: 5 }, { 'idempotency-key': 'eval-app-0002' });
      assert.deepEqual([again.status, again.body.code], [409, 'EVALUATION.DUPLICATE']);

      const clerk = tok['clerk.440106']!;
      const list = await call(t, clerk, 'GET', '/api/v1/evaluations/follow-ups');
      assert.equal(list.status, 200);
      const fu = list.body.items.find((x: { id: string }) => x.id === r.body.followUpId);
      assert.ok(fu, 'the follow-up is in the agency queue');
      assert.equal(fu.statusLabel, '待核实');
      assert.deepEqual([fu.returnVisit.required, fu.returnVisit.done], [true, false]);
      assert.equal(fu.clock.amount, 15);
      assert.match(fu.clock.legalBasis.document, /51号/);
      assert.ok(fu.clock.dueDate);
      // Another agency does not see it.
      const other = await call(t, tok['clerk.211000']!, 'GET', '/api/v1/evaluations/follow-ups');
      assert.equal(
        other.body.items.some((x: { id: string }) => x.id === fu.id),
        false,
      );
      const step = (step: string, who = clerk, version?: number) =>
        call(t, who, 'POST', `/api/v1/evaluations/follow-ups/${fu.id}/steps`, { step, note: `${step} 记录`, ...(version !== undefined ? { version } : {}) });
      // A return visit before feedback is refused with a stable code.
      const early = await step('return_visit');
      assert.deepEqual([early.status, early.body.code], [409, 'EVALUATION.FOLLOW_UP_STATE']);
      assert.equal((await step('verify')).body.statusLabel, '整改中');
      assert.equal((await step('rectify')).status, 200);
      const fed = await step('feedback');
      assert.equal(fed.body.status, 'fed_back');
      assert.equal(fed.body.clock.status, 'stopped');
      const visited = await step('return_visit');
      assert.equal(visited.body.status, 'closed');
      assert.equal(visited.body.returnVisit.done, true);
      assert.deepEqual(
        visited.body.steps.map((s: { label: string }) => s.label),
        ['核实', '整改', '反馈评价人', '回访'],
      );
      const figures = await call(t, null, 'GET', '/api/v1/public/evaluations/figures?region=440106');
      assert.equal(figures.status, 200);
      assert.equal(figures.body.levels.find((l: { level: number }) => l.level === 1).count, 1);
      assert.deepEqual([figures.body.bad, figures.body.badRectified, figures.body.rectificationRate, figures.body.returnVisited], [1, 1, 1, 1]);
    });

    test('SVC-02 a window visit is evaluated once by QR code; a malicious bad review is appealed and set aside', async () => {
      const qr = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/evaluations/visits', { serviceTitle: '消防许可咨询' });
      assert.equal(qr.status, 201, JSON.stringify(qr.body));
      const body = { matterType: 'window_visit', matterId: qr.body.token, level: 2, comment: '无理差评' };
      const r = await call(t, null, 'POST', '/api/v1/evaluations', body, { 'idempotency-key': 'eval-visit-0001' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.realName, false);
      const twice = await call(t, null, 'POST', '/api/v1/evaluations', body, { 'idempotency-key': 'eval-visit-0002' });
      assert.deepEqual([twice.status, twice.body.code], [409, 'EVALUATION.DUPLICATE']);
      const id = r.body.followUpId as string;
      const fu = await call(t, tok['clerk.440106']!, 'GET', `/api/v1/evaluations/follow-ups/${id}`);
      assert.equal(fu.body.returnVisit.required, false);
      const appeal = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/evaluations/follow-ups/${id}/steps`, {
        step: 'appeal',
        note: '监控显示评价人未办理业务',
      });
      assert.equal(appeal.body.statusLabel, '申诉复核中');
      // The clerk cannot decide the appeal on their own review.
      const self = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/evaluations/follow-ups/${id}/steps`, { step: 'appeal_upheld', note: '自行决定' });
      assert.equal(self.status, 403);
      const upheld = await call(t, tok['approver.440106']!, 'POST', `/api/v1/evaluations/follow-ups/${id}/steps`, {
        step: 'appeal_upheld',
        note: '经核实为恶意差评',
      });
      assert.equal(upheld.body.status, 'excluded');
      const figures = await call(t, null, 'GET', '/api/v1/public/evaluations/figures?region=440106');
      assert.equal(figures.body.levels.find((l: { level: number }) => l.level === 2).count, 0);
    });

    test('SVC-03 an open day booked to capacity refuses the next booking in Chinese; a completed visit is evaluated', async () => {
      const start = new Date(t.clock.now.getTime() + 3 * DAY);
      const slot = await call(
        t,
        tok['clerk.440106']!,
        'POST',
        '/api/v1/appointments/slots',
        {
          kind: 'open_day',
          title: '消防站开放日',
          place: '天河区消防救援站',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          capacity: 5,
        },
        { 'idempotency-key': 'slot-0001-open' },
      );
      assert.equal(slot.status, 201, JSON.stringify(slot.body));
      assert.equal(slot.body.kindLabel, '消防站开放日');
      const listed = await call(t, null, 'GET', '/api/v1/appointments/slots?region=440106');
      assert.ok(listed.body.items.some((s: { id: string }) => s.id === slot.body.id));
      const book = (people: number, key: string) =>
        call(
          t,
          null,
          'POST',
          `/api/v1/appointments/slots/${slot.body.id}/bookings`,
          { name: '张三', phone: '13900000000', people },
          { 'idempotency-key': key },
        );
      const a = await book(3, 'book-0001-aaaa');
      assert.equal(a.status, 201, JSON.stringify(a.body));
      const b = await book(2, 'book-0002-bbbb');
      assert.equal(b.body.slot.remaining, 0);
      const full = await book(1, 'book-0003-cccc');
      assert.deepEqual([full.status, full.body.code, full.body.message], [409, 'APPOINTMENT.FULL', '该场次已约满，请选择其他场次']);
      // A cancellation gives the places back.
      const cancelled = await call(t, null, 'POST', `/api/v1/appointments/bookings/${b.body.code}/cancel`);
      assert.deepEqual([cancelled.body.statusLabel, cancelled.body.slot.remaining], ['已取消', 2]);
      const tooMany = await book(3, 'book-0004-dddd');
      assert.deepEqual([tooMany.status, tooMany.body.message], [409, '该场次仅剩 2 个名额，请减少人数或选择其他场次']);
      // Not before the visit.
      const early = await call(
        t,
        null,
        'POST',
        '/api/v1/evaluations',
        { matterType: 'appointment', matterId: a.body.code, level: 5 },
        { 'idempotency-key': 'eval-appt-0001' },
      );
      assert.deepEqual([early.status, early.body.code], [422, 'EVALUATION.NOT_EVALUABLE']);
      t.clock.advance(3 * DAY + 3600_000);
      // Sessions time out over three days: sign in again.
      for (const u of Object.keys(tok)) tok[u] = await t.login(u);
      const done = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/appointments/slots/${slot.body.id}/complete`);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const mine = await call(t, null, 'GET', `/api/v1/appointments/bookings/${a.body.code}`);
      assert.equal(mine.body.canEvaluate, true);
      const e = await call(
        t,
        null,
        'POST',
        '/api/v1/evaluations',
        { matterType: 'appointment', matterId: a.body.code, level: 5 },
        { 'idempotency-key': 'eval-appt-0002' },
      );
      assert.equal(e.status, 201, JSON.stringify(e.body));
      assert.deepEqual([e.body.levelLabel, e.body.followUpId], ['非常满意', null]);
    });

    test('SVC-03 bookings without an account are limited per client address (a script cannot fill the slots)', async () => {
      const start = new Date(t.clock.now.getTime() + 5 * DAY);
      const slot = await call(t, tok['clerk.440106']!, 'POST', '/api/v1/appointments/slots', {
        kind: 'education_visit',
        title: '限流测试场次',
        place: '教育基地',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        capacity: 1000,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/appointments/slots/${slot.body.id}/bookings`,
          payload: { name: '脚本', phone: '13000000000', people: 1 },
          remoteAddress: '10.77.0.1',
        });
        statuses.push(r.statusCode);
        if (i === 30) assert.equal((r.json() as { code: string }).code, 'APPOINTMENT.TOO_MANY_BOOKINGS');
      }
      assert.deepEqual([statuses.filter((s) => s === 201).length, statuses.at(-1)], [30, 429]);
    });

    test('SVC-06 a disclosure request is extended once (the second refused) and answered', async () => {
      const r = await call(
        t,
        null,
        'POST',
        '/api/v1/disclosure/requests',
        { regionCode: '440106', name: '李四', contact: '13700000000', content: '申请公开本区2025年消防监督抽查结果' },
        { 'idempotency-key': 'disc-0001-aaaa' },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.ok(r.body.dueDate);
      const queue = await call(t, tok['clerk.440106']!, 'GET', '/api/v1/disclosure/requests?open=true');
      assert.ok(queue.body.items.some((x: { id: string }) => x.id === r.body.id));
      const clerkTry = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/extension`, { reason: '需征求第三方意见' });
      assert.equal(clerkTry.status, 403);
      const ext = await call(t, tok['approver.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/extension`, { reason: '需征求第三方意见' });
      assert.equal(ext.status, 200, JSON.stringify(ext.body));
      assert.equal(ext.body.extended, true);
      assert.ok(ext.body.dueDate > r.body.dueDate);
      const second = await call(t, tok['approver.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/extension`, { reason: '再次延期' });
      assert.deepEqual([second.status, second.body.code], [409, 'DISCLOSURE.EXTENDED_ONCE']);
      assert.match(second.body.message, /只能延长一次/);
      const reply = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/disclosure/requests/${r.body.id}/reply`, {
        outcome: 'disclosed',
        reply: '抽查结果见附件，已通过电子邮件发送',
      });
      assert.deepEqual([reply.status, reply.body.statusLabel, reply.body.outcomeLabel], [200, '已答复', '予以公开']);
      const mine = await call(t, null, 'GET', `/api/v1/disclosure/requests/by-code/${r.body.code}`);
      assert.equal(mine.body.reply, '抽查结果见附件，已通过电子邮件发送');
    });
  });
}
