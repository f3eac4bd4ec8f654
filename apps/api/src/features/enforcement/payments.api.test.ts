import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { CaseView } from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { servedFine } from '../../test-support/penalties.ts';
import { canonicalFields } from './payment-channel.ts';
import { paymentChannel } from './use-cases/payment.ts';

/**
 * ENF-06 online payment of a fine through the payment channel (here the local test double): the party's
 * order for the fine and the late fee owed today; the channel's signed notification recording the payment
 * as the channel (channel 'online', the transaction number as receipt) and closing the case; a bad
 * signature refused with a stable code; a replay recorded once; an amount short of what is owed refused.
 */
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement: online payment of fines [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const logIn = async () => {
      for (const u of ['applicant.211000', 'applicant.440106', 'inspector.211000']) tok[u] = await t.login(u);
    };
    before(async () => {
      t = await startTestApp(database);
      await logIn();
    });
    after(() => t.close());

    const order = (who: string, caseId: string) => call(t, tok[who]!, 'POST', `/api/v1/portal/penalties/${caseId}/payment-order`);
    const notify = (payload: Json) => call(t, null, 'POST', '/api/v1/payments/notifications', payload);
    const signed = (fields: Record<string, string>) => ({ ...fields, signature: paymentChannel(t.ctx)!.sign(fields) });
    const caseRow = (id: string) => t.ctx.database.db.selectFrom('enforcement_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const paymentAudits = async (id: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').selectAll().where('target_id', '=', id).where('action', '=', 'enforcement_case.payment').execute())
        .length;

    test('ENF-06 the unit pays in the portal through the test double: order of fine + late fee as of today, pay page, signed notification, paid and closed', async () => {
      const c = await servedFine(t);
      // Two days past the due date: 3 % a day of 20,000 is owed on top (行政处罚法 art. 72).
      t.clock.advance(17 * DAY);
      await logIn();
      const view = (await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/penalties/${c.id}`)).body as CaseView;
      assert.deepEqual([view.payment?.lateFeeDays, view.payment?.lateFee, view.payment?.paid], [2, 1200, false]);

      const made = await order('applicant.211000', c.id);
      assert.equal(made.status, 200, JSON.stringify(made.body));
      assert.deepEqual([made.body.amount, made.body.fine, made.body.lateFee], [21200, 20000, 1200]);
      assert.equal(made.body.asOf, chinaDateOf(t.clock.now));
      assert.equal(made.body.dueDate, view.payment?.dueDate);
      assert.match(made.body.orderNo, /^FK\d{8}[0-9A-F]{12}$/);
      assert.match(made.body.channelRef, /^TP[0-9A-F]{22}$/);
      assert.equal(made.body.channelLabel, '测试缴款通道（演示）');
      assert.equal(made.body.payUrl, `/api/v1/payments/test-channel/pay/${made.body.channelRef}`);
      // Asked again the same day: the same order.
      const again = await order('applicant.211000', c.id);
      assert.equal(again.body.orderNo, made.body.orderNo);
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_payment_orders').select('id').where('case_id', '=', c.id).execute()).length, 1);
      // Another unit cannot pay (or see) this case.
      const foreign = await order('applicant.440106', c.id);
      assert.deepEqual([foreign.status, foreign.body.code], [404, 'RESOURCE.NOT_FOUND']);

      // The double's pay page, in Chinese, with the amount.
      const path = made.body.payUrl as string;
      const pageRes = await t.app.inject({ method: 'GET', url: path });
      assert.equal(pageRes.statusCode, 200);
      assert.match(String(pageRes.headers['content-type']), /text\/html/);
      for (const s of ['缴纳罚款', '21,200.00 元', '确认缴款', '辽阳市白塔区星光网吧', '罚缴分离']) assert.ok(pageRes.body.includes(s), s);
      // Confirming posts the signed notification: the payment is recorded and the case closed.
      const confirmed = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'confirm=1',
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.ok(confirmed.body.includes('缴款成功'), confirmed.body);
      const row = await caseRow(c.id);
      assert.equal(row.status, 'closed');
      assert.equal(row.paid_amount, 21200);
      assert.equal(row.payment_channel, 'online');
      assert.match(row.receipt_number ?? '', /^TEST[0-9A-F]{16}$/);
      const audit = await t.ctx.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_case.payment')
        .executeTakeFirstOrThrow();
      assert.equal(audit.actor_role, 'payment_channel');
      const paid = (await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/penalties/${c.id}`)).body as CaseView;
      assert.equal(paid.payment?.paid, true);
      // The page says so afterwards; a new order is refused.
      assert.ok((await t.app.inject({ method: 'GET', url: path })).body.includes('该罚款已缴纳'));
      const late = await order('applicant.211000', c.id);
      assert.deepEqual([late.status, late.body.code], [409, 'ENFORCEMENT.CASE_STATE']);
    });

    test('ENF-06 a notification with a bad signature is refused (401 PAYMENT.BAD_SIGNATURE); a replay records once; an amount short is refused', async () => {
      const c = await servedFine(t);
      await logIn();
      const made = (await order('applicant.211000', c.id)).body;
      const fields = { orderNo: made.orderNo, transactionNo: 'BANK20261201000123', amount: made.amount.toFixed(2), paidAt: t.clock.now.toISOString() };

      // Signed with another secret, tampered, or not signed at all: refused, nothing recorded.
      const otherSecret = createHmac('sm3', 'not-the-channel-secret').update(canonicalFields(fields)).digest('hex');
      for (const bad of [
        { ...fields, signature: otherSecret },
        { ...signed(fields), amount: '999999.00' },
        { ...fields, signature: 'x' },
      ]) {
        const r = await notify(bad);
        assert.deepEqual([r.status, r.body.code], [401, 'PAYMENT.BAD_SIGNATURE'], JSON.stringify(r.body));
      }
      assert.equal((await caseRow(c.id)).paid_on, null);
      // An unknown order (correctly signed) is a 404.
      const unknown = await notify(signed({ ...fields, orderNo: 'FK20260101AAAAAAAAAAAA' }));
      assert.deepEqual([unknown.status, unknown.body.code], [404, 'PAYMENT.ORDER_UNKNOWN']);

      // Short of the fine: refused with what is owed.
      const short = await notify(signed({ ...fields, transactionNo: 'BANK20261201000999', amount: (made.amount - 1).toFixed(2) }));
      assert.deepEqual([short.status, short.body.code], [422, 'ENFORCEMENT.PAYMENT_SHORT']);
      assert.equal(short.body.details.owed, made.amount);
      assert.equal((await caseRow(c.id)).paid_on, null);

      // Paid; the same notification again is answered as a duplicate and records nothing more.
      const first = await notify(signed(fields));
      assert.deepEqual([first.status, first.body.result], [200, 'recorded'], JSON.stringify(first.body));
      const replay = await notify(signed(fields));
      assert.deepEqual([replay.status, replay.body.result], [200, 'duplicate'], JSON.stringify(replay.body));
      assert.equal(await paymentAudits(c.id), 1);
      const row = await caseRow(c.id);
      assert.deepEqual([row.status, row.receipt_number, row.payment_channel], ['closed', 'BANK20261201000123', 'online']);
      // A second, different payment of a paid fine is not a replay: refused (the channel refunds it).
      const second = await notify(signed({ ...fields, transactionNo: 'BANK20261201000555' }));
      assert.deepEqual([second.status, second.body.code], [409, 'ENFORCEMENT.CASE_STATE']);
    });

    test('ENF-06 no order for a fine not yet served; an order of a past day expires on the pay page', async () => {
      const c = await servedFine(t);
      await logIn();
      const made = (await order('applicant.211000', c.id)).body;
      t.clock.advance(DAY);
      const path = made.payUrl as string;
      assert.ok((await t.app.inject({ method: 'GET', url: path })).body.includes('已过期'));
      const r = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'confirm=1' });
      assert.equal(r.statusCode, 409);
      assert.equal((await caseRow(c.id)).paid_on, null);
      // The next day's order is a new one, for the amount owed that day.
      await logIn();
      const next = (await order('applicant.211000', c.id)).body;
      assert.notEqual(next.orderNo, made.orderNo);
      // A case the party has not been told of is not its to pay (the same 404 as a missing case).
      const usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci;
      const opened = await call(t, tok['inspector.211000']!, 'POST', '/api/v1/enforcement/cases', {
        regionCode: '211000',
        party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
        violationCode: 'XFF-60-1-3',
        facts: '疏散通道堆放杂物',
        circumstances: {},
        coOfficerId: (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'inspector2.211000').executeTakeFirstOrThrow()).id,
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const untold = await order('applicant.211000', opened.body.id);
      assert.deepEqual([untold.status, untold.body.code], [404, 'RESOURCE.NOT_FOUND']);
    });
  });
}
