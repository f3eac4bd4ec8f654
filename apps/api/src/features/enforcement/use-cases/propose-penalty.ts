import type { DiscretionBody, DiscretionView } from '@fep/contracts';
import { chinaDateOf, DiscretionError, proposePenalty as propose } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { discretionFor } from '../discretion.policy.ts';

/**
 * ENF-02/ENF-03: the engine's proposal for one violation under the benchmark in force where it happened —
 * no penalty (with the rule), a warning, or a band, its range and a fine, each step explained — with the
 * policy version a decision will cite. Reading only: a case stores the proposal it was decided against.
 */
export async function proposePenalty(deps: Deps, _actor: Actor, input: DiscretionBody): Promise<DiscretionView> {
  const { policy, versionKey } = await discretionFor(deps.database.db, input.regionCode, chinaDateOf(deps.now()));
  try {
    const proposal = propose(policy, { violationCode: input.violationCode, partyKind: input.partyKind ?? 'unit', circumstances: input.circumstances });
    return { ...proposal, policyVersion: versionKey };
  } catch (err) {
    if (err instanceof DiscretionError) throw new AppError(`ENFORCEMENT.${err.code}`, err.message, { field: err.field });
    throw err;
  }
}
