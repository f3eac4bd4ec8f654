import type { OfficerComplaintReceipt, OfficerComplaintRequest } from '@fep/contracts';
import { chinaDateOf, formatTrackingCode, OFFICER_COMPLAINT_STATUS_LABELS } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { findAgency } from '../../../platform/org/agencies.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { newTrackingCode, trackingCodeHash } from '../complaint-codes.ts';
import { assertCivilDate } from '../oversight.access.ts';
import { insertComplaint } from '../oversight.repository.ts';

/** Submissions per client address and hour: a person files a few; a script filing hundreds is stopped. */
export const SUBMIT_PER_CLIENT: AttemptWindow = { limit: 10, windowMs: 60 * 60_000 };

const blank = (s: string | null | undefined) => s?.trim() || null;

/**
 * OVS-03 (消防法 art. 57): anyone, without signing in, reports an officer's illegal act. The place decides
 * the handling agency (the deepest agency serving the region code); the answer carries the tracking code
 * the complainant looks the complaint up with — in the complaint's row only its HMAC is kept. The name and
 * phone are optional (an anonymous complaint is accepted) and are masked wherever staff list complaints.
 */
export async function submitOfficerComplaint(deps: Deps, actor: Actor, input: OfficerComplaintRequest): Promise<OfficerComplaintReceipt> {
  const db = deps.database.db;
  const now = deps.now();
  if (!(await countAttempt(db, `officer-complaint:submit:${actor.ip ?? 'unknown'}`, SUBMIT_PER_CLIENT, now)))
    throw new AppError('OVERSIGHT.TOO_MANY_SUBMISSIONS', '提交过于频繁，请一小时后再试，或拨打当地消防救援机构的监督电话');
  const agency = await findAgency(db, input.regionCode);
  if (!agency) throw new AppError('OVERSIGHT.REGION_NOT_SERVED', '该地区不在本平台受理范围内，请向当地消防救援机构反映', { field: 'regionCode' });
  assertCivilDate(input.occurredOn, 'occurredOn');
  if (input.occurredOn && input.occurredOn > chinaDateOf(now)) throw new AppError('OVERSIGHT.INVALID_RECORD', '发生日期不能晚于今天', { field: 'occurredOn' });
  return transact(deps, actor, async (trx, audit) => {
    const code = newTrackingCode();
    const row = {
      id: uuidv7(now.getTime()),
      code_hash: trackingCodeHash(deps, code),
      agency_id: agency.id,
      agency_path: agency.path,
      region_code: input.regionCode,
      officer_name: blank(input.officerName),
      officer_badge: blank(input.officerBadge),
      occurred_on: input.occurredOn ?? null,
      account: input.account.trim(),
      complainant_name: blank(input.complainantName),
      complainant_phone: blank(input.complainantPhone),
      status: 'submitted' as const,
      handler_id: null,
      accepted_at: null,
      closed_at: null,
      finding: null,
      reply: null,
      submitted_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await insertComplaint(trx, row);
    await audit({ action: 'officer_complaint.submit', targetType: 'officer_complaint', targetId: row.id, after: row });
    return {
      trackingCode: formatTrackingCode(code),
      agencyName: agency.name,
      submittedAt: row.submitted_at,
      statusLabel: OFFICER_COMPLAINT_STATUS_LABELS.submitted,
    };
  });
}
