import type { Executor } from '../../db/database.ts';
import type { ApplicationNoticeTable, ApplicationTable, ClockTable, InspectionTaskTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { applyClockEvent, startClock } from '../../platform/clocks/clocks.service.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import type { Audit, Deps } from '../../platform/transact.ts';
import { insertTask } from '../inspections/index.ts';
import { enterUnitFromApplication } from '../units/index.ts';
import { type IntakeDocumentRequest, type IssuedIntakeDocument, issueIntakeDocument } from './intake-documents.ts';
import { type IssuedLicence, type IssueOptions, issueLicence } from './licence-issuance.ts';
import { loadApplication } from './licensing.access.ts';
import { type LicensingPolicy, licensingPolicy } from './licensing.policy.ts';

/**
 * Storage the application use cases need, behind one interface so that use-case tests inject a fake
 * (no database): the application row with its optimistic version, notices, the application's clocks,
 * the permit issuance, the unit directory entry and the inspection task a step opens.
 */
export interface ClockSpec {
  title: string;
  amount: number;
  legalBasis: { document: string; clause?: string };
  policyVersion: string | null;
  targetType?: string;
  targetId?: string;
}

export interface ClockChange {
  before: ClockTable;
  after: ClockTable;
}

export interface ApplicationsRepository {
  /** One application in the actor's scope (404 otherwise). */
  load(deps: AppContext, actor: Actor, id: string): Promise<ApplicationTable>;
  policy(db: Executor, agencyId: string, now: Date): Promise<LicensingPolicy>;
  /** The committed row, read inside the transaction. */
  reload(db: Executor, id: string): Promise<ApplicationTable>;
  /** Compare-and-set on the version: 409 LICENSING.STALE_VERSION when someone changed it since `row` was read. */
  update(db: Executor, row: ApplicationTable, patch: Partial<ApplicationTable>, nowIso: string): Promise<ApplicationTable>;
  notices(db: Executor, applicationId: string): Promise<ApplicationNoticeTable[]>;
  insertNotice(db: Executor, row: ApplicationNoticeTable): Promise<void>;
  openingCheck(db: Executor, applicationId: string): Promise<InspectionTaskTable | undefined>;
  /** Pauses / resumes / stops the clock when it can (a stopped clock stays stopped); null when nothing changed. */
  clockStep(
    db: Executor,
    deps: AppContext,
    clockId: string | null,
    type: 'pause' | 'resume' | 'stop',
    reason: string,
    actorUserId: string | null,
  ): Promise<ClockChange | null>;
  startClock(db: Executor, deps: AppContext, app: ApplicationTable, spec: ClockSpec): Promise<ClockTable>;
  issueLicence(db: Executor, deps: AppContext, app: ApplicationTable, opts: IssueOptions): Promise<IssuedLicence>;
  /** Numbers, renders, seals and stores an intake document (受理回执, 受理/补正/不予受理通知书) of the act. */
  issueDocument(db: Executor, deps: AppContext, app: ApplicationTable, request: IntakeDocumentRequest, issuedBy: string | null): Promise<IssuedIntakeDocument>;
  /** The venue's unit in the directory (SUP-01), created from the application when it is not there yet. */
  /** Enters the applicant's unit in the directory through the units feature (which records the entry); its id. */
  ensureUnit(db: Executor, deps: AppContext, audit: Audit, app: ApplicationTable): Promise<string>;
  insertTask(db: Executor, row: InspectionTaskTable): Promise<void>;
}

/**
 * Writes a change to an application only if nobody changed it since it was read (optimistic lock): of two
 * concurrent transitions the second waits on the row, then finds the version moved and gets 409 instead
 * of silently overwriting the first. Callers do this FIRST in their transaction, before any other effect.
 */
export async function updateApplication(trx: Executor, row: ApplicationTable, patch: Partial<ApplicationTable>, nowIso: string): Promise<ApplicationTable> {
  const next = { ...row, ...patch, version: row.version + 1, updated_at: nowIso };
  const r = await trx
    .updateTable('applications')
    .set({ ...patch, version: next.version, updated_at: nowIso })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('LICENSING.STALE_VERSION', '该申请刚被他人处理，请刷新后重试');
  return next;
}

/** Re-reads the application inside the transaction, so checks see the committed state. */
export async function reload(trx: Executor, id: string): Promise<ApplicationTable> {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export const kyselyApplications: ApplicationsRepository = {
  load: (deps, actor, id) => loadApplication(deps, actor, id),
  async policy(db, agencyId, now) {
    return licensingPolicy(db, (await findAgency(db, agencyId))!, now);
  },
  reload,
  update: updateApplication,
  notices: (db, id) => db.selectFrom('application_notices').selectAll().where('application_id', '=', id).orderBy('seq').execute(),
  async insertNotice(db, row) {
    await db.insertInto('application_notices').values(row).execute();
  },
  openingCheck: (db, id) =>
    db.selectFrom('inspection_tasks').selectAll().where('application_id', '=', id).where('purpose', '=', 'opening_check').executeTakeFirst(),
  async clockStep(db, deps, clockId, type, reason, actorUserId) {
    if (!clockId) return null;
    const c = await db.selectFrom('clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
    if (!c) return null;
    if (type === 'pause' && c.status !== 'running') return null;
    if (type === 'resume' && c.status !== 'paused') return null;
    if (type === 'stop' && c.status === 'stopped') return null;
    const r = await applyClockEvent(db, c, { type, reason }, actorUserId, deps.now());
    return { before: r.before, after: r.after };
  },
  async startClock(db, deps, app, spec) {
    // The handling agency is on the application itself (id and path): no lookup.
    const agency = { id: app.agency_id, path: app.agency_path };
    return startClock(
      db,
      {
        targetType: spec.targetType ?? 'application',
        targetId: spec.targetId ?? app.id,
        title: `${app.venue_name} ${spec.title}`,
        agency: { id: agency.id, path: agency.path, regionCode: app.region_code },
        unit: 'working_days',
        amount: Math.max(1, spec.amount),
        legalBasis: spec.legalBasis,
        startedAt: deps.now().toISOString(),
        policyVersion: spec.policyVersion,
      },
      deps.now(),
    );
  },
  issueLicence: (db, deps, app, opts) => issueLicence(db, deps, app, opts),
  issueDocument: (db, deps, app, request, issuedBy) => issueIntakeDocument(db, deps, app, request, issuedBy),
  async ensureUnit(db, deps, audit, app) {
    const { id } = await enterUnitFromApplication(db, deps, audit, {
      applicationId: app.id,
      usci: app.usci,
      name: app.company_name,
      address: app.venue_address,
      regionCode: app.region_code,
      agencyId: app.agency_id,
      venueKind: app.venue_kind,
      floorArea: app.floor_area,
      ownerUserId: app.applicant_user_id,
      contactName: app.contact_name,
      contactPhone: app.contact_phone,
    });
    return id;
  },
  async insertTask(db, row) {
    await insertTask(db, row);
  },
};

/** Use cases take the repository from their deps (a fake in use-case tests), the Kysely one by default. */
export type ApplicationDeps = { applications?: ApplicationsRepository };
export type LicensingDeps = Deps & ApplicationDeps;
export const applicationsOf = (deps: ApplicationDeps): ApplicationsRepository => deps.applications ?? kyselyApplications;
