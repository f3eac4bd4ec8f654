import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { FALSE_COMMITMENT_FOUND, type FalseCommitmentFound, ORDER_ESCALATED, type OrderEscalated } from './events.ts';
import { openReferral } from './use-cases/open-referral.ts';

/** Enforcement (ENF-*): today the referrals other features hand over; penalty cases build on them. */
export * from './events.ts';
export { openReferral } from './use-cases/open-referral.ts';

export const enforcementSubscribers: Subscriber[] = [
  {
    name: 'enforcement.open_referral',
    types: [ORDER_ESCALATED, FALSE_COMMITMENT_FOUND],
    async handle(deps, event) {
      if (event.type === ORDER_ESCALATED) {
        const p = event.payload as unknown as OrderEscalated;
        await openReferral(deps, systemActor(), {
          agencyId: p.agencyId,
          agencyPath: p.agencyPath,
          usci: p.usci,
          subjectName: p.subjectName,
          sourceType: 'rectification_order',
          sourceId: p.orderId,
          reason: p.reason,
        });
      } else {
        const p = event.payload as unknown as FalseCommitmentFound;
        await openReferral(deps, systemActor(), {
          agencyId: p.agencyId,
          agencyPath: p.agencyPath,
          usci: p.usci,
          subjectName: p.subjectName,
          sourceType: 'inspection_task',
          sourceId: p.taskId,
          reason: `告知承诺核查发现虚假承诺：${p.findings}`,
        });
      }
    },
  },
];
