import type { OfficerComplaintView } from '@fep/contracts';
import { type Actor, userIdOf } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { complaintStep } from '../complaint-steps.ts';

/** OVS-03: oversight staff accept a complaint for handling (消防法 art. 57: 及时查处); they become its handler. */
export async function acceptOfficerComplaint(deps: Deps, actor: Actor, input: { id: string }): Promise<OfficerComplaintView> {
  return complaintStep(deps, actor, {
    id: input.id,
    step: 'accept',
    action: 'officer_complaint.accept',
    patch: (now) => ({ handler_id: userIdOf(actor), accepted_at: now }),
  });
}
