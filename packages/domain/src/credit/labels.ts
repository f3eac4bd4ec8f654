import type { CreditRecordKind } from './deduction.ts';
import type { RiskFactor } from './risk.ts';
import type { BlacklistCriterion, CreditRecordStatus, RepairRefusal } from './standing.ts';

/** Chinese labels of the credit feature's values (API and web share them). */
export const CREDIT_RECORD_KIND_LABELS: Record<CreditRecordKind, string> = {
  false_commitment: '虚假承诺',
  penalty: '受到行政处罚',
  order_overdue: '逾期未改正火灾隐患',
  order_refused: '拒不改正火灾隐患',
  major_hazard: '重大火灾隐患挂牌督办',
  false_document: '出具虚假文件（消防法第六十九条）',
  inaccurate_document: '出具失实文件（消防法第六十九条）',
  reward: '受到奖励',
  commendation: '受到表彰',
};
export const CREDIT_RECORD_STATUS_LABELS: Record<CreditRecordStatus, string> = {
  active: '有效',
  withdrawn: '已撤回（决定被撤销）',
  corrected: '已更正（异议成立）',
  repaired: '已修复',
};
export const CREDIT_SEVERITY_LABELS = { general: '一般', serious: '严重' } as const;
export const BLACKLIST_CRITERION_LABELS: Record<BlacklistCriterion, string> = {
  major_hazard_unrectified: '重大火灾隐患逾期未整改',
  refusal_to_correct: '拒不改正火灾隐患',
  repeat_violations: '短期内多次违法受到处罚',
};
export const REPAIR_REFUSAL_LABELS: Record<RepairRefusal, string> = {
  not_in_effect: '该记录已不在公示期内或已失效',
  not_deduction: '该记录不是失信记录',
  minimum_period: '最短公示期未满',
  not_corrected: '失信行为尚未纠正',
  penalty_unfulfilled: '行政处罚尚未履行完毕',
  no_commitment: '未签署信用承诺书',
};
export const CREDIT_REQUEST_KIND_LABELS = { repair: '信用修复', objection: '异议' } as const;
export const CREDIT_REQUEST_STATUS_LABELS = {
  pending: '待办理',
  granted: '已修复',
  refused: '不予修复',
  upheld: '异议成立，已更正',
  dismissed: '异议不成立，维持记录',
} as const;
export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  venue: '场所类型',
  area: '建筑面积',
  key_unit: '消防安全重点单位',
  hazards: '未消除的火灾隐患',
  major_hazards: '重大火灾隐患',
  penalties: '近两年行政处罚',
  fire: '两年内发生火灾',
  credit: '信用等级',
  monitoring: '远程监控报警、故障和设备离线',
};
export const CREDIT_DELIVERY_STATUS_LABELS = { pending: '待推送', delivered: '已送达', failed: '推送失败，待重试' } as const;
