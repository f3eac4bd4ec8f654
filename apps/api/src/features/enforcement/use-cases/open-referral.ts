import type { Actor } from '../../../platform/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';

export interface OpenReferralInput {
  agencyId: string;
  agencyPath: string;
  usci: string;
  subjectName: string;
  sourceType: 'rectification_order' | 'inspection_task' | 'complaint' | 'product_check';
  sourceId: string;
  reason: string;
}

/**
 * An enforcement referral (移送执法): a finding that another feature hands over for a penalty case.
 * Opened from domain events (an escalated rectification order, a false commitment, a founded hazard report); one referral per
 * source act — a redelivered event replays through the deps' idempotency claim.
 */
export async function openReferral(deps: Deps, actor: Actor, input: OpenReferralInput) {
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(deps.now().getTime()),
      agency_id: input.agencyId,
      agency_path: input.agencyPath,
      usci: input.usci,
      subject_name: input.subjectName,
      source_type: input.sourceType,
      source_id: input.sourceId,
      reason: input.reason,
      status: 'open' as const,
      created_at: deps.now().toISOString(),
    };
    await trx.insertInto('enforcement_referrals').values(row).execute();
    await audit({ action: 'enforcement_referral.create', targetType: 'enforcement_referral', targetId: row.id, after: row });
    return row;
  });
}
