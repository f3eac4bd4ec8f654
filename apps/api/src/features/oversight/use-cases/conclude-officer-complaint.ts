import type { OfficerComplaintConcludeRequest, OfficerComplaintView } from '@fep/contracts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { complaintStep } from '../complaint-steps.ts';

/**
 * OVS-03: the handler concludes an accepted complaint with a finding (属实 / 部分属实 / 不属实) and the reply
 * the complainant reads with the tracking code.
 */
export async function concludeOfficerComplaint(
  deps: Deps,
  actor: Actor,
  input: { id: string } & OfficerComplaintConcludeRequest,
): Promise<OfficerComplaintView> {
  return complaintStep(deps, actor, {
    id: input.id,
    step: 'conclude',
    action: 'officer_complaint.conclude',
    patch: (now) => ({ finding: input.finding, reply: input.reply.trim(), closed_at: now, handler_id: userIdOf(actor) }),
    details: { finding: input.finding },
  });
}
