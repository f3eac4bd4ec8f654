/**
 * Chinese labels of enum values that both the API and the web show (one source: the web imports these,
 * it does not keep its own copies). Labels that live beside their rules stay there: ROLE_LABELS
 * (iam/permissions.ts), VENUE_KIND_LABELS (venue.ts), APPLICATION_STATUS_LABELS and
 * APPLICATION_ACTION_LABELS (licensing/application.ts), LICENCE_STATUS_LABELS (licensing/permit.ts),
 * APPLICATION_FIELDS (licensing/intake.ts).
 */
import type { ClockUnit } from './clock.ts';
import type { LicensingPath } from './licensing/application.ts';
import type { RiskLevel } from './supervision/draw.ts';

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' };

/** The unit after an amount: `5 个工作日`, `30 日`, `24 小时`. */
export const CLOCK_UNIT_LABELS: Record<ClockUnit, string> = { working_days: '个工作日', calendar_days: '日', hours: '小时' };

export const LICENSING_PATH_LABELS: Record<LicensingPath, string> = { commitment: '告知承诺', inspection: '现场检查' };

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

/**
 * The 剩余工作日 text of a due date on queues, clocks and exports: `剩余 3 个工作日`, `今日到期`,
 * `已超期 2 个工作日`, `暂停计时（补正中）`, `已办结`. `days` is workingDaysLeft() of calendar.ts.
 */
export function dueLabel(due: { status: 'running' | 'paused' | 'stopped'; days: number | null }): string {
  if (due.status === 'stopped') return '已办结';
  if (due.status === 'paused') return '暂停计时（补正中）';
  if (due.days === null) return '—';
  if (due.days > 0) return `剩余 ${due.days} 个工作日`;
  if (due.days === 0) return '今日到期';
  return `已超期 ${-due.days} 个工作日`;
}

/**
 * What each step of the enforcement record means to the people who read a file's 流转记录 (timeline):
 * one label per action code the API records (apps/api/src/platform/audit/record-labels.test.ts fails on
 * an action without one). The codes themselves never reach a page.
 */
export const RECORD_ACTION_LABELS: Record<string, string> = {
  'interference_record.create': '登记干预、插手案件情况',
  'officer_complaint.submit': '收到对执法人员的投诉举报',
  'officer_complaint.accept': '受理投诉举报',
  'officer_complaint.conclude': '办结投诉举报并答复',
  'officer_complaint.decline': '不予受理投诉举报并答复',
  'officer_complaint.contact_read': '查看投诉人联系方式',
  'officer_complaint.read': '查阅投诉举报',
  'complaint.receive': '受理火灾隐患举报',
  'complaint.photo_upload': '收到随手拍照片',
  'complaint.reporter_read': '查看举报人身份信息',
  'complaint.recategorise': '更正举报类别并重新计算核查时限',
  'complaint.transfer': '移交举报',
  'complaint.link_duplicate': '重复举报并案',
  'complaint.dispatch': '派员核查举报',
  'complaint.conclude': '作出举报核查结论',
  'complaint.feedback': '告知举报人处理情况',
  'complaint.reopen': '举报重新办理',
  'complaint.return_visit': '举报回访',
  'complaint.reward_decide': '决定举报奖励',
  'complaint.reward_claim': '申领举报奖励',
  'complaint.reward_pay': '发放举报奖励',
  'partner_key.issue': '签发接口密钥',
  'work_order_report.attempt': '向 12345 平台推送工单办理进度或结果',
  'case_review.create': '案卷评查评分',
  'officer_training.create': '登记培训记录',
  'user.read': '查阅执法人员档案',
  'application.create': '保存申请草稿',
  'application.update': '修改申请',
  'application.submit': '提交申请',
  'application.resubmit': '补正后重新提交',
  'application.notice': '一次性告知补正',
  'application.reject': '不予受理',
  'application.accept': '受理',
  'application.assign': '指派现场检查',
  'application.inspected': '录入现场检查结果',
  'application.legal_review_pass': '法制审核通过',
  'application.legal_review_return': '法制审核退回',
  'application.grant': '作出准予许可决定',
  'application.refuse': '作出不予许可决定',
  'application.withdraw': '撤回申请',
  'application.supply_documents': '补齐容缺材料',
  'application.read': '查阅办件',
  'licensing.application.submit': '提交申请',
  'licence.issue': '签发许可证',
  'licence.revoke': '撤销许可',
  'licence.deliver': '送达许可证',
  'licence.amend': '变更许可证',
  'licence.reissue': '补发许可证',
  'licence.amended': '许可证已变更',
  'licence.reissued': '许可证已补发',
  'licence_request.amend': '申请变更许可证',
  'licence_request.reissue': '申请补发许可证',
  'licence_request.reject': '驳回变更/补发申请',
  'public_notice.publish': '发布公告',
  'seal_key.create': '生成电子印章密钥',
  'inspection_task.create': '生成检查任务',
  'inspection_task.assign': '指派检查人员',
  'inspection_task.record': '录入检查结果',
  'inspection_task.verify': '录入告知承诺核查结果',
  'inspection_task.draft': '暂存现场检查记录',
  'inspection_task.reinspect': '录入复查结论',
  'inspection_task.cancel': '取消检查任务',
  'inspection_task.read': '查阅检查任务',
  'rectification_order.issue': '签发责令改正通知书',
  'rectification_order.report': '单位报告整改完成',
  'rectification_order.extension_request': '单位申请延期整改',
  'rectification_order.close': '复查合格，整改完毕',
  'rectification_order.escalate': '复查不合格，移送执法',
  'rectification_order.read': '查阅整改通知',
  'rectification_order.extend': '准予延期整改',
  'rectification_order.extension_denied': '不予延期整改',
  'hazard.record': '登记火灾隐患',
  'random_plan.create': '制定抽查计划',
  'random_plan.publish': '公布抽查计划',
  'random_plan.draw': '随机抽取检查对象和人员',
  'random_plan.write_tasks': '生成抽中单位的检查任务',
  'random_plan.read': '查阅抽查计划',
  'enforcement_referral.create': '移送执法办案',
  'enforcement_case.create': '提出立案申请',
  'enforcement_case.file': '批准立案',
  'enforcement_case.decline_filing': '不予立案',
  'enforcement_case.evidence': '登记证据',
  'enforcement_case.notice': '送达行政处罚告知书',
  'enforcement_case.statement': '记录陈述、申辩',
  'enforcement_case.hearing_request': '申请听证',
  'enforcement_case.hearing': '举行听证',
  'enforcement_case.submit_review': '提交法制审核',
  'enforcement_case.review_pass': '法制审核通过',
  'enforcement_case.review_return': '法制审核退回',
  'enforcement_case.decide': '作出行政处罚决定',
  'enforcement_case.decide_on_the_spot': '当场作出处罚决定',
  'enforcement_case.serve': '送达行政处罚决定书',
  'enforcement_case.payment': '登记罚款缴纳',
  'enforcement_case.instalment_payment': '登记分期罚款一期缴纳',
  'enforcement_case.hearing_schedule': '安排听证并送达听证通知书',
  'enforcement_case.recusal_request': '申请回避',
  'enforcement_case.recusal_grant': '决定承办人员回避',
  'enforcement_case.recusal_refuse': '决定不予回避',
  'enforcement_case.payment_plan_request': '申请暂缓或者分期缴纳罚款',
  'enforcement_case.payment_plan_approve': '批准暂缓或者分期缴纳罚款',
  'enforcement_case.payment_plan_refuse': '不予批准暂缓或者分期缴纳罚款',
  'enforcement_case.remedy_start': '登记申请行政复议或者提起行政诉讼',
  'enforcement_case.remedy_end': '登记行政复议或者行政诉讼结束',
  'enforcement_case.publish': '公示行政处罚决定',
  'enforcement_case.revoke': '撤销行政处罚决定并撤回公示',
  'enforcement_case.collective_discussion': '集体讨论',
  'enforcement_case.transfer': '移送有权机关',
  'oversight_alert.raise': '发出执法监督预警',
  'enforcement_seal.propose': '提请临时查封',
  'enforcement_seal.emergency': '紧急临时查封（负责人口头批准）',
  'enforcement_seal.decide': '集体研究决定临时查封',
  'enforcement_seal.decline': '集体研究不同意临时查封',
  'enforcement_seal.serve': '送达临时查封决定书',
  'enforcement_seal.extend': '延长临时查封期限',
  'enforcement_seal.lift': '解除临时查封',
  'enforcement_seal.expire': '临时查封期限届满未解除',
  'seal_request.submit': '提出查封相关申请',
  'seal_request.inspect': '录入查封申请检查结果',
  'seal_request.decide': '对查封相关申请作出决定',
  'seal_request.close': '查封解除，申请办结',
  'enforcement_document.issue': '出具行政处罚文书',
  'enforcement_payment_order.create': '发起在线缴纳罚款',
  'credit_event.record': '记入信用记录',
  'credit_event.withdraw': '撤回信用记录（处罚决定被撤销）',
  'credit_request.submit': '提出信用修复或异议申请',
  'credit_request.decide': '对信用修复或异议申请作出决定',
  'credit_standing.recompute': '重新评定信用等级',
  'credit_delivery.attempt': '向信用平台推送双公示信息',
  'evaluation.submit': '提交服务评价（好差评）',
  'evaluation.visit.issue': '生成窗口办事评价二维码',
  'evaluation.follow_up.open': '差评转入整改',
  'evaluation.follow_up.verify': '核实差评',
  'evaluation.follow_up.rectify': '登记差评整改',
  'evaluation.follow_up.feedback': '向评价人反馈差评整改结果',
  'evaluation.follow_up.return_visit': '差评回访',
  'evaluation.follow_up.appeal': '对误评、恶意差评提出申诉',
  'evaluation.follow_up.appeal_upheld': '差评申诉成立',
  'evaluation.follow_up.appeal_rejected': '差评申诉不成立',
  'appointment.slot.create': '发布开放参观场次',
  'appointment.slot.complete': '开放参观场次办结',
  'appointment.book': '预约参观',
  'appointment.cancel': '取消参观预约',
  'training.course.create': '发布在线培训课程',
  'training.complete': '完成在线培训课程',
  'guidance.request': '申请专家指导',
  'guidance.assign': '指派指导专家组',
  'guidance.visit': '登记专家指导',
  'guidance.advice.done': '专家建议落实',
  'guidance.close': '专家指导办结',
  'disclosure.submit': '提出政府信息公开申请',
  'disclosure.extend': '批准延长政府信息公开答复期限',
  'disclosure.reply': '答复政府信息公开申请',
  'engineer.registration.apply': '申请注册消防工程师注册（告知承诺）',
  'engineer.registration.approve': '准予注册消防工程师注册',
  'engineer.registration.refuse': '不予注册消防工程师注册',
  'engineer.registration.dispatch': '寄递注册证书和执业印章',
  'incident.accountability.record': '登记火灾事故责任调查',
  'incident.accountability.evaluate': '作出火灾整改措施落实情况评估',
  'service_organisation.register': '登记消防技术服务机构',
  'service_organisation.verify': '核查消防技术服务机构从业条件',
  'service_organisation.spot_check': '抽取消防技术服务机构进行检查',
  'service_engineer.register': '登记注册消防工程师',
  'service_engineer.status': '变更注册消防工程师执业状态',
  'service_report.record': '登记维护保养检测、评估报告',
  'service_violation.record': '记录技术服务机构违法行为（消防法第六十九条）',
  'service_ban.record': '责令停止执业、吊销或市场禁入',
  'incident.register': '登记火灾并确定调查程序',
  'incident.sealing_shrink': '缩小火灾现场封闭范围',
  'incident.sealing_lift': '解除火灾现场封闭',
  'incident.clock_pause': '暂停火灾事故认定期限（检验、鉴定）',
  'incident.clock_resume': '恢复火灾事故认定期限',
  'incident.clock_extend': '经批准延长火灾事故认定期限',
  'incident.determine': '作出并送达火灾事故认定',
  'incident.loss_declare': '在线申报火灾直接财产损失',
  'incident_review.apply': '申请火灾事故认定复核',
  'incident_review.accept': '受理火灾事故认定复核',
  'incident_review.reject': '不予受理火灾事故认定复核',
  'incident_review.decide': '作出火灾事故认定复核决定',
  'product_check_plan.publish': '制定并公布消防产品抽查计划',
  'product_check_plan.draw': '抽取消防产品抽查单位',
  'product_check_sample.result': '录入消防产品抽查结果',
  'product_market_referral.create': '不合格消防产品移送（通报）市场监管部门',
  'product_market_referral.send': '登记已移送市场监管部门',
  'product_market_referral.reply': '登记市场监管部门反馈的查处结果',
  'monitoring.device_register': '登记远程监控设备',
  'monitoring.fire_alarm': '收到远程监控火警',
  'monitoring.device_offline': '远程监控设备离线',
  'monitoring.check_triggered': '远程监控异常，触发监督检查',
  'unit.responsible_persons': '登记单位消防安全责任人、管理人',
  'unit.position': '标注单位位置',
  'appointment.remind': '发送预约提醒',
  'appointment.request': '单位提出预约（演练、培训或非工作时间服务）',
  'appointment.request.accept': '单位同意机构提出的时间',
  'appointment.request.cancel': '取消预约',
  'appointment.request.confirm': '确认预约时间',
  'appointment.request.counter': '机构另提预约时间',
  'appointment.request.decline': '不予安排预约',
  'evaluation.government_review': '收到政务服务好差评系统转来的评价',
  'evaluation.government_review.duplicate': '政务服务好差评系统重复转来的评价',
  'incident.document_issue': '制作火灾事故认定书',
  'partner.register': '登记对接平台',
  'partner.configure': '按部署配置登记对接平台',
  'credit_delivery.adopt': '双公示待推送事项转入统一推送',
  'work_order_report.adopt': '12345 工单回报待推送事项转入统一推送',
  'partner.revoke': '停用对接平台',
  'partner.set_certificate': '设置对接平台客户端证书',
  'partner_delivery.attempt': '向对接平台推送',
  'partner_delivery.queue': '登记待推送事项',
  'partner_delivery.replay': '重新推送',
  'user.federate': '统一身份认证用户首次登录（建立账户）',
  'clock.create': '开始计时',
  'clock.pause': '暂停计时',
  'clock.resume': '恢复计时',
  'clock.extend': '延长时限',
  'clock.stop': '停止计时',
  'clock.alert.due_soon': '时限即将到期提醒',
  'clock.alert.overdue': '时限超期提醒',
  'clock.alert.skipped': '时限提醒未发送',
  'clock.read': '查阅时限',
  'unit.create': '登记社会单位',
  'unit.import_batch': '批量导入社会单位',
  'unit.read': '查阅社会单位',
  'inspector_conflict.declare': '申报回避事项',
  'policy.version.create': '发布政策参数版本',
  'calendar.year.set': '设置年度工作日历',
  'file.upload': '上传文件',
  'auth.login': '登录',
  'application_document.issue': '出具文书',
  'notification.preference': '设置通知方式',
  'notification.read': '阅读通知',
  'notification.read_all': '全部通知标为已读',
  'notification.send': '发送短信通知',
  'auth.logout': '退出登录',
  'audit.read': '查阅执法记录',
  'event.retry': '重新投递跨模块事件',
  'system.demo_seed': '载入演示数据',
  'demo.clock.move': '调整演示时钟',
  'access.refused': '越权访问被拒绝',
};

/** The Chinese label of an action of the enforcement record; an unknown code reads as 其他操作, never as the code. */
export function recordActionLabel(action: string): string {
  return RECORD_ACTION_LABELS[action] ?? '其他操作';
}

/** Enforcement (ENF-*): the words of a penalty case a person reads. */
export const PENALTY_OUTCOME_LABELS: Record<'fine' | 'warning' | 'no_penalty', string> = { fine: '罚款', warning: '警告', no_penalty: '不予行政处罚' };
export const PARTY_CATEGORY_LABELS: Record<'unit' | 'person', string> = { unit: '法人及非法人组织', person: '自然人' };
export const SERVICE_METHOD_LABELS: Record<'in_person' | 'post' | 'electronic', string> = {
  in_person: '直接送达',
  post: '邮寄送达',
  electronic: '电子送达（经当事人同意）',
};
export const EVIDENCE_KIND_LABELS: Record<'photo' | 'scan' | 'transcript' | 'site_record' | 'other', string> = {
  photo: '现场照片',
  scan: '书证（扫描件）',
  transcript: '询问笔录',
  site_record: '现场笔录',
  other: '其他证据',
};
/** The instalments of an approved schedule as people read them (ENF-06; 行政处罚法 art. 66 ¶2, 72). */
export const INSTALMENT_LABELS = {
  title: '分期缴纳明细',
  seq: '期次',
  dueDate: '缴纳期限',
  amount: '本期金额',
  lateFee: '加处罚款',
  status: '缴纳情况',
  paid: '已缴纳',
  open: '未缴纳',
  overdue: '已逾期',
  dueNow: '本期应缴',
} as const;
export function instalmentLabel(seq: number, of: number): string {
  return `第 ${seq} 期（共 ${of} 期）`;
}
export const PAYMENT_CHANNEL_LABELS: Record<'bank' | 'online' | 'counter', string> = { bank: '银行代收', online: '网上缴纳', counter: '窗口登记（财政票据）' };
export const REFERRAL_STATUS_LABELS: Record<'open' | 'taken' | 'closed', string> = { open: '待办理', taken: '已立案办理', closed: '已办结' };
export const REFERRAL_SOURCE_LABELS: Record<string, string> = {
  rectification_order: '逾期未改正的责令改正通知',
  inspection_task: '告知承诺核查发现虚假承诺',
  complaint: '群众举报投诉经核查属实',
  product_check: '人员密集场所使用不合格消防产品',
};
/** Steps of a case that record facts without changing its status, as the workbench names them. */
export const CASE_RECORD_ACTION_LABELS: Record<
  | 'evidence'
  | 'statement'
  | 'payment'
  | 'collective_discussion'
  | 'payment_plan_decision'
  | 'remedy_start'
  | 'remedy_end'
  | 'recusal_request'
  | 'recusal_decision'
  | 'propose_seal',
  string
> = {
  collective_discussion: '记录集体讨论',
  payment_plan_decision: '审批暂缓或者分期缴纳申请',
  remedy_start: '登记复议或者诉讼期间开始',
  remedy_end: '登记复议或者诉讼期间结束',
  recusal_request: '记录当事人的回避申请',
  recusal_decision: '决定回避申请',
  propose_seal: '提出临时查封',
  evidence: '登记证据',
  statement: '记录陈述、申辩',
  payment: '登记罚款缴纳',
};
export const ALERT_KIND_LABELS: Record<string, string> = {
  penalty_deviation: '处罚偏离裁量基准',
  outside_jurisdiction: '超越管辖范围执法',
  clock_overdue: '法定时限超期',
  seal_expired: '临时查封期满未解除',
  seal_unconfirmed: '紧急查封未按时集体研究确认',
};

/**
 * Why a request was refused (the security events of platform/audit/refusals.ts, 等保 8.1.4.3 a): the account
 * lacks the permission; the record or jurisdiction lies outside its data scope (answered as a missing record);
 * it is not one of the assigned inspectors; the matter is not its own (another unit's order, another
 * applicant's file).
 */
export const REFUSAL_REASONS = ['permission', 'out_of_scope', 'not_assigned', 'not_own'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABELS: Record<RefusalReason, string> = {
  permission: '无此操作权限',
  out_of_scope: '超出管辖或数据范围',
  not_assigned: '非指派承办人员',
  not_own: '非本人或本单位事项',
};

/** What kind of record a security event concerns (the target types of the enforcement record). */
export const TARGET_TYPE_LABELS: Record<string, string> = {
  application: '许可申请',
  application_document: '许可文书',
  licence: '许可证',
  licence_request: '变更补发申请',
  public_notice: '公告',
  inspection_task: '检查任务',
  random_plan: '抽查计划',
  hazard: '火灾隐患',
  rectification_order: '整改通知',
  order_extension: '延期申请',
  enforcement_referral: '移送案件',
  enforcement_case: '行政处罚案件',
  enforcement_seal: '临时查封',
  credit_event: '信用记录',
  credit_request: '信用修复或异议申请',
  evaluation: '服务评价',
  evaluation_visit: '窗口办事评价二维码',
  evaluation_follow_up: '差评整改',
  appointment_slot: '开放参观场次',
  appointment_booking: '参观预约',
  disclosure_request: '政府信息公开申请',
  engineer_registration: '注册消防工程师注册申请',
  incident_accountability: '火灾事故责任调查',
  training_course: '在线培训课程',
  guidance_request: '专家指导申请',
  guidance_advice: '专家指导建议',
  credit_standing: '信用等级',
  service_organisation: '消防技术服务机构',
  product_check_plan: '消防产品抽查计划',
  incident: '火灾事故',
  incident_review: '火灾事故认定复核',
  product_check_sample: '抽样消防产品',
  product_market_referral: '移送市场监管部门记录',
  monitoring_device: '远程监控设备',
  unit: '社会单位',
  clock: '办理时限',
  file: '文件',
  audit: '执法记录',
  agency: '消防救援机构',
  calendar: '工作日历',
  user: '账号',
  complaint: '火灾隐患举报',
  complaint_photo: '举报照片',
  partner_key: '接口密钥',
};

/** The outcome of a recorded step. */
export const RECORD_OUTCOME_LABELS: Record<'success' | 'failure' | 'denied', string> = { success: '成功', failure: '失败', denied: '被拒绝' };

/** The due-state filter of the work queues. */
export const DUE_FILTER_LABELS: Record<'overdue' | 'due_soon', string> = { overdue: '已超期', due_soon: '即将到期' };

/**
 * A draw stratum for people (supervision/draw.ts `stratumOf` keys them `risk|credit|key|campaign`):
 * `high|A|general|campaign` → “高风险 · 信用A级 · 一般单位 · 专项治理”.
 */
export function stratumLabel(key: string): string {
  const [risk, credit, keyUnit, campaign] = key.split('|');
  const parts = [`${RISK_LEVEL_LABELS[risk as RiskLevel] ?? '未知'}风险`, `信用${credit ?? '—'}级`, keyUnit === 'key' ? '重点单位' : '一般单位'];
  if (campaign === 'campaign') parts.push('专项治理');
  return parts.join(' · ');
}
