/**
 * The partner gateway (MON-03): which government systems connect, what each may do (scopes), what the
 * platform pushes to them, and the Chinese words the administrator reads. Shared by API and web.
 */
export const PARTNER_KINDS = ['unified_portal', 'elicence_sharing', 'random_inspection', 'evaluation_system', 'credit_platform', 'hotline_12345'] as const;
export type PartnerKindId = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Record<PartnerKindId, string> = {
  unified_portal: '统一政务服务门户（赣服通、粤商通等）',
  elicence_sharing: '电子证照共享服务',
  random_inspection: '国家“双随机、一公开”监管平台',
  evaluation_system: '政务服务“好差评”系统',
  credit_platform: '信用中国、企业信用信息公示系统',
  hotline_12345: '12345 政务服务便民热线',
};

export const PARTNER_SCOPES = [
  'portal.applications.submit',
  'portal.callbacks',
  'elicence.read',
  'elicence.push',
  'random_inspection.read',
  'random_inspection.push',
  'evaluation.push',
  'evaluation.bad_reviews.submit',
  'credit.push',
  'hotline.reports',
] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const PARTNER_SCOPE_LABELS: Record<PartnerScope, string> = {
  'portal.applications.submit': '代用户提交许可申请、查询办件',
  'portal.callbacks': '接收办件状态和办理结果回调',
  'elicence.read': '按统一社会信用代码查询电子证照',
  'elicence.push': '接收电子证照发证、变更、撤销推送',
  'random_inspection.read': '导出抽查计划、事项清单、任务和结果',
  'random_inspection.push': '接收抽查检查结果推送',
  'evaluation.push': '接收好差评评价推送',
  'evaluation.bad_reviews.submit': '回传差评，生成差评整改',
  'credit.push': '接收行政处罚“双公示”信息推送及撤回',
  'hotline.reports': '接收 12345 工单办理进度和办理结果',
};

/** The scopes a partner of a kind is usually given (the administrator may narrow or widen them). */
export const DEFAULT_PARTNER_SCOPES: Record<PartnerKindId, PartnerScope[]> = {
  unified_portal: ['portal.applications.submit', 'portal.callbacks'],
  elicence_sharing: ['elicence.read', 'elicence.push'],
  random_inspection: ['random_inspection.read', 'random_inspection.push'],
  evaluation_system: ['evaluation.push', 'evaluation.bad_reviews.submit'],
  credit_platform: ['credit.push'],
  hotline_12345: [],
};

/** What the outbox pushes, and which scope a partner needs to receive it. */
export const DELIVERY_TOPICS = [
  'portal.application_status',
  'elicence.changed',
  'random_inspection.result',
  'evaluation.submitted',
  'credit.publicity',
  'hotline.report',
] as const;
export type DeliveryTopic = (typeof DELIVERY_TOPICS)[number];
export const DELIVERY_TOPIC_SCOPE: Record<DeliveryTopic, PartnerScope> = {
  'portal.application_status': 'portal.callbacks',
  'elicence.changed': 'elicence.push',
  'random_inspection.result': 'random_inspection.push',
  'evaluation.submitted': 'evaluation.push',
  'credit.publicity': 'credit.push',
  'hotline.report': 'hotline.reports',
};
export const DELIVERY_TOPIC_LABELS: Record<DeliveryTopic, string> = {
  'portal.application_status': '办件状态回调',
  'elicence.changed': '电子证照推送',
  'random_inspection.result': '抽查结果推送',
  'evaluation.submitted': '好差评评价推送',
  'credit.publicity': '双公示信息推送',
  'hotline.report': '12345 工单进度和结果回报',
};

export const PARTNER_DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;
export type DeliveryStatusId = (typeof PARTNER_DELIVERY_STATUSES)[number];
export const PARTNER_DELIVERY_STATUS_LABELS: Record<DeliveryStatusId, string> = {
  pending: '待推送',
  failed: '推送失败，等待重试',
  delivered: '已送达',
  dead: '已停止重试（死信）',
};
export const DELIVERY_ATTEMPT_LABELS: Record<'delivered' | 'failed' | 'dead' | 'requeued', string> = {
  delivered: '送达',
  failed: '失败',
  dead: '失败，停止重试',
  requeued: '管理员重新推送',
};

/** Backoff after the n-th failed attempt of a push: 2ⁿ minutes, at most six hours. */
export function deliveryBackoffMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export function isPartnerScope(s: string): s is PartnerScope {
  return (PARTNER_SCOPES as readonly string[]).includes(s);
}
