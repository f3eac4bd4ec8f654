import type { CasePaymentBody, CaseRevocationBody, CaseServiceBody, CaseView } from '@fep/contracts';
import { chinaDateOf, paymentDueDate, paymentSettles, yuan } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Deps } from '../../../platform/transact.ts';
import { advanceCase, updateCaseIf } from '../case-steps.ts';
import { requireOfficer } from '../cases.access.ts';
import { DECISION_REVOKED } from '../events.ts';
import { instalmentsUnder, lateFeeUnder, paymentTermsOf } from '../payment-terms.ts';
import { unindexWithdrawn } from '../public-search.ts';
import { civilDate, trackingOf } from './rules.ts';
import { caseStep } from './step.ts';

/**
 * Service of the decision (ENF-04; 行政处罚法 art. 61): in person, by post or electronically with the party's
 * consent, recorded with its real date (a paper service recorded later keeps it). A fine is then due within
 * the policy's calendar days (art. 67 ¶3); a warning or a no-penalty decision is closed on service.
 */
export async function serveDecision(deps: Deps, actor: Actor, caseId: string, input: CaseServiceBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, policy, now, today }) => {
    requireOfficer(c, actor);
    if (Number.isNaN(Date.parse(input.servedAt))) throw new AppError('REQUEST.BAD_DATE', '送达日期无效', { field: 'servedAt' });
    const servedOn = input.servedAt.length > 10 ? chinaDateOf(input.servedAt) : civilDate(input.servedAt, 'servedAt');
    if (Number.isNaN(Date.parse(`${servedOn}T00:00:00Z`)) || servedOn > today || (c.decided_on && servedOn < c.decided_on))
      throw new AppError('REQUEST.BAD_DATE', '送达日期应在作出决定之后、不晚于今天', { field: 'servedAt' });
    const trackingNumber = trackingOf(input);
    const fine = c.outcome === 'fine';
    let after = await advanceCase(
      trx,
      c,
      'serve_decision',
      {
        service_method: input.method,
        served_on: servedOn,
        service_tracking_number: trackingNumber,
        due_date: fine ? paymentDueDate(servedOn, policy.paymentCalendarDays) : null,
      },
      now,
    );
    await audit({
      action: 'enforcement_case.serve',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { method: input.method, servedOn, dueDate: after.due_date, trackingNumber },
    });
    if (!fine) after = await advanceCase(trx, after, 'close', {}, now);
    return after;
  });
}

/**
 * A fine paid (ENF-06): recorded by a clerk with the fiscal receipt number, or by the payment channel's
 * notification with its transaction number. What is paid must settle the fine and the late fee owed on the
 * day of payment (art. 72); the case is then closed. One receipt settles one fine.
 */
export async function recordPayment(deps: Deps, actor: Actor, caseId: string, input: CasePaymentBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, policy, now, today }) => {
    if (c.status !== 'served' || c.outcome !== 'fine' || c.fine === null || !c.due_date || !c.served_on)
      throw new AppError('ENFORCEMENT.CASE_STATE', '该案件没有待缴纳的罚款', { status: c.status });
    if (c.paid_on) throw new AppError('ENFORCEMENT.CASE_STATE', '该罚款已登记缴纳', { paidOn: c.paid_on });
    civilDate(input.paidOn, 'paidOn');
    if (input.paidOn > today || input.paidOn < c.served_on) throw new AppError('REQUEST.BAD_DATE', '缴纳日期应在送达之后、不晚于今天', { field: 'paidOn' });
    const terms = await paymentTermsOf(trx, c.id);
    const receiptUsed = async () =>
      (await trx.selectFrom('enforcement_cases').select('id').where('receipt_number', '=', input.receiptNumber).executeTakeFirst()) ||
      (await trx.selectFrom('enforcement_instalment_payments').select('id').where('receipt_number', '=', input.receiptNumber).executeTakeFirst());
    // Approved instalments (art. 66 ¶2): one instalment at a time, by its amount and the fee on it alone (art. 72).
    const ledger = instalmentsUnder(policy, terms, input.paidOn);
    if (ledger && terms.plan) {
      const seq = input.instalment ?? ledger.dueNow?.seq;
      const due = ledger.instalments.find((i) => i.seq === seq);
      if (!due) throw new AppError('REQUEST.INVALID', `分期缴纳共 ${ledger.instalments.length} 期`, { field: 'instalment' });
      if (due.paid) throw new AppError('ENFORCEMENT.CASE_STATE', `第 ${due.seq} 期已登记缴纳`, { instalment: due.seq, paidOn: due.paidOn });
      if (!paymentSettles(input.amount, due.amount, due.lateFee))
        throw new AppError(
          'ENFORCEMENT.PAYMENT_SHORT',
          `第 ${due.seq} 期应缴 ${yuan(due.amount + due.lateFee)} 元（本期罚款 ${yuan(due.amount)} 元，加处罚款 ${yuan(due.lateFee)} 元）`,
          { field: 'amount', owed: due.amount + due.lateFee, instalment: due.seq },
        );
      if (await receiptUsed()) throw new AppError('ENFORCEMENT.RECEIPT_USED', '该票据号或流水号已登记过缴款', { field: 'receiptNumber' });
      // The case's version is the compare-and-set that makes identical payments made at once record one (the
      // others see the case changed, 409); the instalment's row is unique per plan and number besides.
      const last = ledger.instalments.every((i) => i.paid || i.seq === due.seq);
      const paidTotal = Math.round((terms.instalmentsPaid.reduce((s, p) => s + p.paid_amount, 0) + input.amount) * 100) / 100;
      const after = last
        ? await advanceCase(
            trx,
            c,
            'close',
            { paid_on: input.paidOn, paid_amount: paidTotal, receipt_number: input.receiptNumber, payment_channel: input.channel ?? 'counter' },
            now,
          )
        : await updateCaseIf(trx, c, {}, now);
      await trx
        .insertInto('enforcement_instalment_payments')
        .values({
          id: uuidv7(now.getTime()),
          case_id: c.id,
          plan_id: terms.plan.id,
          seq: due.seq,
          amount: due.amount,
          late_fee: due.lateFee,
          paid_amount: input.amount,
          paid_on: input.paidOn,
          receipt_number: input.receiptNumber,
          channel: input.channel ?? 'counter',
          recorded_by: actor.userId,
          recorded_at: now.toISOString(),
        })
        .execute();
      await audit({
        action: 'enforcement_case.instalment_payment',
        targetType: 'enforcement_case',
        targetId: c.id,
        details: {
          instalment: due.seq,
          of: ledger.instalments.length,
          amount: input.amount,
          paidOn: input.paidOn,
          receiptNumber: input.receiptNumber,
          lateFee: due.lateFee,
          lateFeeDays: due.lateFeeDays,
          settled: last,
        },
      });
      return after;
    }
    // The late fee under an approved deferral, without the days of a pending review or lawsuit (arts 66, 72, 73).
    const fee = lateFeeUnder(c, policy, terms, input.paidOn);
    if (!paymentSettles(input.amount, c.fine, fee.amount))
      throw new AppError('ENFORCEMENT.PAYMENT_SHORT', `应缴 ${yuan(c.fine + fee.amount)} 元（罚款 ${yuan(c.fine)} 元，加处罚款 ${yuan(fee.amount)} 元）`, {
        field: 'amount',
        owed: c.fine + fee.amount,
      });
    if (await receiptUsed()) throw new AppError('ENFORCEMENT.RECEIPT_USED', '该票据号或流水号已登记过缴款', { field: 'receiptNumber' });
    const after = await advanceCase(
      trx,
      c,
      'close',
      { paid_on: input.paidOn, paid_amount: input.amount, receipt_number: input.receiptNumber, payment_channel: input.channel ?? 'counter' },
      now,
    );
    await audit({
      action: 'enforcement_case.payment',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { amount: input.amount, paidOn: input.paidOn, receiptNumber: input.receiptNumber, lateFee: fee.amount, lateFeeDays: fee.days },
    });
    return after;
  });
}

/**
 * A decision revoked or changed (撤销、变更): the case ends as revoked and its publication is withdrawn at once
 * (行政处罚法 art. 48 ¶2: within 3 days); the credit records built on it follow the event.
 */
export async function revokeDecision(deps: Deps, actor: Actor, caseId: string, input: CaseRevocationBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, emit, c, now }) => {
    const nowIso = now.toISOString();
    const after = await advanceCase(
      trx,
      c,
      'revoke',
      { revoked_at: nowIso, revocation_reason: input.reason, ...(c.published_at ? { withdrawn_at: nowIso } : {}) },
      now,
    );
    // 行政处罚法 art. 48 ¶2: withdrawn from the public page at once, its search entries with it.
    if (c.published_at) await unindexWithdrawn(trx, c.id);
    await audit({
      action: 'enforcement_case.revoke',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { reason: input.reason, withdrawn: !!c.published_at },
    });
    emit({
      type: DECISION_REVOKED,
      targetType: 'enforcement_case',
      targetId: c.id,
      agencyId: c.agency_id,
      payload: { caseId: c.id, decisionNumber: c.decision_number, agencyId: c.agency_id, usci: c.party_usci, reason: input.reason },
    });
    return after;
  });
}
