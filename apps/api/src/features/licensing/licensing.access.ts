import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, DB, InspectionTaskTable, LicenceRequestTable, LicenceTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readInScope, scopeFilter, scopeOf } from '../../platform/org/scope.ts';
import { inspectorIdsOf } from '../inspections/index.ts';

/**
 * Who may act on which licensing record — the one place of these rules: staff see the records of their
 * agency and below, applicants their own; a draft belongs to the applicant alone until it is submitted;
 * only the applicant changes, withdraws or supplies for an application (or asks for a change of a permit);
 * only the two assigned inspectors record a check (双人执法).
 */
export const applicationScope = (actor: Pick<Actor, 'scope' | 'kind'>) => {
  const scope = scopeFilter<'applications'>(scopeOf(actor), { agencyPath: 'applications.agency_path', ownerUserId: 'applications.applicant_user_id' });
  if (actor.kind !== 'staff') return scope;
  return (eb: ExpressionBuilder<DB, 'applications'>) => eb.and([scope(eb), eb('applications.status', '!=', 'draft')]);
};

/** One application in the actor's scope (404 and a logged refusal otherwise). */
export async function loadApplication(deps: AppContext, actor: Actor, id: string, db: Executor = deps.database.db): Promise<ApplicationTable> {
  return readInScope({ type: 'application', id, what: '许可申请' }, (scoped) => {
    let q = db.selectFrom('applications').selectAll().where('id', '=', id);
    if (scoped) q = q.where(applicationScope(actor));
    return q.executeTakeFirst();
  });
}

export const licenceScope = (actor: Pick<Actor, 'scope'>) =>
  scopeFilter<'licences'>(scopeOf(actor), { agencyPath: 'licences.agency_path', ownerUserId: 'licences.applicant_user_id' });

export async function loadLicence(deps: AppContext, actor: Actor, id: string, db: Executor = deps.database.db): Promise<LicenceTable> {
  return readInScope({ type: 'licence', id, what: '许可证' }, (scoped) => {
    let q = db.selectFrom('licences').selectAll().where('id', '=', id);
    if (scoped) q = q.where(licenceScope(actor));
    return q.executeTakeFirst();
  });
}

export const licenceRequestScope = (actor: Pick<Actor, 'scope'>) =>
  scopeFilter<'licence_requests'>(scopeOf(actor), { agencyPath: 'licence_requests.agency_path' });

export async function loadLicenceRequest(deps: AppContext, actor: Actor, id: string, db: Executor = deps.database.db): Promise<LicenceRequestTable> {
  return readInScope({ type: 'licence_request', id, what: '变更补发申请' }, (scoped) => {
    let q = db.selectFrom('licence_requests').selectAll().where('id', '=', id);
    if (scoped) q = q.where(licenceRequestScope(actor));
    return q.executeTakeFirst();
  });
}

/** Only the applicant's own account acts for an application or a permit as the applicant. */
export function assertApplicant(actor: Actor, row: Pick<ApplicationTable, 'applicant_user_id'>, message: string): void {
  if (!actor.userId || row.applicant_user_id !== actor.userId) throw new AppError('AUTH.FORBIDDEN', message).refused({ reason: 'not_own' });
}

/** Only the task's assigned inspectors record its result. */
export function assertAssignedInspector(actor: Actor, task: Pick<InspectionTaskTable, 'inspector_ids_json'>): void {
  if (!actor.userId || !inspectorIdsOf(task).includes(actor.userId)) throw new AppError('LICENSING.NOT_ASSIGNED', '只有指派的检查人员可以录入检查结果');
}
