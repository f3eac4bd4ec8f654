import type { Actor } from '../../../platform/actor.ts';
import { transact } from '../../../platform/transact.ts';
import { transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';

/** Legal review of a licensing decision where the region's policy requires it (重大执法决定法制审核). */
export async function legalReview(deps: LicensingDeps, actor: Actor, input: { id: string; pass: boolean; opinion: string }) {
  const repo = applicationsOf(deps);
  const row = await repo.load(deps, actor, input.id);
  const policy = await repo.policy(deps.database.db, row.agency_id, deps.now());
  return transact(deps, actor, async (trx, audit) => {
    const current = await repo.reload(trx, input.id);
    const status = transition(current, input.pass ? 'legal_review_pass' : 'legal_review_return');
    const next = await repo.update(trx, current, { status }, deps.now().toISOString());
    await audit({
      action: input.pass ? 'application.legal_review_pass' : 'application.legal_review_return',
      targetType: 'application',
      targetId: input.id,
      before: current,
      after: next,
      details: { opinion: input.opinion },
      policyVersion: policy.versions['licensing.approval'] ?? null,
    });
    return next;
  });
}
