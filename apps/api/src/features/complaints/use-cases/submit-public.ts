import type { PublicComplaintReceipt, PublicComplaintRequest } from '@fep/contracts';
import { formatTrackingCode } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Deps } from '../../../platform/transact.ts';
import { submitOfficerComplaint } from '../../oversight/index.ts';
import { receiveComplaint } from './receive.ts';

/** Reports per client address and hour: a person sends a few; a script sending hundreds is stopped. */
export const SUBMIT_PER_CLIENT: AttemptWindow = { limit: 20, windowMs: 60 * 60_000 };

/** The category of the public form that is not a hazard: a complaint about an officer. */
export const OFFICER_CONDUCT = 'officer_conduct';

/**
 * CMP-01: the public form and 随手拍, without signing in. A report with photos (uploaded first, without an
 * account) is a 随手拍; a location is stored as WGS84 (GCJ-02 converted). `anonymous: true` with a reporter
 * keeps the identity for contact and reward only. A complaint about an officer is not a hazard report: it is
 * handed to the oversight channel (消防法 art. 57) and the answer says so.
 */
export async function submitPublicComplaint(deps: Deps, actor: Actor, input: PublicComplaintRequest): Promise<PublicComplaintReceipt> {
  if (input.category === OFFICER_CONDUCT) {
    const r = await submitOfficerComplaint(deps, actor, {
      regionCode: input.regionCode,
      account: input.description.length >= 10 ? input.description : `${input.description}（举报人未详述）`,
      complainantName: input.anonymous ? null : (input.reporter?.name ?? null),
      complainantPhone: input.anonymous ? null : (input.reporter?.phone ?? null),
    });
    return { id: null, trackingCode: r.trackingCode, verifyBy: null, agencyName: r.agencyName, routedTo: 'oversight' };
  }
  if (!(await countAttempt(deps.database.db, `complaint:submit:${actor.ip ?? 'unknown'}`, SUBMIT_PER_CLIENT, deps.now())))
    throw new AppError('COMPLAINTS.TOO_MANY_SUBMISSIONS', '提交过于频繁，请一小时后再试，或拨打 96119 举报');
  const photos = input.photos ?? [];
  const r = await receiveComplaint(deps, actor, {
    channel: photos.length > 0 || input.location ? 'snapshot' : 'portal',
    receivedAt: deps.now().toISOString(),
    regionCode: input.regionCode,
    category: input.category,
    description: input.description,
    unitUsci: input.unitUsci ?? null,
    address: input.address ?? null,
    location: input.location ?? null,
    photos,
    anonymous: input.anonymous,
    reporter: input.reporter ?? null,
  });
  return { id: r.row.id, trackingCode: formatTrackingCode(r.trackingCode), verifyBy: r.row.due_at, agencyName: r.agencyName };
}
