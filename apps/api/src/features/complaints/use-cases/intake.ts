import type { StaffComplaintRequest } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/transact.ts';
import { getComplaint } from './reads.ts';
import { receiveComplaint } from './receive.ts';

/**
 * CMP-01: the intake clerk records a 96119 call, a 12345 call taken by hand, or a visit, with the instant it
 * was received (the clock runs from then, not from the typing). The answer is the file with its clock.
 */
export async function intakeComplaint(deps: Deps, actor: Actor, input: StaffComplaintRequest) {
  const r = await receiveComplaint(deps, actor, {
    channel: input.channel,
    receivedAt: input.receivedAt,
    regionCode: input.regionCode,
    category: input.category,
    description: input.description,
    unitUsci: input.unitUsci ?? null,
    address: input.address ?? null,
    location: input.location ?? null,
    anonymous: input.anonymous,
    reporter: input.reporter ?? null,
    externalRef: input.externalRef ?? null,
  });
  return getComplaint(deps, actor, r.row.id, { record: false });
}
