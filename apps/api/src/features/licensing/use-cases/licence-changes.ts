import { type AmendableField, maskPersonName, SUBSTANTIVE_CHANGES, substantiveChanges } from '@fep/domain';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../../db/database.ts';
import type { LicenceTable } from '../../../db/schema.ts';
import { type Audit, mutate } from '../../../platform/audit/mutate.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { readInScope, scopeFilter, scopeOf } from '../../../platform/org/scope.ts';
import { issueLicence } from './issue-licence.ts';

/** Amendment (LIC-08), reissue (LIC-09), revocation with public notice (LIC-09), delivery (LIC-10). */
export const licenceScope = (req: FastifyRequest) =>
  scopeFilter<'licences'>(scopeOf(req), { agencyPath: 'licences.agency_path', ownerUserId: 'licences.applicant_user_id' });

export async function loadLicence(req: FastifyRequest, db: Executor, id: string): Promise<LicenceTable> {
  return readInScope(req.server.ctx, actorOf(req), { type: 'licence', id, what: '许可证' }, (scoped) => {
    let q = db.selectFrom('licences').selectAll().where('id', '=', id);
    if (scoped) q = q.where(licenceScope(req));
    return q.executeTakeFirst();
  });
}

const FIELD_LABEL: Record<AmendableField, string> = { companyName: '单位名称', venueName: '场所名称', legalRepresentative: '法定代表人' };

export interface ChangeRequestInput {
  kind: 'amend' | 'reissue';
  changes: Record<string, unknown>;
  reason: string;
  materials: Record<string, string[]>;
}

/** The applicant asks for an amendment or a reissue; the papers required follow LIC-08. */
export async function requestLicenceChange(req: FastifyRequest, licenceId: string, input: ChangeRequestInput) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const licence = await loadLicence(req, db, licenceId);
  if (licence.applicant_user_id !== req.auth!.user.id) throw new AppError('AUTH.FORBIDDEN', '只能为本单位的许可证申请变更或补发');
  if (licence.status !== 'valid') throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证已失效，不能变更或补发', { status: licence.status });
  if (input.kind === 'amend') {
    const substantive = substantiveChanges(input.changes);
    if (substantive.length) {
      const names = substantive.map((k) => SUBSTANTIVE_CHANGES[k as keyof typeof SUBSTANTIVE_CHANGES] ?? k);
      throw new AppError('LICENSING.AMENDMENT_NEEDS_NEW_APPLICATION', `变更${names.join('、')}须重新申请消防安全检查，不能按名称或法定代表人变更办理`, {
        fields: substantive,
      });
    }
    const fields = Object.keys(input.changes) as AmendableField[];
    if (fields.length === 0) throw new AppError('REQUEST.VALIDATION', '请填写变更内容', { field: 'changes' });
    const required = [
      'change_request',
      ...(fields.some((f) => f !== 'legalRepresentative') ? ['name_approval'] : []),
      ...(fields.includes('legalRepresentative') ? ['representative_ids'] : []),
    ];
    const missing = required.filter((c) => !input.materials[c]?.length);
    if (missing.length) {
      const label: Record<string, string> = { change_request: '变更申请', name_approval: '名称变更核准通知书', representative_ids: '新旧法定代表人身份证明' };
      throw new AppError('LICENSING.MATERIALS_MISSING', `请上传：${missing.map((m) => label[m]).join('、')}（原许可证为电子证照，无需提交）`, { missing });
    }
  }
  const fileIds = [...new Set(Object.values(input.materials).flat())];
  if (fileIds.length) {
    const own = await db.selectFrom('files').select('id').where('id', 'in', fileIds).where('uploaded_by', '=', req.auth!.user.id).execute();
    if (own.length !== fileIds.length) throw new AppError('LICENSING.INVALID_APPLICATION', '所附文件不存在或不是本账号上传的', { field: 'materials' });
  }
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    if (fileIds.length) await trx.updateTable('files').set({ agency_id: licence.agency_id }).where('id', 'in', fileIds).execute();
    const row = {
      id: uuidv7(),
      licence_id: licence.id,
      agency_path: licence.agency_path,
      kind: input.kind,
      changes_json: JSON.stringify(input.changes),
      reason: input.reason,
      materials_json: JSON.stringify(input.materials),
      status: 'pending' as const,
      requested_by: req.auth!.user.id,
      requested_at: nowIso,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      new_licence_id: null,
    };
    await trx.insertInto('licence_requests').values(row).execute();
    await audit({ action: `licence_request.${input.kind}`, targetType: 'licence', targetId: licence.id, after: row });
    return row;
  });
}

/** A clerk approves (a new revision is issued at once, no substantive review) or rejects the request. */
export async function decideLicenceChange(req: FastifyRequest, requestId: string, input: { approve: boolean; reason?: string }) {
  const ctx = req.server.ctx;
  const db = ctx.database.db;
  const request = await readInScope(req.server.ctx, actorOf(req), { type: 'licence_request', id: requestId, what: '变更补发申请' }, (scoped) => {
    let q = db.selectFrom('licence_requests').selectAll().where('id', '=', requestId);
    if (scoped) q = q.where(scopeFilter(scopeOf(req), { agencyPath: 'licence_requests.agency_path' }));
    return q.executeTakeFirst();
  });
  if (request.status !== 'pending') throw new AppError('LICENSING.REQUEST_NOT_PENDING', '该申请已处理');
  if (!input.approve && !input.reason?.trim()) throw new AppError('REQUEST.VALIDATION', '不予办理须说明理由', { field: 'reason' });
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    const licence = await trx.selectFrom('licences').selectAll().where('id', '=', request.licence_id).executeTakeFirstOrThrow();
    if (!input.approve) {
      await trx
        .updateTable('licence_requests')
        .set({ status: 'rejected', decided_by: req.auth!.user.id, decided_at: nowIso, decision_reason: input.reason ?? null })
        .where('id', '=', requestId)
        .execute();
      await audit({ action: 'licence_request.reject', targetType: 'licence', targetId: licence.id, details: { request: requestId, reason: input.reason } });
      return { status: 'rejected' };
    }
    if (licence.status !== 'valid') throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证已失效');
    const app = await trx.selectFrom('applications').selectAll().where('id', '=', licence.application_id).executeTakeFirstOrThrow();
    const changes = JSON.parse(request.changes_json) as Partial<Record<AmendableField, string>>;
    const next = await issueLicence(trx, ctx, app, {
      previous: licence,
      facts: {
        holderName: changes.companyName ?? licence.holder_name,
        venueName: changes.venueName ?? licence.venue_name,
        legalRepresentative: changes.legalRepresentative ?? licence.legal_representative,
      },
      note:
        request.kind === 'amend'
          ? `变更事项：${Object.keys(changes)
              .map((k) => FIELD_LABEL[k as AmendableField])
              .join('、')}（不涉及使用性质、面积、装修和消防设施，未作实质审查）。`
          : '补发：原证件遗失，经核实后补发，原证件作废。',
      policyVersion: licence.policy_version,
    });
    const status = request.kind === 'amend' ? 'amended' : 'reissued';
    await trx.updateTable('licences').set({ status, superseded_by: next.id, updated_at: nowIso }).where('id', '=', licence.id).execute();
    await trx
      .updateTable('licence_requests')
      .set({ status: 'approved', decided_by: req.auth!.user.id, decided_at: nowIso, new_licence_id: next.id })
      .where('id', '=', requestId)
      .execute();
    await trx.updateTable('applications').set({ licence_id: next.id }).where('id', '=', app.id).execute();
    await audit({
      action: `licence.${status}`,
      targetType: 'licence',
      targetId: licence.id,
      before: licence,
      after: { ...licence, status, superseded_by: next.id },
    });
    await audit({ action: 'licence.issue', targetType: 'licence', targetId: next.id, after: next, details: { revisionOf: licence.id } });
    return { status: 'approved', licenceId: next.id };
  });
}

export async function revokeLicenceStep(
  trx: Executor,
  ctx: AppContext,
  audit: Audit,
  licence: LicenceTable,
  input: { reason: string; legalBasis: string; by: string },
): Promise<void> {
  const nowIso = ctx.now().toISOString();
  const revocation = { reason: input.reason, legalBasis: input.legalBasis, by: input.by, at: nowIso };
  await trx
    .updateTable('licences')
    .set({ status: 'revoked', revoked_at: nowIso, revocation_json: JSON.stringify(revocation), updated_at: nowIso })
    .where('id', '=', licence.id)
    .execute();
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', licence.agency_id).executeTakeFirstOrThrow();
  const noticeId = uuidv7();
  await trx
    .insertInto('public_notices')
    .values({
      id: noticeId,
      agency_id: agency.id,
      agency_path: agency.path,
      kind: 'licence_revocation',
      title: `关于撤销${licence.venue_name}消防安全检查许可的公告`,
      body: `${agency.name}依据${input.legalBasis}，撤销${licence.holder_name}（统一社会信用代码 ${licence.usci}，法定代表人 ${maskPersonName(licence.legal_representative)}）${licence.venue_name}（${licence.venue_address}）的公众聚集场所投入使用、营业前消防安全检查许可（${licence.number}）。撤销理由：${input.reason}`,
      target_type: 'licence',
      target_id: licence.id,
      published_at: nowIso,
    })
    .execute();
  await audit({
    action: 'licence.revoke',
    targetType: 'licence',
    targetId: licence.id,
    before: licence,
    after: { ...licence, status: 'revoked', revoked_at: nowIso },
    details: revocation,
  });
  await audit({
    action: 'public_notice.publish',
    targetType: 'public_notice',
    targetId: noticeId,
    details: { kind: 'licence_revocation', licence: licence.id },
  });
}

export async function revokeLicence(req: FastifyRequest, id: string, input: { reason: string; legalBasis: string }) {
  const ctx = req.server.ctx;
  const licence = await loadLicence(req, ctx.database.db, id);
  if (licence.status !== 'valid') throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证不是有效状态，不能撤销', { status: licence.status });
  return mutate(req, async (trx, audit) => {
    await revokeLicenceStep(trx, ctx, audit, licence, { ...input, by: req.auth!.user.id });
    return trx.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

export interface DeliveryInput {
  method: 'in_person' | 'post';
  recipient: string;
  address?: string;
  carrier?: string;
  trackingNo?: string;
}

/** LIC-10: delivery in person or by (free) post, with the tracking number. */
export async function recordDelivery(req: FastifyRequest, id: string, input: DeliveryInput) {
  const ctx = req.server.ctx;
  const licence = await loadLicence(req, ctx.database.db, id);
  if (input.method === 'post' && (!input.address?.trim() || !input.trackingNo?.trim())) {
    throw new AppError('REQUEST.VALIDATION', '邮寄送达须填写收件地址和快递单号', { field: input.address?.trim() ? 'trackingNo' : 'address' });
  }
  return mutate(req, async (trx, audit) => {
    const nowIso = ctx.now().toISOString();
    const delivery = { ...input, carrier: input.method === 'post' ? (input.carrier ?? 'EMS') : undefined, recordedAt: nowIso, by: req.auth!.user.id };
    await trx
      .updateTable('licences')
      .set({ delivery_json: JSON.stringify(delivery), updated_at: nowIso })
      .where('id', '=', id)
      .execute();
    await audit({ action: 'licence.deliver', targetType: 'licence', targetId: id, before: licence, details: delivery });
    return delivery;
  });
}
