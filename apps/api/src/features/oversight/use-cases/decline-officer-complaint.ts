import type { OfficerComplaintDeclineRequest, OfficerComplaintView } from '@fep/contracts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { complaintStep } from '../complaint-steps.ts';

/**
 * OVS-03: a submission that is not a complaint about an officer (a hazard report, a dispute with a business)
 * is declined with a reply that says where it belongs, so the sender is never left without an answer.
 */
export async function declineOfficerComplaint(deps: Deps, actor: Actor, input: { id: string } & OfficerComplaintDeclineRequest): Promise<OfficerComplaintView> {
  return complaintStep(deps, actor, {
    id: input.id,
    step: 'decline',
    action: 'officer_complaint.decline',
    patch: (now) => ({ reply: input.reply.trim(), closed_at: now, handler_id: userIdOf(actor) }),
  });
}
