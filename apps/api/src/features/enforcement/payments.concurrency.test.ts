import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { servedFine } from '../../test-support/penalties.ts';
import { paymentChannel } from './use-cases/payment.ts';

/**
 * ENF-06 under 20 parallel identical requests: a payment order asked 20 times is one order (one row, one
 * record event, the same order number to all); a payment notification delivered 20 times at once records one
 * payment — one `recorded`, the others `duplicate`, never a 5xx. On SQLite one writer serialises them;
 * PostgreSQL is where races show.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`enforcement payment concurrency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('ENF-06 20 parallel payment orders make one order; 20 parallel identical notifications record one payment', async () => {
      const c = await servedFine(t);
      const applicant = await t.login('applicant.211000');
      const db = t.ctx.database.db;
      const orders = await Promise.all(Array.from({ length: N }, () => call(t, applicant, 'POST', `/api/v1/portal/penalties/${c.id}/payment-order`)));
      assert.deepEqual(
        orders.map((r) => r.status),
        Array(N).fill(200),
        JSON.stringify(orders.map((r) => r.body.code)),
      );
      assert.equal(new Set(orders.map((r) => r.body.orderNo)).size, 1);
      assert.equal((await db.selectFrom('enforcement_payment_orders').select('id').where('case_id', '=', c.id).execute()).length, 1);
      const orderAudits = await db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_payment_order.create')
        .execute();
      assert.equal(orderAudits.length, 1);

      const o = orders[0]!.body;
      const fields = {
        orderNo: o.orderNo as string,
        transactionNo: 'BANK20261202004242',
        amount: (o.amount as number).toFixed(2),
        paidAt: t.clock.now.toISOString(),
      };
      const payload = { ...fields, signature: paymentChannel(t.ctx)!.sign(fields) };
      const rs = await Promise.all(Array.from({ length: N }, () => call(t, null, 'POST', '/api/v1/payments/notifications', payload)));
      assert.deepEqual(
        rs.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code]),
        [],
      );
      assert.equal(rs.filter((r) => r.body.result === 'recorded').length, 1, JSON.stringify(rs.map((r) => r.body.result)));
      assert.equal(rs.filter((r) => r.body.result === 'duplicate').length, N - 1);
      const payments = await db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_case.payment')
        .execute();
      assert.equal(payments.length, 1);
      const row = await db.selectFrom('enforcement_cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.receipt_number, row.paid_amount], ['closed', 'BANK20261202004242', o.amount]);
    });
  });
}
