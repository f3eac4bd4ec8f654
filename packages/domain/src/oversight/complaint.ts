/**
 * Complaints about officers (消防法 art. 57: anyone may report an officer's illegal acts to the agency or
 * the supervisory bodies, which deal with them in time; OVS-03). Kept apart from hazard reports: their own
 * table, queue and permission. A complaint is received (submitted), accepted for handling, and concluded
 * with a finding and a reply the complainant reads with the tracking code; one that is not a complaint
 * about an officer is declined with a reply saying where it belongs.
 */
export const OFFICER_COMPLAINT_STATUSES = ['submitted', 'accepted', 'concluded', 'declined'] as const;
export type OfficerComplaintStatus = (typeof OFFICER_COMPLAINT_STATUSES)[number];
export type OfficerComplaintAction = 'accept' | 'conclude' | 'decline';

export const OFFICER_COMPLAINT_STATUS_LABELS: Record<OfficerComplaintStatus, string> = {
  submitted: '已收到，待受理',
  accepted: '已受理，正在调查处理',
  concluded: '已办结',
  declined: '不予受理',
};

/** The handler's queue tabs, short enough for a phone. */
export const OFFICER_COMPLAINT_QUEUE_LABELS: Record<OfficerComplaintStatus, string> = {
  submitted: '待受理',
  accepted: '办理中',
  concluded: '已办结',
  declined: '不予受理',
};

/** What the complainant is told the next step is, per status. */
export const OFFICER_COMPLAINT_STEP_HINTS: Record<OfficerComplaintStatus, string> = {
  submitted: '我们将尽快审核并受理，请凭查询码关注办理进度',
  accepted: '已指定专人调查核实，办结后将在此答复',
  concluded: '已办结，答复意见见下方',
  declined: '不属于对执法人员的投诉举报，答复意见见下方',
};

export const COMPLAINT_FINDINGS = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export type ComplaintFinding = (typeof COMPLAINT_FINDINGS)[number];
export const COMPLAINT_FINDING_LABELS: Record<ComplaintFinding, string> = {
  substantiated: '属实',
  partly_substantiated: '部分属实',
  unsubstantiated: '不属实',
};

const TABLE: Record<OfficerComplaintStatus, Partial<Record<OfficerComplaintAction, OfficerComplaintStatus>>> = {
  submitted: { accept: 'accepted', decline: 'declined' },
  accepted: { conclude: 'concluded' },
  concluded: {},
  declined: {},
};

export class OfficerComplaintTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly action: string,
  ) {
    super(`officer complaint cannot ${action} while ${from}`);
  }
}

export function nextOfficerComplaintStatus(from: OfficerComplaintStatus, action: OfficerComplaintAction): OfficerComplaintStatus {
  const to = TABLE[from]?.[action];
  if (!to) throw new OfficerComplaintTransitionError(from, action);
  return to;
}

/** The states an action may start from: the `expected` status of its compare-and-set. */
export function officerComplaintStatesFor(action: OfficerComplaintAction): OfficerComplaintStatus[] {
  return OFFICER_COMPLAINT_STATUSES.filter((s) => TABLE[s][action] !== undefined);
}

/**
 * The tracking code the complainant keeps (查询码): 16 characters of a 32-letter alphabet without 0/O,
 * 1/I (80 bits), shown in groups of four. Typed back with or without dashes and in any case.
 */
export const TRACKING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TRACKING_CODE_LENGTH = 16;

export function formatTrackingCode(raw: string): string {
  return raw.match(/.{1,4}/g)?.join('-') ?? raw;
}

/** The code as stored (upper case, no dashes or spaces), or null when it cannot be a tracking code. */
export function normalTrackingCode(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').toUpperCase();
  if (s.length !== TRACKING_CODE_LENGTH) return null;
  for (const c of s) if (!TRACKING_CODE_ALPHABET.includes(c)) return null;
  return s;
}
