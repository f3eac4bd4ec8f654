/**
 * 政务服务"好差评" (SVC-02), appointments (SVC-03) and disclosure requests (SVC-06): the labels shared by the API
 * and the web, and the follow-up of a bad review as a table of legal steps.
 */

/** Five levels (GB/T 39734-2020 7.3): 5 = 非常满意 … 1 = 非常不满意. */
export const EVALUATION_LEVEL_LABELS: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** A bad review (差评): 不满意 or 非常不满意. */
export function isBadReview(level: number): boolean {
  return level <= 2;
}

/** Structured bad-review tags (Guangdong 2023's most frequent first). */
export const EVALUATION_TAGS = {
  overdue: '超时限',
  extra_conditions: '增加审批条件',
  extra_materials: '增加材料',
  repeated_trips: '多次跑动',
  poor_attitude: '服务态度差',
  unclear_guide: '办事指南不清晰',
  system_trouble: '系统操作不便',
  other: '其他',
} as const;
export type EvaluationTag = keyof typeof EVALUATION_TAGS;
export const EVALUATION_TAG_IDS = Object.keys(EVALUATION_TAGS) as EvaluationTag[];

/** What was evaluated: an online matter (一事一评) or a visit to the window (一次一评). */
export const EVALUATION_MATTER_LABELS = {
  licensing_application: '消防许可申请',
  appointment: '预约参观',
  window_visit: '窗口现场办事',
  appointment_request: '预约演练、培训和非工作时间服务',
} as const;
export type EvaluationMatterType = keyof typeof EVALUATION_MATTER_LABELS;

export const FOLLOW_UP_STATUS_LABELS = {
  verifying: '待核实',
  rectifying: '整改中',
  fed_back: '已反馈，待回访',
  closed: '已办结',
  appealed: '申诉复核中',
  excluded: '申诉成立（误评或恶意差评）',
} as const;
export type FollowUpStatus = keyof typeof FOLLOW_UP_STATUS_LABELS;

export const FOLLOW_UP_STEP_LABELS = {
  verify: '核实',
  rectify: '整改',
  feedback: '反馈评价人',
  return_visit: '回访',
  appeal: '提出申诉（误评或恶意差评）',
  appeal_upheld: '申诉成立',
  appeal_rejected: '申诉不成立',
} as const;
export type FollowUpStep = keyof typeof FOLLOW_UP_STEP_LABELS;

/**
 * The follow-up of one bad review: 核实 → 整改 → 反馈 (the clock stops) → 回访 (required for every real-name bad
 * review, 100 %) → 办结; an appeal against a mistaken or malicious review may be filed before feedback and is
 * decided (upheld: the review is excluded from the published figures; rejected: back where it was).
 * Returns the next status, or null when the step is not allowed now.
 */
export function nextFollowUpStatus(
  status: FollowUpStatus,
  step: FollowUpStep,
  ctx: { returnVisitRequired: boolean; statusBeforeAppeal?: FollowUpStatus | null },
): FollowUpStatus | null {
  switch (step) {
    case 'verify':
      return status === 'verifying' ? 'rectifying' : null;
    case 'rectify':
      return status === 'rectifying' ? 'rectifying' : null;
    case 'feedback':
      return status === 'rectifying' ? (ctx.returnVisitRequired ? 'fed_back' : 'closed') : null;
    case 'return_visit':
      return status === 'fed_back' ? 'closed' : null;
    case 'appeal':
      return status === 'verifying' || status === 'rectifying' ? 'appealed' : null;
    case 'appeal_upheld':
      return status === 'appealed' ? 'excluded' : null;
    case 'appeal_rejected':
      return status === 'appealed' ? (ctx.statusBeforeAppeal ?? 'verifying') : null;
  }
}

export const APPOINTMENT_KIND_LABELS = {
  open_day: '消防站开放日',
  education_visit: '消防教育基地参观',
} as const;
export type AppointmentKind = keyof typeof APPOINTMENT_KIND_LABELS;

export const BOOKING_STATUS_LABELS = { booked: '已预约', cancelled: '已取消', completed: '已参观' } as const;
export type BookingStatus = keyof typeof BOOKING_STATUS_LABELS;

export const DISCLOSURE_STATUS_LABELS = { pending: '办理中', answered: '已答复' } as const;
export type DisclosureStatus = keyof typeof DISCLOSURE_STATUS_LABELS;

export const DISCLOSURE_OUTCOME_LABELS = {
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  not_disclosed: '不予公开',
  not_held: '本机关不掌握该信息',
  not_ours: '非本机关负责公开，已告知负责机关',
} as const;
export type DisclosureOutcome = keyof typeof DISCLOSURE_OUTCOME_LABELS;

/** 政府信息公开条例 (2019) 第三十三条: answer within 20 working days; extendable once by at most 20 with approval. */
export const DISCLOSURE_RULE = {
  answerWorkingDays: 20,
  extensionWorkingDays: 20,
  legalBasis: { document: '中华人民共和国政府信息公开条例', clause: '第三十三条第二款' },
} as const;
