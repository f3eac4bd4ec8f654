import type { OfficerComplaintContactView } from '@fep/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { inScopeOr, withRefusals } from '../oversight.access.ts';
import { complaintById } from '../oversight.repository.ts';

/**
 * OVS-03: the handler reads the complainant's name and phone in clear to call back. Lists mask them; this
 * read is itself an event of the complaint's enforcement record (DESIGN §2: reading a reporter's personal
 * data is audited), so who looked at a complainant's identity is always known.
 */
export async function readComplainantContact(deps: Deps, actor: Actor, input: { id: string }): Promise<OfficerComplaintContactView> {
  return withRefusals(deps, actor, () =>
    transact(deps, actor, async (trx, audit) => {
      const row = inScopeOr(actor, await complaintById(trx, input.id), ['officer_complaint', input.id, '投诉举报']);
      await audit({ action: 'officer_complaint.contact_read', targetType: 'officer_complaint', targetId: row.id });
      return { complainantName: row.complainant_name, complainantPhone: row.complainant_phone };
    }),
  );
}
