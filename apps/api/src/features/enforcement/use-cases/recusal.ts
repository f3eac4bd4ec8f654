import type { CaseView, RecusalDecisionBody, RecusalRequestBody } from '@fep/contracts';
import { type CaseStatus, hasPermission, recusalOpen } from '@fep/domain';
import type { EnforcementCase } from '../../../db/schema/enforcement.ts';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Deps } from '../../../platform/transact.ts';
import { updateCaseIf } from '../case-steps.ts';
import { checkOfficers, officersOf, requireOfficer } from '../cases.access.ts';
import { CASE_OFFICERS } from '../enforcement.columns.ts';
import { caseStep } from './step.ts';

function requireOpen(c: EnforcementCase): void {
  if (!recusalOpen(c.status as CaseStatus)) throw new AppError('ENFORCEMENT.CASE_STATE', '案件已作出决定或者已办结，不能再申请回避', { status: c.status });
}

/**
 * 申请回避 (ENF-08; 行政处罚法 art. 43 ¶2): the party — in the portal, or in writing or orally, recorded by one of
 * the officers — asks that an officer of its case withdraw, with its reason. The investigation continues
 * (¶3): the case keeps its step. One pending request per officer; written by compare-and-set on the case.
 */
export async function requestRecusal(deps: Deps, actor: Actor, caseId: string, input: RecusalRequestBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now }) => {
    const party = actor.kind === 'applicant' && !!actor.usci && actor.usci === c.party_usci;
    if (!party) requireOfficer(c, actor);
    requireOpen(c);
    if (!officersOf(c).includes(input.officerUserId))
      throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '申请回避的人员不是本案承办人员', { field: 'officerUserId' });
    const pending = await trx
      .selectFrom('enforcement_recusal_requests')
      .select('id')
      .where('case_id', '=', c.id)
      .where('officer_user_id', '=', input.officerUserId)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (pending) throw new AppError('ENFORCEMENT.CASE_STATE', '对该承办人员的回避申请正在等待负责人决定', { requestId: pending.id });
    const after = await updateCaseIf(trx, c, {}, now);
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('enforcement_recusal_requests')
      .values({
        id,
        case_id: c.id,
        agency_id: c.agency_id,
        agency_path: c.agency_path,
        officer_user_id: input.officerUserId,
        reason: input.reason,
        status: 'requested',
        requested_by: actor.userId,
        requested_at: now.toISOString(),
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        replacement_officer_id: null,
      })
      .execute();
    await audit({
      action: 'enforcement_case.recusal_request',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { requestId: id, officer: input.officerUserId, reason: input.reason, by: party ? 'party' : 'officer' },
    });
    return after;
  });
}

/**
 * The head's decision on a recusal request (art. 43 ¶2: 由行政机关负责人决定): not by the officer concerned.
 * Granted, the officer leaves the case and a certified officer of the agency without a declared conflict
 * with the party takes the place (two officers stay on the case, art. 42); refused, nothing changes. By
 * compare-and-set on the request's status and the case's version.
 */
export async function decideRecusal(deps: Deps, actor: Actor, caseId: string, input: RecusalDecisionBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now, today }) => {
    if (!hasPermission(actor.roles, 'enforcement:case:decide')) throw new AppError('ENFORCEMENT.NOT_DECIDER', '回避由负责人决定', { caseId: c.id });
    const r = await trx.selectFrom('enforcement_recusal_requests').selectAll().where('id', '=', input.requestId).where('case_id', '=', c.id).executeTakeFirst();
    if (!r) throw new AppError('RESOURCE.NOT_FOUND', '回避申请不存在', { field: 'requestId' });
    if (r.status !== 'requested') throw new AppError('ENFORCEMENT.CASE_STATE', '该回避申请已经决定', { status: r.status });
    if (actor.userId === r.officer_user_id) throw new AppError('ENFORCEMENT.NOT_INDEPENDENT', '被申请回避的人员不得决定自己的回避', { requestId: r.id });
    requireOpen(c);
    let officers = officersOf(c);
    if (input.grant) {
      const replacement = input.replacementOfficerId;
      if (!replacement) throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '决定回避的，须指定接替的承办人员', { field: 'replacementOfficerId' });
      if (officers.includes(replacement) || replacement === actor.userId)
        throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '接替人员不能是本案承办人员或者决定人', { field: 'replacementOfficerId' });
      const staying = officers.filter((o) => o !== r.officer_user_id);
      // The pair that will handle the case must both be certified and free of a declared conflict (ENF-08).
      await checkOfficers(trx, {
        agencyPath: c.agency_path,
        onDate: today,
        openerId: staying[0] ?? replacement,
        coOfficerId: staying[0] ? replacement : undefined,
        usci: c.party_usci,
        onTheSpot: !staying[0],
      });
      officers = officers.map((o) => (o === r.officer_user_id ? replacement : o));
    }
    const done = await trx
      .updateTable('enforcement_recusal_requests')
      .set({
        status: input.grant ? 'granted' : 'refused',
        decided_by: actor.userId,
        decided_at: now.toISOString(),
        decision_reason: input.reason,
        replacement_officer_id: input.grant ? (input.replacementOfficerId ?? null) : null,
      })
      .where('id', '=', r.id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ENFORCEMENT.CASE_STATE', '该回避申请已被他人决定，请刷新后查看', { requestId: r.id });
    const after = await updateCaseIf(trx, c, input.grant ? { officer_ids_json: CASE_OFFICERS.encode(officers) } : {}, now);
    await audit({
      action: input.grant ? 'enforcement_case.recusal_grant' : 'enforcement_case.recusal_refuse',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { requestId: r.id, officer: r.officer_user_id, replacement: input.grant ? input.replacementOfficerId : null, reason: input.reason },
    });
    return after;
  });
}
