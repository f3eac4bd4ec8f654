import type { CaseReviewBody, CaseView } from '@fep/contracts';
import type { EnforcementCase } from '../../../db/schema/enforcement.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { advanceCase } from '../case-steps.ts';
import { requireIndependentReviewer, requireOfficer } from '../cases.access.ts';
import { hearingDeadlineOf, reviewRequired } from '../cases.presenter.ts';
import { caseStep, type StepContext } from './step.ts';

/**
 * The party's hearing right is not cut short (行政处罚法 art. 64 (1)): while a hearing-eligible notice's request
 * period runs, the case does not go on to review or decision.
 */
async function hearingWindowClosed(s: StepContext): Promise<void> {
  if (s.c.status !== 'notice_served' || s.c.hearing_eligible !== 1 || s.c.hearing_held_on) return;
  const deadline = await hearingDeadlineOf(s.trx, s.c, s.policy);
  if (deadline && s.today <= deadline)
    throw new AppError('ENFORCEMENT.HEARING_WINDOW_OPEN', `当事人可在 ${deadline} 前申请听证，期限届满后方可提交审核或审批`, { hearingDeadline: deadline });
}

/** 提交法制审核 (ENF-04): the officer hands the case to legal review (art. 58). */
export async function submitReview(deps: Deps, actor: Actor, caseId: string): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async (s) => {
    requireOfficer(s.c, actor);
    await hearingWindowClosed(s);
    const after = await advanceCase(s.trx, s.c, 'submit_review', { review_passed_at: null, reviewer_id: null }, s.now);
    await s.audit({ action: 'enforcement_case.submit_review', targetType: 'enforcement_case', targetId: s.c.id });
    return after;
  });
}

/**
 * 法制审核 (ENF-04; art. 58): a reviewer who did not investigate passes the case to the approver, or returns it
 * to the officers with written opinions (back to investigation; a changed penalty needs a new notice).
 */
export async function reviewCase(deps: Deps, actor: Actor, caseId: string, input: CaseReviewBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now }) => {
    requireIndependentReviewer(c, actor);
    let after: EnforcementCase;
    if (input.pass)
      after = await advanceCase(trx, c, 'review_pass', { reviewer_id: actor.userId, review_passed_at: now.toISOString(), review_opinion: input.opinion }, now);
    else after = await advanceCase(trx, c, 'review_return', { reviewer_id: actor.userId, review_passed_at: null, review_opinion: input.opinion }, now);
    await audit({
      action: input.pass ? 'enforcement_case.review_pass' : 'enforcement_case.review_return',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { opinion: input.opinion },
    });
    return after;
  });
}

/** 提请审批 without legal review — only where the policy's review scope does not cover the case. */
export async function submitDecision(deps: Deps, actor: Actor, caseId: string): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async (s) => {
    requireOfficer(s.c, actor);
    if (reviewRequired(s.c, s.policy)) throw new AppError('ENFORCEMENT.REVIEW_REQUIRED', '本案须经法制审核后方可提请审批（行政处罚法第五十八条）');
    await hearingWindowClosed(s);
    const after = await advanceCase(s.trx, s.c, 'submit_decision', {}, s.now);
    await s.audit({ action: 'enforcement_case.submit_review', targetType: 'enforcement_case', targetId: s.c.id, details: { review: 'not_required' } });
    return after;
  });
}
