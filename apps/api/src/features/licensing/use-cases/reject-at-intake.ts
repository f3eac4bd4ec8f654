import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { transact } from '../../../platform/transact.ts';
import { clockStep, issueDocumentStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { DECISION } from '../licensing.columns.ts';

/** LIC-06: the clerk refuses to accept an application, with reasons (不予受理, 行政许可法 art. 32); the clock stops. */
export async function rejectAtIntake(deps: LicensingDeps, actor: Actor, input: { id: string; reasons: string[] }) {
  const repo = applicationsOf(deps);
  const { id, reasons } = input;
  await repo.load(deps, actor, id);
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const current = await repo.reload(trx, id);
    const status = transition(current, 'reject_at_intake');
    const nowIso = deps.now().toISOString();
    const next = await repo.update(
      trx,
      current,
      { status, decided_at: nowIso, decision_json: DECISION.encode({ rejectedAtIntake: true, reasons, by: userId }) },
      nowIso,
    );
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    await clockStep(s, current.clock_id, 'stop', '不予受理');
    await audit({ action: 'application.reject', targetType: 'application', targetId: id, before: current, after: next, details: { reasons } });
    // 不予受理通知书: the reasons and the applicant's rights of review and suit (行政许可法 art. 32, 38).
    await issueDocumentStep(s, next, { kind: 'rejection', reasons });
    return next;
  });
}
