import type { CaseCreateBody, CaseView } from '@fep/contracts';
import { addDays, chinaDateOf, DiscretionError, fastTrackRefusal, hearingEligible, inScope, proposePenalty, renderDocumentNumber } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { refuseOutsideJurisdiction } from '../case-steps.ts';
import { checkOfficers } from '../cases.access.ts';
import { presentCase } from '../cases.presenter.ts';
import { discretionFor } from '../discretion.policy.ts';
import { CASE_CIRCUMSTANCES, CASE_OFFICERS, CASE_PROPOSAL } from '../enforcement.columns.ts';
import { procedureFor } from '../procedure.policy.ts';
import { civilDate } from './rules.ts';

/**
 * An officer opens a penalty case (ENF-01): from a referral, an inspection finding, or on the spot. The case
 * belongs to the agency handling the region; the engine's proposal under the benchmark in force is stored
 * with its policy version (ENF-02). A repeat of the same violation by the same party within the policy's
 * look-back is never a first violation (ENF-03): the history decides, not what was typed. An ordinary case
 * waits for filing approval (立案); an on-the-spot case (简易程序, art. 51) goes straight to the officer.
 * Acting outside one's jurisdiction is refused and raises an oversight alert (OVS-01).
 */
export async function openCase(deps: Deps, actor: Actor, input: CaseCreateBody): Promise<CaseView> {
  const db = deps.database.db;
  const now = deps.now();
  const today = chinaDateOf(now);
  const { agency, policy: discretion, versionKey } = await discretionFor(db, input.regionCode, today);
  if (!inScope(actor.scope, { agencyPath: agency.path, agencyId: agency.id }))
    await refuseOutsideJurisdiction(deps, actor, agency, { action: 'enforcement_case.create', what: '立案' });
  const { policy } = await procedureFor(db, agency, today);
  // 行政处罚法 art. 36: a violation not found within the limitation is no longer penalised.
  if (input.occurredOn) {
    civilDate(input.occurredOn, 'occurredOn');
    if (input.occurredOn > today) throw new AppError('REQUEST.BAD_DATE', '违法行为发生日期不能晚于今天', { field: 'occurredOn' });
    if (input.occurredOn < addDays(today, -365 * policy.limitationYears))
      throw new AppError('ENFORCEMENT.TIME_BARRED', `违法行为在 ${policy.limitationYears} 年内未被发现的，不再给予行政处罚（行政处罚法第三十六条）`, {
        field: 'occurredOn',
      });
  }
  const procedure = input.procedure ?? 'ordinary';
  const usci = input.party.kind === 'unit' ? input.party.usci : null;
  const idNumber = input.party.kind === 'person' ? input.party.idNumber : null;
  const officers = await checkOfficers(db, {
    agencyPath: agency.path,
    onDate: today,
    openerId: actor.userId ?? '',
    coOfficerId: input.coOfficerId,
    usci,
    onTheSpot: procedure === 'on_the_spot',
  });

  // ENF-03: the party's decided cases for the same violation within the look-back make this a repeat.
  const since = addDays(today, -Math.round((policy.repeatLookbackMonths * 365) / 12));
  const earlier = await db
    .selectFrom('enforcement_cases')
    .select(['number', 'decided_on'])
    .where(usci ? 'party_usci' : 'party_id_number', '=', usci ?? idNumber ?? '-')
    .where('violation_code', '=', input.violationCode)
    .where('outcome', 'in', ['fine', 'warning'])
    .where('revoked_at', 'is', null)
    .where('decided_on', '>=', since)
    .executeTakeFirst();
  const circumstances = earlier ? { ...input.circumstances, repeatWithin12Months: true, firstViolation: false } : input.circumstances;

  let proposal: CaseView['proposal'];
  try {
    proposal = { ...proposePenalty(discretion, { violationCode: input.violationCode, partyKind: input.party.kind, circumstances }), policyVersion: versionKey };
  } catch (err) {
    if (err instanceof DiscretionError) throw new AppError(`ENFORCEMENT.${err.code}`, err.message, { field: err.field });
    throw err;
  }
  if (earlier) proposal.explanation.unshift(`当事人已于 ${earlier.decided_on} 因同一违法行为受到处罚（${earlier.number ?? '简易程序'}），不属于初次违法`);

  // 快速办理: only where the officers confirm its conditions and the penalty proposed stays within its limits.
  if (procedure === 'fast_track') {
    const ft = input.fastTrack;
    if (!ft) throw new AppError('ENFORCEMENT.FAST_TRACK_NOT_ALLOWED', '快速办理须确认事实清楚、当事人认错认罚且无异议', { field: 'fastTrack' });
    const fine = proposal.outcome === 'fine' ? (proposal.proposedFine ?? null) : null;
    const refusal = fastTrackRefusal({ personFineBelow: policy.fastTrackPersonFineBelow, unitFineBelow: policy.fastTrackUnitFineBelow }, input.party.kind, {
      ...ft,
      hearingEligible: hearingEligible(
        { personFine: policy.hearingPersonFine, unitFine: policy.hearingUnitFine },
        input.party.kind,
        fine === null ? {} : { fine },
      ),
      fine,
    });
    if (refusal) throw new AppError('ENFORCEMENT.FAST_TRACK_NOT_ALLOWED', refusal.message, { field: refusal.field });
  }

  if (input.referralId) {
    const referral = await db.selectFrom('enforcement_referrals').selectAll().where('id', '=', input.referralId).executeTakeFirst();
    if (!referral || !inScope(actor.scope, { agencyPath: referral.agency_path }))
      throw new AppError('RESOURCE.NOT_FOUND', '移送记录不存在或无权查看', { field: 'referralId' });
  }

  return transact(deps, actor, async (trx, audit) => {
    const nowIso = now.toISOString();
    if (input.referralId) {
      const taken = await trx
        .updateTable('enforcement_referrals')
        .set({ status: 'taken' })
        .where('id', '=', input.referralId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.CASE_STATE', '该移送已立案办理', { field: 'referralId' });
    }
    const onTheSpot = procedure === 'on_the_spot';
    const row = {
      id: uuidv7(now.getTime()),
      number: null as string | null,
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: agency.region_code,
      referral_id: input.referralId ?? null,
      procedure,
      status: onTheSpot ? 'investigating' : 'referred',
      version: 0,
      party_kind: input.party.kind,
      party_name: input.party.name,
      party_usci: usci,
      party_id_number: idNumber,
      violation_code: input.violationCode,
      facts: input.facts,
      occurred_on: input.occurredOn ?? null,
      circumstances_json: CASE_CIRCUMSTANCES.encode(circumstances),
      proposal_json: CASE_PROPOSAL.encode(proposal),
      policy_version: versionKey,
      officer_ids_json: CASE_OFFICERS.encode(officers),
      clock_id: null,
      filed_at: onTheSpot ? nowIso : null,
      filed_by: onTheSpot ? actor.userId : null,
      notice_served_on: null,
      notice_outcome: null,
      notice_fine: null,
      hearing_eligible: 0,
      statement: null,
      hearing_requested_at: null,
      hearing_host_id: null,
      hearing_held_on: null,
      hearing_transcript: null,
      hearing_at: null,
      hearing_place: null,
      reviewer_id: null,
      review_passed_at: null,
      review_opinion: null,
      discussion_held_on: null,
      discussion_participants: null,
      discussion_conclusion: null,
      transferred_to: null,
      transfer_reason: null,
      outcome: null,
      fine: null,
      deviation: 0,
      deviation_reason: null,
      decision_number: null,
      decided_on: null,
      decided_by: null,
      service_method: null,
      service_tracking_number: null,
      served_on: null,
      due_date: null,
      paid_on: null,
      paid_amount: null,
      receipt_number: null,
      payment_channel: null,
      published_at: null,
      publicity_until: null,
      withdrawn_at: null,
      revoked_at: null,
      revocation_reason: null,
      created_by: actor.userId,
      created_at: nowIso,
      updated_at: nowIso,
    } as const;
    await trx.insertInto('enforcement_cases').values(row).execute();
    await audit({
      action: 'enforcement_case.create',
      targetType: 'enforcement_case',
      targetId: row.id,
      policyVersion: versionKey,
      details: {
        procedure,
        violationCode: input.violationCode,
        referralId: input.referralId ?? null,
        proposal: proposal.outcome,
        proposedFine: proposal.proposedFine ?? null,
      },
    });
    return presentCase(trx, row as never, actor, now);
  });
}

/** The case number from the procedure policy's template and the agency's yearly sequence (gapless, in the transaction). */
export function caseNumber(template: string, shortName: string, year: number, seq: number, seqDigits: number): string {
  return renderDocumentNumber(template, { agencyShortName: shortName, year, seq, seqDigits });
}
