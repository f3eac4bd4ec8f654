import type { Actor } from '../../../platform/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Deps, transact } from '../../../platform/transact.ts';

export interface RecordCreditEventInput {
  usci: string;
  agencyId: string;
  kind: string;
  points: number;
  reason: string;
  sourceType: string;
  sourceId: string;
}

/** A fire-safety credit record of a unit (CRD-*), written only by the credit feature. */
export async function recordCreditEvent(deps: Deps, actor: Actor, input: RecordCreditEventInput) {
  return transact(deps, actor, async (trx, audit) => {
    const row = {
      id: uuidv7(deps.now().getTime()),
      usci: input.usci,
      agency_id: input.agencyId,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      source_type: input.sourceType,
      source_id: input.sourceId,
      occurred_at: deps.now().toISOString(),
    };
    await trx.insertInto('credit_events').values(row).execute();
    await audit({ action: 'credit_event.record', targetType: 'credit_event', targetId: row.id, after: row });
    return row;
  });
}
