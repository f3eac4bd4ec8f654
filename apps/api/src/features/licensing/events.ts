import type { ApplicationTable } from '../../db/schema.ts';
import type { DomainEventInput } from '../../platform/events/outbox.ts';

/**
 * Facts of an application that other features react to (today: notifications). The payload is the
 * contract: it carries what a subscriber needs — whose application, which agency, which file — so that
 * no subscriber reads licensing's tables.
 */
export const APPLICATION_SUBMITTED = 'licensing.application_submitted';
export const APPLICATION_ACCEPTED = 'licensing.application_accepted';
export const NOTICE_ISSUED = 'licensing.notice_issued';
export const PERMIT_GRANTED = 'licensing.permit_granted';
export const APPLICATION_REFUSED = 'licensing.application_refused';
/** An intake document was recorded in the act's transaction; its sealed PDF is produced after the commit. */
export const INTAKE_DOCUMENT_RECORDED = 'licensing.intake_document_recorded';

export interface IntakeDocumentRecorded {
  documentId: string;
  applicationId: string;
  agencyId: string;
  kind: string;
}

export function intakeDocumentEvent(type: typeof INTAKE_DOCUMENT_RECORDED, payload: IntakeDocumentRecorded): DomainEventInput {
  return { type, targetType: 'application', targetId: payload.applicationId, agencyId: payload.agencyId, payload: { ...payload } };
}

export interface ApplicationFact {
  applicationId: string;
  referenceNo: string;
  applicantUserId: string;
  usci: string;
  venueName: string;
  agencyId: string;
  agencyPath: string;
}
export interface ApplicationSubmitted extends ApplicationFact {
  /** A resubmission after a one-time notice (补正后重新提交). */
  resubmitted: boolean;
}
export interface ApplicationAccepted extends ApplicationFact {
  /** Materials accepted as owed (容缺受理). */
  pendingCount: number;
  /** Commitment path: the permit was granted on acceptance (a PERMIT_GRANTED follows). */
  granted: boolean;
}
export interface NoticeIssued extends ApplicationFact {
  seq: number;
  itemCount: number;
}
export interface PermitGranted extends ApplicationFact {
  licenceId: string;
}
export interface ApplicationRefused extends ApplicationFact {
  reasons: string[];
}

export function applicationFact(row: ApplicationTable): ApplicationFact {
  return {
    applicationId: row.id,
    referenceNo: row.reference_no,
    applicantUserId: row.applicant_user_id,
    usci: row.usci,
    venueName: row.venue_name,
    agencyId: row.agency_id,
    agencyPath: row.agency_path,
  };
}

/** The domain event of an application fact, targeted at the application and its agency. */
export function applicationEvent<P extends ApplicationFact>(type: string, payload: P): DomainEventInput {
  return { type, targetType: 'application', targetId: payload.applicationId, agencyId: payload.agencyId, payload: { ...payload } as Record<string, unknown> };
}

/**
 * A permit stopped being the one in force: amended or reissued (a new revision replaces it) or revoked (LIC-08,
 * LIC-09). The e-licence sharing service is told (MON-03); a grant is PERMIT_GRANTED.
 */
export const LICENCE_CHANGED = 'licensing.licence_changed';
export interface LicenceChanged {
  licenceId: string;
  number: string;
  usci: string;
  agencyId: string;
  change: 'amended' | 'reissued' | 'revoked';
  /** The revision that replaces it (amended, reissued), or null (revoked). */
  currentLicenceId: string | null;
}
