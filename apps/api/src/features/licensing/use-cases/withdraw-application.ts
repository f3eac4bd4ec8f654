import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { transact } from '../../../platform/transact.ts';
import { clockStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { assertApplicant } from '../licensing.access.ts';
import { DECISION } from '../licensing.columns.ts';

/** LIC-01: the applicant withdraws an application that has not been decided (行政许可法 art. 36); the clock stops. */
export async function withdrawApplication(deps: LicensingDeps, actor: Actor, input: { id: string; reason: string }) {
  const repo = applicationsOf(deps);
  const row = await repo.load(deps, actor, input.id);
  assertApplicant(actor, row, '只能撤回本单位的申请');
  const userId = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const current = await repo.reload(trx, input.id);
    const status = transition(current, 'withdraw');
    const next = await repo.update(
      trx,
      current,
      { status, decision_json: DECISION.encode({ withdrawn: true, reason: input.reason }) },
      deps.now().toISOString(),
    );
    await clockStep({ repo, trx, deps, audit, emit, actorUserId: userId }, current.clock_id, 'stop', '申请人撤回申请');
    await audit({
      action: 'application.withdraw',
      targetType: 'application',
      targetId: input.id,
      before: current,
      after: next,
      details: { reason: input.reason },
    });
    return next;
  });
}
