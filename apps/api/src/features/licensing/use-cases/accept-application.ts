import { missingMaterials, refusedPending, targetLabel } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { CHECKLIST, newInspectionTask } from '../../inspections/index.ts';
import { inputOf } from '../application-input.ts';
import { clockStep, ensureUnitStep, issueDocumentStep, issueLicenceStep, startApplicationClock, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { APPLICATION_ACCEPTED, applicationEvent, applicationFact, PERMIT_GRANTED } from '../events.ts';
import { DECISION, PENDING } from '../licensing.columns.ts';
import { basisOf } from '../licensing.policy.ts';

/**
 * LIC-05 / LIC-03: the clerk accepts, with pending documents (容缺受理) where the local policy allows them.
 * On the commitment path acceptance grants the permit at once and opens the post-issue verification with
 * its own clock (告知承诺制, 消防法 art. 15 para. 3).
 */
export async function acceptApplication(deps: LicensingDeps, actor: Actor, input: { id: string; pendingDocuments: string[] }) {
  const repo = applicationsOf(deps);
  const { id, pendingDocuments } = input;
  const row = await repo.load(deps, actor, id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  const refused = refusedPending(policy.pending, policy.materials, pendingDocuments);
  if (refused.length) {
    throw new AppError(
      'LICENSING.PENDING_NOT_ALLOWED',
      `本地政策不允许以下材料容缺受理：${refused.map((c) => targetLabel(`material:${c}`, policy.materials)).join('、')}，请一次性告知申请人补正`,
      { refused },
    );
  }
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    const current = await repo.reload(trx, id);
    const status = transition(current, 'accept');
    const missing = missingMaterials(policy.materials, current.path, inputOf(current).materials).map((m) => m.code);
    const unlisted = missing.filter((c) => !pendingDocuments.includes(c));
    if (unlisted.length) {
      throw new AppError(
        'LICENSING.MATERIALS_MISSING',
        `申请缺少${unlisted.map((c) => targetLabel(`material:${c}`, policy.materials)).join('、')}：请列为容缺材料或一次性告知补正`,
        { missing: unlisted },
      );
    }
    const pending = pendingDocuments.filter((c) => missing.includes(c));
    const nowIso = deps.now().toISOString();
    const auditAccept = (next: typeof current, policyVersion: string | null) =>
      audit({
        action: 'application.accept',
        targetType: 'application',
        targetId: id,
        before: current,
        after: next,
        details: { pending, policyVersions: policy.versions },
        policyVersion,
      });
    // 受理通知书 (行政许可法 art. 32): the time limit, the documents accepted as pending, the legal basis.
    const acceptanceNotice = (app: typeof current) =>
      issueDocumentStep(s, app, {
        kind: 'acceptance',
        path: app.path,
        pending: pending.map((c) => policy.materials.materials.find((m) => m.code === c)?.name ?? c),
      });
    if (current.path !== 'commitment') {
      const next = await repo.update(trx, current, { status, pending_json: PENDING.encode(pending), accepted_at: nowIso }, nowIso);
      await auditAccept(next, policy.versions['licensing.pending_documents'] ?? null);
      await acceptanceNotice(next);
      emit(applicationEvent(APPLICATION_ACCEPTED, { ...applicationFact(next), pendingCount: pending.length, granted: false }));
      return next;
    }
    // LIC-03: the permit is issued on acceptance; the agency verifies afterwards. The compare-and-set
    // comes first, so a concurrent second acceptance issues no second permit.
    const licenceId = uuidv7();
    const next = await repo.update(
      trx,
      current,
      {
        status,
        pending_json: PENDING.encode(pending),
        accepted_at: nowIso,
        decided_at: nowIso,
        licence_id: licenceId,
        decision_json: DECISION.encode({ grant: true, basis: '告知承诺', by: userId, at: nowIso }),
      },
      nowIso,
    );
    await clockStep(s, current.clock_id, 'stop', '告知承诺，当场作出许可');
    const commitmentVersion = policy.versions['licensing.commitment'] ?? null;
    const licence = await issueLicenceStep(s, current, { id: licenceId, policyVersion: commitmentVersion });
    await ensureUnitStep(s, current);
    const taskId = uuidv7();
    const clock = await startApplicationClock(s, current, {
      title: '告知承诺许可后核查时限',
      amount: policy.commitment.verificationWorkingDays,
      legalBasis: basisOf(policy, 'licensing.commitment', 'verificationWorkingDays'),
      policyVersion: commitmentVersion,
      targetType: 'inspection_task',
      targetId: taskId,
    });
    const task = newInspectionTask(
      {
        id: taskId,
        agency_id: current.agency_id,
        agency_path: current.agency_path,
        region_code: current.region_code,
        purpose: 'commitment_verification',
        application_id: current.id,
        licence_id: licence.id,
        usci: current.usci,
        subject_name: `${current.company_name}（${current.venue_name}）`,
        venue_address: current.venue_address,
        status: 'unassigned',
        checklist_json: CHECKLIST.encode(policy.checkItems.items),
        clock_id: clock.id,
        policy_version: policy.versions['licensing.check_items'] ?? null,
      },
      nowIso,
    );
    await repo.insertTask(trx, task);
    await auditAccept(next, commitmentVersion);
    emit(applicationEvent(APPLICATION_ACCEPTED, { ...applicationFact(next), pendingCount: pending.length, granted: true }));
    emit(applicationEvent(PERMIT_GRANTED, { ...applicationFact(next), licenceId: licence.id }));
    await audit({
      action: 'inspection_task.create',
      targetType: 'inspection_task',
      targetId: taskId,
      after: task,
      details: { purpose: 'commitment_verification', application: id },
      policyVersion: task.policy_version,
    });
    await acceptanceNotice(next);
    return next;
  });
}
