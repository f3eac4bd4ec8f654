import { chinaDateOf } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import type { Deps } from '../../../platform/transact.ts';
import { buildGuides } from '../guides.ts';

/**
 * SVC-01: the service guides of an agency (by id or region code; the top of the tree when none is
 * named), with the time limits of the policy in force today — the rule the clerk applies.
 */
export async function getServiceGuides(deps: Deps, _actor: Actor, input: { agency?: string }) {
  const { db } = deps.database;
  const agency = input.agency
    ? await findAgency(db, input.agency)
    : await db.selectFrom('agencies').selectAll().where('parent_id', 'is', null).orderBy('region_code').executeTakeFirst();
  if (!agency) throw notFound('机构');
  const at = chinaDateOf(deps.now());
  const resolved = await resolveForAgency(db, agency, at);
  return { agency: { id: agency.id, name: agency.name, regionCode: agency.region_code }, at, guides: buildGuides(resolved) };
}
