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
  /** The order listed a major fire hazard (GB 35181): escalated, it is a major hazard not rectified (credit, CRD-02). */
  majorHazard?: boolean;
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

/**
 * Facts enforcement publishes (credit records, documents and the credit platform's export listen to them): a
 * prior notice served, a penalty decided, and a decision revoked (its publication withdrawn, 行政处罚法 art. 48).
 */
export const NOTICE_SERVED = 'enforcement.notice_served';
export const PENALTY_DECIDED = 'enforcement.penalty_decided';
export const DECISION_REVOKED = 'enforcement.decision_revoked';

/** The payload of PENALTY_DECIDED (use-cases/decide-case.ts). */
export interface PenaltyDecided {
  caseId: string;
  decisionNumber: string;
  agencyId: string;
  agencyPath: string;
  partyKind: 'unit' | 'person';
  usci: string | null;
  partyName: string;
  violationCode: string;
  outcome: 'fine' | 'warning' | 'no_penalty';
  fine: number | null;
  decidedOn: string;
}
/** The payload of DECISION_REVOKED (use-cases/execution.ts). */
export interface DecisionRevoked {
  caseId: string;
  decisionNumber: string | null;
  agencyId: string;
  usci: string | null;
  reason: string;
}

/**
 * A temporary seal made or its status changed (proposed, sealed in an emergency, decided, expired, lifted,
 * declined): emitted in the transaction of the step (seal-step.ts, open-seal.ts, seals.sweep.ts). The leaders'
 * map listens; it reads the seal's present state through `sealOnMap` rather than trusting the payload's
 * status, so a delivery retried after a later one still leaves the map as the seal is.
 */
export const SEAL_CHANGED = 'enforcement.seal_changed';
export interface SealChanged {
  sealId: string;
  agencyId: string;
  agencyPath: string;
  usci: string;
  status: string;
  version: number;
}
