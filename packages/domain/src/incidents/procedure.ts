import { addDays, chinaDateOf } from '../dates.ts';

/**
 * Fire incident procedures (FIR-01 … FIR-03; 火灾事故调查规定 公安部令第121号, 火灾统计管理规定 消防〔2025〕17号):
 * the lightest tier whose conditions all hold, and for each lighter tier refused, the conditions that failed.
 * - onsite_registration (现场登记, 轻微火灾): facts clear, no objection, no compensation dispute, no casualties, no arson
 *   suspicion, no insurance claim, direct loss under the policy threshold → no scene sealing;
 * - simple (简易调查): no casualties, loss under the province's threshold, no dispute (facts clear, no objection, no
 *   compensation dispute), no arson suspicion; one investigator; filed within 2 days; not subject to review;
 * - general (一般调查): otherwise; two investigators; 30 days (+30 with the higher agency's approval); sealing.
 */
export const INCIDENT_TIERS = ['onsite_registration', 'simple', 'general'] as const;
export type IncidentTier = (typeof INCIDENT_TIERS)[number];
export const INCIDENT_TIER_LABELS: Record<IncidentTier, string> = {
  onsite_registration: '轻微火灾现场登记',
  simple: '简易调查程序',
  general: '一般调查程序',
};

export interface IncidentConditions {
  factsClear: boolean;
  noObjection: boolean;
  noCompensationDispute: boolean;
  casualties: number;
  arsonSuspected: boolean;
  insuranceClaim: boolean;
  /** Direct property loss, CNY. */
  directLoss: number;
}

export type IncidentProcedurePolicy = {
  /** 轻微火灾: direct loss strictly below this (CNY). */
  onsiteLossBelow: number;
  /** 简易调查: direct loss strictly below this (CNY); set by the province. */
  simpleLossBelow: number;
  simpleFilingDays: number;
  determinationDays: number;
  determinationExtensionDays: number;
  serviceDays: number;
  declarationDays: number;
  reviewApplyDays: number;
  reviewAcceptDays: number;
  reviewFileDays: number;
  reviewDecisionDays: number;
  redeterminationDays: number;
};

export const NATIONAL_INCIDENT_PROCEDURE: IncidentProcedurePolicy = {
  onsiteLossBelow: 1000,
  simpleLossBelow: 50000,
  simpleFilingDays: 2,
  determinationDays: 30,
  determinationExtensionDays: 30,
  serviceDays: 7,
  declarationDays: 7,
  reviewApplyDays: 15,
  reviewAcceptDays: 7,
  reviewFileDays: 10,
  reviewDecisionDays: 30,
  redeterminationDays: 15,
};

export type IncidentCondition = keyof IncidentConditions;
const yuan = (n: number) => n.toLocaleString('en-US');

/** Why a condition fails, for people. */
function failure(c: IncidentCondition, p: IncidentProcedurePolicy, tier: IncidentTier): string {
  const limit = tier === 'onsite_registration' ? p.onsiteLossBelow : p.simpleLossBelow;
  const messages: Record<IncidentCondition, string> = {
    factsClear: '火灾事实不清',
    noObjection: '当事人对火灾事实有异议',
    noCompensationDispute: '当事人对损失赔偿有争议',
    casualties: '火灾造成人员伤亡',
    arsonSuspected: '有放火嫌疑',
    insuranceClaim: '当事人申请保险理赔，需出具火灾事故认定',
    directLoss: `直接财产损失不低于 ${yuan(limit)} 元`,
  };
  return `${INCIDENT_TIER_LABELS[tier]}不适用：${messages[c]}`;
}

function failingFor(tier: Exclude<IncidentTier, 'general'>, c: IncidentConditions, p: IncidentProcedurePolicy): IncidentCondition[] {
  const out: IncidentCondition[] = [];
  if (!c.factsClear) out.push('factsClear');
  if (!c.noObjection) out.push('noObjection');
  if (!c.noCompensationDispute) out.push('noCompensationDispute');
  if (c.casualties > 0) out.push('casualties');
  if (c.arsonSuspected) out.push('arsonSuspected');
  if (tier === 'onsite_registration' && c.insuranceClaim) out.push('insuranceClaim');
  if (c.directLoss >= (tier === 'onsite_registration' ? p.onsiteLossBelow : p.simpleLossBelow)) out.push('directLoss');
  return out;
}

export interface TierDecision {
  tier: IncidentTier;
  sealing: boolean;
  /** Investigators at least (onsite registration: the responding station). */
  investigators: number;
  failing: { tier: IncidentTier; condition: IncidentCondition; message: string }[];
  rule: { text: string; legalBasis: string };
}

const RULES: Record<IncidentTier, { text: string; legalBasis: string }> = {
  onsite_registration: {
    text: '事实清楚、当事人无异议、无赔偿争议、无人员伤亡、无放火嫌疑、不申请保险理赔且直接财产损失轻微的火灾，由到场的消防救援站现场登记，不封闭火灾现场',
    legalBasis: '《火灾统计管理规定》（消防〔2025〕17号）轻微火灾现场登记统计；辽阳市消防救援支队便民服务20项措施第15项；内蒙古消防救援总队九项措施',
  },
  simple: {
    text: '没有人员伤亡、直接财产损失轻微（省级规定的限额以下）、当事人对火灾事实没有异议、没有放火嫌疑的火灾，适用简易调查程序：一名火灾事故调查人员调查，现场制作简易火灾事故认定书，2日内报所属消防救援机构备案，不适用复核',
    legalBasis: '《火灾事故调查规定》（公安部令第121号修订）第十一条至第十三条（条文序号待确认）',
  },
  general: {
    text: '不适用简易调查程序的火灾，适用一般调查程序：火灾事故调查人员不少于二人，可以封闭火灾现场；自接到火灾报警之日起30日内作出火灾事故认定，情况复杂经上一级机构批准可延长30日，检验、鉴定时间不计入',
    legalBasis: '《中华人民共和国消防法》第五十一条；《火灾事故调查规定》（公安部令第121号修订）第十四条、第十八条',
  },
};

/** FIR-01: the lightest tier whose conditions all hold; every lighter tier refused names its failing conditions. */
export function chooseIncidentTier(c: IncidentConditions, p: IncidentProcedurePolicy): TierDecision {
  const failing: TierDecision['failing'] = [];
  for (const tier of ['onsite_registration', 'simple'] as const) {
    const f = failingFor(tier, c, p);
    if (f.length === 0) return { tier, sealing: false, investigators: tier === 'simple' ? 1 : 0, failing, rule: RULES[tier] };
    failing.push(...f.map((condition) => ({ tier, condition, message: failure(condition, p, tier) })));
  }
  return { tier: 'general', sealing: true, investigators: 2, failing, rule: RULES.general };
}

/** FIR-03: the last day to apply for review (复核), `reviewApplyDays` after the day of service (the first day not counted). */
export function reviewLastDay(servedAt: string, p: IncidentProcedurePolicy): string {
  return addDays(chinaDateOf(servedAt), p.reviewApplyDays);
}

/** FIR-03: whether a review applied on `appliedAt` is in time. */
export function reviewInTime(servedAt: string, appliedAt: string, p: IncidentProcedurePolicy): boolean {
  return chinaDateOf(appliedAt) <= reviewLastDay(servedAt, p);
}

/** FIR-03: the last day to declare the loss: `declarationDays` after extinguishment (not the report). */
export function declarationLastDay(extinguishedAt: string, p: IncidentProcedurePolicy): string {
  return addDays(chinaDateOf(extinguishedAt), p.declarationDays);
}

export const INCIDENT_STATUS_LABELS: Record<'registered' | 'investigating' | 'determined', string> = {
  registered: '已现场登记',
  investigating: '调查中',
  determined: '已作出认定',
};
export const SEALING_STATUS_LABELS: Record<'none' | 'sealed' | 'lifted', string> = { none: '未封闭现场', sealed: '现场封闭中', lifted: '已解除封闭' };
export const INCIDENT_REVIEW_STATUS_LABELS: Record<'applied' | 'accepted' | 'rejected' | 'decided', string> = {
  applied: '已申请，待受理',
  accepted: '已受理，复核中',
  rejected: '不予受理',
  decided: '已作出复核决定',
};
export const INCIDENT_REVIEW_OUTCOME_LABELS: Record<'upheld' | 'redetermine', string> = { upheld: '维持原火灾事故认定', redetermine: '责令原机构重新作出认定' };
export const SEALING_CHANGE_LABELS: Record<'seal' | 'shrink' | 'lift', string> = { seal: '封闭现场', shrink: '缩小封闭范围', lift: '解除封闭' };
/** The steps of an incident's back-office file, for its buttons and dialogs. */
export const INCIDENT_STEP_LABELS = {
  shrink: '缩小现场封闭范围',
  lift: '解除现场封闭',
  pause: '检验、鉴定：暂停认定期限',
  resume: '恢复认定期限',
  extend: '经上一级机构批准延长认定期限',
  determine: '作出并送达火灾事故认定',
  accept: '受理复核申请',
  reject: '不予受理复核申请',
  decide: '作出复核决定',
} as const;
