import { systemActor } from '../../platform/actor.ts';
import type { Subscriber } from '../../platform/events/bus.ts';
import { COMPLAINT_FOUNDED, type ComplaintFounded } from '../complaints/index.ts';
import { PRODUCT_USE_UNQUALIFIED, type ProductUseUnqualified } from '../products/index.ts';
import { documentSubscribers } from './document-production.ts';
import { FALSE_COMMITMENT_FOUND, type FalseCommitmentFound, ORDER_ESCALATED, type OrderEscalated } from './events.ts';
import { openReferral } from './use-cases/open-referral.ts';

/** The one /verify page (licensing's routes) verifies the documents of penalty cases through these. */
export { caseDocumentByCode, caseDocumentByDigest } from './document-verification.ts';
/** Enforcement (ENF-*): the referrals other features hand over, penalty cases, temporary seals and their end-of-term sweep. */
export * from './events.ts';
/** The leaders' map (dashboard) reads a seal's present state and place through this. */
export { type SealOnMap, sealOnMap } from './seal-map.ts';
export { SEAL_SWEEP_JOB, type SealSweepResult, sweepSeals } from './seals.sweep.ts';
export { openReferral } from './use-cases/open-referral.ts';

export const enforcementSubscribers: Subscriber[] = [
  {
    name: 'enforcement.open_referral',
    types: [ORDER_ESCALATED, FALSE_COMMITMENT_FOUND, COMPLAINT_FOUNDED, PRODUCT_USE_UNQUALIFIED],
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
      } else if (event.type === COMPLAINT_FOUNDED) {
        // A hazard report verified founded is a case source (案件来源：举报, 《消防救援机构办理行政案件程序规定》):
        // the referral lets the case officer decide on a penalty (e.g. 消防法 art. 60 for a locked exit), beside
        // the rectification order issued in the field. A report naming no registered unit has no subject to refer.
        const p = event.payload as unknown as ComplaintFounded;
        if (!p.usci) return;
        await openReferral(deps, systemActor(), {
          agencyId: p.agencyId,
          agencyPath: p.agencyPath,
          usci: p.usci,
          subjectName: p.subjectName ?? p.usci,
          sourceType: 'complaint',
          sourceId: p.complaintId,
          reason: `群众举报投诉经核查属实：${p.findings}`,
        });
      } else if (event.type === PRODUCT_USE_UNQUALIFIED) {
        // 消防法 art. 65 ¶2: a crowded place using an unqualified product is ordered to correct within a time
        // limit and fined if it does not; the referral lets the case officer open the case (MKT-02).
        const p = event.payload as unknown as ProductUseUnqualified;
        await openReferral(deps, systemActor(), {
          agencyId: p.agencyId,
          agencyPath: p.agencyPath,
          usci: p.usci,
          subjectName: p.subjectName,
          sourceType: 'product_check',
          sourceId: p.sampleId,
          reason: `消防产品抽查发现${p.findings}`,
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
  ...documentSubscribers,
];
