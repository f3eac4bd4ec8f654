import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import type { LicensingDeps } from '../applications.repository.ts';
import { LICENCE_CHANGED, type LicenceChanged } from '../events.ts';
import { revokeLicenceStep } from '../licence-steps.ts';
import { findLicence } from '../licences.repository.ts';
import { loadLicence } from '../licensing.access.ts';

/** LIC-09: the approver revokes a permit with reasons and legal basis; the revocation is published. */
export async function revokeLicence(deps: LicensingDeps, actor: Actor, input: { id: string; reason: string; legalBasis: string }) {
  await loadLicence(deps, actor, input.id);
  const by = userIdOf(actor);
  return transact(deps, actor, async (trx, audit, emit) => {
    const licence = (await findLicence(trx, input.id))!;
    const revoked = await revokeLicenceStep(trx, deps, audit, licence, { reason: input.reason, legalBasis: input.legalBasis, by });
    if (!revoked) throw new AppError('LICENSING.LICENCE_NOT_VALID', '该许可证刚被他人处理，已不是有效状态', { status: licence.status });
    const fact: LicenceChanged = {
      licenceId: licence.id,
      number: licence.number,
      usci: licence.usci,
      agencyId: licence.agency_id,
      change: 'revoked',
      currentLicenceId: null,
    };
    emit({ type: LICENCE_CHANGED, targetType: 'licence', targetId: licence.id, agencyId: licence.agency_id, payload: { ...fact } });
    return (await findLicence(trx, input.id))!;
  });
}
