import type { CaseHearingBody, CaseHearingScheduleBody, CaseNoticeBody, CaseStatementBody, CaseView } from '@fep/contracts';
import { addWorkingDays, fastTrackRefusal, hearingEligible } from '@fep/domain';
import type { Transaction } from 'kysely';
import type { EnforcementCase } from '../../../db/schema/enforcement.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { loadCalendar } from '../../../platform/calendar/calendar.repository.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { issueCaseDocument } from '../case-documents.ts';
import { advanceCase, updateCaseIf } from '../case-steps.ts';
import { officersOf, requireOfficer } from '../cases.access.ts';
import { hearingDeadlineOf } from '../cases.presenter.ts';
import { CASE_PROPOSAL } from '../enforcement.columns.ts';
import { NOTICE_SERVED } from '../events.ts';
import { checkFine, civilDate } from './rules.ts';
import { caseStep } from './step.ts';

/**
 * 行政处罚告知书 (ENF-04; 行政处罚法 arts 44, 62): before any decision the party is told the facts, the basis,
 * the penalty intended and its rights to state, defend and — where the penalty is hearing-eligible (art. 63,
 * thresholds are policy) — to request a hearing within the policy's working days (art. 64 (1), art. 85).
 * No notice without evidence on file.
 */
export async function serveNotice(deps: Deps, actor: Actor, caseId: string, input: CaseNoticeBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, emit, c, policy, now, today }) => {
    requireOfficer(c, actor);
    const evidence = await trx.selectFrom('enforcement_evidence').select('id').where('case_id', '=', c.id).limit(1).executeTakeFirst();
    if (!evidence)
      throw new AppError('ENFORCEMENT.EVIDENCE_REQUIRED', '告知前须至少登记一项证据（行政处罚法第四十条：违法事实不清、证据不足的，不得给予行政处罚）');
    const proposal = CASE_PROPOSAL.decode(c.proposal_json)!;
    checkFine(input, proposal);
    const eligible = hearingEligible(
      { personFine: policy.hearingPersonFine, unitFine: policy.hearingUnitFine },
      c.party_kind,
      input.outcome === 'fine' ? { fine: input.fine ?? 0 } : {},
    );
    // 快速办理 stays within its limits with the penalty actually intended (not hearing-eligible, below the policy's fine).
    if (c.procedure === 'fast_track') {
      const refusal = fastTrackRefusal({ personFineBelow: policy.fastTrackPersonFineBelow, unitFineBelow: policy.fastTrackUnitFineBelow }, c.party_kind, {
        factsClear: true,
        partyAdmits: true,
        noObjection: true,
        vulnerableParty: false,
        hearingEligible: eligible,
        fine: input.outcome === 'fine' ? (input.fine ?? null) : null,
      });
      if (refusal) throw new AppError('ENFORCEMENT.FAST_TRACK_NOT_ALLOWED', refusal.message, { field: refusal.field });
    }
    const after = await advanceCase(
      trx,
      c,
      'serve_notice',
      {
        notice_served_on: today,
        notice_outcome: input.outcome,
        notice_fine: input.outcome === 'fine' ? (input.fine ?? null) : null,
        hearing_eligible: eligible ? 1 : 0,
      },
      now,
    );
    await audit({
      action: 'enforcement_case.notice',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { outcome: input.outcome, fine: input.fine ?? null, hearingEligible: eligible },
    });
    await issueCaseDocument(trx, deps, audit, actor, after);
    emit({
      type: NOTICE_SERVED,
      targetType: 'enforcement_case',
      targetId: c.id,
      agencyId: c.agency_id,
      payload: {
        caseId: c.id,
        caseNumber: c.number,
        agencyId: c.agency_id,
        outcome: input.outcome,
        fine: input.fine ?? null,
        hearingEligible: eligible,
        servedOn: today,
        version: after.version,
      },
    });
    return after;
  });
}

/** The party's statement and defence (陈述、申辩, art. 45): recorded; the penalty may never rise because of it. */
export async function recordStatement(deps: Deps, actor: Actor, caseId: string, input: CaseStatementBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    requireOfficer(c, actor);
    if (c.status !== 'notice_served' && c.status !== 'heard')
      throw new AppError('ENFORCEMENT.CASE_STATE', '告知后、作出决定前方可记录陈述、申辩', { status: c.status });
    const statement = `${c.statement ? `${c.statement}\n` : ''}${today}：${input.text}`;
    const after = await updateCaseIf(trx, c, { statement }, now);
    await audit({ action: 'enforcement_case.statement', targetType: 'enforcement_case', targetId: c.id, details: { text: input.text } });
    return after;
  });
}

/**
 * A hearing request (art. 64 (1)): by the party in the portal, or recorded by an officer for a request made in
 * writing or orally; only for a hearing-eligible notice and within its deadline.
 */
export async function requestHearing(deps: Deps, actor: Actor, caseId: string): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, policy, now, today }) => {
    const party = actor.kind === 'applicant' && !!actor.usci && actor.usci === c.party_usci;
    if (!party) requireOfficer(c, actor);
    if (c.status === 'notice_served' && c.hearing_eligible !== 1)
      throw new AppError('ENFORCEMENT.HEARING_NOT_AVAILABLE', '告知的处罚不属于应当告知听证权利的情形（行政处罚法第六十三条）');
    const deadline = await hearingDeadlineOf(trx, c, policy);
    if (c.status === 'notice_served' && deadline && today > deadline) throw new AppError('ENFORCEMENT.HEARING_LATE', `听证申请期限已于 ${deadline} 届满`);
    const after = await advanceCase(trx, c, 'request_hearing', { hearing_requested_at: now.toISOString() }, now);
    await audit({ action: 'enforcement_case.hearing_request', targetType: 'enforcement_case', targetId: c.id, details: { by: party ? 'party' : 'officer' } });
    return after;
  });
}

/**
 * The host of a hearing (art. 64 (4)): not one of the case's investigators nor the officer acting, and staff of
 * the case's agency or one above or below it.
 */
async function checkHost(trx: Transaction<DB>, c: EnforcementCase, actor: Actor, hostUserId: string): Promise<void> {
  if (officersOf(c).includes(hostUserId) || hostUserId === actor.userId)
    throw new AppError('ENFORCEMENT.HOST_NOT_INDEPENDENT', '听证主持人应当由本案调查人员以外的人员担任（行政处罚法第六十四条第四项）', {
      field: 'hostUserId',
    });
  const host = await trx
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'agencies.path'])
    .where('users.id', '=', hostUserId)
    .executeTakeFirst();
  if (!host || !(c.agency_path.startsWith(host.path) || host.path.startsWith(c.agency_path)))
    throw new AppError('ENFORCEMENT.HOST_NOT_INDEPENDENT', '听证主持人须为本机构或上级机构的工作人员', { field: 'hostUserId' });
}

/**
 * 安排听证 (ENF-04; 行政处罚法 art. 64 (2)): after the party's request the officers set the date, time and place
 * and a host who did not investigate, and the 听证通知书 is issued (sealed, with QR verification) and served now.
 * It must reach the party at least the policy's working days before the hearing (national: 7; art. 85 counts
 * them as working days): a date closer than that is refused with the earliest date allowed. A new date is a new
 * notice; the earlier one is superseded.
 */
export async function scheduleHearing(deps: Deps, actor: Actor, caseId: string, input: CaseHearingScheduleBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, policy, now, today }) => {
    requireOfficer(c, actor);
    await checkHost(trx, c, actor, input.hostUserId);
    const [day, time] = input.hearingAt.replace('T', ' ').split(' ') as [string, string];
    civilDate(day, 'hearingAt');
    const [hh, mm] = time.split(':').map(Number);
    if (hh! > 23 || mm! > 59) throw new AppError('REQUEST.BAD_DATE', '听证时间无效，请按“年-月-日 时:分”填写', { field: 'hearingAt' });
    const earliest = addWorkingDays(await loadCalendar(trx, c.region_code), today, policy.hearingNoticeWorkingDays).date;
    if (day < earliest)
      throw new AppError(
        'ENFORCEMENT.HEARING_TOO_SOON',
        `听证通知书应当在举行听证的${policy.hearingNoticeWorkingDays}个工作日前送达当事人（行政处罚法第六十四条第（二）项、第八十五条）；今天通知的，听证最早可定于 ${earliest}`,
        { field: 'hearingAt', earliest },
      );
    const hearingAt = `${day} ${time}`;
    // The same schedule again is not a new date: nothing to notify (20 identical requests make one notice).
    if (c.status === 'hearing_scheduled' && c.hearing_at === hearingAt && c.hearing_place === input.place && c.hearing_host_id === input.hostUserId)
      throw new AppError('ENFORCEMENT.CASE_STATE', '听证已按该时间、地点和主持人安排', { status: c.status });
    const after = await advanceCase(trx, c, 'schedule_hearing', { hearing_host_id: input.hostUserId, hearing_at: hearingAt, hearing_place: input.place }, now);
    await audit({
      action: 'enforcement_case.hearing_schedule',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { host: input.hostUserId, hearingAt, place: input.place, rescheduled: c.status === 'hearing_scheduled' },
    });
    await issueCaseDocument(trx, deps, audit, actor, after);
    return after;
  });
}

/** The hearing held (art. 64): its host is not one of the investigators (art. 64 (4)); the transcript is kept. */
export async function recordHearing(deps: Deps, actor: Actor, caseId: string, input: CaseHearingBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    requireOfficer(c, actor);
    await checkHost(trx, c, actor, input.hostUserId);
    civilDate(input.heldOn, 'heldOn');
    // Held on the day notified or later (an adjourned hearing), never before the party was told of it.
    const earliest = c.hearing_at?.slice(0, 10) ?? c.hearing_requested_at?.slice(0, 10) ?? today;
    if (input.heldOn > today || input.heldOn < earliest)
      throw new AppError('REQUEST.BAD_DATE', `听证日期应不早于通知的听证日期（${earliest}）、不晚于今天`, { field: 'heldOn' });
    const after = await advanceCase(
      trx,
      c,
      'record_hearing',
      { hearing_host_id: input.hostUserId, hearing_held_on: input.heldOn, hearing_transcript: input.transcript },
      now,
    );
    await audit({
      action: 'enforcement_case.hearing',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { host: input.hostUserId, heldOn: input.heldOn },
    });
    return after;
  });
}
