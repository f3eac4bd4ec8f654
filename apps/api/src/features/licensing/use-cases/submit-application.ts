import { chinaDateOf } from '@fep/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../../db/database.ts';
import type { ApplicationTable } from '../../../db/schema.ts';
import type { Audit } from '../../../platform/audit/mutate.ts';
import type { AppContext } from '../../../platform/context.ts';
import { nextSequence } from '../../../platform/documents/sequences.ts';
import { AppError } from '../../../platform/errors.ts';
import { createIdempotent } from '../../../platform/http/idempotency.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { startApplicationClock, transition } from '../application-steps.ts';
import { handlingAgency, type LicensingPolicy } from '../licensing.policy.ts';
import { type ApplicationInput, checkInput, checkSubmittable, inputColumns } from './application-input.ts';

/**
 * LIC-01: an applicant creates an application (a draft, or submitted at once). On submission the
 * statutory clock starts: on the commitment path the decision limit, on the inspection path the on-site
 * check limit (消防法 art. 15). Attached files are handed to the handling agency.
 */
export async function createApplication(req: FastifyRequest, reply: FastifyReply, input: ApplicationInput, submit: boolean) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const user = req.auth!.user;
  if (!user.usci) throw new AppError('AUTH.FORBIDDEN', '只有以统一社会信用代码登记的企业账号可以申请');
  const { agency, policy } = await handlingAgency(db, input.regionCode, ctx.now());
  await checkInput(db, user.id, input, policy);
  const checked = submit ? checkSubmittable(input, policy) : null;
  return createIdempotent(req, reply, 201, async (trx, audit) => {
    const now = ctx.now();
    const nowIso = now.toISOString();
    const seq = await nextSequence(trx, agency.id, 'application', Number(chinaDateOf(now).slice(0, 4)));
    let row: ApplicationTable = {
      id: uuidv7(now.getTime()),
      reference_no: `XK${agency.region_code}${chinaDateOf(now).slice(0, 4)}${String(seq).padStart(5, '0')}`,
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: input.regionCode,
      applicant_user_id: user.id,
      usci: user.usci!,
      ...inputColumns(input),
      status: 'draft',
      pending_json: '[]',
      commitment_json: input.commitment ? JSON.stringify(input.commitment) : null,
      appointment_json: input.appointmentPreference ? JSON.stringify(input.appointmentPreference) : null,
      exemption_json: checked ? JSON.stringify(checked.exemption) : null,
      policy_json: JSON.stringify(policy.versions),
      clock_id: null,
      decision_json: null,
      licence_id: null,
      version: 1,
      submitted_at: null,
      accepted_at: null,
      decided_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('applications').values(row).execute();
    await audit({
      action: 'application.create',
      targetType: 'application',
      targetId: row.id,
      after: row,
      policyVersion: policy.versions['licensing.exemption'] ?? null,
    });
    if (submit) row = await submitStep(trx, ctx, audit, row, policy, req.auth!.user.id);
    return { id: row.id };
  });
}

/** draft → submitted: sign the commitment, start the clock, hand the files to the agency. */
export async function submitStep(
  trx: Executor,
  ctx: AppContext,
  audit: Audit,
  row: ApplicationTable,
  policy: LicensingPolicy,
  actorUserId: string,
): Promise<ApplicationTable> {
  const status = transition(row, 'submit');
  const nowIso = ctx.now().toISOString();
  const isCommitment = row.path === 'commitment';
  const clock = await startApplicationClock(trx, ctx, row, {
    title: isCommitment ? '营业前消防安全检查・告知承诺许可时限' : '营业前消防安全检查・现场检查时限',
    amount: isCommitment ? policy.commitment.decisionWorkingDays : policy.inspection.checkWorkingDays,
    legalBasis: isCommitment
      ? { document: '公众聚集场所投入使用、营业前消防安全检查服务指南', clause: '告知承诺办理时限' }
      : { document: '《中华人民共和国消防法》', clause: '第十五条第四款' },
    policyVersion: policy.versions[isCommitment ? 'licensing.commitment' : 'licensing.inspection'] ?? null,
  });
  let commitment = row.commitment_json;
  if (isCommitment && commitment) {
    const c = JSON.parse(commitment) as Record<string, unknown>;
    commitment = JSON.stringify({ ...c, signedAt: nowIso, template: policy.commitment.template, templateVersion: policy.versions['licensing.commitment'] });
  }
  const fileIds = [...new Set(Object.values(JSON.parse(row.materials_json) as Record<string, string[]>).flat())];
  if (fileIds.length)
    await trx.updateTable('files').set({ agency_id: row.agency_id }).where('id', 'in', fileIds).where('uploaded_by', '=', actorUserId).execute();
  const r = await trx
    .updateTable('applications')
    .set({ status, clock_id: clock.id, submitted_at: nowIso, commitment_json: commitment, version: row.version + 1, updated_at: nowIso })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError('LICENSING.STALE_VERSION', '该申请刚被修改，请刷新后重试');
  const next = { ...row, status, clock_id: clock.id, submitted_at: nowIso, commitment_json: commitment, version: row.version + 1, updated_at: nowIso };
  await audit({
    action: 'application.submit',
    targetType: 'application',
    targetId: row.id,
    before: row,
    after: next,
    policyVersion: JSON.stringify(policy.versions),
  });
  await audit({ action: 'clock.create', targetType: 'clock', targetId: clock.id, after: clock });
  return next;
}
