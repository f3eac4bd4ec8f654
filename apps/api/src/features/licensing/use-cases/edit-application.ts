import { type NoticeItem, targetLabel } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import type { ApplicationTable } from '../../../db/schema.ts';
import { mutate } from '../../../platform/audit/mutate.ts';
import { AppError } from '../../../platform/errors.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { clockStep, transition } from '../application-steps.ts';
import { json, loadApplication, reload, updateApplication } from '../applications.repository.ts';
import { licensingPolicy } from '../licensing.policy.ts';
import { type ApplicationInput, checkInput, checkSubmittable, inputColumns } from './application-input.ts';
import { submitStep } from './submit-application.ts';

export function inputOf(row: ApplicationTable): ApplicationInput {
  return {
    regionCode: row.region_code,
    venueKind: row.venue_kind as ApplicationInput['venueKind'],
    floorArea: row.floor_area,
    investment: row.investment,
    companyName: row.company_name,
    legalRepresentative: row.legal_representative,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    path: row.path,
    materials: JSON.parse(row.materials_json) as Record<string, string[]>,
    commitment: json(row.commitment_json),
    appointmentPreference: json(row.appointment_json),
  };
}

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

/** Which targets (field:x / material:y) differ between the stored application and the new input. */
function changedTargets(before: ApplicationInput, after: ApplicationInput): string[] {
  const out: string[] = [];
  for (const f of Object.keys(FIELD_COLUMNS)) {
    if ((before as unknown as Record<string, unknown>)[f] !== (after as unknown as Record<string, unknown>)[f]) out.push(`field:${f}`);
  }
  const codes = new Set([...Object.keys(before.materials), ...Object.keys(after.materials)]);
  for (const c of codes) if (JSON.stringify(before.materials[c] ?? []) !== JSON.stringify(after.materials[c] ?? [])) out.push(`material:${c}`);
  return out;
}

/**
 * The applicant edits a draft freely; while a one-time notice is outstanding only what the notice lists
 * may change (the rest was examined and stays as it was). `submit` then submits or resubmits.
 */
export async function editApplication(req: FastifyRequest, id: string, input: ApplicationInput, submit: boolean) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const row = await loadApplication(req, db, id);
  if (row.applicant_user_id !== req.auth!.user.id) throw new AppError('AUTH.FORBIDDEN', '只能修改本单位的申请');
  if (row.status !== 'draft' && row.status !== 'correction_requested') {
    throw new AppError('LICENSING.ILLEGAL_TRANSITION', '申请已提交，当前不能修改', { status: row.status });
  }
  const agency = (await findAgency(db, row.agency_id))!;
  const policy = await licensingPolicy(db, agency, ctx.now());
  if (row.status === 'draft' && input.regionCode !== row.region_code) {
    throw new AppError('LICENSING.INVALID_APPLICATION', '场所所在地变更后由不同机构受理，请重新创建申请', { field: 'regionCode' });
  }
  await checkInput(db, req.auth!.user.id, input, policy);
  if (row.status === 'correction_requested') {
    if (input.path !== row.path) throw new AppError('LICENSING.INVALID_APPLICATION', '补正时不能更改办理方式', { field: 'path' });
    const notice = await db.selectFrom('application_notices').selectAll().where('application_id', '=', row.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const listed = new Set<string>((JSON.parse(notice.items_json) as NoticeItem[]).map((i) => i.target));
    const outside = changedTargets(inputOf(row), input).filter((t) => !listed.has(t));
    if (outside.length) {
      throw new AppError(
        'LICENSING.INVALID_APPLICATION',
        `补正只能修改一次性告知所列事项，以下事项未列入：${outside.map((t) => targetLabel(t, policy.materials)).join('、')}`,
        {
          targets: outside,
        },
      );
    }
  }
  if (submit) checkSubmittable(input, policy);
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, row.id);
    const nowIso = ctx.now().toISOString();
    const patch: Partial<ApplicationTable> = {
      ...inputColumns(input),
      commitment_json: input.commitment ? JSON.stringify(input.commitment) : current.commitment_json,
      appointment_json: input.appointmentPreference ? JSON.stringify(input.appointmentPreference) : current.appointment_json,
    };
    let next = await updateApplication(trx, current, patch, nowIso);
    await audit({ action: 'application.update', targetType: 'application', targetId: row.id, before: current, after: next });
    if (!submit) return next;
    if (next.status === 'draft') return submitStep(trx, ctx, audit, next, policy, req.auth!.user.id);
    // Resubmission after a one-time notice: the notice is answered and the clock runs again.
    const status = transition(next, 'resubmit');
    const fileIds = [...new Set(Object.values(input.materials).flat())];
    if (fileIds.length)
      await trx.updateTable('files').set({ agency_id: next.agency_id }).where('id', 'in', fileIds).where('uploaded_by', '=', req.auth!.user.id).execute();
    await trx.updateTable('application_notices').set({ resolved_at: nowIso }).where('application_id', '=', row.id).where('resolved_at', 'is', null).execute();
    await clockStep(trx, ctx, next.clock_id, 'resume', '申请人已补正', req.auth!.user.id);
    const before = next;
    next = await updateApplication(trx, next, { status }, nowIso);
    await audit({ action: 'application.resubmit', targetType: 'application', targetId: row.id, before, after: next });
    return next;
  });
}

/** The applicant withdraws an application that has not been decided. */
export async function withdrawApplication(req: FastifyRequest, id: string, reason: string) {
  const ctx = req.server.ctx;
  const row = await loadApplication(req, ctx.database.db, id);
  if (row.applicant_user_id !== req.auth!.user.id) throw new AppError('AUTH.FORBIDDEN', '只能撤回本单位的申请');
  return mutate(req, async (trx, audit) => {
    const current = await reload(trx, id);
    const status = transition(current, 'withdraw');
    await clockStep(trx, ctx, current.clock_id, 'stop', '申请人撤回申请', req.auth!.user.id);
    const next = await updateApplication(trx, current, { status, decision_json: JSON.stringify({ withdrawn: true, reason }) }, ctx.now().toISOString());
    await audit({ action: 'application.withdraw', targetType: 'application', targetId: id, before: current, after: next, details: { reason } });
    return next;
  });
}
