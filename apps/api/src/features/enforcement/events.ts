/**
 * Domain events enforcement listens to. Their producers import these types from this feature's index.ts
 * (the payload is the contract between the two features).
 */
export interface OrderEscalated {
  orderId: string;
  orderNumber: string | null;
  agencyId: string;
  agencyPath: string;
  usci: string;
  subjectName: string;
  reason: string;
}
export interface FalseCommitmentFound {
  taskId: string;
  licenceId: string | null;
  applicationId: string | null;
  agencyId: string;
  agencyPath: string;
  usci: string;
  subjectName: string;
  findings: string;
  serious: boolean;
}
export const ORDER_ESCALATED = 'supervision.order_escalated';
export const FALSE_COMMITMENT_FOUND = 'licensing.false_commitment_found';
