import { targetLabel } from '@fep/domain';
import type { ApplicationTable } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { shareFilesWithAgency } from '../../../platform/files/files.repository.ts';
import { transact } from '../../../platform/transact.ts';
import { type ApplicationInput, checkInput, checkSubmittable, inputColumns, inputOf } from '../application-input.ts';
import { clockStep, submitStep, transition } from '../application-steps.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { APPLICATION_SUBMITTED, applicationEvent, applicationFact } from '../events.ts';
import { assertApplicant } from '../licensing.access.ts';
import { APPOINTMENT, COMMITMENT, NOTICE_ITEMS } from '../licensing.columns.ts';

const FIELD_COLUMNS: Record<string, keyof ApplicationTable> = {
  companyName: 'company_name',
  legalRepresentative: 'legal_representative',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  venueName: 'venue_name',
  venueAddress: 'venue_address',
  venueKind: 'venue_kind',
  floorArea: 'floor_area',
  investment: 'investment',
  regionCode: 'region_code',
};

const sameFiles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/** Which targets (field:x / material:y) differ between the stored application and the new input. */
function changedTargets(before: ApplicationInput, after: ApplicationInput): string[] {
  const out: string[] = [];
  for (const f of Object.keys(FIELD_COLUMNS)) {
    if ((before as unknown as Record<string, unknown>)[f] !== (after as unknown as Record<string, unknown>)[f]) out.push(`field:${f}`);
  }
  const codes = new Set([...Object.keys(before.materials), ...Object.keys(after.materials)]);
  for (const c of codes) if (!sameFiles(before.materials[c] ?? [], after.materials[c] ?? [])) out.push(`material:${c}`);
  return out;
}

/**
 * LIC-01 / LIC-06: the applicant edits a draft freely; while a one-time notice is outstanding only what
 * the notice lists may change (the rest was examined and stays as it was). `submit` then submits or
 * resubmits (the notice is answered and the clock runs again).
 */
export async function editApplication(deps: LicensingDeps, actor: Actor, input: { id: string; application: ApplicationInput; submit: boolean }) {
  const repo = applicationsOf(deps);
  const { id, application, submit } = input;
  const db = deps.database.db;
  const row = await repo.load(deps, actor, id);
  assertApplicant(actor, row, '只能修改本单位的申请');
  const userId = userIdOf(actor);
  if (row.status !== 'draft' && row.status !== 'correction_requested') {
    throw new AppError('LICENSING.ILLEGAL_TRANSITION', '申请已提交，当前不能修改', { status: row.status });
  }
  const policy = await repo.policy(db, row.agency_id, deps.now());
  if (row.status === 'draft' && application.regionCode !== row.region_code) {
    throw new AppError('LICENSING.INVALID_APPLICATION', '场所所在地变更后由不同机构受理，请重新创建申请', { field: 'regionCode' });
  }
  await checkInput(db, userId, application, policy);
  if (row.status === 'correction_requested') {
    if (application.path !== row.path) throw new AppError('LICENSING.INVALID_APPLICATION', '补正时不能更改办理方式', { field: 'path' });
    const notices = await repo.notices(db, row.id);
    const notice = notices.at(-1)!;
    const listed = new Set<string>((NOTICE_ITEMS.decode(notice.items_json) ?? []).map((i) => i.target));
    const outside = changedTargets(inputOf(row), application).filter((t) => !listed.has(t));
    if (outside.length) {
      throw new AppError(
        'LICENSING.INVALID_APPLICATION',
        `补正只能修改一次性告知所列事项，以下事项未列入：${outside.map((t) => targetLabel(t, policy.materials)).join('、')}`,
        { targets: outside },
      );
    }
  }
  if (submit) checkSubmittable(application, policy);
  return transact(deps, actor, async (trx, audit, emit) => {
    const s = { repo, trx, deps, audit, emit, actorUserId: userId };
    const current = await repo.reload(trx, row.id);
    if (current.status !== 'draft' && current.status !== 'correction_requested') {
      throw new AppError('LICENSING.ILLEGAL_TRANSITION', '申请已提交，当前不能修改', { status: current.status });
    }
    const nowIso = deps.now().toISOString();
    const patch: Partial<ApplicationTable> = {
      ...inputColumns(application),
      commitment_json: application.commitment ? COMMITMENT.encode(application.commitment) : current.commitment_json,
      appointment_json: application.appointmentPreference ? APPOINTMENT.encode(application.appointmentPreference) : current.appointment_json,
    };
    let next = await repo.update(trx, current, patch, nowIso);
    await audit({ action: 'application.update', targetType: 'application', targetId: row.id, before: current, after: next });
    if (!submit) return next;
    if (next.status === 'draft') {
      const submitted = await submitStep(s, next, policy);
      emit(applicationEvent(APPLICATION_SUBMITTED, { ...applicationFact(submitted), resubmitted: false }));
      return submitted;
    }
    const status = transition(next, 'resubmit');
    const before = next;
    next = await repo.update(trx, next, { status }, nowIso);
    const fileIds = [...new Set(Object.values(application.materials).flat())];
    if (fileIds.length) await shareFilesWithAgency(trx, fileIds, next.agency_id, userId);
    await trx.updateTable('application_notices').set({ resolved_at: nowIso }).where('application_id', '=', row.id).where('resolved_at', 'is', null).execute();
    await clockStep(s, next.clock_id, 'resume', '申请人已补正');
    await audit({ action: 'application.resubmit', targetType: 'application', targetId: row.id, before, after: next });
    emit(applicationEvent(APPLICATION_SUBMITTED, { ...applicationFact(next), resubmitted: true }));
    return next;
  });
}
