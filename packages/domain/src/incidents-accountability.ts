/**
 * FIR-04: fatal or high-impact fires get an accountability investigation (government-led team; the parties
 * examined each with findings) and a one-year evaluation of the rectification measures, published.
 */
export const ACCOUNTABILITY_PARTIES = ['construction', 'design', 'supervision', 'intermediary', 'product', 'management'] as const;
export type AccountabilityParty = (typeof ACCOUNTABILITY_PARTIES)[number];
export const ACCOUNTABILITY_PARTY_LABELS: Record<AccountabilityParty, string> = {
  construction: '建设单位',
  design: '设计单位',
  supervision: '监理单位',
  intermediary: '中介服务机构',
  product: '消防产品生产销售单位',
  management: '使用管理单位',
};
export const ACCOUNTABILITY_STATUS_LABELS: Record<'investigated' | 'evaluated', string> = {
  investigated: '已调查，整改评估中',
  evaluated: '整改措施已评估',
};
/**
 * The evaluation is due one year after the investigation is concluded (事故整改措施落实情况"一年后评估",
 * 安委办〔2021〕4号 生产安全事故防范和整改措施落实情况评估办法 — applied to fires by analogy; 待确认).
 */
export const ACCOUNTABILITY_EVALUATION_RULE = {
  calendarDays: 365,
  legalBasis: { document: '生产安全事故防范和整改措施落实情况评估办法（安委办〔2021〕4号）', clause: '事故调查报告批复后一年内评估（待确认）' },
} as const;
