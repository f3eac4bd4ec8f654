import { maskPersonName } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { LicenceTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Audit } from '../../platform/transact.ts';
import { licenceNext, updateLicenceIf } from './licences.repository.ts';
import { REVOCATION } from './licensing.columns.ts';

/**
 * Revokes a permit and publishes the revocation (LIC-09, 行政许可法 art. 69; 双公示): compare-and-set on
 * the valid status, so of concurrent revocations one publishes a notice. Returns false when the licence
 * was no longer valid (another act revoked or superseded it first).
 */
export async function revokeLicenceStep(
  trx: Executor,
  deps: AppContext,
  audit: Audit,
  licence: LicenceTable,
  input: { reason: string; legalBasis: string; by: string },
): Promise<boolean> {
  const nowIso = deps.now().toISOString();
  const status = licenceNext(licence, 'revoke', '该许可证不是有效状态，不能撤销');
  const revocation = { reason: input.reason, legalBasis: input.legalBasis, by: input.by, at: nowIso };
  const revocationJson = REVOCATION.encode(revocation);
  const ok = await updateLicenceIf(trx, licence, { status, revoked_at: nowIso, revocation_json: revocationJson, updated_at: nowIso });
  if (!ok) return false;
  const agency = await trx.selectFrom('agencies').selectAll().where('id', '=', licence.agency_id).executeTakeFirstOrThrow();
  const noticeId = uuidv7();
  const notice = {
    id: noticeId,
    agency_id: agency.id,
    agency_path: agency.path,
    kind: 'licence_revocation',
    title: `关于撤销${licence.venue_name}消防安全检查许可的公告`,
    body: `${agency.name}依据${input.legalBasis}，撤销${licence.holder_name}（统一社会信用代码 ${licence.usci}，法定代表人 ${maskPersonName(licence.legal_representative)}）${licence.venue_name}（${licence.venue_address}）的公众聚集场所投入使用、营业前消防安全检查许可（${licence.number}）。撤销理由：${input.reason}`,
    target_type: 'licence',
    target_id: licence.id,
    published_at: nowIso,
  };
  await trx.insertInto('public_notices').values(notice).execute();
  await audit({
    action: 'licence.revoke',
    targetType: 'licence',
    targetId: licence.id,
    before: licence,
    after: { ...licence, status, revoked_at: nowIso, revocation_json: revocationJson },
    details: revocation,
  });
  await audit({
    action: 'public_notice.publish',
    targetType: 'public_notice',
    targetId: noticeId,
    after: notice,
    details: { kind: 'licence_revocation', licence: licence.id },
  });
  return true;
}
