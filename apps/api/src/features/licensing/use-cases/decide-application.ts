import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { clockStep, ensureUnitStep, issueLicenceStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { APPLICATION_REFUSED, applicationEvent, applicationFact, PERMIT_GRANTED } from '../events.ts';
import { DECISION, PENDING } from '../licensing.columns.ts';

/**
 * LIC-04: the approver grants (the e-licence is issued) or refuses with reasons (行政许可法 art. 38),
 * inside the decision clock. Not while pending documents are owed, and no grant after a failed check.
 */
export async function decideApplication(deps: LicensingDeps, actor: Actor, input: { id: string; grant: boolean; reasons: string[] }) {
  const repo = applicationsOf(deps);
  const { id, grant, reasons } = input;
  if (!grant && reasons.length === 0) throw new AppError('REQUEST.VALIDATION', '不予许可须说明理由', { field: 'reasons' });
  const row = await repo.load(deps, actor, id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    const current = await repo.reload(trx, id);
    const status = transition(current, 'decide', { grant });
    const owed = PENDING.decode(current.pending_json) ?? [];
    if (grant && owed.length) throw new AppError('LICENSING.DOCUMENTS_OWED', '仍有容缺材料未补齐，不能作出准予许可决定', { owed });
    const task = await repo.openingCheck(trx, id);
    if (grant && task?.result === 'fail') throw new AppError('LICENSING.ILLEGAL_TRANSITION', '现场检查不合格，不能准予许可', { inspection: 'fail' });
    const nowIso = deps.now().toISOString();
    const licenceId = grant ? uuidv7() : null;
    // The compare-and-set first: a concurrent second decision gets 409 before it numbers a permit.
    const next = await repo.update(
      trx,
      current,
      { status, decided_at: nowIso, licence_id: licenceId, decision_json: DECISION.encode({ grant, reasons, by: userId, at: nowIso }) },
      nowIso,
    );
    await clockStep(s, current.clock_id, 'stop', grant ? '准予许可' : '不予许可');
    if (licenceId) {
      await issueLicenceStep(s, current, { id: licenceId, policyVersion: policy.versions['licensing.inspection'] ?? null });
      await ensureUnitStep(s, current);
    }
    await audit({
      action: grant ? 'application.grant' : 'application.refuse',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { reasons, policyVersions: policy.versions },
      policyVersion: policy.versions['licensing.approval'] ?? null,
    });
    emit(
      licenceId
        ? applicationEvent(PERMIT_GRANTED, { ...applicationFact(next), licenceId })
        : applicationEvent(APPLICATION_REFUSED, { ...applicationFact(next), reasons }),
    );
    return next;
  });
}
