import type { Actor } from '../../../platform/actor.ts';
import { userIdOf } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { transact } from '../../../platform/transact.ts';
import type { LicensingDeps } from '../applications.repository.ts';
import { findLicence, licenceNext, updateDeliveryIf } from '../licences.repository.ts';
import { loadLicence } from '../licensing.access.ts';
import { DELIVERY } from '../licensing.columns.ts';

export interface DeliveryInput {
  method: 'in_person' | 'post';
  recipient: string;
  address?: string;
  carrier?: string;
  trackingNo?: string;
}

const sameDelivery = (a: DeliveryInput, b: DeliveryInput) =>
  a.method === b.method && a.recipient === b.recipient && (a.address ?? null) === (b.address ?? null) && (a.trackingNo ?? null) === (b.trackingNo ?? null);

/**
 * LIC-10: delivery of the permit in person or by (free) post with the tracking number. The same delivery
 * recorded again is refused (409): a repeated request never writes a second record; a new delivery (e.g.
 * the post came back) is recorded over the previous one.
 */
export async function recordDelivery(deps: LicensingDeps, actor: Actor, input: { id: string } & DeliveryInput) {
  const { id, ...d } = input;
  if (d.method === 'post' && (!d.address?.trim() || !d.trackingNo?.trim())) {
    throw new AppError('REQUEST.VALIDATION', '邮寄送达须填写收件地址和快递单号', { field: d.address?.trim() ? 'trackingNo' : 'address' });
  }
  await loadLicence(deps, actor, id);
  const by = userIdOf(actor);
  return transact(deps, actor, async (trx, audit) => {
    const licence = (await findLicence(trx, id))!;
    licenceNext(licence, 'deliver');
    const already = () => new AppError('LICENSING.ALREADY_DELIVERED', '该许可证已按此方式登记送达');
    const previous = DELIVERY.decode(licence.delivery_json);
    if (previous && sameDelivery(previous, d)) throw already();
    const nowIso = deps.now().toISOString();
    const delivery = { ...d, carrier: d.method === 'post' ? (d.carrier ?? 'EMS') : undefined, recordedAt: nowIso, by };
    if (!(await updateDeliveryIf(trx, licence, DELIVERY.encode(delivery), nowIso))) {
      // A concurrent request recorded first: the same delivery is the same refusal as one sent after it.
      const now = await findLicence(trx, id);
      const current = DELIVERY.decode(now?.delivery_json);
      if (current && sameDelivery(current, d)) throw already();
      throw new AppError('LICENSING.LICENCE_CHANGED', '该许可证刚被他人处理，请刷新后重试');
    }
    await audit({ action: 'licence.deliver', targetType: 'licence', targetId: id, before: licence, details: delivery });
    return delivery;
  });
}
