import type { CaseDiscussionBody, CaseTransferBody, CaseView } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { advanceCase, updateCaseIf } from '../case-steps.ts';
import { civilDate } from './rules.ts';
import { caseStep } from './step.ts';

/**
 * 集体讨论 (行政处罚法 art. 57 ¶2): for a complex or major case the heads discuss it together before the
 * decision; the date, who took part and what they concluded go into the case file. Which cases need it is
 * policy (`collectiveDiscussionScope`).
 */
export async function recordDiscussion(deps: Deps, actor: Actor, caseId: string, input: CaseDiscussionBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    if (c.status !== 'awaiting_decision') throw new AppError('ENFORCEMENT.CASE_STATE', '案件提请审批后、作出决定前方可记录集体讨论', { status: c.status });
    if (c.discussion_held_on) throw new AppError('ENFORCEMENT.CASE_STATE', '本案已记录集体讨论', { heldOn: c.discussion_held_on });
    civilDate(input.heldOn, 'heldOn');
    if (input.heldOn > today) throw new AppError('REQUEST.BAD_DATE', '讨论日期不能晚于今天', { field: 'heldOn' });
    const after = await updateCaseIf(
      trx,
      c,
      { discussion_held_on: input.heldOn, discussion_participants: input.participants, discussion_conclusion: input.conclusion },
      now,
    );
    await audit({ action: 'enforcement_case.collective_discussion', targetType: 'enforcement_case', targetId: c.id, details: { ...input } });
    return after;
  });
}

/**
 * 移送 (ENF-01): a case that is not this agency's to decide — detention under 消防法 arts 63–64 is the police's,
 * a crime goes to the judicial organs (行政处罚法 art. 27) — leaves with the receiving authority and the reason.
 */
export async function transferCase(deps: Deps, actor: Actor, caseId: string, input: CaseTransferBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now }) => {
    const after = await advanceCase(trx, c, 'transfer', { transferred_to: input.to, transfer_reason: input.reason }, now);
    await audit({ action: 'enforcement_case.transfer', targetType: 'enforcement_case', targetId: c.id, details: { ...input } });
    return after;
  });
}
