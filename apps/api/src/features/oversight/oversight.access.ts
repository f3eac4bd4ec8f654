import { inScope, isCivilDate } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import type { Deps } from '../../platform/transact.ts';

/**
 * Who sees what in oversight, in one place. Records belong to the agency they were made in; oversight staff
 * see those of their agency and of every agency below it (a detachment oversees its brigades), never a
 * neighbour's. A record outside the scope answers like a missing one (404) and the attempt is recorded.
 */

/** Thrown inside a transaction for a record outside the scope; `withRefusals` records it after the rollback. */
export class OutOfScope extends Error {
  constructor(
    readonly targetType: string,
    readonly targetId: string,
    readonly what: string,
  ) {
    super(`${targetType} ${targetId} is outside the actor's scope`);
  }
}

/** Runs a use case and turns an out-of-scope record into the recorded refusal (its own transaction) and a 404. */
export async function withRefusals<T>(_deps: Deps | AppContext, _actor: Actor, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof OutOfScope)) throw e;
    // The error handler records the refusal as a security event (platform/audit/refusals.ts).
    throw outOfScope(e.what, { type: e.targetType, id: e.targetId });
  }
}

/** A row of an agency-owned table, checked against the actor's scope (missing: 404; outside: OutOfScope). */
export function inScopeOr<T extends { agency_path: string }>(actor: Actor, row: T | undefined, target: [type: string, id: string, what: string]): T {
  if (!row) throw notFound(target[2]);
  if (!inScope(actor.scope, { agencyPath: row.agency_path })) throw new OutOfScope(...target);
  return row;
}

/** A staff member (an officer) with the path of their agency, if they exist. */
export async function findOfficer(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'users.kind', 'agencies.id as agency_id', 'agencies.name as agency_name', 'agencies.path as agency_path'])
    .where('users.id', '=', userId)
    .where('users.kind', '=', 'staff')
    .executeTakeFirst();
}
export type OfficerRow = NonNullable<Awaited<ReturnType<typeof findOfficer>>>;

/** An officer of the actor's jurisdiction (the file of an officer elsewhere is a recorded 404). */
export async function loadOfficer(deps: Deps | AppContext, actor: Actor, db: Executor, userId: string): Promise<OfficerRow> {
  return withRefusals(deps, actor, async () => inScopeOr(actor, await findOfficer(db, userId), ['user', userId, '执法人员']));
}

/** A 'YYYY-MM-DD' input that is a real calendar day (the schema only checks the shape). */
export function assertCivilDate(value: string | null | undefined, field: string): void {
  if (value != null && !isCivilDate(value)) throw new AppError('REQUEST.BAD_DATE', `日期格式应为 YYYY-MM-DD：${value}`, { field });
}
