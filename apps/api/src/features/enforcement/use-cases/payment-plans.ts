import type { CaseView, PaymentPlanBody, PaymentPlanDecisionBody, RemedyEndBody, RemedyStartBody } from '@fep/contracts';
import { checkPaymentPlan, PAYMENT_PLAN_KIND_LABELS, PaymentPlanError } from '@fep/domain';
import type { EnforcementCase } from '../../../db/schema/enforcement.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Deps } from '../../../platform/transact.ts';
import { updateCaseIf } from '../case-steps.ts';
import { PAYMENT_PLAN_SCHEDULE } from '../enforcement.columns.ts';
import { civilDate } from './rules.ts';
import { caseStep } from './step.ts';

/** A served fine not yet paid: what a deferral, instalments or a review period can apply to. */
function requireUnpaidFine(c: EnforcementCase): asserts c is EnforcementCase & { fine: number; due_date: string; served_on: string } {
  if (c.status !== 'served' || c.outcome !== 'fine' || c.fine === null || !c.due_date || !c.served_on || c.paid_on)
    throw new AppError('ENFORCEMENT.CASE_STATE', c.paid_on ? '该罚款已缴纳' : '该案件没有待缴纳的罚款', { status: c.status });
}

/**
 * 暂缓或者分期缴纳 (ENF-06; 行政处罚法 art. 66 ¶2): the party in real financial difficulty asks, in the portal, to
 * pay later or in instalments. The schedule must fit the fine and the policy (longest period, number of
 * instalments; 待确认). One request pending or approved per case; the request is written by compare-and-set
 * on the case, so 20 identical requests at once make one.
 */
export async function requestPaymentPlan(deps: Deps, actor: Actor, caseId: string, input: PaymentPlanBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, policy, now }) => {
    if (!(actor.kind === 'applicant' && !!actor.usci && actor.usci === c.party_usci))
      throw new AppError('ENFORCEMENT.CASE_STATE', '暂缓或者分期缴纳须由当事人申请', { caseId: c.id });
    requireUnpaidFine(c);
    for (const [i, inst] of input.schedule.entries()) civilDate(inst.dueDate, `schedule.${i}.dueDate`);
    try {
      checkPaymentPlan(
        { maxDays: policy.paymentDeferralMaxDays, maxInstalments: policy.paymentInstalmentsMax },
        { fine: c.fine, dueDate: c.due_date, kind: input.kind, schedule: input.schedule },
      );
    } catch (err) {
      if (err instanceof PaymentPlanError) throw new AppError('ENFORCEMENT.PAYMENT_PLAN_INVALID', err.message, { field: err.field });
      throw err;
    }
    const open = await trx
      .selectFrom('enforcement_payment_plans')
      .select(['status'])
      .where('case_id', '=', c.id)
      .where('status', 'in', ['requested', 'approved'])
      .executeTakeFirst();
    if (open)
      throw new AppError('ENFORCEMENT.CASE_STATE', open.status === 'approved' ? '已批准暂缓或者分期缴纳，不能再次申请' : '已有待审批的申请', {
        caseId: c.id,
      });
    const after = await updateCaseIf(trx, c, {}, now);
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('enforcement_payment_plans')
      .values({
        id,
        case_id: c.id,
        agency_id: c.agency_id,
        agency_path: c.agency_path,
        kind: input.kind,
        status: 'requested',
        schedule_json: PAYMENT_PLAN_SCHEDULE.encode(input.schedule),
        reason: input.reason,
        requested_by: actor.userId,
        requested_at: now.toISOString(),
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      })
      .execute();
    await audit({
      action: 'enforcement_case.payment_plan_request',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { planId: id, kind: input.kind, schedule: input.schedule, reason: input.reason },
    });
    return after;
  });
}

/**
 * The head's answer to the request (art. 66 ¶2: 经当事人申请和行政机关批准): approved, the schedule's dates are
 * the due dates the late fee runs from; refused, the original due date stands. By compare-and-set on the
 * request's status: of 20 identical answers one takes effect.
 */
export async function decidePaymentPlan(deps: Deps, actor: Actor, caseId: string, input: PaymentPlanDecisionBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now }) => {
    requireUnpaidFine(c);
    const plan = await trx.selectFrom('enforcement_payment_plans').selectAll().where('case_id', '=', c.id).where('status', '=', 'requested').executeTakeFirst();
    if (!plan) throw new AppError('ENFORCEMENT.CASE_STATE', '没有待审批的暂缓或者分期缴纳申请', { caseId: c.id });
    const nowIso = now.toISOString();
    const r = await trx
      .updateTable('enforcement_payment_plans')
      .set({ status: input.approve ? 'approved' : 'refused', decided_by: actor.userId, decided_at: nowIso, decision_reason: input.reason })
      .where('id', '=', plan.id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.CASE_STATE', '该申请已被他人审批，请刷新后查看', { planId: plan.id });
    const after = await updateCaseIf(trx, c, {}, now);
    await audit({
      action: input.approve ? 'enforcement_case.payment_plan_approve' : 'enforcement_case.payment_plan_refuse',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { planId: plan.id, kind: plan.kind, kindLabel: PAYMENT_PLAN_KIND_LABELS[plan.kind], reason: input.reason },
    });
    return after;
  });
}

/**
 * The start of an administrative review or a lawsuit against the decision (ENF-06; 行政处罚法 art. 73): the
 * decision is still executed (¶1), but no late fee accrues from this day until the period ends (¶3). One open
 * period at a time; written by compare-and-set on the case.
 */
export async function startRemedyPeriod(deps: Deps, actor: Actor, caseId: string, input: RemedyStartBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    requireUnpaidFine(c);
    civilDate(input.startedOn, 'startedOn');
    if (input.startedOn > today || input.startedOn < c.served_on)
      throw new AppError('REQUEST.BAD_DATE', '申请复议或者起诉的日期应在决定送达之后、不晚于今天', { field: 'startedOn' });
    const periods = await trx.selectFrom('enforcement_remedy_periods').selectAll().where('case_id', '=', c.id).execute();
    if (periods.some((p) => p.ended_on === null))
      throw new AppError('ENFORCEMENT.CASE_STATE', '已有尚未结束的复议或者诉讼期间，请先登记其结束', { caseId: c.id });
    if (periods.some((p) => p.ended_on !== null && input.startedOn <= p.ended_on))
      throw new AppError('ENFORCEMENT.REMEDY_INVALID', '新的期间应在已登记期间结束之后开始', { field: 'startedOn' });
    const after = await updateCaseIf(trx, c, {}, now);
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('enforcement_remedy_periods')
      .values({
        id,
        case_id: c.id,
        agency_id: c.agency_id,
        agency_path: c.agency_path,
        kind: input.kind,
        started_on: input.startedOn,
        ended_on: null,
        note: input.note,
        end_note: null,
        recorded_by: actor.userId,
        recorded_at: now.toISOString(),
        ended_by: null,
        ended_at: null,
      })
      .execute();
    await audit({
      action: 'enforcement_case.remedy_start',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { periodId: id, kind: input.kind, startedOn: input.startedOn, note: input.note },
    });
    return after;
  });
}

/** The end of the open review or litigation period (decided, withdrawn): the late fee runs again from the next day. */
export async function endRemedyPeriod(deps: Deps, actor: Actor, caseId: string, input: RemedyEndBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    requireUnpaidFine(c);
    civilDate(input.endedOn, 'endedOn');
    const open = await trx.selectFrom('enforcement_remedy_periods').selectAll().where('case_id', '=', c.id).where('ended_on', 'is', null).executeTakeFirst();
    if (!open) throw new AppError('ENFORCEMENT.CASE_STATE', '没有尚未结束的复议或者诉讼期间', { caseId: c.id });
    if (input.endedOn > today || input.endedOn < open.started_on)
      throw new AppError('ENFORCEMENT.REMEDY_INVALID', '结束日期应在开始之后、不晚于今天', { field: 'endedOn' });
    const r = await trx
      .updateTable('enforcement_remedy_periods')
      .set({ ended_on: input.endedOn, end_note: input.note, ended_by: actor.userId, ended_at: now.toISOString() })
      .where('id', '=', open.id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.CASE_STATE', '该期间已被他人登记结束，请刷新后查看', { periodId: open.id });
    const after = await updateCaseIf(trx, c, {}, now);
    await audit({
      action: 'enforcement_case.remedy_end',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { periodId: open.id, kind: open.kind, endedOn: input.endedOn, note: input.note },
    });
    return after;
  });
}
