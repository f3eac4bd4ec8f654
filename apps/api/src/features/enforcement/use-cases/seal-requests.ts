import type { SealRequestBody, SealRequestDecisionBody, SealRequestInspectionBody, SealView } from '@fep/contracts';
import {
  type EnforcementProcedurePolicy,
  SEAL_REQUEST_KIND_LABELS,
  SEAL_REQUEST_OUTCOME_LABELS,
  type SealRequestKind,
  type SealRequestOutcome,
  sealRequestAllowed,
  sealRequestOutcomeAllowed,
} from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { startClock } from '../../../platform/clocks/clocks.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Deps } from '../../../platform/transact.ts';
import { findTask, INSPECTOR_IDS, insertTask, newInspectionTask, updateTaskIf } from '../../inspections/index.ts';
import { SEAL_REQUEST_PHOTOS } from '../enforcement.columns.ts';
import { procedureBasis } from '../procedure.policy.ts';
import { advanceSealRequest, stopClock, updateSealIf } from '../seal-steps.ts';
import { requireSealOfficer, sealOfficersOf } from '../seals.access.ts';
import { liftStep } from './decide-seal.ts';
import { ownSealStep, sealRequestStep } from './seal-step.ts';

/** The clock of the agency's first answer to a request: the reply to an entry request, else the inspection. */
function firstClock(kind: SealRequestKind, policy: EnforcementProcedurePolicy) {
  switch (kind) {
    case 'enter':
      return { unit: 'hours' as const, amount: policy.sealEnterReplyHours, field: 'sealEnterReplyHours' as const, title: '答复进入查封部位整改申请' };
    case 'resume':
      return {
        unit: 'working_days' as const,
        amount: policy.sealResumeInspectionWorkingDays,
        field: 'sealResumeInspectionWorkingDays' as const,
        title: '恢复使用申请的检查',
      };
    default:
      return {
        unit: 'working_days' as const,
        amount: policy.sealLiftInspectionWorkingDays,
        field: 'sealLiftInspectionWorkingDays' as const,
        title: kind === 'lift' ? '解除查封申请的检查' : '复查申请的检查',
      };
  }
}

/**
 * The unit's online request on its seal (ENF-05): to enter the sealed part to rectify (it shall be allowed,
 * 消防监督检查规定 art. 24), to lift after rectification (art. 25), a re-inspection after a kept seal, or to
 * resume use (消防法 art. 70 ¶2). Each starts its clock (policy) and an inspection task for the seal's two
 * officers. The seal is compared-and-set first: of parallel identical requests one is made, the rest get 409.
 */
export async function submitSealRequest(deps: Deps, actor: Actor, sealId: string, input: SealRequestBody): Promise<SealView> {
  return ownSealStep(deps, actor, sealId, async ({ trx, audit, s, agency, policy, policyVersion, now }) => {
    const history = await trx.selectFrom('enforcement_seal_requests').select(['kind', 'status', 'outcome']).where('seal_id', '=', s.id).execute();
    const allowed = sealRequestAllowed(input.kind, s, history);
    if (!allowed.ok) {
      const message = {
        state: input.kind === 'enter' ? '只有查封中的场所、部位可以申请进入整改' : '该临时查封已解除或尚未生效，不能提出此项申请',
        open: `已有办理中的“${SEAL_REQUEST_KIND_LABELS[input.kind]}”，请等待答复`,
        no_kept_inspection: '复查适用于解除查封申请经检查未通过、继续查封之后再次整改的情形',
      }[allowed.reason];
      throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', message, { kind: input.kind, status: s.status });
    }
    const photos = [...new Set(input.photoIds ?? [])];
    if (photos.length) {
      const found = await trx.selectFrom('files').select('id').where('id', 'in', photos).where('uploaded_by', '=', actor.userId).execute();
      if (found.length !== photos.length) throw new AppError('RESOURCE.NOT_FOUND', '照片不存在或不是本单位上传的', { field: 'photoIds' });
    }
    // The seal row first (compare-and-set): parallel identical requests stop here, all but one, with the
    // same answer as a request that came after the winner.
    const after = await updateSealIf(trx, s, {}, now).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'ENFORCEMENT.SEAL_STATE')
        throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', '该临时查封刚有新的申请或变化，请刷新后查看', { kind: input.kind });
      throw err;
    });
    const nowIso = now.toISOString();
    const id = uuidv7(now.getTime());
    const taskId = uuidv7(now.getTime());
    const officers = sealOfficersOf(s);
    const first = firstClock(input.kind, policy);
    const clock = await startClock(
      trx,
      {
        targetType: 'seal_request',
        targetId: id,
        title: `${first.title}：${s.unit_name}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        assigneeUserId: officers[0] ?? null,
        unit: first.unit,
        amount: first.amount,
        legalBasis: procedureBasis(first.field),
        startedAt: nowIso,
        policyVersion,
      },
      now,
    );
    const unit = await trx.selectFrom('units').select(['id', 'address']).where('usci', '=', s.usci).executeTakeFirst();
    const task = newInspectionTask(
      {
        id: taskId,
        agency_id: s.agency_id,
        agency_path: s.agency_path,
        region_code: s.region_code,
        purpose: 'seal_check',
        usci: s.usci,
        subject_name: s.unit_name,
        venue_address: unit?.address ?? s.scope,
        status: 'assigned',
        inspector_ids_json: INSPECTOR_IDS.encode(officers),
        findings: input.note,
        clock_id: clock.id,
        policy_version: policyVersion,
        unit_id: unit?.id ?? null,
        trigger_reason: `${SEAL_REQUEST_KIND_LABELS[input.kind]}：${s.number ?? s.scope}`,
      },
      nowIso,
    );
    await insertTask(trx, task);
    await trx
      .insertInto('enforcement_seal_requests')
      .values({
        id,
        seal_id: s.id,
        agency_id: s.agency_id,
        agency_path: s.agency_path,
        kind: input.kind,
        status: 'submitted',
        version: 0,
        note: input.note,
        photo_ids_json: SEAL_REQUEST_PHOTOS.encode(photos),
        submitted_by: actor.userId,
        submitted_at: nowIso,
        task_id: taskId,
        inspection_clock_id: clock.id,
        decision_clock_id: null,
        inspection_passed: null,
        inspection_findings: null,
        inspected_by: null,
        inspected_at: null,
        outcome: null,
        decision_reason: null,
        decided_by: null,
        decided_at: null,
        updated_at: nowIso,
      })
      .execute();
    await audit({
      action: 'seal_request.submit',
      targetType: 'seal_request',
      targetId: id,
      details: { sealId: s.id, kind: input.kind, note: input.note, photos },
    });
    await audit({
      action: 'inspection_task.create',
      targetType: 'inspection_task',
      targetId: taskId,
      details: { sealId: s.id, requestId: id, purpose: 'seal_check' },
    });
    return after;
  });
}

/**
 * The inspection of a request to lift, re-inspect or resume, by one of the seal's officers within its clock;
 * the inspection task is completed and the decision clock starts (policy working days).
 */
export async function inspectSealRequest(deps: Deps, actor: Actor, requestId: string, input: SealRequestInspectionBody): Promise<SealView> {
  return sealRequestStep(deps, actor, requestId, async ({ trx, audit, s, r, agency, policy, policyVersion, now }) => {
    requireSealOfficer(s, actor);
    const nowIso = now.toISOString();
    const resume = r.kind === 'resume';
    const clock = await startClock(
      trx,
      {
        targetType: 'seal_request',
        targetId: r.id,
        title: `${resume ? '恢复使用申请' : r.kind === 'lift' ? '解除查封申请' : '复查申请'}的决定：${s.unit_name}`,
        agency: { id: agency.id, path: agency.path, regionCode: agency.region_code },
        unit: 'working_days',
        amount: resume ? policy.sealResumeDecisionWorkingDays : policy.sealLiftDecisionWorkingDays,
        legalBasis: procedureBasis(resume ? 'sealResumeDecisionWorkingDays' : 'sealLiftDecisionWorkingDays'),
        startedAt: nowIso,
        policyVersion,
      },
      now,
    );
    await advanceSealRequest(
      trx,
      r,
      'inspect',
      {
        inspection_passed: input.passed ? 1 : 0,
        inspection_findings: input.findings,
        inspected_by: actor.userId,
        inspected_at: nowIso,
        decision_clock_id: clock.id,
      },
      now,
    );
    await stopClock(trx, r.inspection_clock_id, '已检查', actor.userId, now);
    const task = r.task_id ? await findTask(trx, r.task_id) : undefined;
    if (task?.status === 'assigned') {
      const done = await updateTaskIf(trx, task, ['assigned'], {
        status: 'done',
        result: input.passed ? 'passed' : 'failed',
        findings: input.findings,
        completed_at: nowIso,
        updated_at: nowIso,
      });
      if (!done) throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', '该检查任务已被他人办理', { taskId: task.id });
      await audit({ action: 'inspection_task.record', targetType: 'inspection_task', targetId: task.id, details: { passed: input.passed, requestId: r.id } });
    }
    await audit({ action: 'seal_request.inspect', targetType: 'seal_request', targetId: r.id, details: { passed: input.passed, findings: input.findings } });
    return s;
  });
}

/**
 * The agency's decision on a request: an entry is allowed with its arrangement (art. 24: it shall be
 * allowed; no production, business or use meanwhile); otherwise the inspection decides — passed, the seal is
 * lifted (art. 25; for resumption 消防法 art. 70 ¶2), not passed, it is kept and the unit may rectify and ask for
 * a re-inspection.
 */
export async function decideSealRequest(deps: Deps, actor: Actor, requestId: string, input: SealRequestDecisionBody): Promise<SealView> {
  return sealRequestStep(deps, actor, requestId, async ({ trx, audit, s, r, now }) => {
    const passed = r.inspection_passed === null ? null : r.inspection_passed === 1;
    if (r.status !== 'decided' && r.status !== 'closed' && !sealRequestOutcomeAllowed(r.kind, passed, input.outcome as SealRequestOutcome)) {
      const message =
        r.kind === 'enter'
          ? '当事人申请进入查封部位整改的，应当允许（消防监督检查规定第二十四条）：请写明进入整改的时间和监督安排'
          : passed === null
            ? '请先录入检查结果'
            : passed
              ? '检查合格，火灾隐患已消除的，应当解除查封'
              : '检查不合格的，不能解除查封';
      throw new AppError(passed === null && r.kind !== 'enter' ? 'ENFORCEMENT.SEAL_REQUEST_STATE' : 'ENFORCEMENT.SEAL_OUTCOME', message, { field: 'outcome' });
    }
    const nowIso = now.toISOString();
    await advanceSealRequest(trx, r, 'decide', { outcome: input.outcome, decision_reason: input.reason, decided_by: actor.userId, decided_at: nowIso }, now);
    await stopClock(trx, r.kind === 'enter' ? r.inspection_clock_id : r.decision_clock_id, SEAL_REQUEST_OUTCOME_LABELS[input.outcome], actor.userId, now);
    if (r.kind === 'enter' && r.task_id) {
      // The entry is supervised on site by the seal's officers: the arrangement completes the task.
      const task = await findTask(trx, r.task_id);
      if (task?.status === 'assigned') {
        const done = await updateTaskIf(trx, task, ['assigned'], {
          status: 'done',
          result: 'allowed',
          findings: input.reason,
          completed_at: nowIso,
          updated_at: nowIso,
        });
        if (!done) throw new AppError('ENFORCEMENT.SEAL_REQUEST_STATE', '该检查任务已被他人办理', { taskId: task.id });
        await audit({ action: 'inspection_task.record', targetType: 'inspection_task', targetId: task.id, details: { allowed: true, requestId: r.id } });
      }
    }
    await audit({
      action: 'seal_request.decide',
      targetType: 'seal_request',
      targetId: r.id,
      details: { sealId: s.id, kind: r.kind, outcome: input.outcome, reason: input.reason },
    });
    if (input.outcome === 'lift') {
      const why = r.kind === 'resume' ? '经检查合格，同意恢复使用、生产、经营' : '经检查火灾隐患已消除';
      return liftStep(trx, audit, s, `${why}：${input.reason}`, actor.userId, now);
    }
    // The seal row is compared-and-set too, so its version (and every open view of it) moves with the decision.
    return updateSealIf(trx, s, {}, now);
  });
}
