import type { CaseView, PaymentPlanView, RemedyPeriodView } from '@fep/contracts';
import {
  type EnforcementProcedurePolicy,
  type Instalment,
  instalmentLedger,
  PAYMENT_PLAN_KIND_LABELS,
  PAYMENT_PLAN_STATUS_LABELS,
  REMEDY_KIND_LABELS,
  type SuspensionPeriod,
  scheduledLateFee,
} from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { EnforcementCase, EnforcementInstalmentPayment, EnforcementPaymentPlan, EnforcementRemedyPeriod } from '../../db/schema/enforcement.ts';
import { PAYMENT_PLAN_SCHEDULE } from './enforcement.columns.ts';

/**
 * What the payment of a fine follows besides the decision (ENF-06): the approved deferral or instalments (行政处罚法
 * art. 66 ¶2), a request waiting for approval, and the periods of administrative review or litigation during
 * which no late fee accrues (art. 73 ¶3).
 */
export interface PaymentTerms {
  plan: EnforcementPaymentPlan | null;
  pending: EnforcementPaymentPlan | null;
  remedies: EnforcementRemedyPeriod[];
  /** The instalments of the approved plan paid on their own (art. 66 ¶2), in schedule order. */
  instalmentsPaid: EnforcementInstalmentPayment[];
}

export async function paymentTermsOf(db: Executor, caseId: string): Promise<PaymentTerms> {
  const plans = await db
    .selectFrom('enforcement_payment_plans')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', ['requested', 'approved'])
    .execute();
  const remedies = await db.selectFrom('enforcement_remedy_periods').selectAll().where('case_id', '=', caseId).orderBy('started_on').orderBy('id').execute();
  const plan = plans.find((p) => p.status === 'approved') ?? null;
  const instalmentsPaid = plan
    ? await db.selectFrom('enforcement_instalment_payments').selectAll().where('plan_id', '=', plan.id).orderBy('seq').execute()
    : [];
  return { plan, pending: plans.find((p) => p.status === 'requested') ?? null, remedies, instalmentsPaid };
}

/**
 * Under approved instalments (art. 66 ¶2) each instalment is paid on its own with the fee accrued on it alone
 * (art. 72, 73 ¶3): the ledger as of `asOf`. Null for a deferral or no plan (the whole fine is paid at once).
 */
export function instalmentsUnder(policy: EnforcementProcedurePolicy, terms: PaymentTerms, asOf: string) {
  const schedule = terms.plan?.kind === 'instalments' ? scheduleOf(terms.plan) : null;
  if (!schedule?.length) return null;
  return instalmentLedger({
    schedule,
    paid: terms.instalmentsPaid.map((p) => ({ seq: p.seq, paidOn: p.paid_on, lateFee: p.late_fee })),
    asOf,
    percentPerDay: policy.lateFeePercentPerDay,
    suspensions: suspensionsOf(terms.remedies),
  });
}

export function scheduleOf(plan: EnforcementPaymentPlan | null): Instalment[] | null {
  return plan ? (PAYMENT_PLAN_SCHEDULE.decode(plan.schedule_json) ?? null) : null;
}

export function suspensionsOf(remedies: EnforcementRemedyPeriod[]): SuspensionPeriod[] {
  return remedies.map((r) => ({ from: r.started_on, to: r.ended_on }));
}

/** The late fee owed on `asOf` under the terms (art. 66, 72, 73), and the due date that applies then. */
export function lateFeeUnder(c: EnforcementCase, policy: EnforcementProcedurePolicy, terms: PaymentTerms, asOf: string) {
  return scheduledLateFee({
    fine: c.fine ?? 0,
    dueDate: c.due_date ?? asOf,
    asOf,
    percentPerDay: policy.lateFeePercentPerDay,
    suspensions: suspensionsOf(terms.remedies),
    schedule: scheduleOf(terms.plan),
  });
}

export function presentPlan(p: EnforcementPaymentPlan | null): PaymentPlanView | null {
  if (!p) return null;
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PAYMENT_PLAN_KIND_LABELS[p.kind],
    status: p.status,
    statusLabel: PAYMENT_PLAN_STATUS_LABELS[p.status],
    schedule: scheduleOf(p) ?? [],
    reason: p.reason,
    requestedAt: p.requested_at,
    decidedAt: p.decided_at,
    decisionReason: p.decision_reason,
  };
}

export function presentRemedy(r: EnforcementRemedyPeriod): RemedyPeriodView {
  const note = r.end_note ? `${r.note}；${r.end_note}` : r.note;
  return { id: r.id, kind: r.kind, kindLabel: REMEDY_KIND_LABELS[r.kind], startedOn: r.started_on, endedOn: r.ended_on, note };
}

/** The payment view of a decided fine, with the late fee as of today or of the day it was paid. */
export function paymentOf(c: EnforcementCase, policy: EnforcementProcedurePolicy, today: string, terms: PaymentTerms): CaseView['payment'] {
  if (c.outcome !== 'fine' || c.fine === null || !c.due_date) return null;
  const asOf = c.paid_on ?? today;
  const ledger = instalmentsUnder(policy, terms, asOf);
  const fee = lateFeeUnder(c, policy, terms, asOf);
  // Under instalments the fee is each instalment's own: paid with it, or accrued on it as of today.
  const ledgerFee = ledger ? Math.round(ledger.instalments.reduce((s, i) => s + i.lateFee * 100, 0)) / 100 : null;
  return {
    fine: c.fine,
    dueDate: ledger?.dueNow?.dueDate ?? fee.dueDate,
    lateFee: ledgerFee ?? fee.amount,
    lateFeeDays: ledger ? Math.max(0, ...ledger.instalments.map((i) => i.lateFeeDays)) : fee.days,
    paid: c.paid_on !== null,
    paidOn: c.paid_on,
    paidAmount: c.paid_amount,
    receiptNumber: c.receipt_number,
    plan: presentPlan(terms.plan),
    pendingPlan: presentPlan(terms.pending),
    remedyPeriods: terms.remedies.map(presentRemedy),
    instalments: ledger?.instalments ?? [],
    dueNow: ledger?.dueNow ?? null,
  };
}
