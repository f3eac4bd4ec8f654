import { type CreditDeductionsPolicy, type CreditEventKind, type CreditSeverity, chinaDateOf, creditPoints, type ResolvedPolicy } from '@fep/domain';
import type { Actor } from '../../../platform/actor.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { type Deps, transact } from '../../../platform/transact.ts';

export interface RecordCreditEventInput {
  usci: string;
  agencyId: string;
  kind: CreditEventKind;
  severity: CreditSeverity;
  reason: string;
  sourceType: string;
  sourceId: string;
  /** When the finding was made (the domain event's time): the policy in force then sets the points. */
  occurredAt: string;
}

/**
 * A fire-safety credit record of a unit (CRD-*), written only by the credit feature. Its points are the
 * `credit.deductions` policy of the finding agency in force on the day of the finding, and the record
 * (and its enforcement-record event) names that policy version, so a later change of the points never
 * changes what an event deducted.
 */
export async function recordCreditEvent(deps: Deps, actor: Actor, input: RecordCreditEventInput) {
  return transact(deps, actor, async (trx, audit) => {
    const agency = await agencyById(trx, input.agencyId);
    if (!agency) throw new Error(`credit event of unknown agency ${input.agencyId}`);
    const [policy] = (await resolveForAgency(trx, agency, chinaDateOf(new Date(input.occurredAt)), ['credit.deductions'])) as [
      ResolvedPolicy<CreditDeductionsPolicy>,
    ];
    const row = {
      id: uuidv7(deps.now().getTime()),
      usci: input.usci,
      agency_id: input.agencyId,
      kind: input.kind,
      points: creditPoints(policy.values, input.kind, input.severity),
      reason: input.reason,
      source_type: input.sourceType,
      source_id: input.sourceId,
      occurred_at: input.occurredAt,
      policy_version: policy.versionKey,
    };
    await trx.insertInto('credit_events').values(row).execute();
    await audit({
      action: 'credit_event.record',
      targetType: 'credit_event',
      targetId: row.id,
      after: row,
      details: { severity: input.severity },
      policyVersion: policy.versionKey,
    });
    return row;
  });
}
