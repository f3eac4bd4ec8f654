import type { ViolationsView } from '@fep/contracts';
import { chinaDateOf } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { discretionFor, presentViolationItem } from '../discretion.policy.ts';

/**
 * ENF-02: the discretion benchmark in force for a region — every violation item with its statutory range,
 * bands and the circumstances it accepts, and the no-penalty rules. Public: 行政处罚法 art. 34 requires
 * benchmarks to be published.
 */
export async function getViolations(deps: Deps, _actor: Actor, input: { region: string }): Promise<ViolationsView> {
  const at = chinaDateOf(deps.now());
  const { agency, policy, versionKey } = await discretionFor(deps.database.db, input.region, at);
  return {
    agency: { id: agency.id, name: agency.name, regionCode: agency.region_code },
    at,
    policyVersion: versionKey,
    base: policy.base,
    items: policy.items.map((item) => presentViolationItem(policy, item)),
    noPenaltyRules: policy.noPenaltyRules.map((r) => ({ text: r.text, legalBasis: r.legalBasis, mandatory: r.mandatory, items: r.items })),
  };
}
