import { hasPermission } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { EnforcementCase } from '../../db/schema/enforcement.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { eligibleInspectors, pickInspectors } from '../inspections/index.ts';
import { CASE_OFFICERS } from './enforcement.columns.ts';

/**
 * Who may see and act on a penalty case — the one place of these rules: staff of the owning agency or one
 * above it (data scope); the case's own officers for the investigating steps (行政处罚法 art. 42: two
 * certified officers; art. 43: recusal); a legal reviewer who did not investigate (art. 58 and the
 * separation of investigation from review); a hearing host who did not investigate (art. 64 (4)).
 */

/** A case in the actor's scope; outside it the same 404 as a missing one, and the attempt is recorded. */
export async function loadCase(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<EnforcementCase> {
  return readInScope({ type: 'enforcement_case', id, what: '处罚案件' }, (scoped) => {
    let q = db.selectFrom('enforcement_cases').selectAll().where('id', '=', id);
    if (scoped) q = q.where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_cases.agency_path', usci: 'enforcement_cases.party_usci' }));
    return q.executeTakeFirst();
  });
}

/**
 * The party's own case in the portal: a unit sees its cases once it has been told of them (the prior notice
 * or an on-the-spot decision); the investigation before that is not the party's to follow.
 */
export async function loadOwnCase(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<EnforcementCase> {
  return readInScope({ type: 'enforcement_case', id, what: '处罚案件' }, async (scoped) => {
    const row = await db.selectFrom('enforcement_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    if (!scoped) return row;
    return actor.usci && row.party_usci === actor.usci && partyMayRead(row) ? row : undefined;
  });
}

export function partyMayRead(c: Pick<EnforcementCase, 'notice_served_on' | 'decided_on'>): boolean {
  return c.notice_served_on !== null || c.decided_on !== null;
}

export function officersOf(c: EnforcementCase): string[] {
  return CASE_OFFICERS.decode(c.officer_ids_json) ?? [];
}

export function isOfficerOf(c: EnforcementCase, actor: Actor): boolean {
  return actor.userId !== null && officersOf(c).includes(actor.userId);
}

/** Investigating steps are the case officers' own (双人执法): another inspector of the agency is refused. */
export function requireOfficer(c: EnforcementCase, actor: Actor): void {
  if (!isOfficerOf(c, actor)) throw new AppError('ENFORCEMENT.NOT_CASE_OFFICER', '只有本案承办人员可以办理这一步骤', { caseId: c.id });
}

/** Legal review (法制审核) is done by a reviewer who did not investigate the case. */
export function requireIndependentReviewer(c: EnforcementCase, actor: Actor): void {
  if (isOfficerOf(c, actor)) throw new AppError('ENFORCEMENT.NOT_INDEPENDENT', '本案承办人员不得担任法制审核人员', { caseId: c.id });
}

/** The decision on an ordinary case is the approver's; an on-the-spot decision the officer's own (art. 51–52). */
export function requireDecider(c: EnforcementCase, actor: Actor): void {
  if (c.procedure === 'on_the_spot') {
    requireOfficer(c, actor);
    return;
  }
  if (!hasPermission(actor.roles, 'enforcement:case:decide'))
    throw new AppError('ENFORCEMENT.NOT_DECIDER', '作出行政处罚决定须由审批人员办理', { caseId: c.id });
  if (isOfficerOf(c, actor)) throw new AppError('ENFORCEMENT.NOT_INDEPENDENT', '本案承办人员不得审批本案的处罚决定', { caseId: c.id });
}

/**
 * The officers of a new case: the one opening it and the second certified officer named (on the spot, one
 * may act alone). Both must hold a valid certificate for the agency (or one above it) and have declared no
 * conflict with the party (ENF-08: a declared conflict refuses the assignment).
 */
export async function checkOfficers(
  db: Executor,
  input: { agencyPath: string; onDate: string; openerId: string; coOfficerId?: string | undefined; usci: string | null; onTheSpot: boolean },
): Promise<string[]> {
  const named = input.coOfficerId ? [input.openerId, input.coOfficerId] : [input.openerId];
  if (named.length < 2 && !input.onTheSpot)
    throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '普通程序须由两名持有执法证件的人员办理，请选择第二名承办人员', { field: 'coOfficerId' });
  if (new Set(named).size !== named.length) throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '第二名承办人员不能是本人', { field: 'coOfficerId' });
  try {
    if (named.length === 2)
      await pickInspectors(db, { agencyPath: input.agencyPath, onDate: input.onDate, named, ...(input.usci ? { usci: input.usci } : {}) });
    else await checkSingleOfficer(db, input.agencyPath, input.onDate, named[0]!, input.usci);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SUPERVISION.CONFLICT')
      throw new AppError('ENFORCEMENT.OFFICER_RECUSED', '承办人员已申报与当事人存在应当回避的情形，不能承办本案', err.details);
    if (err instanceof AppError && err.code === 'LICENSING.INSPECTORS_INVALID')
      throw new AppError('ENFORCEMENT.OFFICERS_INVALID', '承办人员须持有有效执法证件并属于本辖区（或上级）消防救援机构', err.details);
    throw err;
  }
  return named;
}

async function checkSingleOfficer(db: Executor, agencyPath: string, onDate: string, userId: string, usci: string | null): Promise<void> {
  const pool = await eligibleInspectors(db, agencyPath, onDate);
  if (!pool.some((p) => p.userId === userId)) throw new AppError('LICENSING.INSPECTORS_INVALID', '', { notEligible: [userId] });
  if (usci) {
    const conflict = await db
      .selectFrom('inspector_conflicts')
      .select('id')
      .where('usci', '=', usci)
      .where('inspector_user_id', '=', userId)
      .executeTakeFirst();
    if (conflict) throw new AppError('SUPERVISION.CONFLICT', '', { inspector: userId });
  }
}
