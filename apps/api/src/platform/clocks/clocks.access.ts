import type { ClockTable } from '../../db/schema.ts';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { inScope, readInScope, scopeFilter } from '../org/scope.ts';
import { isOwnedTargetType, OWNED_TARGETS, ownerOfTarget } from '../org/targets.ts';

/** Who may act on which clock: a clock is seen and changed by those whose data scope holds its agency (or its assignee). */
export async function clockInScope(deps: AppContext, actor: Actor, id: string): Promise<ClockTable> {
  const { db } = deps.database;
  return readInScope({ type: 'clock', id, what: '时限' }, (scoped) => {
    let q = db.selectFrom('clocks').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(actor.scope, { agencyPath: 'clocks.agency_path', ownerUserId: 'clocks.assignee_user_id' }));
    return q.executeTakeFirst();
  });
}

/**
 * A clock is registered by staff of an agency, on a record that exists and that their data scope holds
 * (行政许可法第四十二条 and the supervision rules time the acts of the agency that owns the matter). A
 * record of another agency is refused exactly like a read out of scope: the same 404 as for a missing
 * record, and the attempt is written to the enforcement record.
 */
export async function assertMayRegisterClock(
  deps: AppContext,
  actor: Actor,
  target: { type: string; id: string },
): Promise<{ agencyId: string; agencyPath: string; regionCode: string }> {
  if (!actor.agencyId || !actor.agencyPath || !actor.regionCode) throw new AppError('AUTH.FORBIDDEN', '只有机构工作人员可以登记时限');
  if (!isOwnedTargetType(target.type))
    throw new AppError('CLOCK.UNKNOWN_TARGET_TYPE', `不能为“${target.type}”登记时限：须为本系统中的办理事项`, {
      field: 'targetType',
      allowed: Object.keys(OWNED_TARGETS),
    });
  const { db } = deps.database;
  await readInScope({ type: target.type, id: target.id, what: '办理事项' }, async (scoped) => {
    const owner = await ownerOfTarget(db, target.type, target.id);
    if (!owner) return undefined;
    return !scoped || inScope(actor.scope, { agencyPath: owner.agencyPath }) ? owner : undefined;
  });
  return { agencyId: actor.agencyId, agencyPath: actor.agencyPath, regionCode: actor.regionCode };
}

/** The person a clock is assigned to must be staff of the acting agency or one below it. */
export async function assertAssignable(deps: AppContext, actor: Actor, assigneeUserId: string | undefined): Promise<void> {
  if (!assigneeUserId) return;
  const assignee = await deps.database.db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'agencies.path'])
    .where('users.id', '=', assigneeUserId)
    .executeTakeFirst();
  if (!assignee || !actor.agencyPath || !assignee.path.startsWith(actor.agencyPath))
    throw new AppError('REQUEST.VALIDATION', '承办人须为本机构或下级机构的工作人员', { field: 'assigneeUserId' });
}
