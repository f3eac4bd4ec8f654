/**
 * Facts of a report other features react to. The payload names the report, its agency and category —
 * never the reporter (CMP-04: no identity in notifications or event logs).
 */
export const COMPLAINT_RECEIVED = 'complaints.received';
/** A verification found the report founded: enforcement may open a case from it (the order itself comes from the inspection). */
export const COMPLAINT_FOUNDED = 'complaints.founded';
/** A verification was concluded (founded or not), in time or late against its statutory limit (MON-02 counts it). */
export const COMPLAINT_VERIFIED = 'complaints.verified';

export interface ComplaintReceived {
  complaintId: string;
  agencyId: string;
  agencyPath: string;
  categoryName: string;
  channelLabel: string;
  dueAt: string;
  /** Where the reporter placed the hazard (WGS84), when they did: the report's point on the leaders' map. */
  lat?: number | null;
  lng?: number | null;
}
export interface ComplaintVerified {
  complaintId: string;
  agencyId: string;
  agencyPath: string;
  outcome: 'founded' | 'partly_founded' | 'unfounded';
  /** The inspectors' record came before the verification limit ran out. */
  inTime: boolean;
}
export interface ComplaintFounded {
  complaintId: string;
  agencyId: string;
  agencyPath: string;
  usci: string | null;
  /** The reported unit's name (null when the report names no unit on the register). */
  subjectName: string | null;
  taskId: string | null;
  orderId: string | null;
  findings: string;
}
