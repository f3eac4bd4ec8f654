import { chinaDateOf, PENALTY_OUTCOME_LABELS, penaltySeverity } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import {
  DECISION_REVOKED,
  type DecisionRevoked,
  FALSE_COMMITMENT_FOUND,
  type FalseCommitmentFound,
  ORDER_ESCALATED,
  type OrderEscalated,
  PENALTY_DECIDED,
  type PenaltyDecided,
} from '../enforcement/index.ts';
import { ART69_VIOLATION_RECORDED, type Art69ViolationRecorded } from '../market/index.ts';
import { MAJOR_HAZARD_LISTED, type MajorHazardListed } from '../supervision/index.ts';
import { creditPolicies } from './credit.policy.ts';
import { recordCreditEvent } from './use-cases/record-credit-event.ts';
import { withdrawRecords } from './use-cases/withdraw-records.ts';

export { distribution as creditDistribution, levelCounts as creditLevelCounts, personCredit, unitLevels as creditUnitLevels } from './credit.queries.ts';
/**
 * Credit (CRD-01 … CRD-04): credit records of units written from other features' findings (domain events),
 * their standing (score, level, serious-dishonesty list, risk), repair and objections, the 双公示 push.
 * Supervision's random draw reads a unit's credit and risk through `drawStandings`.
 */
export { creditRoutes } from './credit.routes.ts';
export { CREDIT_PLATFORM_NAME, configureCreditPlatform, signBody } from './deliveries.ts';
export { CREDIT_LEVEL_CHANGED, type CreditLevelChange, type CreditLevelChanged, INSPECTION_TRIGGERED, type InspectionTriggered } from './events.ts';
export { drawStandings } from './standings.ts';
export { CREDIT_SWEEP_JOB, type SweepRun, sweepCredit, sweepCreditPerUnit } from './sweep.ts';
export { recordCreditEvent } from './use-cases/record-credit-event.ts';
export { withdrawRecords as withdrawSourceRecords } from './use-cases/withdraw-records.ts';

export const creditSubscribers: Subscriber[] = [
  {
    name: 'credit.record_false_commitment',
    types: [FALSE_COMMITMENT_FOUND],
    async handle(deps, event) {
      const p = event.payload as unknown as FalseCommitmentFound;
      await recordCreditEvent(deps, systemActor(), {
        usci: p.usci,
        agencyId: p.agencyId,
        kind: 'false_commitment',
        // The points are the finding agency's credit.deductions policy on the day of the finding.
        severity: p.serious ? 'serious' : 'general',
        occurredAt: event.occurredAt,
        reason: '告知承诺核查发现虚假承诺',
        sourceType: 'inspection_task',
        sourceId: p.taskId,
        subjectName: p.subjectName,
      });
    },
  },
  {
    name: 'credit.record_penalty',
    types: [PENALTY_DECIDED],
    async handle(deps, event) {
      const p = event.payload as unknown as PenaltyDecided;
      // A decision not to penalise is no dishonesty; a natural person has no unit credit record (no USCI).
      if (p.outcome === 'no_penalty' || p.partyKind !== 'unit' || !p.usci) return;
      const policy = await creditPolicies(deps.database.db, p.agencyId, chinaDateOf(new Date(event.occurredAt)));
      await recordCreditEvent(deps, systemActor(), {
        usci: p.usci,
        agencyId: p.agencyId,
        kind: 'penalty',
        severity: penaltySeverity(p.outcome, p.fine, policy.publicity),
        occurredAt: event.occurredAt,
        reason: `行政处罚决定（${p.decisionNumber}）：${PENALTY_OUTCOME_LABELS[p.outcome]}${p.fine ? ` ${p.fine.toLocaleString('en-US')} 元` : ''}`,
        sourceType: 'enforcement_case',
        sourceId: p.caseId,
        subjectName: p.partyName,
        publish: { decisionNumber: p.decisionNumber, fineYuan: p.fine },
      });
    },
  },
  {
    name: 'credit.withdraw_revoked_decision',
    types: [DECISION_REVOKED],
    async handle(deps, event) {
      const p = event.payload as unknown as DecisionRevoked;
      await withdrawRecords(deps, systemActor(), { sourceType: 'enforcement_case', sourceId: p.caseId, reason: `处罚决定已撤销：${p.reason}` });
    },
  },
  {
    name: 'credit.record_order_overdue',
    types: [ORDER_ESCALATED],
    async handle(deps, event) {
      const p = event.payload as unknown as OrderEscalated;
      await recordCreditEvent(deps, systemActor(), {
        usci: p.usci,
        agencyId: p.agencyId,
        kind: 'order_overdue',
        // An order with a major hazard escalated is a major hazard not rectified (the blacklist criterion).
        severity: p.majorHazard ? 'serious' : 'general',
        occurredAt: event.occurredAt,
        reason: `责令限期改正${p.orderNumber ? `（${p.orderNumber}）` : ''}逾期未改正，已移送执法：${p.reason}`,
        sourceType: 'rectification_order',
        sourceId: p.orderId,
        subjectName: p.subjectName,
      });
    },
  },
  {
    name: 'credit.record_major_hazard',
    types: [MAJOR_HAZARD_LISTED],
    async handle(deps, event) {
      const p = event.payload as unknown as MajorHazardListed;
      await recordCreditEvent(deps, systemActor(), {
        usci: p.usci,
        agencyId: p.agencyId,
        kind: 'major_hazard',
        severity: 'general',
        occurredAt: event.occurredAt,
        reason: `存在重大火灾隐患 ${p.majorHazards} 项，挂牌督办${p.orderNumber ? `（${p.orderNumber}）` : ''}`,
        sourceType: 'rectification_order',
        sourceId: p.orderId,
        subjectName: p.subjectName,
      });
    },
  },
  {
    name: 'credit.record_art69_violation',
    types: [ART69_VIOLATION_RECORDED],
    async handle(deps, event) {
      const p = event.payload as unknown as Art69ViolationRecorded;
      // 消防法第六十九条: the organisation by its USCI, and the signing engineer as a person subject (staff only).
      const common = {
        agencyId: p.agencyId,
        kind: p.kind,
        severity: p.severity,
        occurredAt: event.occurredAt,
        reason: p.reason,
        sourceType: 'service_violation',
        sourceId: p.violationId,
      };
      await recordCreditEvent(deps, systemActor(), { ...common, usci: p.organisationUsci, subjectName: p.organisationName });
      if (p.engineer) await recordCreditEvent(deps, systemActor(), { ...common, usci: p.engineer.subjectKey, subjectName: p.engineer.name });
    },
  },
];
