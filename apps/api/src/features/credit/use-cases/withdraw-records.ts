import type { Actor } from '../../../platform/actor.ts';
import { type Deps, transact } from '../../../platform/transact.ts';
import { creditPolicies } from '../credit.policy.ts';
import { queueDelivery } from '../deliveries.ts';
import { recomputeStanding } from '../standings.ts';

/**
 * A decision revoked or changed (行政处罚法 art. 48 ¶2: publication withdrawn within 3 days): every record
 * built on it is withdrawn by compare-and-set (active → withdrawn), the unit's standing recomputed, and the
 * withdrawal queued to the credit platform — all in one transaction, at once, well inside the 3 days.
 */
export async function withdrawRecords(deps: Deps, actor: Actor, input: { sourceType: string; sourceId: string; reason: string }) {
  return transact(deps, actor, async (trx, audit, emit) => {
    const records = await trx
      .selectFrom('credit_events')
      .selectAll()
      .where('source_type', '=', input.sourceType)
      .where('source_id', '=', input.sourceId)
      .where('status', '=', 'active')
      .execute();
    const nowIso = deps.now().toISOString();
    const withdrawn: string[] = [];
    for (const r of records) {
      const u = await trx
        .updateTable('credit_events')
        .set({ status: 'withdrawn', status_reason: input.reason, status_changed_at: nowIso, version: r.version + 1 })
        .where('id', '=', r.id)
        .where('status', '=', 'active')
        .where('version', '=', r.version)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) continue;
      withdrawn.push(r.id);
      await audit({ action: 'credit_event.withdraw', targetType: 'credit_event', targetId: r.id, details: { reason: input.reason } });
      if (r.kind === 'penalty') {
        const policy = await creditPolicies(trx, r.agency_id, r.on_date ?? nowIso.slice(0, 10));
        await queueDelivery(trx, deps, r, 'withdraw', policy.publicity);
      }
    }
    for (const usci of new Set(records.filter((r) => withdrawn.includes(r.id)).map((r) => r.usci)))
      await recomputeStanding(trx, usci, deps.now(), `withdraw:${input.sourceId}`, emit);
    return { withdrawn };
  });
}
