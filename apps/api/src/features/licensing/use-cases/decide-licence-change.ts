import type { LicenceRequestDecisionView } from '@fep/contracts';
import { type AmendableField, type LicenceRequestStatus, LicenceTransitionError, nextLicenceRequestStatus, supersededStatus } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { issueLicenceStep } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { LICENCE_CHANGED, type LicenceChanged } from '../events.ts';
import { findLicence, licenceNext, updateLicenceIf } from '../licences.repository.ts';
import { loadLicenceRequest } from '../licensing.access.ts';
import { CHANGES } from '../licensing.columns.ts';

const FIELD_LABEL: Record<AmendableField, string> = { companyName: '单位名称', venueName: '场所名称', legalRepresentative: '法定代表人' };

/**
 * LIC-08 / LIC-09: a clerk approves a change or reissue request (a new revision is issued at once,
 * without substantive review) or rejects it with reasons. The request's pending status and the old
 * revision's valid status are each a compare-and-set: one decision, one new revision.
 */
export async function decideLicenceChange(
  deps: LicensingDeps,
  actor: Actor,
  input: { requestId: string; approve: boolean; reason?: string },
): Promise<LicenceRequestDecisionView> {
  const { requestId, approve, reason } = input;
  const request = await loadLicenceRequest(deps, actor, requestId);
  if (request.status !== 'pending') throw new AppError('LICENSING.REQUEST_NOT_PENDING', '该申请已处理');
  if (!approve && !reason?.trim()) throw new AppError('REQUEST.VALIDATION', '不予办理须说明理由', { field: 'reason' });
  const userId = userIdOf(actor);
  const repo = applicationsOf(deps);
  return transact(deps, actor, async (trx, audit, emit) => {
    const nowIso = deps.now().toISOString();
    let status: LicenceRequestStatus;
    try {
      status = nextLicenceRequestStatus(request.status, approve ? 'approve' : 'reject');
    } catch (e) {
      if (e instanceof LicenceTransitionError) throw new AppError('LICENSING.REQUEST_NOT_PENDING', '该申请已处理');
      throw e;
    }
    const licence = (await findLicence(trx, request.licence_id))!;
    if (approve) licenceNext(licence, request.kind, '该许可证已失效');
    const newLicenceId = approve ? uuidv7() : null;
    const claimed = await trx
      .updateTable('licence_requests')
      .set({ status, decided_by: userId, decided_at: nowIso, decision_reason: approve ? null : (reason ?? null), new_licence_id: newLicenceId })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('LICENSING.REQUEST_NOT_PENDING', '该申请刚被他人处理');
    if (!approve) {
      await audit({ action: 'licence_request.reject', targetType: 'licence', targetId: licence.id, details: { request: requestId, reason } });
      return { status: 'rejected' };
    }
    const superseded = supersededStatus(request.kind);
    if (!(await updateLicenceIf(trx, licence, { status: superseded, superseded_by: newLicenceId, updated_at: nowIso }))) {
      throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证刚被他人处理，已不是有效状态');
    }
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', licence.application_id).executeTakeFirstOrThrow();
    const changes = (CHANGES.decode(request.changes_json) ?? {}) as Partial<Record<AmendableField, string>>;
    const next = await issueLicenceStep({ repo, trx, deps, audit, emit, actorUserId: userId }, app, {
      id: newLicenceId!,
      previous: licence,
      facts: {
        holderName: changes.companyName ?? licence.holder_name,
        venueName: changes.venueName ?? licence.venue_name,
        legalRepresentative: changes.legalRepresentative ?? licence.legal_representative,
      },
      note:
        request.kind === 'amend'
          ? `变更事项：${Object.keys(changes)
              .map((k) => FIELD_LABEL[k as AmendableField])
              .join('、')}（不涉及使用性质、面积、装修和消防设施，未作实质审查）。`
          : '补发：原证件遗失，经核实后补发，原证件作废。',
      policyVersion: licence.policy_version,
    });
    await trx.updateTable('applications').set({ licence_id: next.id }).where('id', '=', app.id).execute();
    await audit({
      action: `licence.${superseded}`,
      targetType: 'licence',
      targetId: licence.id,
      before: licence,
      after: { ...licence, status: superseded, superseded_by: next.id },
      details: { request: requestId },
    });
    const fact: LicenceChanged = {
      licenceId: licence.id,
      number: licence.number,
      usci: licence.usci,
      agencyId: licence.agency_id,
      change: request.kind === 'amend' ? 'amended' : 'reissued',
      currentLicenceId: next.id,
    };
    emit({ type: LICENCE_CHANGED, targetType: 'licence', targetId: licence.id, agencyId: licence.agency_id, payload: { ...fact } });
    return { status: 'approved', licenceId: next.id };
  });
}
