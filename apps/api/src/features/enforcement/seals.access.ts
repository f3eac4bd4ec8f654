import type { Executor } from '../../db/database.ts';
import type { EnforcementSeal, EnforcementSealRequest } from '../../db/schema/enforcement.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { SEAL_OFFICERS } from './enforcement.columns.ts';

/**
 * Who may see and act on a temporary seal (ENF-05): staff of the owning agency or one above it (data scope);
 * the seal's two officers for the steps on site (service, the inspection of a request; 行政强制法 art. 18);
 * the head for decisions (the route's permission). The unit sees its own seals once decided or sealed in an
 * emergency — a proposal under collective discussion is not yet an act towards it.
 */

/** A seal in the actor's scope; outside it the same 404 as a missing one, and the attempt is recorded. */
export async function loadSeal(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<EnforcementSeal> {
  return readInScope({ type: 'enforcement_seal', id, what: '临时查封' }, (scoped) => {
    let q = db.selectFrom('enforcement_seals').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_seals.agency_path', usci: 'enforcement_seals.usci' }));
    return q.executeTakeFirst();
  });
}

/** The unit's own seal in the portal. */
export async function loadOwnSeal(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<EnforcementSeal> {
  return readInScope({ type: 'enforcement_seal', id, what: '临时查封' }, async (scoped) => {
    const row = await db.selectFrom('enforcement_seals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    if (!scoped) return row;
    return actor.usci && row.usci === actor.usci && partyMaySee(row) ? row : undefined;
  });
}

/** A request and its seal, in the actor's scope (the request's agency is its seal's). */
export async function loadSealRequest(
  deps: AppContext,
  actor: Actor,
  db: Executor,
  id: string,
): Promise<{ request: EnforcementSealRequest; seal: EnforcementSeal }> {
  const request = await readInScope({ type: 'seal_request', id, what: '查封相关申请' }, (scoped) => {
    let q = db.selectFrom('enforcement_seal_requests').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_seal_requests.agency_path' }));
    return q.executeTakeFirst();
  });
  return { request, seal: await loadSeal(deps, actor, db, request.seal_id) };
}

export function partyMaySee(s: Pick<EnforcementSeal, 'status'>): boolean {
  return s.status !== 'proposed' && s.status !== 'declined';
}

export function sealOfficersOf(s: EnforcementSeal): string[] {
  return SEAL_OFFICERS.decode(s.officer_ids_json) ?? [];
}

export function isSealOfficer(s: EnforcementSeal, actor: Actor): boolean {
  return actor.userId !== null && sealOfficersOf(s).includes(actor.userId);
}

/** Steps on site (service, inspecting a request) are the seal's two officers' own. */
export function requireSealOfficer(s: EnforcementSeal, actor: Actor): void {
  if (!isSealOfficer(s, actor)) throw new AppError('ENFORCEMENT.NOT_SEAL_OFFICER', '只有实施本次查封的执法人员可以办理这一步骤', { sealId: s.id });
}
