import { inScope } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { InspectionTaskTable, OrderExtensionTable, RandomPlanTable, RectificationOrderTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, outOfScope } from '../../platform/errors.ts';
import { readInScope, scopeFilter } from '../../platform/org/scope.ts';
import { isInspectorOf } from '../inspections/index.ts';
import type { SupervisionStore } from './supervision.repository.ts';
import { orderScopeFilter } from './supervision.repository.ts';

/**
 * Who may act on which supervision record — the one place of these rules: a record outside the actor's
 * data scope is the same 404 as a missing one (and the attempt is recorded); a unit acts only on its own
 * orders; only the two assigned inspectors record a task (双人执法, 行政处罚法 art. 42).
 */

function scoped<T>(actor: Actor, row: T | undefined, record: (r: T) => { agencyPath: string; usci?: string }, target: [string, string, string]): T {
  if (!row) throw notFound(target[2]);
  // The same 404 as a missing record, marked: recorded as a security event once the transaction rolled back.
  if (!inScope(actor.scope, record(row))) throw outOfScope(target[2], { type: target[0], id: target[1] });
  return row;
}

export const taskInScope = (actor: Actor, id: string, task: InspectionTaskTable | undefined) =>
  scoped(actor, task, (t) => ({ agencyPath: t.agency_path }), ['inspection_task', id, '检查任务']);

export const orderInScope = (actor: Actor, id: string, order: RectificationOrderTable | undefined) =>
  scoped(actor, order, (o) => ({ agencyPath: o.agency_path, usci: o.usci }), ['rectification_order', id, '整改通知']);

export const extensionInScope = (actor: Actor, id: string, ext: OrderExtensionTable | undefined) =>
  scoped(actor, ext, (e) => ({ agencyPath: e.agency_path }), ['order_extension', id, '延期申请']);

/** A unit acts only on its own orders (the portal's extension requests and rectification reports). */
export function assertOwnUnit(actor: Actor, order: RectificationOrderTable): void {
  if (!actor.usci || actor.usci !== order.usci)
    throw new AppError('AUTH.FORBIDDEN', '只能办理本单位的整改通知').refused({ reason: 'not_own', target: { type: 'rectification_order', id: order.id } });
}

/** Only the assigned inspectors record a task. */
export function assertInspector(actor: Actor, task: InspectionTaskTable, message = '只有指派的两名检查人员可以录入该任务'): void {
  if (!isInspectorOf(task, actor)) throw new AppError('SUPERVISION.NOT_ASSIGNED', message);
}

export type { SupervisionStore };

// ---- reads in scope (routes) -------------------------------------------------------------------

/** The scope filter of rectification orders: the agency's and those below it, or the unit's own. */
export const orderScope = (actor: Pick<Actor, 'scope'>) => orderScopeFilter(actor.scope);

export async function loadOrder(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<RectificationOrderTable> {
  return readInScope({ type: 'rectification_order', id, what: '整改通知' }, (isScoped) => {
    let q = db.selectFrom('rectification_orders').selectAll().where('id', '=', id);
    if (isScoped) q = q.where(orderScope(actor));
    return q.executeTakeFirst();
  });
}

export async function loadPlan(_deps: AppContext, actor: Actor, db: Executor, id: string): Promise<RandomPlanTable> {
  return readInScope({ type: 'random_plan', id, what: '抽查计划' }, (isScoped) => {
    let q = db.selectFrom('random_plans').selectAll().where('id', '=', id);
    if (isScoped) q = q.where(scopeFilter(actor.scope, { agencyPath: 'random_plans.agency_path' }));
    return q.executeTakeFirst();
  });
}
