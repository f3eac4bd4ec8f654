import { chinaDateOf, renderDocumentNumber } from '@fep/domain';
import { insertRows } from '../../../db/compiled.ts';
import type { ApplicationTable, ClockTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { nextSequence, reserveReference } from '../../../platform/documents/sequences.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import { type ApplicationInput, checkInput, checkSubmittable, inputColumns } from '../application-input.ts';
import { submitNewStep } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { APPLICATION_SUBMITTED, applicationEvent, applicationFact } from '../events.ts';
import { APPOINTMENT, COMMITMENT, EXEMPTION, PENDING, POLICY_VERSIONS } from '../licensing.columns.ts';
import { handlingAgency } from '../licensing.policy.ts';

/**
 * LIC-01: an applicant creates an application (a draft, or submitted at once), handled by the agency the
 * region's policy names. Run under an Idempotency-Key by the route: a retry replays the first answer.
 */
export async function createApplication(
  deps: LicensingDeps,
  actor: Actor,
  input: { application: ApplicationInput; submit: boolean },
): Promise<{ id: string; application: ApplicationTable; clock: ClockTable | null }> {
  const { application, submit } = input;
  const db = deps.database.db;
  const userId = userIdOf(actor);
  if (!actor.usci) throw new AppError('AUTH.FORBIDDEN', '只有以统一社会信用代码登记的企业账号可以申请');
  const usci = actor.usci;
  const { agency, policy } = await handlingAgency(db, application.regionCode, deps.now());
  await checkInput(db, userId, application, policy);
  const checked = submit ? checkSubmittable(application, policy) : null;
  const repo = applicationsOf(deps);
  const year = Number(chinaDateOf(deps.now()).slice(0, 4));
  const reserved = await reserveReference(deps.database, agency.id, 'application', year);
  return transact(deps, actor, async (trx, audit, emit) => {
    const now = deps.now();
    const nowIso = now.toISOString();
    const seq = reserved ?? (await nextSequence(trx, agency.id, 'application', year));
    const row: ApplicationTable = {
      id: uuidv7(now.getTime()),
      // The reference form is the agency's licensing.numbering policy (its version is in policy_json).
      reference_no: renderDocumentNumber(policy.numbering.referenceTemplate, {
        agencyShortName: agency.short_name,
        regionCode: agency.region_code,
        year,
        seq,
        seqDigits: policy.numbering.referenceSeqDigits,
      }),
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: application.regionCode,
      applicant_user_id: userId,
      usci,
      ...inputColumns(application),
      status: 'draft',
      pending_json: PENDING.encode([]),
      commitment_json: application.commitment ? COMMITMENT.encode(application.commitment) : null,
      appointment_json: application.appointmentPreference ? APPOINTMENT.encode(application.appointmentPreference) : null,
      exemption_json: checked ? EXEMPTION.encode(checked.exemption) : null,
      policy_json: POLICY_VERSIONS.encode(policy.versions),
      clock_id: null,
      decision_json: null,
      licence_id: null,
      version: 1,
      submitted_at: null,
      accepted_at: null,
      decided_at: null,
      lookup_code_hash: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    // Submitted at once: the row is written once, submitted and with its clock (submitNewStep).
    if (!submit) await insertRows(trx, 'applications', [row]);
    await audit({
      action: 'application.create',
      targetType: 'application',
      targetId: row.id,
      after: row,
      details: { numbering: policy.versions['licensing.numbering'] ?? null },
      policyVersion: policy.versions['licensing.exemption'] ?? null,
    });
    if (!submit) return { id: row.id, application: row, clock: null };
    const done = await submitNewStep({ repo, trx, deps, audit, emit, actorUserId: userId }, row, policy);
    emit(applicationEvent(APPLICATION_SUBMITTED, { ...applicationFact(done.row), resubmitted: false }));
    return { id: row.id, application: done.row, clock: done.clock };
  });
}
