import { inScope } from '@fep/domain';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { notFound, outOfScope } from '../errors.ts';
import { scopeFilter } from '../org/scope.ts';
import { ownerOfTarget } from '../org/targets.ts';
import { chainsOfTarget } from './chain.ts';

/**
 * The chains of a target whose enforcement record the actor may read (行政执法全过程记录: the agency
 * responsible for a matter reads its whole record). A chain is visible when
 * - the target belongs to an agency in the actor's scope (its table's agency path, platform/org/targets.ts):
 *   an application merely submitted by an applicant is on the record of the agency it was submitted to; or
 * - an agency in the actor's scope acted on it successfully (targets without an owning agency: users,
 *   calendars, policies, imports). A refused attempt by someone does not open a record to them.
 * Otherwise the answer is the 404 of a missing record and the attempt is recorded.
 */
export async function chainsInScope(deps: AppContext, actor: Actor, target: string): Promise<string[]> {
  const { db } = deps.database;
  const chains = await chainsOfTarget(db, target);
  if (chains.length === 0) throw notFound('执法记录');
  const scope = actor.scope;
  if (scope.kind === 'all') return chains;
  const visible = new Set<string>();
  for (const chain of chains) {
    const at = chain.indexOf(':');
    const owner = at > 0 ? await ownerOfTarget(db, chain.slice(0, at), chain.slice(at + 1)) : undefined;
    if (owner && inScope(scope, { agencyPath: owner.agencyPath, agencyId: owner.agencyPath.split('/').filter(Boolean).at(-1) ?? null })) visible.add(chain);
  }
  const rest = chains.filter((c) => !visible.has(c));
  if (rest.length && scope.kind === 'agency_and_below') {
    const acted = await db
      .selectFrom('audit_events')
      .innerJoin('agencies', 'agencies.id', 'audit_events.actor_agency_id')
      .select('audit_events.chain_id')
      .distinct()
      .where('audit_events.chain_id', 'in', rest)
      .where(scopeFilter(scope, { agencyPath: 'agencies.path' }))
      .where('audit_events.outcome', '=', 'success')
      .execute();
    for (const a of acted) visible.add(a.chain_id);
  }
  if (visible.size === 0) throw outOfScope('执法记录', { type: 'audit', id: target });
  return chains.filter((c) => visible.has(c));
}
