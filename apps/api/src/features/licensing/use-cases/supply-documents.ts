import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { shareFilesWithAgency } from '../../../platform/files/files.repository.ts';
import { transact } from '../../../platform/transact.ts';
import { applicationsOf, type LicensingDeps } from '../applications.repository.ts';
import { assertApplicant } from '../licensing.access.ts';
import { MATERIALS, PENDING } from '../licensing.columns.ts';

/** LIC-05: the applicant supplies documents owed after an acceptance with pending documents (容缺后补). */
export async function supplyDocuments(deps: LicensingDeps, actor: Actor, input: { id: string; materials: Record<string, string[]> }) {
  const repo = applicationsOf(deps);
  const { id, materials } = input;
  const row = await repo.load(deps, actor, id);
  assertApplicant(actor, row, '只能为本单位的申请补交材料');
  const userId = userIdOf(actor);
  const fileIds = [...new Set(Object.values(materials).flat())];
  const db = deps.database.db;
  const own = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', fileIds.length ? fileIds : ['-'])
    .where('uploaded_by', '=', userId)
    .execute();
  if (own.length !== fileIds.length || fileIds.length === 0)
    throw new AppError('LICENSING.INVALID_APPLICATION', '所附文件不存在或不是本账号上传的', { field: 'materials' });
  return transact(deps, actor, async (trx, audit) => {
    const current = await repo.reload(trx, id);
    const owed = PENDING.decode(current.pending_json) ?? [];
    const stored = MATERIALS.decode(current.materials_json) ?? {};
    const notOwed = Object.keys(materials).filter((c) => !owed.includes(c));
    // A document supplied already (e.g. a retried request) is a state conflict, one never owed a bad request.
    if (notOwed.length && notOwed.every((c) => stored[c]?.length)) {
      throw new AppError('LICENSING.ALREADY_SUPPLIED', `以下材料已补交：${notOwed.join('、')}`, { supplied: notOwed });
    }
    if (notOwed.length) throw new AppError('LICENSING.INVALID_APPLICATION', `以下材料不在待补材料之列：${notOwed.join('、')}`, { notOwed });
    const merged = { ...stored, ...materials };
    const stillOwed = owed.filter((c) => !materials[c]?.length);
    const next = await repo.update(
      trx,
      current,
      { materials_json: MATERIALS.encode(merged), pending_json: PENDING.encode(stillOwed) },
      deps.now().toISOString(),
    );
    await shareFilesWithAgency(trx, fileIds, current.agency_id);
    await audit({
      action: 'application.supply_documents',
      targetType: 'application',
      targetId: id,
      before: current,
      after: next,
      details: { supplied: Object.keys(materials) },
    });
    return next;
  });
}
