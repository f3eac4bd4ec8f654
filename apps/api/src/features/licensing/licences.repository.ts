import { LICENCE_ACTION_LABELS, LICENCE_STATUS_LABELS, type LicenceAction, type LicenceStatus, LicenceTransitionError, nextLicenceStatus } from '@fep/domain';
import type { Executor } from '../../db/database.ts';
import type { LicenceTable } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Storage of e-licences and their change/reissue requests. Every change of a licence's status is a
 * compare-and-set on the status read (the transition table in packages/domain decides what is allowed).
 */
export function licenceNext(l: Pick<LicenceTable, 'status'>, action: LicenceAction, message?: string): LicenceStatus {
  try {
    return nextLicenceStatus(l.status as LicenceStatus, action);
  } catch (e) {
    if (e instanceof LicenceTransitionError) {
      throw new AppError(
        'LICENSING.LICENCE_NOT_VALID',
        message ?? `许可证当前状态为“${LICENCE_STATUS_LABELS[l.status as LicenceStatus]}”，不能${LICENCE_ACTION_LABELS[action]}`,
        { status: l.status, action },
      );
    }
    throw e;
  }
}

export async function findLicence(db: Executor, id: string): Promise<LicenceTable | undefined> {
  return db.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Sets `patch` only while the licence is still in the status `from` was read in; false when a concurrent
 * act changed it first (the caller answers 409). With `to === from` it also takes the row's lock, so the
 * checks that follow see what a concurrent winner committed.
 */
export async function updateLicenceIf(db: Executor, from: LicenceTable, patch: Partial<LicenceTable>): Promise<boolean> {
  const r = await db.updateTable('licences').set(patch).where('id', '=', from.id).where('status', '=', from.status).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the delivery record only if it is still the one read (compare-and-set on the record itself). */
export async function updateDeliveryIf(db: Executor, from: LicenceTable, deliveryJson: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('licences')
    .set({ delivery_json: deliveryJson, updated_at: nowIso })
    .where('id', '=', from.id)
    .where('status', '=', from.status)
    .where((eb) => (from.delivery_json === null ? eb('delivery_json', 'is', null) : eb('delivery_json', '=', from.delivery_json)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
