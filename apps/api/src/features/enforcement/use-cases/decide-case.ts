import type { CaseDecisionBody, CaseView } from '@fep/contracts';
import { addDays, isDeviation, onTheSpotAllowed, PENALTY_OUTCOME_LABELS, yearOf, yuan } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { applyClockEvent } from '../../../platform/clocks/clocks.service.ts';
import { nextSequence } from '../../../platform/documents/sequences.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { issueCaseDocument } from '../case-documents.ts';
import { advanceCase, raiseAlert } from '../case-steps.ts';
import { requireDecider } from '../cases.access.ts';
import { reviewRequired } from '../cases.presenter.ts';
import { CASE_PROPOSAL } from '../enforcement.columns.ts';
import { PENALTY_DECIDED } from '../events.ts';
import { indexPublished } from '../public-search.ts';
import { caseNumber } from './open-case.ts';
import { checkFine, notHeavierThanNotice } from './rules.ts';
import { caseStep } from './step.ts';

/**
 * The decision (ENF-02, ENF-04; 行政处罚法 arts 57–60): by the approver after legal review where policy requires
 * it, or by the officer on the spot within the art. 51 limits. A decision outside the engine's proposal needs
 * a written reason, is marked and raises an oversight alert (OVS-01); it is never heavier than the notice
 * (art. 45). It gets its document number, stops the decision clock, and — for a penalty in the ordinary
 * procedure — is published on the 行政处罚公示 page (ENF-07; art. 48) for the policy's period.
 */
export async function decideCase(deps: Deps, actor: Actor, caseId: string, input: CaseDecisionBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, emit, c, agency, policy, policyVersion, now, today }) => {
    requireDecider(c, actor);
    const onTheSpot = c.procedure === 'on_the_spot';
    if (!onTheSpot && reviewRequired(c, policy) && !c.review_passed_at)
      throw new AppError('ENFORCEMENT.REVIEW_REQUIRED', '本案须经法制审核通过后方可作出决定（行政处罚法第五十八条）');
    if (!onTheSpot && policy.collectiveDiscussionScope === 'hearing_eligible' && c.hearing_eligible === 1 && !c.discussion_held_on)
      throw new AppError('ENFORCEMENT.DISCUSSION_REQUIRED', '本案属于重大案件，须经负责人集体讨论后作出决定（行政处罚法第五十七条第二款）');
    const proposal = CASE_PROPOSAL.decode(c.proposal_json)!;
    checkFine(input, proposal);
    if (onTheSpot) {
      if (input.outcome === 'no_penalty')
        throw new AppError('ENFORCEMENT.ON_THE_SPOT_LIMIT', '不予处罚不适用当场处罚程序，请按普通程序办理', { field: 'outcome' });
      const allowed = onTheSpotAllowed(
        { personMaxFine: policy.onTheSpotPersonMaxFine, unitMaxFine: policy.onTheSpotUnitMaxFine },
        c.party_kind,
        input.outcome === 'fine' ? { kind: 'fine', amount: input.fine ?? 0 } : { kind: 'warning' },
      );
      if (!allowed)
        throw new AppError(
          'ENFORCEMENT.ON_THE_SPOT_LIMIT',
          `当场处罚限于警告或者对${c.party_kind === 'unit' ? '单位' : '公民'}处 ${yuan(c.party_kind === 'unit' ? policy.onTheSpotUnitMaxFine : policy.onTheSpotPersonMaxFine)} 元以下罚款（行政处罚法第五十一条）`,
          { field: 'fine' },
        );
    } else notHeavierThanNotice({ outcome: c.notice_outcome, fine: c.notice_fine }, input);
    const deviation = isDeviation(proposal, input.outcome === 'fine' ? { outcome: 'fine', fine: input.fine ?? 0 } : { outcome: input.outcome });
    if (deviation && !input.deviationReason)
      throw new AppError('ENFORCEMENT.DEVIATION_REASON_REQUIRED', '处罚决定偏离裁量建议，须书面说明理由', {
        field: 'deviationReason',
        proposal: proposal.range ?? proposal.outcome,
      });
    const year = yearOf(today);
    const number = caseNumber(
      policy.decisionNumberTemplate,
      agency.short_name,
      year,
      await nextSequence(trx, agency.id, 'penalty_decision', year),
      policy.seqDigits,
    );
    const publish = !onTheSpot && input.outcome !== 'no_penalty';
    const after = await advanceCase(
      trx,
      c,
      onTheSpot ? 'decide_on_the_spot' : 'decide',
      {
        outcome: input.outcome,
        fine: input.outcome === 'fine' ? (input.fine ?? null) : null,
        deviation: deviation ? 1 : 0,
        deviation_reason: deviation ? (input.deviationReason ?? null) : null,
        decision_number: number,
        decided_on: today,
        decided_by: actor.userId,
        ...(publish ? { published_at: now.toISOString(), publicity_until: addDays(today, policy.publicityDays) } : {}),
      },
      now,
    );
    if (c.clock_id) {
      const clock = await trx.selectFrom('clocks').selectAll().where('id', '=', c.clock_id).executeTakeFirst();
      if (clock?.status === 'running' || clock?.status === 'paused')
        await applyClockEvent(trx, clock, { type: 'stop', reason: `已作出决定：${number}` }, actor.userId, now);
    }
    await audit({
      action: onTheSpot ? 'enforcement_case.decide_on_the_spot' : 'enforcement_case.decide',
      targetType: 'enforcement_case',
      targetId: c.id,
      policyVersion: c.policy_version,
      details: {
        number,
        outcome: input.outcome,
        fine: input.fine ?? null,
        deviation,
        deviationReason: input.deviationReason ?? null,
        procedurePolicy: policyVersion,
      },
    });
    if (publish) {
      await indexPublished(trx, after);
      await audit({ action: 'enforcement_case.publish', targetType: 'enforcement_case', targetId: c.id, details: { until: after.publicity_until } });
    }
    if (deviation)
      await raiseAlert(
        trx,
        audit,
        {
          agencyId: c.agency_id,
          agencyPath: c.agency_path,
          kind: 'penalty_deviation',
          targetType: 'enforcement_case',
          targetId: c.id,
          message: `${number}：决定${PENALTY_OUTCOME_LABELS[input.outcome]}${input.outcome === 'fine' ? ` ${yuan(input.fine ?? 0)} 元` : ''}，偏离裁量建议（${proposal.range ? `${yuan(proposal.range.min)}–${yuan(proposal.range.max)} 元` : PENALTY_OUTCOME_LABELS[proposal.outcome]}）；理由：${input.deviationReason}`,
        },
        now,
      );
    await issueCaseDocument(trx, deps, audit, actor, after);
    emit({
      type: PENALTY_DECIDED,
      targetType: 'enforcement_case',
      targetId: c.id,
      agencyId: c.agency_id,
      payload: {
        caseId: c.id,
        decisionNumber: number,
        agencyId: c.agency_id,
        agencyPath: c.agency_path,
        partyKind: c.party_kind,
        usci: c.party_usci,
        partyName: c.party_name,
        violationCode: c.violation_code,
        outcome: input.outcome,
        fine: input.outcome === 'fine' ? (input.fine ?? null) : null,
        decidedOn: today,
      },
    });
    return after;
  });
}
