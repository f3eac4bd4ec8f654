/**
 * Chinese labels of enum values that both the API and the web show (one source: the web imports these,
 * it does not keep its own copies). Labels that live beside their rules stay there: ROLE_LABELS
 * (iam/permissions.ts), VENUE_KIND_LABELS (venue.ts), APPLICATION_STATUS_LABELS and
 * APPLICATION_ACTION_LABELS (licensing/application.ts), LICENCE_STATUS_LABELS (licensing/permit.ts),
 * APPLICATION_FIELDS (licensing/intake.ts).
 */
import type { ClockUnit } from './clock.ts';
import type { LicensingPath } from './licensing/application.ts';
import type { COMPLAINT_CATEGORIES } from './policy/kinds.ts';
import type { RiskLevel } from './supervision/draw.ts';

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

/** The unit after an amount: `5 个工作日`, `30 日`, `24 小时`. */
export const CLOCK_UNIT_LABELS: Record<ClockUnit, string> = { working_days: '个工作日', calendar_days: '日', hours: '小时' };

export const LICENSING_PATH_LABELS: Record<LicensingPath, string> = { commitment: '告知承诺', inspection: '现场检查' };

export const COMPLAINT_CATEGORY_LABELS: Record<(typeof COMPLAINT_CATEGORIES)[number], string> = {
  locked_exit: '锁闭安全出口',
  blocked_escape_route: '占用堵塞疏散通道',
  disabled_fire_system: '消防设施停用',
  other: '其他',
};

/** Enum values that appear inside policy parameters (the policy page shows them in Chinese). */
export const POLICY_VALUE_LABELS: Record<string, string> = {
  none: '不适用',
  all: '全部适用',
  trial: '试行',
  pilot: '试点',
  after_business_licence: '取得营业执照后',
  corps: '总队',
  detachment: '支队',
  brigade: '大队',
  law: '依法律规定',
  city: '由市级确定',
  listed: '仅限所列材料',
  any: '任一材料',
  onsite_check: '现场检查时补齐',
  before_decision: '作出决定前补齐',
  per_plan: '每次计划',
  monthly: '每月',
  quarterly: '每季度',
  full: '完整清单',
  reduced: '精简清单',
  hours: '小时',
  working_days: '个工作日',
};

/** Fields of a permit that a change request may amend (licence-requests). */
export const LICENCE_CHANGE_FIELD_LABELS: Record<'venueName' | 'companyName' | 'legalRepresentative', string> = {
  venueName: '场所名称',
  companyName: '单位名称',
  legalRepresentative: '法定代表人',
};

/** The applicant's preferred time of the opening check. */
export const APPOINTMENT_PERIOD_LABELS: Record<string, string> = { morning: '上午', afternoon: '下午', evening: '晚间', weekend: '周末' };

/** Why units were set aside from a random draw (the draw's summary). */
export const DRAW_SET_ASIDE_LABELS: Record<string, string> = {
  cap_per_year: '年度次数已满',
  cap_interval: '间隔不足',
  self_committed: '自我承诺低风险',
  already_inspected: '已因同一事项检查',
};

/** The result of an inspection task (opening check, verification, supervision, re-inspection). */
export const INSPECTION_RESULT_LABELS: Record<string, string> = {
  pass: '合格',
  fail: '不合格',
  confirmed: '承诺属实',
  rectification: '责令整改',
  false_commitment: '虚假承诺',
  hazards: '发现隐患',
  fixed: '已整改',
  not_fixed: '未整改',
};

/** A request to extend a rectification deadline. */
export const ORDER_EXTENSION_STATUS_LABELS: Record<string, string> = { pending: '审批中', approved: '已准予', denied: '未准予' };
