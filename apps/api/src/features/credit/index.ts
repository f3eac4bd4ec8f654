import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { FALSE_COMMITMENT_FOUND, type FalseCommitmentFound } from '../enforcement/index.ts';
import { recordCreditEvent } from './use-cases/record-credit-event.ts';

/** Credit (CRD-*): credit records of units, written from other features' findings. */
export { recordCreditEvent } from './use-cases/record-credit-event.ts';

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
      });
    },
  },
];
