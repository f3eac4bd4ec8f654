import type { LicenceStatus } from './permit.ts';

/**
 * The e-licence, the applicant's change/reissue request and the post-issue verification task as pure
 * transition tables (LIC-03, LIC-08 … LIC-10). An act not allowed in the current state is refused; the API
 * applies the step as a compare-and-set on the expected state, so of two concurrent acts one wins and the
 * other gets 409.
 */
export type LicenceAction = 'amend' | 'reissue' | 'revoke' | 'deliver' | 'request_change';

export const LICENCE_ACTION_LABELS: Record<LicenceAction, string> = {
  amend: '变更',
  reissue: '补发',
  revoke: '撤销',
  deliver: '登记送达',
  request_change: '申请变更或补发',
};

/** Only a valid permit changes; an amended or reissued one is superseded by its new revision (LIC-08/09). */
const LICENCE_TABLE: Record<LicenceStatus, Partial<Record<LicenceAction, LicenceStatus>>> = {
  valid: { amend: 'amended', reissue: 'reissued', revoke: 'revoked', deliver: 'valid', request_change: 'valid' },
  amended: {},
  reissued: {},
  revoked: {},
};

export class LicenceTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly action: string,
  ) {
    super(`cannot ${action} while ${from}`);
  }
}

export function nextLicenceStatus(from: LicenceStatus, action: LicenceAction): LicenceStatus {
  const to = LICENCE_TABLE[from]?.[action];
  if (!to) throw new LicenceTransitionError(from, action);
  return to;
}

export type LicenceRequestStatus = 'pending' | 'approved' | 'rejected';
export type LicenceRequestAction = 'approve' | 'reject';

const REQUEST_TABLE: Record<LicenceRequestStatus, Partial<Record<LicenceRequestAction, LicenceRequestStatus>>> = {
  pending: { approve: 'approved', reject: 'rejected' },
  approved: {},
  rejected: {},
};

export function nextLicenceRequestStatus(from: LicenceRequestStatus, action: LicenceRequestAction): LicenceRequestStatus {
  const to = REQUEST_TABLE[from]?.[action];
  if (!to) throw new LicenceTransitionError(from, action);
  return to;
}

/** The licence status an approved request leaves the old revision in. */
export function supersededStatus(kind: 'amend' | 'reissue'): LicenceStatus {
  return nextLicenceStatus('valid', kind);
}

export type VerificationTaskStatus = 'unassigned' | 'assigned' | 'done' | 'cancelled';
export type VerificationTaskAction = 'assign' | 'record';

/** A verification task is assigned (and may be re-assigned) until its outcome is recorded by its inspectors. */
const TASK_TABLE: Record<VerificationTaskStatus, Partial<Record<VerificationTaskAction, VerificationTaskStatus>>> = {
  unassigned: { assign: 'assigned' },
  assigned: { assign: 'assigned', record: 'done' },
  done: {},
  cancelled: {},
};

export function nextVerificationTaskStatus(from: VerificationTaskStatus, action: VerificationTaskAction): VerificationTaskStatus {
  const to = TASK_TABLE[from]?.[action];
  if (!to) throw new LicenceTransitionError(from, action);
  return to;
}
