import type { RefusalReason } from '@fep/domain';

/**
 * The error model: `{ code, message, details }`. Codes are stable (the UI switches on them); the
 * message is Chinese for the person reading it. One table maps codes to HTTP statuses.
 */
export const ERROR_STATUS = {
  'REQUEST.VALIDATION': 400,
  'REQUEST.BAD_DATE': 400,
  'REQUEST.INVALID': 400,
  'REQUEST.MULTIPART_INVALID': 400,
  'REQUEST.CONFLICT': 409,
  'DEMO.NOT_AVAILABLE': 403,
  'DEMO.CLOCK_BACKWARDS': 409,
  'EVENT.NOT_DEAD': 409,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.LOCKED': 423,
  'AUTH.SESSION_EXPIRED': 401,
  'AUTH.FORBIDDEN': 403,
  'RESOURCE.NOT_FOUND': 404,
  /** The basemap (platform/map): no offline tile package configured, or no tile at that place. */
  'MAP.NO_TILES': 404,
  'MAP.TILE_NOT_FOUND': 404,
  /** Too many heavy reads waiting for a worker of the read pool (platform/workers). */
  'SYSTEM.BUSY': 503,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  'IDEMPOTENCY.KEY_INVALID': 400,
  'POLICY.UNKNOWN_KIND': 404,
  'POLICY.INVALID_VALUES': 400,
  'POLICY.EFFECTIVE_DATE_IN_PAST': 400,
  'CALENDAR.INVALID_DAY': 400,
  'CLOCK.ILLEGAL_TRANSITION': 409,
  'CLOCK.CONFLICT': 409,
  'CLOCK.STALE_VERSION': 409,
  'CLOCK.UNKNOWN_TARGET_TYPE': 400,
  'CALENDAR.UNCHANGED': 409,
  'POLICY.UNCHANGED': 409,
  'POLICY.CONCURRENT_VERSION': 409,
  'AUTH.SESSION_ENDED': 409,
  'UNIT.USCI_INVALID': 400,
  'UNIT.DUPLICATE': 409,
  'UNIT.ID_NUMBER_INVALID': 400,
  'UNIT.OUT_OF_AGENCY': 400,
  'FILE.TOO_LARGE': 413,
  'FILE.TYPE_NOT_ALLOWED': 415,
  'FILE.MISSING': 400,
  /** An upload that is not what it starts like: an image libvips cannot decode, a PDF whose structure fails (files/pdf-check.ts). */
  'FILE.CONTENT_INVALID': 422,
  'AUDIT.CHAIN_NOT_FOUND': 404,
  'DOCUMENT.UNSUPPORTED_CHARACTERS': 400,
  'LICENSING.ILLEGAL_TRANSITION': 409,
  /** 办件查询: an unknown number and a wrong code answer alike. */
  'LOOKUP.NOT_FOUND': 404,
  /** 办件查询: too many attempts from a client or on a number. */
  'LOOKUP.TOO_MANY_ATTEMPTS': 429,
  'LICENSING.INVALID_APPLICATION': 400,
  'LICENSING.EXEMPT': 422,
  'LICENSING.PATH_NOT_OFFERED': 422,
  'LICENSING.MATERIAL_NOT_IN_GUIDE': 400,
  'LICENSING.MATERIALS_MISSING': 422,
  'LICENSING.COMMITMENT_NOT_SIGNED': 422,
  'LICENSING.PENDING_NOT_ALLOWED': 422,
  'LICENSING.ITEM_NOT_IN_NOTICE': 409,
  'LICENSING.NOTICE_INVALID': 400,
  'LICENSING.DOCUMENTS_OWED': 409,
  'LICENSING.INSPECTORS_INVALID': 400,
  'LICENSING.CHECKLIST_INCOMPLETE': 400,
  'LICENSING.STALE_VERSION': 409,
  'LICENSING.AMENDMENT_NEEDS_NEW_APPLICATION': 422,
  'LICENSING.LICENCE_NOT_VALID': 409,
  'LICENSING.REQUEST_NOT_PENDING': 409,
  'LICENSING.UNKNOWN_VENUE_KIND': 400,
  'LICENSING.TASK_NOT_OPEN': 409,
  'LICENSING.NOT_ASSIGNED': 403,
  'LICENSING.REQUEST_ALREADY_PENDING': 409,
  'LICENSING.ALREADY_DELIVERED': 409,
  'LICENSING.ALREADY_SUPPLIED': 409,
  'LICENSING.ALREADY_ASSIGNED': 409,
  'LICENSING.LICENCE_CHANGED': 409,
  'CREDIT.REQUEST_STATE': 409,
  'CREDIT.RECORD_STATE': 409,
  'CREDIT.NOT_ELIGIBLE': 422,
  'CREDIT.CONFLICT': 409,
  /** A reward or commendation already recorded for the unit under that document number (CRD-02). */
  'CREDIT.COMMENDATION_EXISTS': 409,
  'MARKET.SIGNING_REFUSED': 422,
  'MARKET.ENGINEER_NOT_OF_ORGANISATION': 422,
  'MARKET.BAN_PERIOD_INVALID': 400,
  'SUPERVISION.PLAN_STATE': 409,
  'SUPERVISION.DRAW_TASKS_PENDING': 409,
  /** Fire product checks (MKT-02): a plan drawn twice, a result recorded twice, a referral moved out of order, a result breaking the finding rules. */
  /** Fire incidents (FIR-01 … FIR-03): a step out of order, a request breaking the tier's rules, a review late or twice. */
  'INCIDENT.STATE': 409,
  'INCIDENT.NOT_ACCOUNTABLE': 422,
  'INCIDENT.ACCOUNTABILITY_EXISTS': 409,
  'INCIDENT.INVALID': 400,
  'INCIDENT.REVIEW_LATE': 422,
  'INCIDENT.REVIEW_NOT_ALLOWED': 422,
  'INCIDENT.DECLARATION_LATE': 422,
  'INCIDENT.NOT_REVIEWING_AGENCY': 403,
  'INCIDENT.NO_DOCUMENT': 404,
  'PRODUCTS.PLAN_STATE': 409,
  'PRODUCTS.SAMPLE_STATE': 409,
  'PRODUCTS.REFERRAL_STATE': 409,
  'PRODUCTS.RESULT_INVALID': 400,
  'EVALUATION.DUPLICATE': 409,
  'EVALUATION.NOT_EVALUABLE': 422,
  'EVALUATION.NOT_YOURS': 403,
  'EVALUATION.FOLLOW_UP_STATE': 409,
  'APPOINTMENT.FULL': 409,
  'APPOINTMENT.STATE': 409,
  'APPOINTMENT.INVALID': 400,
  'APPOINTMENT.TOO_MANY_BOOKINGS': 429,
  'APPOINTMENT.NOT_OFF_HOURS': 422,
  'APPOINTMENT.TOO_LATE': 422,
  'TRAINING.ALREADY_COMPLETED': 409,
  'TRAINING.INVALID': 400,
  'GUIDANCE.STATE': 409,
  'GUIDANCE.INVALID': 400,
  'GUIDANCE.ADVICE_OPEN': 409,
  'DISCLOSURE.STATE': 409,
  'DISCLOSURE.EXTENDED_ONCE': 409,
  'DISCLOSURE.TOO_MANY_SUBMISSIONS': 429,
  'ENGINEER.COMMITMENT_REQUIRED': 400,
  'ENGINEER.INVALID_MATERIALS': 400,
  'ENGINEER.DUPLICATE': 409,
  'ENGINEER.REASONS_REQUIRED': 400,
  'ENGINEER.STATE': 409,
  'SUPERVISION.TASK_STATE': 409,
  'SUPERVISION.ORDER_STATE': 409,
  'SUPERVISION.HAZARD_INVALID': 400,
  'SUPERVISION.NOT_ASSIGNED': 403,
  'SUPERVISION.CONFLICT': 409,
  'SUPERVISION.CONFLICT_DECLARED': 409,
  'NOTIFICATION.ALREADY_READ': 409,
  'NOTIFICATION.NOTHING_UNREAD': 409,
  'NOTIFICATION.PREFERENCE_UNCHANGED': 409,
  'NOTIFICATION.KIND_NOT_YOURS': 400,
  'UNIT.IMPORT_INVALID': 400,
  /** An import past a limit: rows, inflated size, shared strings (details.what, details.limit). */
  'UNIT.IMPORT_TOO_LARGE': 413,
  /** A discretion request the benchmark cannot answer (details.field names the input). */
  'ENFORCEMENT.UNKNOWN_VIOLATION': 422,
  'ENFORCEMENT.PARTY_NOT_COVERED': 422,
  'ENFORCEMENT.UNKNOWN_CIRCUMSTANCE': 422,
  'ENFORCEMENT.BAD_CIRCUMSTANCE': 422,
  /** Penalty cases (ENF-01 … ENF-07). */
  'ENFORCEMENT.CASE_STATE': 409,
  'ENFORCEMENT.NOT_CASE_OFFICER': 403,
  'ENFORCEMENT.NOT_INDEPENDENT': 403,
  'ENFORCEMENT.NOT_DECIDER': 403,
  'ENFORCEMENT.HOST_NOT_INDEPENDENT': 422,
  'ENFORCEMENT.OFFICERS_INVALID': 422,
  'ENFORCEMENT.OFFICER_RECUSED': 409,
  'ENFORCEMENT.OUTSIDE_JURISDICTION': 403,
  'ENFORCEMENT.EVIDENCE_REQUIRED': 409,
  'ENFORCEMENT.FINE_INVALID': 422,
  'ENFORCEMENT.FINE_OUTSIDE_LAW': 422,
  'ENFORCEMENT.HEARING_NOT_AVAILABLE': 409,
  'ENFORCEMENT.HEARING_LATE': 409,
  'ENFORCEMENT.HEARING_WINDOW_OPEN': 409,
  'ENFORCEMENT.REVIEW_REQUIRED': 409,
  'ENFORCEMENT.HEAVIER_THAN_NOTICE': 422,
  'ENFORCEMENT.ON_THE_SPOT_LIMIT': 422,
  'ENFORCEMENT.DEVIATION_REASON_REQUIRED': 422,
  'ENFORCEMENT.PAYMENT_SHORT': 422,
  'ENFORCEMENT.RECEIPT_USED': 409,
  'ENFORCEMENT.DISCUSSION_REQUIRED': 409,
  'ENFORCEMENT.TIME_BARRED': 422,
  /** Service by post without its tracking number (details.field 'trackingNumber'). */
  'ENFORCEMENT.TRACKING_REQUIRED': 422,
  /** A deferral or instalments outside the law or the policy (art. 66 ¶2; details.field). */
  'ENFORCEMENT.PAYMENT_PLAN_INVALID': 422,
  /** A review or litigation period that overlaps an open one or ends before it starts (art. 73). */
  'ENFORCEMENT.REMEDY_INVALID': 422,
  /** A hearing scheduled too close (art. 64 (2): notice 7 working days before) or a bad host. */
  'ENFORCEMENT.HEARING_TOO_SOON': 422,
  /** A fast-track case whose conditions or limits are not met (details.field). */
  'ENFORCEMENT.FAST_TRACK_NOT_ALLOWED': 422,
  /** Temporary seals and the party's requests on them (ENF-05). */
  'ENFORCEMENT.SEAL_STATE': 409,
  'ENFORCEMENT.SEAL_REQUEST_STATE': 409,
  'ENFORCEMENT.SEAL_TERM': 422,
  'ENFORCEMENT.SEAL_OUTCOME': 422,
  'ENFORCEMENT.SEAL_PARTY_MISMATCH': 422,
  'ENFORCEMENT.NOT_SEAL_OFFICER': 403,
  /** Oversight (ENF-08, OVS-02, OVS-03); details.field names the input where there is one. */
  'OVERSIGHT.INVALID_RECORD': 400,
  'OVERSIGHT.REGION_NOT_SERVED': 422,
  'OVERSIGHT.TOO_MANY_SUBMISSIONS': 429,
  'OVERSIGHT.TOO_MANY_LOOKUPS': 429,
  /** A tracking code that names no complaint (unknown and malformed alike). */
  'OVERSIGHT.COMPLAINT_NOT_FOUND': 404,
  'OVERSIGHT.COMPLAINT_STATE': 409,
  'OVERSIGHT.REVIEW_INVALID': 422,
  'OVERSIGHT.OFFICER_INVALID': 422,
  /** Hazard reports and complaints (CMP-01 … CMP-04); details.field names the input where there is one. */
  'COMPLAINTS.INVALID': 400,
  'DASHBOARD.INVALID_BOUNDS': 400,
  'DASHBOARD.INVALID_LAYER': 400,
  'COMPLAINTS.REGION_NOT_SERVED': 422,
  'COMPLAINTS.TOO_MANY_SUBMISSIONS': 429,
  'COMPLAINTS.TOO_MANY_LOOKUPS': 429,
  /** A tracking code that names no report (unknown and malformed alike). */
  'COMPLAINTS.NOT_FOUND': 404,
  'COMPLAINTS.STATE': 409,
  'COMPLAINTS.NOT_VERIFIED': 409,
  'COMPLAINTS.DUPLICATE_INVALID': 422,
  'COMPLAINTS.FEEDBACK_REQUIRED': 422,
  'COMPLAINTS.REWARD_STATE': 409,
  'COMPLAINTS.CLAIM_EXPIRED': 409,
  /** A partner request (12345 platform) whose signature, timestamp or nonce does not verify, or a replay. */
  'PARTNER.BAD_SIGNATURE': 401,
  'PARTNER.REPLAYED': 409,
  /** The partner gateway (MON-03): a signature that does not verify, a key unknown or revoked, a timestamp outside
   * the window, a scope the partner does not hold, an identity assertion that does not verify. */
  'PARTNER.SIGNATURE_INVALID': 401,
  'PARTNER.UNKNOWN': 401,
  'PARTNER.TIMESTAMP_STALE': 401,
  'PARTNER.SCOPE_DENIED': 403,
  'PARTNER.ASSERTION_INVALID': 401,
  /** A mutual TLS partner's call without the registered certificate verified by a trusted proxy. */
  'PARTNER.CERTIFICATE_INVALID': 401,
  /** A partner's setting set to what it already is (nothing written). */
  'PARTNER.UNCHANGED': 409,
  'PARTNER.INVALID': 400,
  'PARTNER.STATE': 409,
  'PARTNER.NOT_FOUND': 404,
  /** A delivery of the outbox that cannot be replayed now (already in line, or changed meanwhile). */
  'GATEWAY.DELIVERY_STATE': 409,
  /** An Open311 request without a valid api_key (GeoReport v2 answers errors as a list). */
  'OPEN311.BAD_KEY': 403,
  'OPEN311.INVALID': 400,
  'OPEN311.NOT_FOUND': 404,
  /** A payment notification whose signature does not verify with the channel's secret (ENF-06). */
  'PAYMENT.BAD_SIGNATURE': 401,
  'PAYMENT.NOT_OFFERED': 409,
  'PAYMENT.ORDER_UNKNOWN': 404,
  'PAYMENT.ORDER_EXPIRED': 409,
  /** The payment channel could not be reached or refused the order: the party may try again later. */
  'PAYMENT.CHANNEL_UNAVAILABLE': 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** What makes an answer a refusal worth a security event: why, and the record the caller tried to reach. */
export interface RefusalMark {
  reason: RefusalReason;
  target?: { type: string; id: string };
}

export class AppError extends Error {
  readonly status: number;
  /** Set on a refusal the caller must not tell from an ordinary answer (an out-of-scope record is a 404). */
  refusal?: RefusalMark;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** Marks the error as a refusal (recorded by the HTTP error handler, platform/audit/refusals.ts). */
  refused(mark: RefusalMark): this {
    this.refusal = mark;
    return this;
  }
}

export const notFound = (what = '记录') => new AppError('RESOURCE.NOT_FOUND', `${what}不存在或无权查看`);

/**
 * A record that exists outside the caller's data scope: the same 404 as a missing record (nothing tells the
 * caller it exists), marked so that the attempt becomes a security event.
 */
export const outOfScope = (what: string, target: { type: string; id: string }) => notFound(what).refused({ reason: 'out_of_scope', target });

/**
 * The refusal an error answers, if it is one: a missing permission (AUTH.FORBIDDEN), an act reserved to the
 * assigned inspectors (*.NOT_ASSIGNED), or an error marked by the access rules (out of scope, not one's own).
 */
export function refusalOf(err: AppError): RefusalMark | null {
  if (err.refusal) return err.refusal;
  if (err.code === 'AUTH.FORBIDDEN') return { reason: 'permission' };
  if (err.code === 'LICENSING.NOT_ASSIGNED' || err.code === 'SUPERVISION.NOT_ASSIGNED') return { reason: 'not_assigned' };
  return null;
}
