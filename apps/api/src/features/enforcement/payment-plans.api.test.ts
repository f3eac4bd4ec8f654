import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseView } from '@fep/contracts';
import { addDays, chinaDateOf } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { decidedFine, servedFine } from '../../test-support/penalties.ts';
import { paymentChannel } from './use-cases/payment.ts';

/**
 * ENF-06 payment terms: service by post records its tracking number; the party asks in the portal to pay
 * later or in instalments (行政处罚法 art. 66 ¶2) and the head approves or refuses; the approved schedule is the
 * due dates the late fee runs from; periods of administrative review or litigation recorded on the case stop
 * the late fee (art. 73 ¶3). Each shown in the case's `payment`.
 */
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement: deferral, instalments, review periods, postal service [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const logIn = async () => {
      for (const u of ['applicant.211000', 'applicant.440106', 'inspector.211000', 'approver.211000', 'clerk.211000']) tok[u] = await t.login(u);
    };
    before(async () => {
      t = await startTestApp(database);
      await logIn();
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);
    const view = async (id: string) => (await call(t, tok['inspector.211000']!, 'GET', `/api/v1/enforcement/cases/${id}`)).body as CaseView;
    const portal = async (id: string) => (await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/penalties/${id}`)).body as CaseView;
    const plan = (id: string, payload: Json, who = 'applicant.211000') => as(who, `/api/v1/portal/penalties/${id}/payment-plan`, payload);
    const decide = (id: string, approve: boolean) =>
      as('approver.211000', `/api/v1/enforcement/cases/${id}/payment-plan-decision`, { approve, reason: approve ? '确有经济困难，同意' : '理由不充分' });

    test('ENF-04 service by post needs the postal tracking number (422 naming the field), which the case then shows', async () => {
      const c = await decidedFine(t);
      const url = `/api/v1/enforcement/cases/${c.id}/service`;
      const servedAt = c.decision!.decidedOn;
      const missing = await as('inspector.211000', url, { method: 'post', servedAt });
      assert.deepEqual([missing.status, missing.body.code, missing.body.details?.field], [422, 'ENFORCEMENT.TRACKING_REQUIRED', 'trackingNumber']);
      assert.match(missing.body.message, /邮件单号/);
      assert.equal((await view(c.id)).status, 'decided', 'nothing written');
      const ok = await as('inspector.211000', url, { method: 'post', servedAt, trackingNumber: 'EMS1234567890' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.service, { method: 'post', methodLabel: ok.body.service.methodLabel, servedOn: servedAt, trackingNumber: 'EMS1234567890' });
      assert.match(ok.body.service.methodLabel, /邮寄/);
      // In person the number is not kept (the contract's body without it stays valid).
      const other = await servedFine(t);
      assert.equal(other.service?.trackingNumber, null);
    });

    test('ENF-06 a deferral requested in the portal and approved: the late fee runs from the new date (art. 66 ¶2)', async () => {
      const c = await servedFine(t);
      const due = c.payment!.dueDate;
      const later = addDays(due, 30);
      // Another unit cannot ask for this case; an officer cannot ask for the party.
      assert.equal((await plan(c.id, { kind: 'deferral', schedule: [{ dueDate: later, amount: 20000 }], reason: '经营困难' }, 'applicant.440106')).status, 404);
      // Outside the policy: more than 180 days after the original due date (待确认 default).
      const far = await plan(c.id, { kind: 'deferral', schedule: [{ dueDate: addDays(due, 181), amount: 20000 }], reason: '经营困难' });
      assert.deepEqual([far.status, far.body.code, far.body.details?.field], [422, 'ENFORCEMENT.PAYMENT_PLAN_INVALID', 'schedule']);
      assert.match(far.body.message, /180 日/);
      const asked = await plan(c.id, { kind: 'deferral', schedule: [{ dueDate: later, amount: 20000 }], reason: '受疫情影响经营困难，请求暂缓一个月' });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.payment.pendingPlan.statusLabel, '待审批');
      assert.equal(asked.body.payment.pendingPlan.kindLabel, '暂缓缴纳');
      assert.deepEqual([(await plan(c.id, { kind: 'deferral', schedule: [{ dueDate: later, amount: 20000 }], reason: '再次申请' })).status], [409]);
      const approverView = (await call(t, tok['approver.211000']!, 'GET', `/api/v1/enforcement/cases/${c.id}`)).body as CaseView;
      assert.ok(approverView.actions.some((a) => a.action === 'payment_plan_decision'));
      // The inspector may not approve.
      assert.equal((await as('inspector.211000', `/api/v1/enforcement/cases/${c.id}/payment-plan-decision`, { approve: true, reason: '同意' })).status, 403);
      const approved = await decide(c.id, true);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.payment.plan.statusLabel, '已批准');
      assert.equal(approved.body.payment.pendingPlan, null);
      assert.equal(approved.body.payment.dueDate, later);
      // The portal's payment order tells the same due date.
      const order = await as('applicant.211000', `/api/v1/portal/penalties/${c.id}/payment-order`);
      assert.deepEqual([order.status, order.body.dueDate, order.body.lateFee], [200, later, 0], JSON.stringify(order.body));
      // 20 days after the original due date: nothing owed yet; 2 days after the new date: 3 % a day.
      t.clock.advance((15 + 20) * DAY);
      await logIn();
      assert.deepEqual([(await portal(c.id)).payment?.lateFee, (await portal(c.id)).payment?.dueDate], [0, later]);
      t.clock.advance(12 * DAY);
      await logIn();
      const p = (await portal(c.id)).payment!;
      assert.deepEqual([p.lateFeeDays, p.lateFee], [2, 1200]);
      // Paying the fine alone is short by the fee owed under the schedule; with it the case closes.
      const today = chinaDateOf(t.clock.now);
      const short = await as('clerk.211000', `/api/v1/enforcement/cases/${c.id}/payment`, {
        amount: 20000,
        paidOn: today,
        receiptNumber: `DEF-${c.id.slice(-8)}`,
      });
      assert.deepEqual([short.status, short.body.code], [422, 'ENFORCEMENT.PAYMENT_SHORT']);
      const paid = await as('clerk.211000', `/api/v1/enforcement/cases/${c.id}/payment`, {
        amount: 21200,
        paidOn: today,
        receiptNumber: `DEF-${c.id.slice(-8)}`,
      });
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      const record = await t.ctx.database.db.selectFrom('audit_events').select('action').where('target_id', '=', c.id).execute();
      for (const a of ['enforcement_case.payment_plan_request', 'enforcement_case.payment_plan_approve'])
        assert.ok(
          record.some((r) => r.action === a),
          a,
        );
    });

    test('ENF-06 instalments: each accrues from its own date; a refused request leaves the original due date', async () => {
      const c = await servedFine(t);
      const due = c.payment!.dueDate;
      const schedule = [
        { dueDate: addDays(due, 10), amount: 10000 },
        { dueDate: addDays(due, 40), amount: 10000 },
      ];
      const unequal = await plan(c.id, { kind: 'instalments', schedule: [schedule[0], { ...schedule[1], amount: 9999.99 }], reason: '分期缴纳' });
      assert.deepEqual([unequal.status, unequal.body.code], [422, 'ENFORCEMENT.PAYMENT_PLAN_INVALID']);
      assert.match(unequal.body.message, /合计应等于罚款/);
      assert.equal((await plan(c.id, { kind: 'instalments', schedule, reason: '资金周转困难，请求分两期缴纳' })).status, 200);
      const approved = await decide(c.id, true);
      assert.equal(approved.body.payment.plan.kindLabel, '分期缴纳');
      assert.equal(approved.body.payment.dueDate, schedule[0]!.dueDate);
      // Three days after the first instalment's date: 3 % a day of 10,000; the first, unpaid, is what is due.
      t.clock.advance((15 + 13) * DAY);
      await logIn();
      const p = (await view(c.id)).payment!;
      assert.deepEqual([p.lateFeeDays, p.lateFee, p.dueDate], [3, 900, schedule[0]!.dueDate]);

      const other = await servedFine(t);
      assert.equal(
        (await plan(other.id, { kind: 'deferral', schedule: [{ dueDate: addDays(other.payment!.dueDate, 10), amount: 20000 }], reason: '经营困难' })).status,
        200,
      );
      const refused = await decide(other.id, false);
      assert.equal(refused.status, 200);
      assert.equal(refused.body.payment.plan, null);
      assert.equal(refused.body.payment.pendingPlan, null);
      assert.equal(refused.body.payment.dueDate, other.payment!.dueDate);
      assert.deepEqual([(await decide(other.id, true)).status], [409]);
    });

    test('ENF-06 instalments paid one at a time: at the counter with the receipt, through the portal order, each with the fee on it alone; the last closes the case', async () => {
      const c = await servedFine(t);
      const due = c.payment!.dueDate;
      const schedule = [
        { dueDate: addDays(due, 10), amount: 8000 },
        { dueDate: addDays(due, 40), amount: 7000 },
        { dueDate: addDays(due, 70), amount: 5000 },
      ];
      assert.equal((await plan(c.id, { kind: 'instalments', schedule, reason: '资金周转困难，请求分三期缴纳' })).status, 200);
      const approved = (await decide(c.id, true)).body as CaseView;
      assert.deepEqual(
        approved.payment!.instalments.map((i) => [i.seq, i.dueDate, i.amount, i.paid, i.lateFee]),
        schedule.map((i, k) => [k + 1, i.dueDate, i.amount, false, 0]),
      );
      assert.deepEqual([approved.payment!.dueNow?.seq, approved.payment!.dueNow?.total], [1, 8000]);
      // A day after the first instalment's date: 3 % of 8,000 on it alone.
      t.clock.advance((15 + 11) * DAY);
      await logIn();
      const owed = (await portal(c.id)).payment!;
      assert.deepEqual([owed.dueNow?.seq, owed.dueNow?.lateFee, owed.dueNow?.total, owed.dueDate], [1, 240, 8240, schedule[0]!.dueDate]);
      const today = chinaDateOf(t.clock.now);
      const pay = (body: Json) => as('clerk.211000', `/api/v1/enforcement/cases/${c.id}/payment`, { paidOn: chinaDateOf(t.clock.now), ...body });
      const short = await pay({ amount: 8000, receiptNumber: `INS1-${c.id.slice(-8)}` });
      assert.deepEqual([short.status, short.body.code, short.body.details?.instalment], [422, 'ENFORCEMENT.PAYMENT_SHORT', 1]);
      assert.match(short.body.message, /第 1 期应缴 8,?240/);
      const first = await pay({ amount: 8240, receiptNumber: `INS1-${c.id.slice(-8)}` });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const afterFirst = (first.body as CaseView).payment!;
      assert.equal(first.body.status, 'served', 'the case stays open until the last instalment');
      assert.deepEqual(
        afterFirst.instalments.map((i) => [i.paid, i.paidOn, i.lateFee]),
        [
          [true, today, 240],
          [false, null, 0],
          [false, null, 0],
        ],
      );
      assert.deepEqual([afterFirst.paid, afterFirst.dueNow?.seq, afterFirst.dueNow?.total, afterFirst.dueDate], [false, 2, 7000, schedule[1]!.dueDate]);
      // The same receipt cannot pay another instalment; the paid one cannot be paid again.
      assert.deepEqual([(await pay({ amount: 7000, receiptNumber: `INS1-${c.id.slice(-8)}` })).body.code], ['ENFORCEMENT.RECEIPT_USED']);
      const again = await pay({ amount: 8240, receiptNumber: `INS1B-${c.id.slice(-8)}`, instalment: 1 });
      assert.deepEqual([again.status, again.body.code], [409, 'ENFORCEMENT.CASE_STATE']);

      // The second through the portal: the order is for that instalment alone, and the channel's notice records it.
      const made = await as('applicant.211000', `/api/v1/portal/penalties/${c.id}/payment-order`);
      assert.equal(made.status, 200, JSON.stringify(made.body));
      assert.deepEqual([made.body.instalment, made.body.amount, made.body.fine, made.body.lateFee], [2, 7000, 7000, 0]);
      const fields = { orderNo: made.body.orderNo, transactionNo: `ONL2${c.id.slice(-8)}`, amount: '7000.00', paidAt: t.clock.now.toISOString() };
      const notice = { ...fields, signature: paymentChannel(t.ctx)!.sign(fields) };
      const recorded = await call(t, null, 'POST', '/api/v1/payments/notifications', notice);
      assert.deepEqual([recorded.status, recorded.body.result], [200, 'recorded'], JSON.stringify(recorded.body));
      assert.equal((await call(t, null, 'POST', '/api/v1/payments/notifications', notice)).body.result, 'duplicate');
      const afterSecond = (await view(c.id)).payment!;
      assert.deepEqual(
        afterSecond.instalments.map((i) => i.paid),
        [true, true, false],
      );
      assert.equal(afterSecond.dueNow?.seq, 3);

      // The third 40 days late: the fee on it is capped at its own 5,000 (art. 72), not at the fine.
      t.clock.advance((59 + 40) * DAY);
      await logIn();
      const late = (await view(c.id)).payment!;
      assert.deepEqual([late.dueNow?.seq, late.dueNow?.lateFee, late.dueNow?.total], [3, 5000, 10000]);
      const last = await pay({ amount: 10000, receiptNumber: `INS3-${c.id.slice(-8)}` });
      assert.equal(last.status, 200, JSON.stringify(last.body));
      const closed = (last.body as CaseView).payment!;
      assert.deepEqual([last.body.status, closed.paid, closed.paidAmount, closed.dueNow], ['closed', true, 25240, null]);
      assert.deepEqual(
        closed.instalments.map((i) => i.lateFee),
        [240, 0, 5000],
      );
      const record = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_case.instalment_payment')
        .execute();
      assert.equal(record.length, 3);
    });

    test('ENF-06 a pending administrative review stops the late fee (art. 73 ¶3); its end starts it again', async () => {
      const c = await servedFine(t);
      const due = c.payment!.dueDate;
      const start = (body: Json) => as('inspector.211000', `/api/v1/enforcement/cases/${c.id}/remedy-periods`, body);
      const end = (body: Json) => as('inspector.211000', `/api/v1/enforcement/cases/${c.id}/remedy-period-end`, body);
      // Three days after the due date the party applies for review: two days of fee before it.
      t.clock.advance(18 * DAY);
      await logIn();
      const today = chinaDateOf(t.clock.now);
      const future = await start({ kind: 'review', startedOn: addDays(today, 1), note: '辽阳市人民政府' });
      assert.deepEqual([future.status, future.body.details?.field], [400, 'startedOn']);
      const started = await start({ kind: 'review', startedOn: addDays(due, 3), note: '辽阳市人民政府 辽阳复字〔2026〕第1号' });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      assert.deepEqual(
        started.body.payment.remedyPeriods.map((r: Json) => [r.kindLabel, r.startedOn, r.endedOn]),
        [['行政复议', addDays(due, 3), null]],
      );
      assert.equal((await start({ kind: 'litigation', startedOn: today, note: '白塔区人民法院' })).status, 409);
      assert.ok(started.body.actions.some((a: Json) => a.action === 'remedy_end'));
      // Ten days on, the fee still stands at the two days before the review.
      t.clock.advance(10 * DAY);
      await logIn();
      assert.deepEqual([(await view(c.id)).payment?.lateFeeDays, (await view(c.id)).payment?.lateFee], [2, 1200]);
      const endedOn = chinaDateOf(t.clock.now);
      const badEnd = await end({ endedOn: addDays(due, 2), note: '维持' });
      assert.deepEqual([badEnd.status, badEnd.body.code], [422, 'ENFORCEMENT.REMEDY_INVALID']);
      const ended = await end({ endedOn, note: '复议决定维持原处罚决定' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      t.clock.advance(DAY);
      await logIn();
      const p = (await portal(c.id)).payment!;
      assert.deepEqual([p.lateFeeDays, p.lateFee], [3, 1800]);
      assert.equal(p.remedyPeriods[0]!.endedOn, endedOn);
      assert.match(p.remedyPeriods[0]!.note, /维持原处罚决定/);
    });
  });
}
