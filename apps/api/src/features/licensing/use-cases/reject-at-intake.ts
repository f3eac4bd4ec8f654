import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { transact } from '../../../platform/transact.ts';
import { clockStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';

/** LIC-06: the clerk refuses to accept an application, with reasons (不予受理, 行政许可法 art. 32); the clock stops. */
export async function rejectAtIntake(deps: LicensingDeps, actor: Actor, input: { id: string; reasons: string[] }) {
  const repo = applicationsOf(deps);
  const { id, reasons } = input;
  await repo.load(deps, actor, id);
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit) => {
    const current = await repo.reload(trx, id);
    const status = transition(current, 'reject_at_intake');
    const nowIso = deps.now().toISOString();
    const next = await repo.update(
      trx,
      current,
      { status, decided_at: nowIso, decision_json: JSON.stringify({ rejectedAtIntake: true, reasons, by: userId }) },
      nowIso,
    );
    await clockStep({ repo, trx, deps, audit, actorUserId: userId }, current.clock_id, 'stop', '不予受理');
    await audit({ action: 'application.reject', targetType: 'application', targetId: id, before: current, after: next, details: { reasons } });
    return next;
  });
}
