import { addWorkingDays, chinaDateOf, type RectificationPolicy, type ResolvedPolicy, type SamplingFactorsPolicy } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type {
  AgencyTable,
  HazardTable,
  InspectionTaskTable,
  InspectorConflictTable,
  OrderExtensionTable,
  RandomPlanTable,
  RectificationOrderTable,
} from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AuditInput } from '../../platform/audit/chain.ts';
import { recordRefusal } from '../../platform/audit/mutate.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { applyClockEvent, type NewClock, startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { type DocumentSpec, renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { agencySealKey, sealPdf } from '../../platform/documents/seal.ts';
import { nextSequence } from '../../platform/documents/sequences.ts';
import { storeBlob } from '../../platform/files/storage.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import type { Deps } from '../../platform/transact.ts';
import { findTask, insertTask, type TaskPatch, type TaskStatus, updateTaskIf } from '../inspections/index.ts';

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

/** A task of a plan gets its checklist from the plan (stored once there). */
export async function withPlanChecklist(db: Executor, task: InspectionTaskTable): Promise<InspectionTaskTable> {
  if (task.checklist_json || !task.plan_id) return task;
  const plan = await db.selectFrom('random_plans').select('items_json').where('id', '=', task.plan_id).executeTakeFirst();
  return { ...task, checklist_json: plan?.items_json ?? null };
}

export async function unitByUsci(db: Executor, usci: string) {
  return db.selectFrom('units').selectAll().where('usci', '=', usci).executeTakeFirst();
}

export async function unitsByUsci(db: Executor, uscis: string[]) {
  const out = new Map<string, { id: string; name: string; address: string; agency_id: string; agency_path: string; region_code: string }>();
  for (let i = 0; i < uscis.length; i += 500) {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'usci', 'name', 'address', 'agency_id', 'agency_path', 'region_code'])
      .where('usci', 'in', uscis.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.usci, r);
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
  recordRefusal(deps: Deps, actor: Actor, input: AuditInput): Promise<void>;
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
    const sealed = sealPdf(await renderDocumentPdf(spec), key);
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
  recordRefusal: (deps, actor, input) => recordRefusal(deps, actor, input),
};

/** Deps of the supervision use cases: the store can be replaced (use-case tests). */
export type SupervisionDeps = Deps & { supervision?: SupervisionStore };
export const storeOf = (deps: SupervisionDeps): SupervisionStore => deps.supervision ?? supervisionStore;

/** The sampling factors and rectification policy on a date (plans). */
export async function samplingFactors(db: Executor, agency: AgencyTable, at: Date): Promise<ResolvedPolicy<SamplingFactorsPolicy>> {
  const [p] = await resolveForAgency(db, agency, chinaDateOf(at), ['supervision.sampling_factors']);
  return p as ResolvedPolicy<SamplingFactorsPolicy>;
}
