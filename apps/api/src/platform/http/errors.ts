/**
 * The error model: `{ code, message, details }`. Codes are stable (the UI switches on them); the
 * message is Chinese for the person reading it. One table maps codes to HTTP statuses.
 */
export const ERROR_STATUS = {
  'REQUEST.VALIDATION': 400,
  'REQUEST.BAD_DATE': 400,
  'REQUEST.INVALID': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.LOCKED': 423,
  'AUTH.SESSION_EXPIRED': 401,
  'AUTH.FORBIDDEN': 403,
  'RESOURCE.NOT_FOUND': 404,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'IDEMPOTENCY.IN_PROGRESS': 409,
  'IDEMPOTENCY.KEY_INVALID': 400,
  'POLICY.UNKNOWN_KIND': 404,
  'POLICY.INVALID_VALUES': 400,
  'POLICY.EFFECTIVE_DATE_IN_PAST': 400,
  'CALENDAR.INVALID_DAY': 400,
  'CLOCK.ILLEGAL_TRANSITION': 409,
  'UNIT.USCI_INVALID': 400,
  'UNIT.DUPLICATE': 409,
  'UNIT.OUT_OF_AGENCY': 400,
  'FILE.TOO_LARGE': 413,
  'FILE.TYPE_NOT_ALLOWED': 415,
  'FILE.MISSING': 400,
  'AUDIT.CHAIN_NOT_FOUND': 404,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = '记录') => new AppError('RESOURCE.NOT_FOUND', `${what}不存在或无权查看`);
