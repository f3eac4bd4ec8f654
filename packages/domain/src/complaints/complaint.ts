/**
 * Hazard reports and complaints (举报投诉, CMP-01 … CMP-04): the channels a report arrives by, the states of
 * its handling and the outcomes of its verification. Complaints about officers (消防法 art. 57) are not
 * hazard reports: they go to the oversight queue (OVS-03) and never enter this state machine.
 *
 * A report is received (its verification clock running), verified through an inspection task (SUP-06:
 * a non-random trigger), concluded with an outcome, and closed when the reporter has been told the result
 * — or the register says why they could not be (《消防监督检查规定》: 处理情况应当及时告知举报投诉人；无法告知的，
 * 应当在受理登记中注明). A reporter who says it is not fixed reopens it; a duplicate is linked to the first
 * report, which keeps its reporter.
 */
/**
 * Report categories (CMP-02). The first two carry the 24-hour limit of 《消防监督检查规定》: 占用、堵塞、封闭
 * 疏散通道或安全出口 (locked exits included) and 擅自停用消防设施; everything else is `other`. The limits
 * themselves are the `complaints.deadlines` policy, not code.
 */
export const COMPLAINT_CATEGORIES = ['escape_route_blocked', 'fire_system_disabled', 'fire_lane_blocked', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  escape_route_blocked: '占用、堵塞、封闭疏散通道或安全出口',
  fire_system_disabled: '擅自停用消防设施',
  fire_lane_blocked: '占用、堵塞、封闭消防车通道',
  other: '其他消防安全违法行为',
};

export const COMPLAINT_CHANNELS = ['portal', 'snapshot', 'hotline_96119', 'hotline_12345', 'window', 'open311'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
/** Channels a clerk records by hand (a call or a visit). */
export const STAFF_INTAKE_CHANNELS = ['hotline_96119', 'hotline_12345', 'window'] as const;

export const COMPLAINT_STATUSES = ['received', 'verifying', 'verified', 'closed', 'duplicate'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintAction = 'dispatch' | 'conclude' | 'feedback' | 'reopen' | 'link_duplicate';

export const COMPLAINT_OUTCOMES = ['founded', 'partly_founded', 'unfounded'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Anonymity levels (CMP-04), as the form explains them. */
export const ANONYMITY_LEVELS = ['real_name', 'anonymous_with_contact', 'anonymous'] as const;
export type AnonymityLevel = (typeof ANONYMITY_LEVELS)[number];

export function anonymityOf(anonymous: boolean, hasIdentity: boolean): AnonymityLevel {
  if (!anonymous) return 'real_name';
  return hasIdentity ? 'anonymous_with_contact' : 'anonymous';
}

const TABLE: Record<ComplaintStatus, Partial<Record<ComplaintAction, ComplaintStatus>>> = {
  received: { dispatch: 'verifying', link_duplicate: 'duplicate' },
  verifying: { conclude: 'verified' },
  verified: { feedback: 'closed' },
  closed: { reopen: 'received' },
  duplicate: {},
};

export class ComplaintTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly action: string,
  ) {
    super(`complaint cannot ${action} while ${from}`);
  }
}

export function nextComplaintStatus(from: ComplaintStatus, action: ComplaintAction): ComplaintStatus {
  const to = TABLE[from]?.[action];
  if (!to) throw new ComplaintTransitionError(from, action);
  return to;
}

/** Whether the category of a report may still be changed (before the verification is concluded). */
export function categoryChangeable(status: ComplaintStatus): boolean {
  return status === 'received' || status === 'verifying';
}

/** Whether a report may be transferred to another agency (before anyone has been sent to verify it). */
export function transferable(status: ComplaintStatus): boolean {
  return status === 'received';
}

/**
 * The Open311 status of a report (GeoReport v2 knows only open and closed); our own status goes into
 * `status_notes` in Chinese.
 */
export function open311Status(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'closed' || status === 'duplicate' ? 'closed' : 'open';
}

/** What a person reads for each code (API and web share these). */
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: '已受理，待核查',
  verifying: '核查中',
  verified: '已核查，待答复',
  closed: '已办结',
  duplicate: '已并案处理',
};
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  portal: '网上举报',
  snapshot: '随手拍',
  hotline_96119: '96119 举报电话',
  hotline_12345: '12345 热线工单',
  window: '来访',
  open311: '开放接口（Open311）',
};
export const COMPLAINT_OUTCOME_LABELS: Record<ComplaintOutcome, string> = { founded: '属实', partly_founded: '部分属实', unfounded: '不属实' };
export const ANONYMITY_LABELS: Record<AnonymityLevel, string> = {
  real_name: '实名举报',
  anonymous_with_contact: '匿名（留有联系方式，仅受理岗可见）',
  anonymous: '匿名（未留联系方式）',
};
/** The three levels as the form explains them (CMP-04), in plain words. */
export const ANONYMITY_EXPLANATIONS: Record<AnonymityLevel, string> = {
  real_name: '实名举报：您的姓名和电话只有受理您举报的消防救援机构受理人员能看到，用于联系核实、告知结果和发放奖励；被举报单位、检查人员和公众都看不到。',
  anonymous_with_contact: '匿名但留联系方式：举报按匿名处理，您的联系方式加密保存，仅在告知结果、发放奖励时由受理人员查看，每次查看都有记录。',
  anonymous: '完全匿名：不留任何个人信息，请保存查询码，凭查询码查看办理进度和结果；无法联系您时，登记中会注明无法告知的原因。',
};
export const REWARD_STATUS_LABELS: Record<'offered' | 'refused' | 'claimed' | 'paid', string> = {
  offered: '可领取奖励',
  refused: '不予奖励',
  claimed: '已申领，待发放',
  paid: '奖励已发放',
};
export const DUPLICATE_REASON_LABELS: Record<'same_unit' | 'nearby', string> = { same_unit: '同一单位', nearby: '50 米内、7 日内的举报' };
export const RETURN_VISIT_SOURCE_LABELS: Record<'phone' | 'hotline_12345', string> = { phone: '电话回访', hotline_12345: '12345 回访评价' };
export const SATISFACTION_LABELS: Record<'satisfied' | 'dissatisfied', string> = { satisfied: '满意', dissatisfied: '不满意' };
