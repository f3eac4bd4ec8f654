import { addWorkingDays, chinaDateOf, type DataScope, type RectificationPolicy, type ResolvedPolicy, type SamplingFactorsPolicy } from '@fep/domain';
import { runCompiled } from '../../db/compiled.ts';
import type { Executor } from '../../db/database.ts';
import type {
  AgencyTable,
  HazardTable,
  InspectionTaskTable,
  InspectorConflictTable,
  OrderExtensionTable,
  RandomPlanTable,
  RectificationOrderTable,
  UnitTable,
} from '../../db/schema.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { applyClockEvent, type NewClock, startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DocumentSpec } from '../../platform/documents/pdf.ts';
import { renderDocument } from '../../platform/documents/render-pool.ts';
import { agencySealKey } from '../../platform/documents/seal.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { storeBlob } from '../../platform/files/storage.ts';
import { agencyById, findAgency } from '../../platform/org/agencies.repository.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import type { Deps } from '../../platform/transact.ts';
import { yieldToLoop } from '../../platform/workers/yield.ts';
import { findTask, insertTask, type TaskPatch, type TaskStatus, tasksOfPlan, updateTaskIf } from '../inspections/index.ts';

/**
 * Storage of supervision: random plans, hazards, rectification orders, extension requests, conflicts.
 * Every function takes `db | trx`. State changes are compare-and-set (`…If`): they return false when the
 * row was no longer in an expected state, and the caller answers 409.
 */

// ---- plans ------------------------------------------------------------------------------------

export async function findPlan(db: Executor, id: string): Promise<RandomPlanTable | undefined> {
  return db.selectFrom('random_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(trx: Executor, row: RandomPlanTable): Promise<void> {
  await trx.insertInto('random_plans').values(row).execute();
}

export async function updatePlanIf(trx: Executor, id: string, expected: RandomPlanTable['status'], patch: Partial<RandomPlanTable>): Promise<boolean> {
  const r = await trx.updateTable('random_plans').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Compare-and-set on a drawn plan's count of units still without their inspection task: of two writers of the same
 * tasks, one moves the count and writes them, the other finds it moved.
 */
export async function updateTasksPendingIf(trx: Executor, id: string, expected: number, next: number): Promise<boolean> {
  const r = await trx
    .updateTable('random_plans')
    .set({ tasks_pending: next })
    .where('id', '=', id)
    .where('status', '=', 'drawn')
    .where('tasks_pending', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * A drawn plan of the same area (the agency's, an ancestor's or a descendant's) whose inspection tasks are still being
 * written, if any: until they are, the directory's draw history and inspections for a purpose are incomplete.
 */
export async function planWritingTasksOver(db: Executor, agencyPath: string): Promise<Pick<RandomPlanTable, 'id' | 'title' | 'tasks_pending'> | undefined> {
  const writing = await db
    .selectFrom('random_plans')
    .select(['id', 'title', 'agency_path', 'tasks_pending'])
    .where('status', '=', 'drawn')
    .where('tasks_pending', '>', 0)
    .execute();
  return writing.find((p) => p.agency_path.startsWith(agencyPath) || agencyPath.startsWith(p.agency_path));
}

/** A task of a plan gets its checklist from the plan (stored once there). */
export async function withPlanChecklist(db: Executor, task: InspectionTaskTable): Promise<InspectionTaskTable> {
  if (task.checklist_json || !task.plan_id) return task;
  const plan = await db.selectFrom('random_plans').select('items_json').where('id', '=', task.plan_id).executeTakeFirst();
  return { ...task, checklist_json: plan?.items_json ?? null };
}

export async function unitByUsci(db: Executor, usci: string) {
  return db.selectFrom('units').selectAll().where('usci', '=', usci).executeTakeFirst();
}

/**
 * The directory rows of drawn units, by USCI. Looked up in USCI order, so that the index's pages are read once each,
 * in statements of 1,000 compiled once per shape (a draw looks up a hundred thousand units).
 */
export async function unitsByUsci(db: Executor, uscis: readonly string[]) {
  type DrawnUnit = Pick<UnitTable, 'id' | 'usci' | 'name' | 'address' | 'agency_id' | 'agency_path' | 'region_code'>;
  const out = new Map<string, DrawnUnit>();
  const sorted = [...uscis].sort();
  for (let i = 0; i < sorted.length; i += 1000) {
    // The event loop turns between statements: the other requests are served during a draw's hundred lookups.
    await yieldToLoop();
    const chunk = sorted.slice(i, i + 1000);
    const r = await runCompiled<DrawnUnit>(db, `units-by-usci:${chunk.length}`, chunk, () =>
      db.selectFrom('units').select(['id', 'usci', 'name', 'address', 'agency_id', 'agency_path', 'region_code']).where('usci', 'in', chunk),
    );
    for (const row of r.rows) out.set(row.usci, row);
  }
  return out;
}

// ---- conflicts --------------------------------------------------------------------------------

/** Inserts a declared conflict; false when the inspector has already declared one for the unit. */
export async function insertConflict(trx: Executor, row: InspectorConflictTable): Promise<boolean> {
  const r = await trx
    .insertInto('inspector_conflicts')
    .values(row)
    .onConflict((oc) => oc.columns(['inspector_user_id', 'usci']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

// ---- orders, hazards, extensions --------------------------------------------------------------

export async function findOrder(db: Executor, id: string): Promise<RectificationOrderTable | undefined> {
  return db.selectFrom('rectification_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOrderIf(
  trx: Executor,
  id: string,
  expected: readonly RectificationOrderTable['status'][],
  patch: Partial<RectificationOrderTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('rectification_orders')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', [...expected])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findExtension(db: Executor, id: string): Promise<OrderExtensionTable | undefined> {
  return db.selectFrom('order_extensions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateExtensionIf(trx: Executor, id: string, expected: OrderExtensionTable['status'], patch: Partial<OrderExtensionTable>) {
  const r = await trx.updateTable('order_extensions').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function extensionsOf(db: Executor, orderId: string): Promise<OrderExtensionTable[]> {
  return db.selectFrom('order_extensions').selectAll().where('order_id', '=', orderId).orderBy('requested_at').execute();
}

/**
 * What the rectification-order use cases need from storage and the platform, as one port: the Kysely
 * implementation below by default, an in-memory fake in use-case tests (deps.supervision).
 */
export interface SupervisionStore {
  findTask(ex: Executor, id: string): Promise<InspectionTaskTable | undefined>;
  withPlanChecklist(ex: Executor, task: InspectionTaskTable): Promise<InspectionTaskTable>;
  updateTaskIf(
    ex: Executor,
    task: InspectionTaskTable,
    expected: readonly TaskStatus[],
    patch: TaskPatch,
    opts?: { draftDiffersFrom?: string },
  ): Promise<InspectionTaskTable | null>;
  insertTask(ex: Executor, row: InspectionTaskTable): Promise<InspectionTaskTable>;
  /** The stored files among `ids`, with their content type. */
  files(ex: Executor, ids: string[]): Promise<{ id: string; content_type: string }[]>;
  agency(ex: Executor, id: string): Promise<AgencyTable | undefined>;
  rectificationPolicy(ex: Executor, agency: AgencyTable, onDate: string): Promise<ResolvedPolicy<RectificationPolicy>>;
  addWorkingDays(ex: Executor, regionCode: string, from: string, days: number): Promise<{ date: string; provisional: boolean }>;
  nextOrderSequence(ex: Executor, agencyId: string, year: number): Promise<number>;
  /** Renders, seals (the agency's SM2 key) and stores the document; returns the stored PDF's SHA-256. */
  sealDocument(ex: Executor, deps: AppContext, agencyId: string, spec: DocumentSpec): Promise<string>;
  startClock(ex: Executor, clock: NewClock, now: Date): Promise<{ id: string }>;
  /** Applies a clock event unless the clock is missing or already stopped. */
  clockEvent(
    ex: Executor,
    clockId: string | null,
    event: { type: 'extend' | 'stop'; amount?: number; reason: string },
    actorUserId: string | null,
    now: Date,
  ): Promise<void>;
  insertOrder(ex: Executor, row: RectificationOrderTable): Promise<void>;
  findOrder(ex: Executor, id: string): Promise<RectificationOrderTable | undefined>;
  updateOrderIf(ex: Executor, id: string, expected: readonly RectificationOrderTable['status'][], patch: Partial<RectificationOrderTable>): Promise<boolean>;
  insertHazard(ex: Executor, row: HazardTable): Promise<void>;
  setHazardsOfOrder(ex: Executor, orderId: string, status: HazardTable['status'], nowIso: string): Promise<void>;
  pendingExtension(ex: Executor, orderId: string): Promise<{ id: string } | undefined>;
  insertExtension(ex: Executor, row: OrderExtensionTable): Promise<void>;
  findExtension(ex: Executor, id: string): Promise<OrderExtensionTable | undefined>;
  updateExtensionIf(ex: Executor, id: string, expected: OrderExtensionTable['status'], patch: Partial<OrderExtensionTable>): Promise<boolean>;
}

export const supervisionStore: SupervisionStore = {
  findTask,
  withPlanChecklist,
  updateTaskIf,
  insertTask,
  files: (ex, ids) => (ids.length ? ex.selectFrom('files').select(['id', 'content_type']).where('id', 'in', ids).execute() : Promise.resolve([])),
  agency: (ex, id) => findAgency(ex, id),
  async rectificationPolicy(ex, agency, onDate) {
    const [p] = await resolveForAgency(ex, agency, onDate, ['supervision.rectification']);
    return p as ResolvedPolicy<RectificationPolicy>;
  },
  async addWorkingDays(ex, regionCode, from, days) {
    return addWorkingDays(await loadCalendar(ex, regionCode), from, days);
  },
  nextOrderSequence: (ex, agencyId, year) => nextSequence(ex, agencyId, 'order', year),
  async sealDocument(ex, deps, agencyId, spec) {
    const key = await agencySealKey(ex, deps.sealMasterKey, agencyId, deps.now());
    const sealed = await renderDocument(deps, spec, key);
    return storeBlob(deps.config.dataDir, sealed.pdf);
  },
  startClock: (ex, clock, now) => startClock(ex, clock, now),
  async clockEvent(ex, clockId, event, actorUserId, now) {
    if (!clockId) return;
    const c = await ex.selectFrom('clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
    if (c && c.status !== 'stopped') await applyClockEvent(ex, c, event, actorUserId, now);
  },
  async insertOrder(ex, row) {
    await ex.insertInto('rectification_orders').values(row).execute();
  },
  findOrder,
  updateOrderIf,
  async insertHazard(ex, row) {
    await ex.insertInto('hazards').values(row).execute();
  },
  async setHazardsOfOrder(ex, orderId, status, nowIso) {
    await ex.updateTable('hazards').set({ status, updated_at: nowIso }).where('order_id', '=', orderId).execute();
  },
  pendingExtension: (ex, orderId) =>
    ex.selectFrom('order_extensions').select('id').where('order_id', '=', orderId).where('status', '=', 'pending').executeTakeFirst(),
  async insertExtension(ex, row) {
    await ex.insertInto('order_extensions').values(row).execute();
  },
  findExtension,
  updateExtensionIf,
};

/** Deps of the supervision use cases: the store can be replaced (use-case tests). */
export type SupervisionDeps = Deps & { supervision?: SupervisionStore };
export const storeOf = (deps: SupervisionDeps): SupervisionStore => deps.supervision ?? supervisionStore;

/** The sampling factors and rectification policy on a date (plans). */
export async function samplingFactors(db: Executor, agency: AgencyTable, at: Date): Promise<ResolvedPolicy<SamplingFactorsPolicy>> {
  const [p] = await resolveForAgency(db, agency, chinaDateOf(at), ['supervision.sampling_factors']);
  return p as ResolvedPolicy<SamplingFactorsPolicy>;
}

// ---- reads for the lists and the public pages (routes) ------------------------------------------

/** The plans of the agency's scope, newest first (the working list: the latest 100). */
export async function plansInScope(db: Executor, scope: DataScope): Promise<RandomPlanTable[]> {
  return db
    .selectFrom('random_plans')
    .selectAll()
    .where(scopeFilter(scope, { agencyPath: 'random_plans.agency_path' }))
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** A plan that has been published (a draft is never public, SUP-08). */
export async function findPublishedPlan(db: Executor, id: string): Promise<RandomPlanTable | undefined> {
  return db.selectFrom('random_plans').selectAll().where('id', '=', id).where('status', '!=', 'draft').executeTakeFirst();
}

/**
 * The published plans with their agency's name, latest publications first (50), optionally those of one
 * region's agency and the agencies below it; an unknown region has none.
 */
export async function publishedPlans(db: Executor, regionCode?: string): Promise<(RandomPlanTable & { agencyName: string })[]> {
  let query = db
    .selectFrom('random_plans')
    .innerJoin('agencies', 'agencies.id', 'random_plans.agency_id')
    .selectAll('random_plans')
    .select('agencies.name as agencyName')
    .where('random_plans.status', '!=', 'draft');
  if (regionCode) {
    const a = await db.selectFrom('agencies').select('path').where('region_code', '=', regionCode).executeTakeFirst();
    query = query.where('random_plans.agency_path', 'like', `${a?.path ?? '/none/'}%`);
  }
  return query.orderBy('random_plans.published_at', 'desc').limit(50).execute();
}

export type PublicationCadence = 'per_plan' | 'monthly' | 'quarterly';

/** SUP-08: how often each agency publishes plans and results, from its `supervision.publication` policy on the date. */
export async function publicationCadences(db: Executor, agencyIds: string[], onDate: string): Promise<Map<string, PublicationCadence>> {
  const out = new Map<string, PublicationCadence>();
  for (const id of new Set(agencyIds)) {
    const agency = await agencyById(db, id);
    if (!agency) continue;
    const [pub] = await resolveForAgency(db, agency, onDate, ['supervision.publication']);
    out.set(id, (pub!.values as { cadence: PublicationCadence }).cadence);
  }
  return out;
}

/** The tasks of a plan with their inspectors' display names (the public results page masks them). */
export async function planResults(db: Executor, planId: string) {
  const tasks = await tasksOfPlan(db, planId);
  const ids = [...new Set(tasks.flatMap((t) => t.inspectorIds))];
  const rows = ids.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : [];
  return { tasks, names: new Map(rows.map((u) => [u.id, u.display_name])) };
}

/** The declared conflicts of the inspectors of the agencies in scope, latest first (500). */
export async function conflictsInScope(db: Executor, scope: DataScope) {
  return db
    .selectFrom('inspector_conflicts')
    .innerJoin('inspectors', 'inspectors.user_id', 'inspector_conflicts.inspector_user_id')
    .innerJoin('agencies', 'agencies.id', 'inspectors.agency_id')
    .innerJoin('users', 'users.id', 'inspector_conflicts.inspector_user_id')
    .leftJoin('units', 'units.usci', 'inspector_conflicts.usci')
    .select(['inspector_conflicts.id', 'inspector_conflicts.usci', 'inspector_conflicts.kind', 'inspector_conflicts.note', 'inspector_conflicts.declared_at'])
    .select(['users.display_name as inspector', 'units.name as unitName'])
    .where(scopeFilter(scope, { agencyPath: 'agencies.path' }))
    .orderBy('inspector_conflicts.declared_at', 'desc')
    .limit(500)
    .execute();
}
export type ConflictListRow = Awaited<ReturnType<typeof conflictsInScope>>[number];

/** The scope filter of rectification orders: the agency's and those below it, or the unit's own. */
export const orderScopeFilter = (scope: DataScope) =>
  scopeFilter<'rectification_orders'>(scope, { agencyPath: 'rectification_orders.agency_path', usci: 'rectification_orders.usci' });

/**
 * Rectification orders in scope, newest first: optionally only some statuses, only the listed ones
 * (重大火灾隐患挂牌督办, SUP-11), at most `limit`.
 */
export async function ordersInScope(
  db: Executor,
  scope: DataScope,
  opts: { statuses?: string[]; listed?: boolean; limit?: number } = {},
): Promise<RectificationOrderTable[]> {
  let query = db.selectFrom('rectification_orders').selectAll().where(orderScopeFilter(scope));
  if (opts.statuses) query = query.where('status', 'in', opts.statuses as RectificationOrderTable['status'][]);
  if (opts.listed) query = query.where('listed', '=', 1);
  query = query.orderBy('created_at', 'desc');
  if (opts.limit) query = query.limit(opts.limit);
  return query.execute();
}

/** The pending extension requests in scope with their order (column names as selected; the web reads them so). */
export async function pendingExtensionsInScope(db: Executor, scope: DataScope) {
  return db
    .selectFrom('order_extensions')
    .innerJoin('rectification_orders', 'rectification_orders.id', 'order_extensions.order_id')
    .select([
      'order_extensions.id',
      'order_extensions.requested_days',
      'order_extensions.reason',
      'order_extensions.requested_at',
      'rectification_orders.number',
      'rectification_orders.subject_name',
      'rectification_orders.deadline_date',
    ])
    .where(scopeFilter(scope, { agencyPath: 'order_extensions.agency_path' }))
    .where('order_extensions.status', '=', 'pending')
    .execute();
}

/**
 * The law-enforcement certificates (执法资格) of some users, from the inspector directory: what the
 * officer's enforcement file shows (OVS-02). Users without a directory entry are absent from the map.
 */
export async function inspectorCertificates(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, { certificateNo: string; certifiedUntil: string; active: boolean }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspectors')
    .select(['user_id', 'certificate_no', 'certified_until', 'active'])
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.user_id, { certificateNo: r.certificate_no, certifiedUntil: r.certified_until, active: Number(r.active) === 1 }]));
}
