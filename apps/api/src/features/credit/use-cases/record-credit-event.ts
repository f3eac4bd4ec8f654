import {
  type CreditRecordKind,
  type CreditSeverity,
  chinaDateOf,
  isPersonSubject,
  liableRoles,
  type PersonLiabilityPolicy,
  RESPONSIBLE_ROLE_LABELS,
  recordPoints,
} from '@fep/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { agencyById } from '../../../platform/org/agencies.repository.ts';
import { resolveForAgency } from '../../../platform/policy/policy.repository.ts';
import { responsiblePersonsByUsci } from '../../units/index.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { AppError } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type Audit, type Deps, type Emit, transact } from '../../../platform/transact.ts';
import { creditPolicies } from '../credit.policy.ts';
import { type PenaltyFacts, queueDelivery } from '../deliveries.ts';
import { recomputeStanding } from '../standings.ts';

export interface RecordCreditEventInput {
  usci: string;
  agencyId: string;
  kind: CreditRecordKind;
  severity: CreditSeverity;
  reason: string;
  sourceType: string;
  sourceId: string;
  /** When the finding was made (the domain event's time): the policy in force then sets the points. */
  occurredAt: string;
  subjectName?: string;
  /** Push the record to the national credit platform (双公示: penalties), with the decision's facts. */
  publish?: PenaltyFacts;
  /** Refuse with this error when the record is already there (a person's request), instead of returning it (a redelivered event). */
  refuseExisting?: (existing: { id: string }) => AppError;
}

/**
 * A fire-safety credit record of a unit (CRD-01), written only by the credit feature. Its points are the
 * `credit.deductions` (or, for rewards, `credit.levels`) policy of the finding agency in force on the day of
 * the finding, and the record (and its enforcement-record event) names that policy version, so a later
 * change of the points never changes what an event deducted. The unit's standing is recomputed in the same
 * transaction, so the level and the records never disagree.
 */
export async function recordCreditEvent(deps: Deps, actor: Actor, input: RecordCreditEventInput) {
  return transact(deps, actor, async (trx, audit, emit) => {
    const on = chinaDateOf(new Date(input.occurredAt));
    // A redelivered fact records once: the same source and kind is already there.
    const existing = await trx
      .selectFrom('credit_events')
      .selectAll()
      .where('source_type', '=', input.sourceType)
      .where('source_id', '=', input.sourceId)
      .where('kind', '=', input.kind)
      .where('usci', '=', input.usci)
      .executeTakeFirst();
    if (existing) {
      if (input.refuseExisting) throw input.refuseExisting(existing);
      return existing;
    }
    const policy = await creditPolicies(trx, input.agencyId, on);
    const version = input.kind === 'reward' || input.kind === 'commendation' ? policy.versions.levels : policy.versions.deductions;
    const row = {
      id: uuidv7(deps.now().getTime()),
      usci: input.usci,
      agency_id: input.agencyId,
      kind: input.kind,
      severity: input.severity,
      points: recordPoints(policy.deductions, policy.levels, input.kind, input.severity),
      reason: input.reason,
      source_type: input.sourceType,
      source_id: input.sourceId,
      occurred_at: input.occurredAt,
      on_date: on,
      subject_name: input.subjectName ?? null,
      policy_version: version,
      status: 'active' as const,
      version: 0,
      status_reason: null,
      status_changed_at: null,
    };
    await trx.insertInto('credit_events').values(row).execute();
    await audit({
      action: 'credit_event.record',
      targetType: 'credit_event',
      targetId: row.id,
      after: row,
      details: { severity: input.severity, usci: input.usci },
      policyVersion: version,
    });
    const changed = await recomputeStanding(trx, input.usci, deps.now(), `record:${row.id}`, emit);
    if (changed?.changed)
      await audit({
        action: 'credit_standing.recompute',
        targetType: 'credit_standing',
        targetId: input.usci,
        before: changed.before ? { level: changed.before.level, score: changed.before.score } : undefined,
        after: { level: changed.after.level, score: changed.after.score, blacklisted: changed.after.blacklisted },
        details: { cause: row.id },
        policyVersion: changed.after.policy_version,
      });
    if (input.publish) await queueDelivery(trx, deps, row, 'publish', policy.publicity, input.publish);
    if (!isPersonSubject(input.usci)) await extendToPersons(trx, deps, input, row, audit, emit);
    return row;
  });
}

/**
 * A unit's record extends to its 消防安全责任人 and 消防安全管理人 as the finding agency's policy
 * `credit.person_liability` says (CRD-01): a record of their own with the same source, kind, severity and points,
 * in the same transaction, and their standing recomputed. Withdrawing the source (a revoked decision) withdraws
 * theirs with the unit's. A person is no unit to inspect: their standing raises no supervision trigger.
 */
async function extendToPersons(
  trx: Transaction<DB>,
  deps: Deps,
  input: RecordCreditEventInput,
  unitRow: { id: string; points: number; on_date: string | null; policy_version: string | null },
  audit: Audit,
  emit: Emit,
): Promise<void> {
  const unit = await responsiblePersonsByUsci(trx, input.usci);
  if (!unit || unit.persons.length === 0) return;
  const agency = await agencyById(trx, input.agencyId);
  if (!agency) return;
  const [liability] = await resolveForAgency(trx, agency, unitRow.on_date ?? chinaDateOf(new Date(input.occurredAt)), ['credit.person_liability']);
  const roles = liableRoles(input.severity, liability!.values as PersonLiabilityPolicy);
  for (const person of unit.persons.filter((p) => roles.includes(p.role))) {
    const existing = await trx
      .selectFrom('credit_events')
      .select('id')
      .where('source_type', '=', input.sourceType)
      .where('source_id', '=', input.sourceId)
      .where('kind', '=', input.kind)
      .where('usci', '=', person.key)
      .executeTakeFirst();
    if (existing) continue;
    const label = RESPONSIBLE_ROLE_LABELS[person.role];
    const row = {
      id: uuidv7(deps.now().getTime()),
      usci: person.key,
      agency_id: input.agencyId,
      kind: input.kind,
      severity: input.severity,
      points: unitRow.points,
      reason: `作为${unit.unitName}的${label}：${input.reason}`,
      source_type: input.sourceType,
      source_id: input.sourceId,
      occurred_at: input.occurredAt,
      on_date: unitRow.on_date,
      subject_name: person.name,
      policy_version: unitRow.policy_version,
      status: 'active' as const,
      version: 0,
      status_reason: null,
      status_changed_at: null,
    };
    await trx.insertInto('credit_events').values(row).execute();
    await audit({
      action: 'credit_event.record',
      targetType: 'credit_event',
      targetId: row.id,
      after: row,
      details: { severity: input.severity, usci: person.key, unitRecord: unitRow.id, role: person.role },
      policyVersion: liability!.versionKey,
    });
    await recomputeStanding(trx, person.key, deps.now(), `record:${row.id}`, emit);
  }
}
