import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
  ApplicationTransitionError,
  type LicensingPath,
  nextApplicationStatus,
} from '@fep/domain';
import { insertRows } from '../../db/compiled.ts';
import type { Executor } from '../../db/database.ts';
import type { ApplicationTable, ClockTable, LicenceTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { shareFilesWithAgency } from '../../platform/files/files.repository.ts';
import type { Audit, Emit } from '../../platform/transact.ts';
import type { ApplicationsRepository, ClockSpec } from './applications.repository.ts';
import { INTAKE_DOCUMENT_RECORDED, intakeDocumentEvent } from './events.ts';
import { type IntakeDocumentRequest, lookupCodeHash, lookupCodeOf } from './intake-documents.ts';
import type { IssueOptions } from './licence-issuance.ts';
import { COMMITMENT, MATERIALS } from './licensing.columns.ts';
import { basisOf, type LicensingPolicy } from './licensing.policy.ts';

/**
 * Shared steps of the licensing use cases: transitions with Chinese refusals, and the writes a step makes
 * beside the application row, each with its own enforcement-record event (a clock paused or stopped, a
 * clock started from policy, a permit issued, a seal key generated, a unit entered in the directory).
 */
export function transition(
  row: Pick<ApplicationTable, 'status' | 'path'>,
  action: ApplicationAction,
  ctx: { legalReviewRequired?: boolean; grant?: boolean } = {},
): ApplicationStatus {
  try {
    return nextApplicationStatus(row.status as ApplicationStatus, action, { path: row.path as LicensingPath, ...ctx });
  } catch (e) {
    if (e instanceof ApplicationTransitionError) {
      throw new AppError('LICENSING.ILLEGAL_TRANSITION', `申请当前状态为“${APPLICATION_STATUS_LABELS[e.from]}”，不能${APPLICATION_ACTION_LABELS[e.action]}`, {
        status: e.from,
        action: e.action,
      });
    }
    throw e;
  }
}

export interface StepContext {
  repo: ApplicationsRepository;
  trx: Executor;
  deps: AppContext;
  audit: Audit;
  emit: Emit;
  actorUserId: string | null;
}

/** Pauses / resumes / stops a clock and records it (nothing when the clock is already there). */
export async function clockStep(s: StepContext, clockId: string | null, type: 'pause' | 'resume' | 'stop', reason: string): Promise<void> {
  const change = await s.repo.clockStep(s.trx, s.deps, clockId, type, reason, s.actorUserId);
  if (!change) return;
  await s.audit({
    action: `clock.${type}`,
    targetType: 'clock',
    targetId: change.after.id,
    before: change.before,
    after: change.after,
    details: { reason },
    policyVersion: change.after.policy_version,
  });
}

/** Starts a clock of the application (or of a task it opens) and records it, citing the policy version. */
export async function startApplicationClock(s: StepContext, app: ApplicationTable, spec: ClockSpec): Promise<ClockTable> {
  const clock = await s.repo.startClock(s.trx, s.deps, app, spec);
  await s.audit({ action: 'clock.create', targetType: 'clock', targetId: clock.id, after: clock, policyVersion: spec.policyVersion });
  return clock;
}

/** Records the agency's seal key when a document generated it (its first sealed document). */
async function sealKeyStep(s: StepContext, created: { id: string; agencyId: string } | null, reason: string): Promise<void> {
  if (!created) return;
  await s.audit({ action: 'seal_key.create', targetType: 'seal_key', targetId: created.id, details: { agency: created.agencyId, algorithm: 'SM2', reason } });
}

/** Issues the e-licence and records it (and the agency's seal key, when this issuance generated it). */
export async function issueLicenceStep(s: StepContext, app: ApplicationTable, opts: IssueOptions): Promise<LicenceTable> {
  const { licence, sealKeyCreated, numberingVersion } = await s.repo.issueLicence(s.trx, s.deps, app, opts);
  await sealKeyStep(s, sealKeyCreated, '机构首次签发电子证照');
  await s.audit({
    action: 'licence.issue',
    targetType: 'licence',
    targetId: licence.id,
    after: licence,
    policyVersion: licence.policy_version,
    details: { ...(opts.previous ? { revisionOf: opts.previous.id } : {}), ...(numberingVersion ? { numbering: numberingVersion } : {}) },
  });
  return licence;
}

/**
 * Issues the written voucher of an intake act (行政许可法 art. 32) in the act's transaction and records it
 * on the application's enforcement record (and the agency's seal key, when this document generated it).
 * The sealed PDF is not rendered here (15–40 ms of CPU would hold the single writer): the event makes it
 * after the commit, and the first download or verification makes it if that comes first.
 */
export async function issueDocumentStep(s: StepContext, app: ApplicationTable, request: IntakeDocumentRequest): Promise<void> {
  const { document, sealKeyCreated, numberingVersion } = await s.repo.issueDocument(s.trx, s.deps, app, request, s.actorUserId);
  await sealKeyStep(s, sealKeyCreated, '机构首次出具电子文书');
  await s.audit({
    action: 'application_document.issue',
    targetType: 'application',
    targetId: app.id,
    after: document,
    policyVersion: numberingVersion,
    details: { document: document.id, kind: document.kind, number: document.number, act: document.act },
  });
  s.emit(intakeDocumentEvent(INTAKE_DOCUMENT_RECORDED, { documentId: document.id, applicationId: app.id, agencyId: app.agency_id, kind: document.kind }));
}

/** Enters the venue's unit in the directory when it is not there yet (the units feature writes and records it). */
export function ensureUnitStep(s: StepContext, app: ApplicationTable): Promise<string> {
  return s.repo.ensureUnit(s.trx, s.deps, s.audit, app);
}

/**
 * draft → submitted (LIC-01): the commitment is signed, the statutory clock starts — on the commitment
 * path the decision limit, on the inspection path the on-site check limit, each citing the legal basis of
 * the policy value in force — and the attached files are handed to the handling agency.
 */
export async function submitStep(s: StepContext, row: ApplicationTable, policy: LicensingPolicy): Promise<ApplicationTable> {
  return (await submitted(s, row, policy, false)).row;
}

/**
 * Submits an application created in the same transaction: it is written once, already submitted and with its
 * clock (no draft row to compare-and-set against, so no update), with the same two record events.
 */
export async function submitNewStep(s: StepContext, draft: ApplicationTable, policy: LicensingPolicy): Promise<{ row: ApplicationTable; clock: ClockTable }> {
  return submitted(s, draft, policy, true);
}

async function submitted(
  s: StepContext,
  row: ApplicationTable,
  policy: LicensingPolicy,
  fresh: boolean,
): Promise<{ row: ApplicationTable; clock: ClockTable }> {
  const status = transition(row, 'submit');
  const nowIso = s.deps.now().toISOString();
  const isCommitment = row.path === 'commitment';
  let commitment = row.commitment_json;
  if (isCommitment && commitment) {
    const c = COMMITMENT.decode(commitment)!;
    commitment = COMMITMENT.encode({ ...c, signedAt: nowIso, template: policy.commitment.template, templateVersion: policy.versions['licensing.commitment'] });
  }
  // The 办件查询 code is handed to the applicant on the receipt; the application keeps only its HMAC.
  const lookupCode = lookupCodeOf(s.deps, row.id);
  const patch = { status, submitted_at: nowIso, commitment_json: commitment, lookup_code_hash: lookupCodeHash(s.deps, row.id, lookupCode) };
  // Compare-and-set first: a concurrent second submission gets 409 before it starts a clock.
  const claimed = fresh ? { ...row, ...patch, version: row.version + 1, updated_at: nowIso } : await s.repo.update(s.trx, row, patch, nowIso);
  const kind = isCommitment ? 'licensing.commitment' : 'licensing.inspection';
  const field = isCommitment ? 'decisionWorkingDays' : 'checkWorkingDays';
  const clock = await startApplicationClock(s, row, {
    title: isCommitment ? '营业前消防安全检查・告知承诺许可时限' : '营业前消防安全检查・现场检查时限',
    amount: isCommitment ? policy.commitment.decisionWorkingDays : policy.inspection.checkWorkingDays,
    legalBasis: basisOf(policy, kind, field),
    policyVersion: policy.versions[kind] ?? null,
  });
  const next = { ...claimed, clock_id: clock.id };
  if (fresh) await insertRows(s.trx, 'applications', [next]);
  else await s.trx.updateTable('applications').set({ clock_id: clock.id }).where('id', '=', row.id).where('version', '=', claimed.version).execute();
  const fileIds = [...new Set(Object.values(MATERIALS.decode(row.materials_json) ?? {}).flat())];
  if (fileIds.length && s.actorUserId) await shareFilesWithAgency(s.trx, fileIds, row.agency_id, s.actorUserId);
  await s.audit({
    action: 'application.submit',
    targetType: 'application',
    targetId: row.id,
    before: row,
    after: next,
    details: { policyVersions: policy.versions },
    policyVersion: policy.versions[kind] ?? null,
  });
  const submitted = Object.keys(MATERIALS.decode(row.materials_json) ?? {});
  await issueDocumentStep(s, next, {
    kind: 'receipt',
    lookupCode,
    path: row.path,
    materials: policy.materials.materials.filter((m) => submitted.includes(m.code)).map((m) => m.name),
  });
  return { row: next, clock };
}
