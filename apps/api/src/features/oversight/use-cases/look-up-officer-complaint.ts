import type { OfficerComplaintStatusView } from '@fep/contracts';
import { COMPLAINT_FINDING_LABELS, normalTrackingCode, OFFICER_COMPLAINT_STATUS_LABELS, OFFICER_COMPLAINT_STEP_HINTS } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { type AttemptWindow, countAttempt } from '../../../platform/attempts.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { trackingCodeHash } from '../complaint-codes.ts';
import { complaintByCodeHash } from '../oversight.repository.ts';

/** Look-ups per client address in ten minutes (each one counted, found or not). */
export const LOOKUP_PER_CLIENT: AttemptWindow = { limit: 30, windowMs: 10 * 60_000 };

/**
 * OVS-03: the complainant follows the complaint with the tracking code, without signing in — status, dates,
 * the finding and the reply; nothing about the complainant or the officer. An unknown code and a malformed
 * one answer alike; look-ups are limited per client, and an 80-bit code cannot be guessed within them.
 */
export async function lookUpOfficerComplaint(
  deps: Pick<AppContext, 'database' | 'now' | 'sealMasterKey'>,
  actor: Actor,
  raw: string,
): Promise<OfficerComplaintStatusView> {
  const db = deps.database.db;
  if (!(await countAttempt(db, `officer-complaint:lookup:${actor.ip ?? 'unknown'}`, LOOKUP_PER_CLIENT, deps.now())))
    throw new AppError('OVERSIGHT.TOO_MANY_LOOKUPS', '查询次数过多，请十分钟后再试');
  const code = normalTrackingCode(raw);
  const c = code ? await complaintByCodeHash(db, trackingCodeHash(deps, code)) : undefined;
  if (!c) throw new AppError('OVERSIGHT.COMPLAINT_NOT_FOUND', '查询码不正确，请核对提交投诉举报时取得的 16 位查询码');
  return {
    agencyName: c.agency_name,
    status: c.status,
    statusLabel: OFFICER_COMPLAINT_STATUS_LABELS[c.status],
    step: OFFICER_COMPLAINT_STEP_HINTS[c.status],
    submittedAt: c.submitted_at,
    acceptedAt: c.accepted_at,
    closedAt: c.closed_at,
    findingLabel: c.finding ? COMPLAINT_FINDING_LABELS[c.finding] : null,
    reply: c.reply,
  };
}
