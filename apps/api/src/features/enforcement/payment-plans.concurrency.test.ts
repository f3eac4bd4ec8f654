import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, chinaDateOf } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { servedFine } from '../../test-support/penalties.ts';

/**
 * ENF-06 each new payment step under 20 parallel identical requests: the party's deferral request, the head's
 * answer, the start and the end of a review period — exactly one effect, the others 409
 * ENFORCEMENT.CASE_STATE, never 5xx. On SQLite one writer serialises them; PostgreSQL is where races show.
 */
const N = 20;
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement payment terms concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.211000', 'inspector.211000', 'approver.211000', 'clerk.211000']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);
    const par = (fn: () => ReturnType<typeof as>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof as>>[], what: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        `${what}: no 5xx`,
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, `${what}: ${JSON.stringify(rs.map((r) => [r.status, r.body.code]))}`);
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENFORCEMENT.CASE_STATE'], what);
    };
    const audits = async (caseId: string, action: string) =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', caseId).where('action', '=', action).execute()).length;

    test('ENF-06 a deferral request, its approval, and a review period started and ended each take effect once under 20 parallel requests', async () => {
      const c = await servedFine(t);
      const schedule = [{ dueDate: addDays(c.payment!.dueDate, 30), amount: 20000 }];
      oneWins(
        await par(() => as('applicant.211000', `/api/v1/portal/penalties/${c.id}/payment-plan`, { kind: 'deferral', schedule, reason: '经营困难' })),
        'request',
      );
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_payment_plans').select('id').where('case_id', '=', c.id).execute()).length, 1);
      assert.equal(await audits(c.id, 'enforcement_case.payment_plan_request'), 1);
      oneWins(await par(() => as('approver.211000', `/api/v1/enforcement/cases/${c.id}/payment-plan-decision`, { approve: true, reason: '同意' })), 'decision');
      assert.equal(await audits(c.id, 'enforcement_case.payment_plan_approve'), 1);

      t.clock.advance(2 * DAY);
      for (const u of Object.keys(tok)) tok[u] = await t.login(u);
      const today = chinaDateOf(t.clock.now);
      oneWins(
        await par(() =>
          as('inspector.211000', `/api/v1/enforcement/cases/${c.id}/remedy-periods`, { kind: 'review', startedOn: today, note: '辽阳市人民政府' }),
        ),
        'remedy start',
      );
      assert.equal((await t.ctx.database.db.selectFrom('enforcement_remedy_periods').select('id').where('case_id', '=', c.id).execute()).length, 1);
      oneWins(
        await par(() => as('inspector.211000', `/api/v1/enforcement/cases/${c.id}/remedy-period-end`, { endedOn: today, note: '撤回复议申请' })),
        'remedy end',
      );
      assert.equal(await audits(c.id, 'enforcement_case.remedy_end'), 1);
    });

    test('ENF-06 20 parallel identical payments of one instalment record exactly one (one ledger row, one audit entry, the case open)', async () => {
      const c = await servedFine(t);
      const due = c.payment!.dueDate;
      const schedule = [
        { dueDate: addDays(due, 10), amount: 12000 },
        { dueDate: addDays(due, 40), amount: 8000 },
      ];
      assert.equal(
        (await as('applicant.211000', `/api/v1/portal/penalties/${c.id}/payment-plan`, { kind: 'instalments', schedule, reason: '分期' })).status,
        200,
      );
      assert.equal((await as('approver.211000', `/api/v1/enforcement/cases/${c.id}/payment-plan-decision`, { approve: true, reason: '同意' })).status, 200);
      const body = { amount: 12000, paidOn: chinaDateOf(t.clock.now), receiptNumber: `PAR-${c.id.slice(-10)}` };
      const rs = await par(() => as('clerk.211000', `/api/v1/enforcement/cases/${c.id}/payment`, body));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.ok(['ENFORCEMENT.CASE_STATE', 'ENFORCEMENT.RECEIPT_USED'].includes(r.body.code), r.body.code);
      const rows = await t.ctx.database.db.selectFrom('enforcement_instalment_payments').selectAll().where('case_id', '=', c.id).execute();
      assert.deepEqual(
        rows.map((r) => [r.seq, r.paid_amount]),
        [[1, 12000]],
      );
      assert.equal(await audits(c.id, 'enforcement_case.instalment_payment'), 1);
      const row = await t.ctx.database.db.selectFrom('enforcement_cases').select(['status', 'paid_on']).where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.paid_on], ['served', null]);
    });
  });
}
