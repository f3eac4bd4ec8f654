import type { CaseEvidenceBody, CaseFilingBody, CaseView } from '@fep/contracts';
import { yearOf } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { nextSequence } from '../../../platform/documents/sequences.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Deps } from '../../../platform/transact.ts';
import { advanceCase, updateCaseIf } from '../case-steps.ts';
import { officersOf, requireOfficer } from '../cases.access.ts';
import { procedureBasis } from '../procedure.policy.ts';
import { caseNumber } from './open-case.ts';
import { caseStep } from './step.ts';

/**
 * 立案审批 (ENF-01): the approver files the case — it gets its number and the decision clock starts (行政处罚法
 * art. 60: a decision within the policy's calendar days of filing) — or declines it with a reason.
 */
export async function fileCase(deps: Deps, actor: Actor, caseId: string, input: CaseFilingBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, agency, policy, policyVersion, now, today }) => {
    if (!input.approve) {
      if (!input.reason) throw new AppError('REQUEST.INVALID', '不予立案须写明理由', { field: 'reason' });
      const after = await advanceCase(trx, c, 'decline_filing', {}, now);
      await audit({ action: 'enforcement_case.decline_filing', targetType: 'enforcement_case', targetId: c.id, details: { reason: input.reason } });
      return after;
    }
    const year = yearOf(today);
    const number = caseNumber(policy.caseNumberTemplate, agency.short_name, year, await nextSequence(trx, agency.id, 'penalty_case', year), policy.seqDigits);
    const clock = await startClock(
      trx,
      {
        targetType: 'enforcement_case',
        targetId: c.id,
        title: `作出行政处罚决定：${number}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'calendar_days',
        amount: policy.decisionCalendarDays,
        legalBasis: procedureBasis('decisionCalendarDays'),
        startedAt: now.toISOString(),
        policyVersion,
      },
      now,
    );
    const after = await advanceCase(trx, c, 'file', { number, filed_at: now.toISOString(), filed_by: actor.userId, clock_id: clock.id }, now);
    await audit({
      action: 'enforcement_case.file',
      targetType: 'enforcement_case',
      targetId: c.id,
      policyVersion,
      details: { number, reason: input.reason ?? null },
    });
    return after;
  });
}

/**
 * Evidence (ENF-01): a stored file of the case — photo, scanned document, 询问笔录, 现场笔录 — sealed into the
 * enforcement record by its SHA-256, so a file changed later no longer matches the record.
 */
export async function recordEvidence(deps: Deps, actor: Actor, caseId: string, input: CaseEvidenceBody): Promise<CaseView> {
  return caseStep(deps, actor, caseId, async ({ trx, audit, c, now }) => {
    requireOfficer(c, actor);
    if (c.status !== 'investigating') throw new AppError('ENFORCEMENT.CASE_STATE', '只有在调查取证阶段可以登记证据', { status: c.status });
    const file = await trx.selectFrom('files').select(['id', 'sha256', 'uploaded_by']).where('id', '=', input.fileId).executeTakeFirst();
    if (!file || !officersOf(c).includes(file.uploaded_by))
      throw new AppError('RESOURCE.NOT_FOUND', '证据文件不存在或不是本案承办人员上传的', { field: 'fileId' });
    const dup = await trx.selectFrom('enforcement_evidence').select('id').where('case_id', '=', c.id).where('file_id', '=', file.id).executeTakeFirst();
    if (dup) throw new AppError('ENFORCEMENT.CASE_STATE', '该文件已登记为本案证据', { field: 'fileId' });
    // The case row first (compare-and-set): of parallel identical requests one goes on, the rest stop here.
    const after = await updateCaseIf(trx, c, {}, now);
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('enforcement_evidence')
      .values({
        id,
        case_id: c.id,
        file_id: file.id,
        sha256: file.sha256,
        kind: input.kind,
        description: input.description,
        recorded_by: actor.userId,
        recorded_at: now.toISOString(),
      })
      .execute();
    await audit({
      action: 'enforcement_case.evidence',
      targetType: 'enforcement_case',
      targetId: c.id,
      details: { evidenceId: id, fileId: file.id, sha256: file.sha256, kind: input.kind },
    });
    return after;
  });
}
