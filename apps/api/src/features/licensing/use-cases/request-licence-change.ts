import type { LicenceChangeRequest } from '@fep/contracts';
import { type AmendableField, SUBSTANTIVE_CHANGES, substantiveChanges } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { shareFilesWithAgency } from '../../../platform/files/files.repository.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { transact } from '../../../platform/transact.ts';
import type { LicensingDeps } from '../applications.repository.ts';
import { findLicence, licenceNext, updateLicenceIf } from '../licences.repository.ts';
import { assertApplicant, loadLicence } from '../licensing.access.ts';
import { CHANGES, REQUEST_MATERIALS } from '../licensing.columns.ts';

export interface ChangeRequestInput {
  kind: 'amend' | 'reissue';
  changes: LicenceChangeRequest['changes'];
  reason: string;
  materials: Record<string, string[]>;
}

/**
 * LIC-08 / LIC-09: the applicant asks for an amendment (name, legal representative; anything substantive
 * needs a new application) or a reissue. One pending request of a kind per permit: a second is refused
 * (409) — with an Idempotency-Key the retry replays the first answer instead.
 */
export async function requestLicenceChange(deps: LicensingDeps, actor: Actor, input: { licenceId: string } & ChangeRequestInput) {
  const { licenceId, ...req } = input;
  const licence = await loadLicence(deps, actor, licenceId);
  assertApplicant(actor, licence, '只能为本单位的许可证申请变更或补发');
  const userId = userIdOf(actor);
  licenceNext(licence, 'request_change', '该许可证已失效，不能变更或补发');
  if (req.kind === 'amend') {
    const substantive = substantiveChanges(req.changes);
    if (substantive.length) {
      const names = substantive.map((k) => SUBSTANTIVE_CHANGES[k as keyof typeof SUBSTANTIVE_CHANGES] ?? k);
      throw new AppError('LICENSING.AMENDMENT_NEEDS_NEW_APPLICATION', `变更${names.join('、')}须重新申请消防安全检查，不能按名称或法定代表人变更办理`, {
        fields: substantive,
      });
    }
    const fields = Object.keys(req.changes) as AmendableField[];
    if (fields.length === 0) throw new AppError('REQUEST.VALIDATION', '请填写变更内容', { field: 'changes' });
    const required = [
      'change_request',
      ...(fields.some((f) => f !== 'legalRepresentative') ? ['name_approval'] : []),
      ...(fields.includes('legalRepresentative') ? ['representative_ids'] : []),
    ];
    const missing = required.filter((c) => !req.materials[c]?.length);
    if (missing.length) {
      const label: Record<string, string> = { change_request: '变更申请', name_approval: '名称变更核准通知书', representative_ids: '新旧法定代表人身份证明' };
      throw new AppError('LICENSING.MATERIALS_MISSING', `请上传：${missing.map((m) => label[m]).join('、')}（原许可证为电子证照，无需提交）`, { missing });
    }
  }
  const fileIds = [...new Set(Object.values(req.materials).flat())];
  if (fileIds.length) {
    const own = await deps.database.db.selectFrom('files').select('id').where('id', 'in', fileIds).where('uploaded_by', '=', userId).execute();
    if (own.length !== fileIds.length) throw new AppError('LICENSING.INVALID_APPLICATION', '所附文件不存在或不是本账号上传的', { field: 'materials' });
  }
  return transact(deps, actor, async (trx, audit) => {
    const nowIso = deps.now().toISOString();
    const current = (await findLicence(trx, licenceId))!;
    licenceNext(current, 'request_change', '该许可证已失效，不能变更或补发');
    // Takes the licence row's lock (valid → valid): concurrent requests queue here, and the check below
    // then sees a request the winner committed.
    if (!(await updateLicenceIf(trx, current, { updated_at: nowIso }))) throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证已失效，不能变更或补发');
    const pending = await trx
      .selectFrom('licence_requests')
      .select('id')
      .where('licence_id', '=', licenceId)
      .where('kind', '=', req.kind)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) {
      throw new AppError(
        'LICENSING.REQUEST_ALREADY_PENDING',
        req.kind === 'amend' ? '已有一件变更申请正在办理，请勿重复提交' : '已有一件补发申请正在办理，请勿重复提交',
        {
          request: pending.id,
        },
      );
    }
    await shareFilesWithAgency(trx, fileIds, current.agency_id);
    const row = {
      id: uuidv7(),
      licence_id: licenceId,
      agency_path: current.agency_path,
      kind: req.kind,
      changes_json: CHANGES.encode(req.changes),
      reason: req.reason,
      materials_json: REQUEST_MATERIALS.encode(req.materials),
      status: 'pending' as const,
      requested_by: userId,
      requested_at: nowIso,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      new_licence_id: null,
    };
    await trx.insertInto('licence_requests').values(row).execute();
    await audit({ action: `licence_request.${req.kind}`, targetType: 'licence', targetId: licenceId, after: row });
    return { id: row.id, kind: row.kind, status: row.status };
  });
}
