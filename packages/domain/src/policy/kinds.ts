import { type Static, Type } from 'typebox';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS } from '../complaints/complaint.ts';
import { NATIONAL_REWARDS, type RewardsPolicy, rewardsSchema } from '../complaints/reward.ts';
import { type DiscretionPolicy, discretionSchema } from '../enforcement/discretion.ts';
import { NATIONAL_DISCRETION } from '../enforcement/items.ts';
import { type IncidentProcedurePolicy, NATIONAL_INCIDENT_PROCEDURE } from '../incidents/procedure.ts';
import { type PersonLiabilityPolicy, RESPONSIBLE_ROLE_LABELS, RESPONSIBLE_ROLES } from '../credit/persons.ts';
import type { MonitoringCheckTriggerPolicy } from '../monitoring/trigger.ts';
import { LICENSING_PATH_LABELS, POLICY_VALUE_LABELS, RISK_LEVEL_LABELS } from '../labels.ts';
import { type CaseReviewPolicy, caseReviewSchema, NATIONAL_CASE_REVIEW } from '../oversight/review.ts';
import { VENUE_KIND_LABELS, VENUE_KINDS } from '../venue.ts';
import { Choice } from './choice.ts';
import type { PolicyKindDef } from './types.ts';

/**
 * Policy kinds: every parameter that differs between jurisdictions (REQUIREMENTS §0), with a schema,
 * a national default and the law behind that default (REQUIREMENTS §11). Regions override fields.
 */
const FIRE_LAW = '《中华人民共和国消防法》（2021年修正）';
const INSPECTION_RULES = '《消防监督检查规定》（公安部令第120号）';
const CIVIL_CODE = '《中华人民共和国民法典》';
const PENALTY_LAW = '《中华人民共和国行政处罚法》（2021年修订）';
const COERCION_LAW = '《中华人民共和国行政强制法》';
const CREDIT_RULE = '《消防安全领域信用管理暂行办法》（应急消〔2020〕331号）';
const FIRE_INVESTIGATION_RULE = '《火灾事故调查规定》（公安部令第121号修订）';
const MONITORING_TRIGGER_BASIS = '《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》（国发〔2019〕5号）';
const REPAIR_RULE = '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）';

export { Choice } from './choice.ts';

const pick = <const K extends string>(values: readonly K[], labels: Record<string, string>): Record<K, string> =>
  Object.fromEntries(values.map((v) => [v, labels[v] ?? v])) as Record<K, string>;

const VenueKind = Choice(VENUE_KINDS, VENUE_KIND_LABELS);
const Threshold = Type.Object(
  {
    metric: Choice(['floorArea', 'investment'], { floorArea: '建筑面积', investment: '工程投资额' }, { title: '指标' }),
    /** Chinese legal counting: 以下/以内 include the number (lte); 不足/低于 exclude it (lt). */
    op: Choice(['lte', 'lt'], { lte: '以下（含本数）', lt: '不足（不含本数）' }, { title: '比较方式' }),
    limit: Type.Number({ minimum: 0, title: '限值（建筑面积以平方米计，工程投资额以元计）' }),
    text: Type.String({ minLength: 1, title: '条件原文（办事指南所列）' }),
  },
  { additionalProperties: false, title: '免检条件' },
);

export const exemptionSchema = Type.Object(
  {
    rules: Type.Array(Threshold),
    exceptVenueKinds: Type.Array(VenueKind, { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ExemptionPolicy = Static<typeof exemptionSchema>;

export const commitmentSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    scope: Choice(['none', 'all', 'trial', 'pilot', 'after_business_licence'], POLICY_VALUE_LABELS),
    decisionWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
    verificationWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    /** The commitment the applicant signs (告知承诺书): the region's template. */
    template: Type.Object(
      {
        title: Type.String({ minLength: 1, title: '承诺书标题' }),
        clauses: Type.Array(Type.String({ minLength: 1, title: '条款' }), { minItems: 1, title: '承诺条款' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CommitmentPolicy = Static<typeof commitmentSchema>;

/** A material of the opening permit (办事指南 申请材料). `source: data` = obtained by data sharing, never uploaded (LIC-01). */
const Material = Type.Object(
  {
    /** Internal: referenced by applications and the pending-documents policy; the editor hides it and fills new ones. */
    code: Type.String({ pattern: '^[a-z_]{2,40}$', title: '材料代码' }),
    name: Type.String({ minLength: 1, title: '材料名称' }),
    source: Choice(
      ['upload', 'data', 'signed_online'],
      { upload: '申请人上传', data: '数据共享获取（无需上传）', signed_online: '在线签署' },
      { title: '取得方式' },
    ),
    paths: Type.Array(Choice(['commitment', 'inspection'], LICENSING_PATH_LABELS), { minItems: 1, uniqueItems: true, title: '适用程序' }),
    required: Type.Boolean({ title: '是否必须提交' }),
    sampleForm: Type.Optional(Type.String({ title: '示范文本名称' })),
  },
  { additionalProperties: false, title: '材料' },
);
export const materialsSchema = Type.Object(
  {
    materials: Type.Array(Material, { minItems: 1 }),
    conditions: Type.Array(Type.String({ minLength: 1, title: '条件' })),
  },
  { additionalProperties: false },
);
export type MaterialsPolicy = Static<typeof materialsSchema>;
export type MaterialDef = MaterialsPolicy['materials'][number];

export const checkItemsSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          /** Internal: checklists record results by it; the editor hides it and fills new ones. */
          code: Type.String({ minLength: 1, title: '项目代码' }),
          name: Type.String({ minLength: 1, title: '检查项目' }),
          legalBasis: Type.String({ minLength: 1, title: '依据' }),
        },
        { additionalProperties: false, title: '检查项目' },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type CheckItemsPolicy = Static<typeof checkItemsSchema>;

export const inspectionPathSchema = Type.Object(
  {
    checkWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    decisionWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    rectificationNoticeWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    recheckWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type InspectionPathPolicy = Static<typeof inspectionPathSchema>;

const AgencyLevel = Choice(['corps', 'detachment', 'brigade'], POLICY_VALUE_LABELS);
export const approvalSchema = Type.Object(
  {
    authorityLevel: AgencyLevel,
    decidedBy: Choice(['law', 'corps', 'city'], { law: '依法律规定', corps: '由省级（总队）确定', city: '由市级确定' }),
    legalReviewRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ApprovalPolicy = Static<typeof approvalSchema>;

export const pendingDocumentsSchema = Type.Object(
  {
    mode: Choice(['none', 'listed', 'any'], { none: '不容缺', listed: '仅限所列材料', any: '任一材料' }),
    /** Material codes of licensing.materials (the editor offers the materials by name). */
    documents: Type.Array(Type.String({ minLength: 1, title: '材料' }), { uniqueItems: true }),
    supplyBy: Choice(['onsite_check', 'before_decision'], POLICY_VALUE_LABELS),
    networkChecks: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PendingDocumentsPolicy = Static<typeof pendingDocumentsSchema>;

export const complaintDeadlinesSchema = Type.Object(
  {
    deadlines: Type.Array(
      Type.Object(
        {
          category: Choice(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, { title: '举报类别' }),
          unit: Choice(['hours', 'working_days'], { hours: '小时', working_days: '工作日' }, { title: '计时单位' }),
          amount: Type.Integer({ minimum: 1, maximum: 30, title: '时限（小时或工作日）' }),
        },
        { additionalProperties: false, title: '核查时限' },
      ),
      { minItems: 1 },
    ),
    feedbackToReporter: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ComplaintDeadlinesPolicy = Static<typeof complaintDeadlinesSchema>;

export const publicationSchema = Type.Object(
  {
    publishPlan: Type.Boolean(),
    publishResults: Type.Boolean(),
    cadence: Choice(['per_plan', 'monthly', 'quarterly'], POLICY_VALUE_LABELS),
    /** Calendar days from the check within which its result reaches the national platform (MON-03). */
    resultPushDays: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type PublicationPolicy = Static<typeof publicationSchema>;

export const inspectionItemsSchema = Type.Object(
  {
    listName: Choice(['full', 'reduced'], POLICY_VALUE_LABELS),
    items: Type.Array(
      Type.Object(
        {
          /** Internal: checklists record results by it; the editor hides it and fills new ones. */
          code: Type.String({ minLength: 1, title: '项目代码' }),
          name: Type.String({ minLength: 1, title: '检查项目' }),
          legalBasis: Type.String({ minLength: 1, title: '依据' }),
        },
        { additionalProperties: false, title: '检查项目' },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type InspectionItemsPolicy = Static<typeof inspectionItemsSchema>;

export const randomQuotaSchema = Type.Object(
  {
    keyCrowdedUnitsPerYear: Type.Number({ minimum: 0, maximum: 1 }),
    otherKeyUnitsPerYear: Type.Number({ minimum: 0, maximum: 1 }),
    generalUnitsPerYear: Type.Number({ minimum: 0, maximum: 1 }),
    maxDrawsPerUnitPerYear: Type.Integer({ minimum: 1, maximum: 12 }),
    minMonthsBetweenDraws: Type.Integer({ minimum: 0, maximum: 12 }),
  },
  { additionalProperties: false },
);
export type RandomQuotaPolicy = Static<typeof randomQuotaSchema>;

/** Rectification orders (SUP-10): the deadline bounds, the recheck period and the document number written into a sealed order. */
export const rectificationSchema = Type.Object(
  {
    maxDeadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 120 }),
    recheckWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    numberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    seqDigits: Type.Integer({ minimum: 1, maximum: 8 }),
  },
  { additionalProperties: false },
);
export type RectificationPolicy = Static<typeof rectificationSchema>;

/** Fire incident procedures (FIR-01 … FIR-03): the loss thresholds of the tiers and the time limits of determination and review. */
export const incidentProcedureSchema = Type.Object(
  {
    onsiteLossBelow: Type.Number({ minimum: 0, title: '轻微火灾现场登记：直接财产损失低于（元）' }),
    simpleLossBelow: Type.Number({ minimum: 0, title: '简易调查：直接财产损失低于（元）' }),
    simpleFilingDays: Type.Integer({ minimum: 1, maximum: 30, title: '简易调查认定书备案期限（日）' }),
    determinationDays: Type.Integer({ minimum: 1, maximum: 90, title: '一般调查认定期限（日）' }),
    determinationExtensionDays: Type.Integer({ minimum: 0, maximum: 90, title: '经批准延长的认定期限（日）' }),
    serviceDays: Type.Integer({ minimum: 1, maximum: 30, title: '认定书送达期限（日）' }),
    declarationDays: Type.Integer({ minimum: 1, maximum: 30, title: '申报直接财产损失期限（日）' }),
    reviewApplyDays: Type.Integer({ minimum: 1, maximum: 60, title: '申请复核期限（日）' }),
    reviewAcceptDays: Type.Integer({ minimum: 1, maximum: 30, title: '复核受理期限（日）' }),
    reviewFileDays: Type.Integer({ minimum: 1, maximum: 30, title: '原机构提交书面说明和案卷期限（日）' }),
    reviewDecisionDays: Type.Integer({ minimum: 1, maximum: 90, title: '复核决定期限（日）' }),
    redeterminationDays: Type.Integer({ minimum: 1, maximum: 60, title: '重新作出认定期限（日）' }),
  },
  { additionalProperties: false },
);

/** The penalty procedure (ENF-01, ENF-04 … ENF-07): thresholds, time limits with their units, fees and document numbers. */
export const enforcementProcedureSchema = Type.Object(
  {
    onTheSpotPersonMaxFine: Type.Integer({ minimum: 0 }),
    onTheSpotUnitMaxFine: Type.Integer({ minimum: 0 }),
    hearingPersonFine: Type.Integer({ minimum: 0 }),
    hearingUnitFine: Type.Integer({ minimum: 0 }),
    hearingRequestWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    decisionCalendarDays: Type.Integer({ minimum: 1, maximum: 365 }),
    legalReviewScope: Choice(['all_ordinary', 'hearing_eligible'], { all_ordinary: '普通程序案件一律审核', hearing_eligible: '仅适用听证的案件' }),
    collectiveDiscussionScope: Choice(['hearing_eligible', 'none'], { hearing_eligible: '适用听证的案件须集体讨论', none: '由负责人决定是否集体讨论' }),
    limitationYears: Type.Integer({ minimum: 1, maximum: 10 }),
    paymentCalendarDays: Type.Integer({ minimum: 1, maximum: 90 }),
    lateFeePercentPerDay: Type.Number({ minimum: 0, maximum: 3 }),
    publicationWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    publicityDays: Type.Integer({ minimum: 1, maximum: 1095 }),
    caseNumberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    decisionNumberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    noticeNumberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    seqDigits: Type.Integer({ minimum: 1, maximum: 8 }),
    repeatLookbackMonths: Type.Integer({ minimum: 1, maximum: 60 }),
    // 临时查封 (ENF-05): the term, its one extension and the periods of the party's requests.
    sealMaxDays: Type.Integer({ minimum: 1, maximum: 30 }),
    sealExtensionDays: Type.Integer({ minimum: 0, maximum: 30 }),
    sealServiceWorkingDays: Type.Integer({ minimum: 1, maximum: 10 }),
    sealEmergencyConfirmHours: Type.Integer({ minimum: 1, maximum: 24 }),
    sealEnterReplyHours: Type.Integer({ minimum: 1, maximum: 72 }),
    sealLiftInspectionWorkingDays: Type.Integer({ minimum: 1, maximum: 10 }),
    sealLiftDecisionWorkingDays: Type.Integer({ minimum: 1, maximum: 10 }),
    sealResumeInspectionWorkingDays: Type.Integer({ minimum: 1, maximum: 10 }),
    sealResumeDecisionWorkingDays: Type.Integer({ minimum: 1, maximum: 10 }),
    sealNumberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    // 暂缓或者分期缴纳 (art. 66 ¶2) and the hearing notice (art. 64 (2)).
    paymentDeferralMaxDays: Type.Integer({ minimum: 1, maximum: 730 }),
    paymentInstalmentsMax: Type.Integer({ minimum: 2, maximum: 36 }),
    hearingNoticeWorkingDays: Type.Integer({ minimum: 7, maximum: 30 }),
    hearingNoticeNumberTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '\\{seq\\}' }),
    fastTrackPersonFineBelow: Type.Integer({ minimum: 0 }),
    fastTrackUnitFineBelow: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type EnforcementProcedurePolicy = Static<typeof enforcementProcedureSchema>;

const CREDIT_LEVELS_ = ['A', 'B', 'C', 'D'] as const;
const Factor = (title: string) => Type.Number({ minimum: 0, maximum: 10, title });
/** How risk and credit move a unit's sampling rate (SUP-04): rate = base × risk factor × credit factor, at most 1. */
export const samplingFactorsSchema = Type.Object(
  {
    risk: Type.Object({ low: Factor('低风险'), medium: Factor('中风险'), high: Factor('高风险') }, { additionalProperties: false }),
    credit: Type.Object({ A: Factor('A级'), B: Factor('B级'), C: Factor('C级'), D: Factor('D级') }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type SamplingFactorsPolicy = Static<typeof samplingFactorsSchema>;

/**
 * Points a credit event deducts (CRD-*), per kind of event and severity, as positive numbers (the credit
 * record stores them negative). One field per credit event kind, so that a jurisdiction overrides one
 * kind without restating the others.
 */
const Deduction = Type.Object(
  { general: Type.Integer({ minimum: 0, maximum: 100, title: '一般（分）' }), serious: Type.Integer({ minimum: 0, maximum: 100, title: '情节严重（分）' }) },
  { additionalProperties: false },
);
export const creditDeductionsSchema = Type.Object(
  {
    falseCommitment: Deduction,
    penalty: Deduction,
    orderOverdue: Deduction,
    orderRefused: Deduction,
    majorHazard: Deduction,
    falseDocument: Deduction,
    inaccurateDocument: Deduction,
  },
  { additionalProperties: false },
);
export type CreditDeductionsPolicy = Static<typeof creditDeductionsSchema>;
export type CreditSeverity = keyof CreditDeductionsPolicy['falseCommitment'];

const Score = (title: string) => Type.Integer({ minimum: 0, maximum: 1000, title });
/**
 * Credit levels (CRD-01): every unit starts at the base score; the levels are score bands (the lowest score
 * of A, B and C; below C is D). No national scale exists (legal-rules §5.1), so the bands are jurisdiction data.
 * Rewards and commendations add points.
 */
export const creditLevelsSchema = Type.Object(
  {
    baseScore: Score('基础分'),
    bands: Type.Object({ A: Score('A级最低分'), B: Score('B级最低分'), C: Score('C级最低分') }, { additionalProperties: false }),
    rewards: Type.Object(
      {
        reward: Type.Integer({ minimum: 0, maximum: 100, title: '奖励（分）' }),
        commendation: Type.Integer({ minimum: 0, maximum: 100, title: '表彰（分）' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreditLevelsPolicy = Static<typeof creditLevelsSchema>;

/**
 * Sanctions (CRD-02): the serious-dishonesty list (严重失信) criteria as data, and the levels drawn as a
 * non-random trigger besides the random draw.
 */
export const creditSanctionsSchema = Type.Object(
  {
    blacklist: Type.Object(
      {
        majorHazardUnrectified: Type.Boolean({ title: '重大火灾隐患逾期未整改' }),
        refusalToCorrect: Type.Boolean({ title: '拒不改正' }),
        repeatViolations: Type.Object(
          { count: Type.Integer({ minimum: 1, maximum: 20, title: '次数' }), months: Type.Integer({ minimum: 1, maximum: 60, title: '月数' }) },
          { additionalProperties: false, title: '多次违法' },
        ),
      },
      { additionalProperties: false },
    ),
    triggerLevels: Type.Array(Choice(CREDIT_LEVELS_, { A: 'A级', B: 'B级', C: 'C级', D: 'D级' }), { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreditSanctionsPolicy = Static<typeof creditSanctionsSchema>;

const Period = Type.Object(
  {
    minMonths: Type.Integer({ minimum: 0, maximum: 60, title: '最短公示期（月）' }),
    maxMonths: Type.Integer({ minimum: 1, maximum: 120, title: '最长公示期（月）' }),
  },
  { additionalProperties: false },
);
/** Publicity, repair and objection periods (CRD-03). */
export const creditPublicitySchema = Type.Object(
  {
    general: Period,
    serious: Period,
    repairDecisionWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    objectionDecisionWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    withdrawalDays: Type.Integer({ minimum: 1, maximum: 10 }),
    /** A fine of at least this many yuan is a serious record (严重失信 publicity period). */
    seriousFineYuan: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);
export type CreditPublicityPolicy = Static<typeof creditPublicitySchema>;

/** 好差评 (SVC-02): working days to verify, rectify and feed back a bad review. */
export const serviceEvaluationSchema = Type.Object(
  {
    followUpWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  { additionalProperties: false },
);
export type ServiceEvaluationPolicy = Static<typeof serviceEvaluationSchema>;

export const serviceTrainingSchema = Type.Object(
  {
    retrainIntervalMonths: Type.Integer({ minimum: 1, maximum: 36 }),
  },
  { additionalProperties: false },
);
export type ServiceTrainingPolicy = Static<typeof serviceTrainingSchema>;

const personLiabilitySchema = Type.Object(
  {
    severities: Type.Array(Choice(['general', 'serious'], { general: '一般失信记录', serious: '严重失信记录' }), { uniqueItems: true, maxItems: 2 }),
    roles: Type.Array(Choice(RESPONSIBLE_ROLES, RESPONSIBLE_ROLE_LABELS), { uniqueItems: true, maxItems: 2 }),
  },
  { additionalProperties: false },
);

const monitoringCheckTriggerSchema = Type.Object(
  {
    windowDays: Type.Integer({ minimum: 1, maximum: 365 }),
    fireAlarms: Type.Integer({ minimum: 0, maximum: 10_000 }),
    faults: Type.Integer({ minimum: 0, maximum: 100_000 }),
    offlineHours: Type.Integer({ minimum: 0, maximum: 24 * 365 }),
  },
  { additionalProperties: false },
);
/** Appointments (SVC-03): the reminder's lead time, the agency's reply time to a proposed drill or training, office hours. */
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const serviceAppointmentsSchema = Type.Object(
  {
    reminderLeadHours: Type.Integer({ minimum: 1, maximum: 168 }),
    replyWorkingDays: Type.Integer({ minimum: 1, maximum: 20 }),
    officeStart: HHMM,
    officeEnd: HHMM,
  },
  { additionalProperties: false },
);
export type ServiceAppointmentsPolicy = Static<typeof serviceAppointmentsSchema>;

type VenueKindId = (typeof VENUE_KINDS)[number];
const Weight = (title: string) => Type.Number({ minimum: 0, maximum: 100, title });
/**
 * The risk model (CRD-04, SUP-04): points per factor, and the score thresholds of medium and high risk.
 * Venue kinds not listed weigh `otherVenue`.
 */
export const riskModelSchema = Type.Object(
  {
    venue: Type.Object(Object.fromEntries(VENUE_KINDS.map((v) => [v, Weight(VENUE_KIND_LABELS[v])])) as Record<VenueKindId, ReturnType<typeof Weight>>, {
      additionalProperties: false,
      title: '场所类型',
    }),
    otherVenue: Weight('其他场所'),
    per1000SquareMetres: Weight('每千平方米'),
    areaCap: Weight('面积分上限'),
    keyUnit: Weight('重点单位'),
    perHazard: Weight('每项隐患'),
    perMajorHazard: Weight('每项重大火灾隐患'),
    perPenalty: Weight('每次处罚'),
    fireInTwoYears: Weight('两年内发生火灾'),
    credit: Type.Object({ A: Weight('A级'), B: Weight('B级'), C: Weight('C级'), D: Weight('D级') }, { additionalProperties: false }),
    thresholds: Type.Object({ medium: Weight('中风险起点'), high: Weight('高风险起点') }, { additionalProperties: false }),
    monitoring: Type.Object(
      {
        windowDays: Type.Integer({ minimum: 1, maximum: 365, title: '统计期间（天）' }),
        perFireAlarm: Weight('每次火警'),
        perFault: Weight('每次故障或监管报警'),
        perOfflineDevice: Weight('每台离线设备'),
        cap: Weight('远程监控分上限'),
      },
      { additionalProperties: false, title: '远程监控' },
    ),
  },
  { additionalProperties: false },
);
export type RiskModelPolicy = Static<typeof riskModelSchema>;

const Count = (title: string) => Type.Integer({ minimum: 0, maximum: 1000, title });
const OrgConditions = (title: string) =>
  Type.Object(
    {
      minWorkplaceSquareMetres: Count('工作场所最小面积（平方米）'),
      minRegisteredEngineers: Count('注册消防工程师最少人数'),
      minFirstClassEngineers: Count('其中一级注册消防工程师最少人数'),
      minOperators: Count('消防设施操作员最少人数'),
      minIntermediateOperators: Count('其中中级及以上最少人数'),
    },
    { additionalProperties: false, title },
  );
/** Practice conditions of fire technical service organisations (MKT-01), per kind of service. */
export const organisationConditionsSchema = Type.Object(
  { maintenanceTesting: OrgConditions('维护保养检测机构'), assessment: OrgConditions('消防安全评估机构') },
  { additionalProperties: false },
);
export type OrganisationConditionsPolicy = Static<typeof organisationConditionsSchema>;

/** The risk and credit level a unit gets when it enters the directory (registered, imported with blank levels, or entered by licensing). */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export const unitDefaultsSchema = Type.Object(
  {
    riskLevel: Choice(RISK_LEVELS, pick(RISK_LEVELS, Object.fromEntries(RISK_LEVELS.map((r) => [r, `${RISK_LEVEL_LABELS[r]}风险`])))),
    creditLevel: Choice(CREDIT_LEVELS, { A: 'A级', B: 'B级', C: 'C级', D: 'D级' }),
  },
  { additionalProperties: false },
);
export type UnitDefaultsPolicy = Static<typeof unitDefaultsSchema>;

/**
 * Numbers of licensing documents (see documents/number.ts for the placeholders). A template must keep
 * every part that makes its number unique: the permit is unique per agency and year ({year}, {seq}); the
 * application reference is unique on the whole platform ({region}, {year}, {seq}).
 */
export const licensingNumberingSchema = Type.Object(
  {
    permitTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '^(?=.*\\{year\\})(?=.*\\{seq\\}).*$' }),
    permitSeqDigits: Type.Integer({ minimum: 1, maximum: 8 }),
    referenceTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '^(?=.*\\{region\\})(?=.*\\{year\\})(?=.*\\{seq\\}).*$' }),
    referenceSeqDigits: Type.Integer({ minimum: 1, maximum: 8 }),
    acceptanceTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '^(?=.*\\{year\\})(?=.*\\{seq\\}).*$' }),
    correctionTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '^(?=.*\\{year\\})(?=.*\\{seq\\}).*$' }),
    rejectionTemplate: Type.String({ minLength: 6, maxLength: 60, pattern: '^(?=.*\\{year\\})(?=.*\\{seq\\}).*$' }),
    noticeSeqDigits: Type.Integer({ minimum: 1, maximum: 8 }),
  },
  { additionalProperties: false },
);
export type LicensingNumberingPolicy = Static<typeof licensingNumberingSchema>;

/** Shares are stored as fractions; the policy page shows them as percentages. */
const SHARE_HELP = '填写 0 至 1 之间的小数，如 0.2 即 20%';
const CHECK_RULES = '《公众聚集场所投入使用、营业消防安全检查规则》';

/** National default materials (消防法 art. 15; 行政许可法 art. 31: nothing obtainable by data sharing is demanded). */
const NATIONAL_MATERIALS: MaterialsPolicy['materials'] = [
  {
    code: 'application_form',
    name: '公众聚集场所投入使用、营业前消防安全检查申报表',
    source: 'signed_online',
    paths: ['commitment', 'inspection'],
    required: true,
  },
  { code: 'commitment', name: '消防安全告知承诺书', source: 'signed_online', paths: ['commitment'], required: true },
  { code: 'business_licence', name: '营业执照（按统一社会信用代码网络核验，无需上传）', source: 'data', paths: ['commitment', 'inspection'], required: true },
  { code: 'safety_rules', name: '消防安全制度', source: 'upload', paths: ['commitment', 'inspection'], required: true, sampleForm: '消防安全制度（示范文本）' },
  {
    code: 'evacuation_plan',
    name: '灭火和应急疏散预案',
    source: 'upload',
    paths: ['commitment', 'inspection'],
    required: true,
    sampleForm: '灭火和应急疏散预案（示范文本）',
  },
  { code: 'floor_plan', name: '场所平面布置图、场所消防设施平面图', source: 'upload', paths: ['commitment', 'inspection'], required: true },
  {
    code: 'training_records',
    name: '员工岗前消防安全教育培训记录',
    source: 'upload',
    paths: ['commitment', 'inspection'],
    required: true,
    sampleForm: '员工岗前消防安全教育培训记录（示范文本）',
  },
  {
    code: 'special_trade_certificates',
    name: '自动消防系统操作人员消防行业特有工种职业资格证书',
    source: 'upload',
    paths: ['commitment', 'inspection'],
    required: false,
  },
];

const NATIONAL_COMMITMENT_TEMPLATE: CommitmentPolicy['template'] = {
  title: '公众聚集场所投入使用、营业消防安全告知承诺书',
  clauses: [
    '本单位已知晓消防安全责任和公众聚集场所投入使用、营业应当具备的消防安全条件。',
    '本场所符合消防技术标准和管理规定，消防设施、器材完好有效，疏散通道、安全出口畅通。',
    '所提交的材料真实、有效，如有虚假承诺，愿意承担撤销许可、依法处罚和信用惩戒等法律责任。',
    '本单位同意消防救援机构在作出许可后进行核查，并配合核查。',
  ],
};

/** What an opening check covers (消防监督检查规定 art. 11). */
const OPENING_CHECK_ITEMS: CheckItemsPolicy['items'] = [
  { code: 'permit_docs', name: '建筑物或者场所依法通过消防验收或者进行竣工验收消防备案', legalBasis: `${INSPECTION_RULES}第十一条第一项` },
  { code: 'rules_and_plan', name: '消防安全制度、灭火和应急疏散预案是否制定', legalBasis: `${INSPECTION_RULES}第十一条第二项` },
  { code: 'facilities', name: '自动消防系统操作人员是否持证上岗，消防设施、器材是否完好有效', legalBasis: `${INSPECTION_RULES}第十一条第三项` },
  { code: 'training', name: '员工是否经过岗前消防安全培训', legalBasis: `${INSPECTION_RULES}第十一条第四项` },
  { code: 'escape', name: '疏散通道、安全出口、消防车通道是否畅通，疏散指示标志、应急照明是否完好', legalBasis: `${INSPECTION_RULES}第十一条第五项` },
  { code: 'materials', name: '室内装修材料是否符合消防技术标准', legalBasis: `${INSPECTION_RULES}第十一条第六项` },
  { code: 'windows', name: '外墙门窗上是否设置影响逃生和灭火救援的障碍物', legalBasis: `${INSPECTION_RULES}第十一条第七项` },
];

const FULL_ITEMS: InspectionItemsPolicy['items'] = [
  { code: 'permit', name: '消防安全检查（许可）手续情况', legalBasis: `${FIRE_LAW}第十五条` },
  { code: 'responsibility', name: '消防安全责任制落实情况', legalBasis: `${FIRE_LAW}第十六条、第十七条` },
  { code: 'facilities', name: '消防设施、器材和消防安全标志配置及完好有效情况', legalBasis: `${FIRE_LAW}第十六条第一款第二项` },
  { code: 'escape', name: '疏散通道、安全出口、消防车通道畅通情况', legalBasis: `${FIRE_LAW}第二十八条` },
  { code: 'materials', name: '室内装修装饰材料防火性能情况', legalBasis: `${FIRE_LAW}第二十六条` },
  { code: 'training', name: '消防安全培训、灭火和应急疏散演练情况', legalBasis: `${FIRE_LAW}第十六条、第十七条` },
  { code: 'patrol', name: '防火检查、巡查和火灾隐患整改情况', legalBasis: `${FIRE_LAW}第十六条第一款第四项` },
];

export const POLICY_KINDS = {
  'licensing.exemption': {
    kind: 'licensing.exemption',
    title: '投入使用、营业前消防安全检查免检范围',
    // LIC-02
    description: '哪些公众聚集场所可以不申请办理投入使用、营业前消防安全检查。',
    schema: exemptionSchema,
    nationalDefault: { rules: [], exceptVenueKinds: [] },
    fields: {
      rules: {
        label: '免检条件（满足任一即免检）',
        help: '“以下”“以内”含本数',
        legalBasis: { document: FIRE_LAW, clause: '第十五条（国家层面未设免检范围）' },
      },
      exceptVenueKinds: { label: '不适用免检的场所类别', legalBasis: { document: FIRE_LAW, clause: '第十五条' } },
    },
  } satisfies PolicyKindDef<ExemptionPolicy>,
  'licensing.commitment': {
    kind: 'licensing.commitment',
    title: '告知承诺制',
    // LIC-03
    description: '申请人书面承诺后当场许可、事后核查。',
    schema: commitmentSchema,
    nationalDefault: { enabled: false, scope: 'none', decisionWorkingDays: 1, verificationWorkingDays: 20, template: NATIONAL_COMMITMENT_TEMPLATE },
    fields: {
      enabled: { label: '是否实行告知承诺', legalBasis: { document: FIRE_LAW, clause: '第十五条第二款' } },
      scope: { label: '适用范围', legalBasis: { document: FIRE_LAW, clause: '第十五条第二款' } },
      decisionWorkingDays: {
        label: '承诺后作出许可的时限（工作日）',
        legalBasis: { document: '公众聚集场所投入使用、营业前消防安全检查服务指南', clause: '办理时限' },
      },
      verificationWorkingDays: { label: '许可后核查时限（工作日）', legalBasis: { document: FIRE_LAW, clause: '第十五条第三款' } },
      template: { label: '告知承诺书文本', legalBasis: { document: CHECK_RULES, clause: '告知承诺书（示范文本）' } },
    },
  } satisfies PolicyKindDef<CommitmentPolicy>,
  'licensing.materials': {
    kind: 'licensing.materials',
    title: '许可申请条件与材料',
    // SVC-01、LIC-01
    description: '办事指南所列的申请条件和材料：申请只能要求这里列出的材料。',
    schema: materialsSchema,
    nationalDefault: {
      materials: NATIONAL_MATERIALS,
      conditions: ['场所已依法取得营业执照', '依法需要进行消防验收或备案的，已通过验收或完成备案', '场所符合消防技术标准和管理规定'],
    },
    fields: {
      materials: { label: '申请材料', legalBasis: { document: CHECK_RULES, clause: '申请材料' } },
      conditions: { label: '申请条件', legalBasis: { document: FIRE_LAW, clause: '第十五条' } },
    },
  } satisfies PolicyKindDef<MaterialsPolicy>,
  'licensing.check_items': {
    kind: 'licensing.check_items',
    title: '营业前现场检查内容',
    // LIC-04
    description: '投入使用、营业前现场检查的检查项目及依据。',
    schema: checkItemsSchema,
    nationalDefault: { items: OPENING_CHECK_ITEMS },
    fields: { items: { label: '检查项目', legalBasis: { document: INSPECTION_RULES, clause: '第十一条' } } },
  } satisfies PolicyKindDef<CheckItemsPolicy>,
  'licensing.inspection': {
    kind: 'licensing.inspection',
    title: '一般程序（现场检查）时限',
    // LIC-04
    description: '受理后现场检查、作出决定、整改通知与复查的时限。',
    schema: inspectionPathSchema,
    nationalDefault: { checkWorkingDays: 10, decisionWorkingDays: 3, rectificationNoticeWorkingDays: 3, recheckWorkingDays: 3 },
    fields: {
      checkWorkingDays: { label: '现场检查时限（工作日）', legalBasis: { document: FIRE_LAW, clause: '第十五条第四款' } },
      decisionWorkingDays: {
        label: '检查后作出决定时限（工作日）',
        legalBasis: { document: '公众聚集场所投入使用、营业前消防安全检查服务指南', clause: '办理时限' },
      },
      rectificationNoticeWorkingDays: { label: '检查不合格后送达整改通知时限（工作日）', legalBasis: { document: INSPECTION_RULES, clause: '第二十条' } },
      recheckWorkingDays: { label: '整改完毕后复查时限（工作日）', legalBasis: { document: INSPECTION_RULES, clause: '第二十条' } },
    },
  } satisfies PolicyKindDef<InspectionPathPolicy>,
  'licensing.approval': {
    kind: 'licensing.approval',
    title: '审批权限层级',
    description: '由哪一级消防救援机构作出许可决定，以及是否须经法制审核。',
    schema: approvalSchema,
    nationalDefault: { authorityLevel: 'brigade', decidedBy: 'law', legalReviewRequired: false },
    fields: {
      authorityLevel: { label: '审批机构层级', legalBasis: { document: FIRE_LAW, clause: '第十五条（县级以上地方人民政府消防救援机构）' } },
      decidedBy: { label: '层级由谁确定', legalBasis: { document: FIRE_LAW, clause: '第十五条' } },
      legalReviewRequired: { label: '作出决定前是否须经法制审核', legalBasis: { document: '国办发〔2018〕118号', clause: '重大执法决定法制审核制度' } },
    },
  } satisfies PolicyKindDef<ApprovalPolicy>,
  'licensing.pending_documents': {
    kind: 'licensing.pending_documents',
    title: '容缺受理',
    // LIC-05
    description: '受理时可以暂缺、后补的材料。',
    schema: pendingDocumentsSchema,
    nationalDefault: { mode: 'none', documents: [], supplyBy: 'onsite_check', networkChecks: false },
    fields: {
      mode: {
        label: '容缺方式',
        help: '不容缺、仅限所列材料或任一材料',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条（国家层面未设容缺）' },
      },
      documents: { label: '可容缺的材料（见“许可申请条件与材料”）', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条' } },
      supplyBy: { label: '补齐时点', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条' } },
      networkChecks: { label: '是否以网络核验代替材料', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十一条' } },
    },
  } satisfies PolicyKindDef<PendingDocumentsPolicy>,
  'complaints.deadlines': {
    kind: 'complaints.deadlines',
    title: '举报投诉核查时限',
    // CMP-02
    description: '按举报类别确定的核查时限。',
    schema: complaintDeadlinesSchema,
    nationalDefault: {
      deadlines: [
        { category: 'escape_route_blocked', unit: 'hours', amount: 24 },
        { category: 'fire_system_disabled', unit: 'hours', amount: 24 },
        { category: 'fire_lane_blocked', unit: 'working_days', amount: 3 },
        { category: 'other', unit: 'working_days', amount: 3 },
      ],
      feedbackToReporter: true,
    },
    fields: {
      deadlines: {
        label: '核查时限',
        help: '占用、堵塞、封闭疏散通道、安全出口或者擅自停用消防设施的，24小时内核查；其他3个工作日内核查（条文序号待确认）',
        legalBasis: { document: INSPECTION_RULES, clause: '第三十条（举报投诉的核查时限）' },
      },
      feedbackToReporter: { label: '核查结果告知举报人', legalBasis: { document: INSPECTION_RULES, clause: '第三十条' } },
    },
  } satisfies PolicyKindDef<ComplaintDeadlinesPolicy>,
  'complaints.rewards': {
    kind: 'complaints.rewards',
    title: '火灾隐患举报奖励',
    // CMP-03
    description:
      '举报奖励的范围、金额或计算方式、实名要求、首位举报人、不予奖励人员和领奖期限。国家层面未规定奖励金额，各地规定不一（湖南定额、自告知之日起30日内领取；浙江30个工作日；东莞按罚款比例设上限），默认不实行奖励，待本地规定录入。',
    schema: rewardsSchema,
    nationalDefault: NATIONAL_REWARDS,
    fields: {
      enabled: { label: '是否实行举报奖励', legalBasis: { document: FIRE_LAW, clause: '第五条（任何单位和个人都有举报火灾隐患的权利）；奖励以地方规定为准' } },
      eligibleCategories: { label: '可获奖励的举报类别', legalBasis: { document: '地方火灾隐患举报奖励规定', clause: '奖励范围（待确认）' } },
      mode: { label: '奖励方式', legalBasis: { document: '地方火灾隐患举报奖励规定', clause: '奖励标准（待确认）' } },
      amounts: { label: '定额奖励', legalBasis: { document: '《湖南省火灾隐患举报奖励暂行规定》', clause: '奖励标准（100/50/30元，待确认）' } },
      finePercent: { label: '罚款比例', legalBasis: { document: '《东莞市火灾隐患举报奖励暂行办法》', clause: '按罚款金额50%计奖（待确认）' } },
      cap: { label: '单次奖励上限', legalBasis: { document: '地方火灾隐患举报奖励规定', clause: '奖励上限（待确认）' } },
      realNameRequired: { label: '须实名举报', legalBasis: { document: '《湖南省火灾隐患举报奖励暂行规定》', clause: '匿名举报不予奖励（待确认）' } },
      firstReporterOnly: { label: '仅奖励首位举报人', legalBasis: { document: '《湖南省火灾隐患举报奖励暂行规定》', clause: '首位举报人（待确认）' } },
      excludeStaff: {
        label: '消防救援人员及其近亲属不予奖励',
        legalBasis: { document: '《湖南省火灾隐患举报奖励暂行规定》', clause: '不予奖励情形（待确认）' },
      },
      claimWindow: {
        label: '领奖期限',
        legalBasis: { document: '《湖南省火灾隐患举报奖励暂行规定》', clause: '自告知之日起30日内领取（浙江为30个工作日，待确认）' },
      },
    },
  } satisfies PolicyKindDef<RewardsPolicy>,
  'supervision.publication': {
    kind: 'supervision.publication',
    title: '“双随机、一公开”公示',
    // SUP-08、ENF-07
    description: '抽查计划与结果的公示。',
    schema: publicationSchema,
    nationalDefault: { publishPlan: true, publishResults: true, cadence: 'per_plan', resultPushDays: 20 },
    fields: {
      publishPlan: { label: '公示抽查计划', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
      publishResults: { label: '公示抽查结果', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
      cadence: { label: '公示频次', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
      resultPushDays: {
        label: '抽查结果报送、公示时限（日，自检查之日起）',
        help: '日历日：检查结果自产生之日起 20 日内通过国家企业信用信息公示系统（部门协同监管平台）公示',
        legalBasis: { document: '国发〔2019〕5号', clause: '抽查检查结果自产生之日起 20 日内公示（日历日）' },
      },
    },
  } satisfies PolicyKindDef<PublicationPolicy>,
  'supervision.inspection_items': {
    kind: 'supervision.inspection_items',
    title: '抽查事项清单',
    // SUP-02
    description: '监督抽查可以检查的事项及其依据。',
    schema: inspectionItemsSchema,
    nationalDefault: { listName: 'full', items: FULL_ITEMS },
    fields: {
      listName: { label: '清单类型', legalBasis: { document: INSPECTION_RULES, clause: '第十条' } },
      items: { label: '检查事项', legalBasis: { document: INSPECTION_RULES, clause: '第十条' } },
    },
  } satisfies PolicyKindDef<InspectionItemsPolicy>,
  'supervision.random_quota': {
    kind: 'supervision.random_quota',
    title: '随机抽查比例与频次',
    // SUP-03、SUP-04
    description: '年度抽查比例与同一单位的抽查频次上限。',
    schema: randomQuotaSchema,
    nationalDefault: { keyCrowdedUnitsPerYear: 1, otherKeyUnitsPerYear: 0.8, generalUnitsPerYear: 0.2, maxDrawsPerUnitPerYear: 2, minMonthsBetweenDraws: 6 },
    fields: {
      keyCrowdedUnitsPerYear: {
        label: '人员密集场所重点单位年度抽查比例',
        help: SHARE_HELP,
        legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' },
      },
      otherKeyUnitsPerYear: {
        label: '其他重点单位年度抽查比例',
        help: SHARE_HELP,
        legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' },
      },
      generalUnitsPerYear: {
        label: '一般单位年度抽查比例',
        help: SHARE_HELP,
        legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' },
      },
      maxDrawsPerUnitPerYear: { label: '同一单位每年最多被抽取次数', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查频次' } },
      minMonthsBetweenDraws: { label: '同一单位两次抽取最少间隔（月）', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查频次' } },
    },
  } satisfies PolicyKindDef<RandomQuotaPolicy>,
  'supervision.rectification': {
    kind: 'supervision.rectification',
    title: '责令限期改正与复查',
    // SUP-10、SUP-11
    description:
      '责令限期改正通知书的整改期限上限、复查时限和文书编号。复查时限依《消防监督检查规定》第二十条为三个工作日；整改期限上限（60 个工作日）与文号格式为通行做法，待确认。',
    schema: rectificationSchema,
    nationalDefault: { maxDeadlineWorkingDays: 60, recheckWorkingDays: 3, numberTemplate: '{agency}消责改字〔{year}〕第{seq}号', seqDigits: 4 },
    fields: {
      maxDeadlineWorkingDays: {
        label: '整改期限上限（工作日）',
        help: '待确认：法律未规定上限，默认取通行做法',
        legalBasis: { document: FIRE_LAW, clause: '第六十条' },
      },
      recheckWorkingDays: { label: '收到整改完毕报告后复查时限（工作日）', legalBasis: { document: INSPECTION_RULES, clause: '第二十条' } },
      numberTemplate: {
        label: '文书编号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认：各地文号规则不一',
        legalBasis: { document: '《消防监督检查规定》法律文书式样', clause: '责令限期改正通知书' },
      },
      seqDigits: { label: '流水号位数', help: '待确认', legalBasis: { document: '《消防监督检查规定》法律文书式样', clause: '责令限期改正通知书' } },
    },
  } satisfies PolicyKindDef<RectificationPolicy>,
  'supervision.sampling_factors': {
    kind: 'supervision.sampling_factors',
    title: '抽查比例的风险与信用系数',
    // SUP-04
    description: '“双随机”抽查按风险等级和信用等级调整抽查比例：比例 = 基础比例 × 风险系数 × 信用系数（不超过 1）。系数为通行做法的默认值，待确认。',
    schema: samplingFactorsSchema,
    nationalDefault: { risk: { low: 0.75, medium: 1, high: 1.5 }, credit: { A: 0.75, B: 1, C: 1.5, D: 2 } },
    fields: {
      risk: {
        label: '风险等级系数（低/中/高）',
        help: '待确认',
        legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管（根据风险程度合理确定抽查比例和频次）' },
      },
      credit: {
        label: '信用等级系数（A/B/C/D）',
        help: '待确认',
        legalBasis: { document: '国办发〔2019〕35号', clause: '信用分级分类监管' },
      },
    },
  } satisfies PolicyKindDef<SamplingFactorsPolicy>,
  'credit.deductions': {
    kind: 'credit.deductions',
    title: '消防安全信用扣分标准',
    // CRD-*
    description:
      '信用事件按种类和情节扣减的分值。发现虚假承诺的，依法责令改正、处罚并记入信用记录；国家层面未公布分值，默认值（一般 10 分、情节严重 20 分）为通行做法，待确认。',
    schema: creditDeductionsSchema,
    nationalDefault: {
      falseCommitment: { general: 10, serious: 20 },
      penalty: { general: 10, serious: 30 },
      orderOverdue: { general: 10, serious: 20 },
      orderRefused: { general: 20, serious: 40 },
      majorHazard: { general: 15, serious: 15 },
      falseDocument: { general: 20, serious: 40 },
      inaccurateDocument: { general: 10, serious: 30 },
    },
    fields: {
      falseCommitment: {
        label: '虚假承诺扣分（一般/情节严重）',
        help: '待确认：国家层面未规定分值，各地按消防信用积分制确定',
        legalBasis: { document: CREDIT_RULE, clause: '失信行为记录（分值待确认）' },
      },
      penalty: {
        label: '受到行政处罚扣分（一般/情节严重）',
        help: '待确认：罚款、警告为一般，责令停产停业、吊销许可等为情节严重',
        legalBasis: { document: CREDIT_RULE, clause: '失信行为记录（分值待确认）' },
      },
      orderOverdue: {
        label: '逾期未改正火灾隐患扣分（一般/含重大火灾隐患）',
        help: '待确认',
        legalBasis: { document: FIRE_LAW, clause: '第六十条（责令改正）；分值待确认' },
      },
      orderRefused: {
        label: '拒不改正扣分（一般/情节严重）',
        help: '待确认',
        legalBasis: { document: CREDIT_RULE, clause: '失信行为记录（分值待确认）' },
      },
      majorHazard: {
        label: '重大火灾隐患挂牌督办扣分',
        help: '待确认',
        legalBasis: { document: 'GB 35181-2025《重大火灾隐患判定规则》', clause: '判定为重大火灾隐患（分值待确认）' },
      },
      falseDocument: {
        label: '技术服务机构、注册消防工程师出具虚假文件扣分（一般/情节严重）',
        help: '待确认：国家层面未规定分值；情节严重的依法责令停止执业或者吊销相应资格',
        legalBasis: { document: FIRE_LAW, clause: '第六十九条第一款（出具虚假文件）；分值待确认' },
      },
      inaccurateDocument: {
        label: '技术服务机构、注册消防工程师出具失实文件扣分（一般/造成重大损失）',
        help: '待确认：国家层面未规定分值',
        legalBasis: { document: FIRE_LAW, clause: '第六十九条第二款（出具失实文件）；分值待确认' },
      },
    },
  } satisfies PolicyKindDef<CreditDeductionsPolicy>,
  'credit.levels': {
    kind: 'credit.levels',
    title: '消防安全信用等级',
    // CRD-01
    description:
      '信用分 = 基础分 + 各项有效信用记录的分值；按分数段评定 A、B、C、D 级。国家层面未规定信用等级和分数段，默认值（基础分 100，A≥90、B≥75、C≥60）为通行做法，待确认。',
    schema: creditLevelsSchema,
    nationalDefault: { baseScore: 100, bands: { A: 90, B: 75, C: 60 }, rewards: { reward: 5, commendation: 10 } },
    fields: {
      baseScore: { label: '基础分', help: '待确认', legalBasis: { document: CREDIT_RULE, clause: '信用评价（分值待确认）' } },
      bands: {
        label: '等级分数段（A/B/C 级最低分，低于 C 级为 D 级）',
        help: '待确认',
        legalBasis: { document: '国办发〔2019〕35号', clause: '信用分级分类监管' },
      },
      rewards: { label: '守信加分（奖励/表彰）', help: '待确认', legalBasis: { document: CREDIT_RULE, clause: '守信激励（分值待确认）' } },
    },
  } satisfies PolicyKindDef<CreditLevelsPolicy>,
  'credit.sanctions': {
    kind: 'credit.sanctions',
    title: '失信惩戒与严重失信名单',
    // CRD-02
    description:
      '列入严重失信主体名单的情形，以及作为非随机检查对象的信用等级。重大火灾隐患逾期未整改、拒不改正、12 个月内受到 3 次以上处罚为通行做法，待确认。',
    schema: creditSanctionsSchema,
    nationalDefault: { blacklist: { majorHazardUnrectified: true, refusalToCorrect: true, repeatViolations: { count: 3, months: 12 } }, triggerLevels: ['D'] },
    fields: {
      blacklist: { label: '严重失信名单认定情形', help: '待确认：次数与期间', legalBasis: { document: CREDIT_RULE, clause: '严重失信主体名单（情形待确认）' } },
      triggerLevels: {
        label: '列为非随机检查对象的信用等级',
        help: '待确认',
        legalBasis: { document: '国办发〔2019〕35号', clause: '对失信主体提高抽查比例和频次' },
      },
    },
  } satisfies PolicyKindDef<CreditSanctionsPolicy>,
  'credit.publicity': {
    kind: 'credit.publicity',
    title: '信用信息公示、修复与异议',
    // CRD-03
    description:
      '行政处罚等信用信息的公示期：消防领域最短 1 年、最长 3 年，期满自动撤下；最短公示期满后可申请修复。修复、异议的办理时限为通行做法，待确认；决定被撤销的，3 日内撤回公示。',
    schema: creditPublicitySchema,
    nationalDefault: {
      general: { minMonths: 12, maxMonths: 36 },
      serious: { minMonths: 12, maxMonths: 36 },
      repairDecisionWorkingDays: 15,
      objectionDecisionWorkingDays: 15,
      withdrawalDays: 3,
      seriousFineYuan: 100_000,
    },
    fields: {
      general: {
        label: '一般失信信息公示期（最短/最长，月）',
        help: '待确认：消防领域最短 1 年',
        legalBasis: { document: REPAIR_RULE, clause: '公示期限（消防领域最短一年，条款待确认）' },
      },
      serious: { label: '严重失信信息公示期（最短/最长，月）', help: '待确认', legalBasis: { document: REPAIR_RULE, clause: '公示期限（最长三年）' } },
      repairDecisionWorkingDays: {
        label: '信用修复办理时限（工作日）',
        help: '待确认',
        legalBasis: { document: REPAIR_RULE, clause: '修复办理时限（待确认）' },
      },
      objectionDecisionWorkingDays: {
        label: '异议办理时限（工作日）',
        help: '待确认',
        legalBasis: { document: CREDIT_RULE, clause: '异议处理（时限待确认）' },
      },
      withdrawalDays: { label: '处罚决定被撤销后撤回公示时限（日）', legalBasis: { document: PENALTY_LAW, clause: '第四十八条第二款' } },
      seriousFineYuan: {
        label: '按严重失信信息公示的罚款数额（元及以上）',
        help: '待确认：较大数额罚款的标准各地不一',
        legalBasis: { document: '发改办财金〔2019〕527号', clause: '严重失信行为行政处罚信息（标准待确认）' },
      },
    },
  } satisfies PolicyKindDef<CreditPublicityPolicy>,
  'credit.risk_model': {
    kind: 'credit.risk_model',
    title: '单位火灾风险评分模型',
    // CRD-04、SUP-04
    description:
      '风险分 = 各因素分值之和（场所类型、面积、重点单位、隐患与处罚记录、火灾、信用等级、远程监控报警与故障）；达到中、高风险起点的评为中、高风险。权重为通行做法的默认值，待确认。',
    schema: riskModelSchema,
    nationalDefault: {
      venue: {
        hotel: 20,
        restaurant: 15,
        mall: 20,
        market: 20,
        waiting_room: 15,
        stadium: 15,
        hall: 15,
        cinema: 20,
        ktv: 25,
        dance_hall: 25,
        nightclub: 25,
        amusement: 20,
        fitness_leisure: 15,
        internet_cafe: 25,
      },
      otherVenue: 10,
      per1000SquareMetres: 2,
      areaCap: 20,
      keyUnit: 15,
      perHazard: 3,
      perMajorHazard: 15,
      perPenalty: 8,
      fireInTwoYears: 20,
      credit: { A: 0, B: 5, C: 12, D: 20 },
      thresholds: { medium: 35, high: 60 },
      monitoring: { windowDays: 90, perFireAlarm: 2, perFault: 1, perOfflineDevice: 5, cap: 15 },
    },
    fields: {
      venue: { label: '场所类型分值', help: '待确认', legalBasis: { document: INSPECTION_RULES, clause: '第十条（重点单位与人员密集场所）' } },
      otherVenue: { label: '其他场所分值', help: '待确认', legalBasis: { document: INSPECTION_RULES, clause: '第十条' } },
      per1000SquareMetres: {
        label: '每千平方米建筑面积分值',
        help: '待确认',
        legalBasis: { document: '国发〔2019〕5号', clause: '根据风险程度合理确定抽查比例' },
      },
      areaCap: { label: '面积分上限', help: '待确认', legalBasis: { document: '国发〔2019〕5号', clause: '根据风险程度合理确定抽查比例' } },
      keyUnit: { label: '消防安全重点单位分值', help: '待确认', legalBasis: { document: FIRE_LAW, clause: '第十七条' } },
      perHazard: { label: '每项未消除火灾隐患分值', help: '待确认', legalBasis: { document: INSPECTION_RULES, clause: '第二十条' } },
      perMajorHazard: { label: '每项重大火灾隐患分值', help: '待确认', legalBasis: { document: 'GB 35181-2025《重大火灾隐患判定规则》' } },
      perPenalty: { label: '每次行政处罚分值', help: '待确认', legalBasis: { document: FIRE_LAW, clause: '第六章 法律责任' } },
      fireInTwoYears: { label: '两年内发生火灾分值', help: '待确认', legalBasis: { document: '国发〔2019〕5号', clause: '根据风险程度合理确定抽查比例' } },
      credit: { label: '信用等级分值（A/B/C/D）', help: '待确认', legalBasis: { document: '国办发〔2019〕35号', clause: '信用分级分类监管' } },
      thresholds: { label: '中、高风险起点分', help: '待确认', legalBasis: { document: '国发〔2019〕5号', clause: '根据风险程度分类监管' } },
      monitoring: {
        label: '远程监控报警、故障和设备离线分值',
        help: '统计期间内的火警（含误报）、故障和监管报警，以及当前离线的用户信息传输装置；待确认',
        legalBasis: { document: 'GB 50440-2007《城市消防远程监控系统技术规范》', clause: '联网单位火灾报警、故障信息的接收与处理' },
      },
    },
  } satisfies PolicyKindDef<RiskModelPolicy>,
  'market.organisation_conditions': {
    kind: 'market.organisation_conditions',
    title: '消防技术服务机构从业条件',
    // MKT-01
    description:
      '消防设施维护保养检测机构：工作场所不少于 200 平方米，注册消防工程师不少于 2 人（其中一级不少于 1 人），消防设施操作员不少于 6 人（其中中级及以上不少于 2 人）。消防安全评估机构：工作场所不少于 100 平方米，其余人员条件待确认。',
    schema: organisationConditionsSchema,
    nationalDefault: {
      maintenanceTesting: { minWorkplaceSquareMetres: 200, minRegisteredEngineers: 2, minFirstClassEngineers: 1, minOperators: 6, minIntermediateOperators: 2 },
      assessment: { minWorkplaceSquareMetres: 100, minRegisteredEngineers: 2, minFirstClassEngineers: 1, minOperators: 0, minIntermediateOperators: 0 },
    },
    fields: {
      maintenanceTesting: {
        label: '维护保养检测机构从业条件',
        legalBasis: { document: '《社会消防技术服务管理规定》（应急管理部令第7号）', clause: '第五条' },
      },
      assessment: {
        label: '消防安全评估机构从业条件',
        help: '待确认：工作场所面积依第六条；人员条件为默认值，待核对原文',
        legalBasis: { document: '《社会消防技术服务管理规定》（应急管理部令第7号）', clause: '第六条' },
      },
    },
  } satisfies PolicyKindDef<OrganisationConditionsPolicy>,
  'units.defaults': {
    kind: 'units.defaults',
    title: '新登记单位的默认风险与信用等级',
    // SUP-01、SUP-04
    description: '单位进入监管对象名录（登记、导入时未填等级、许可办结后录入）时取得的风险等级和信用等级。默认中风险、信用 A 级为通行做法，待确认。',
    schema: unitDefaultsSchema,
    nationalDefault: { riskLevel: 'medium', creditLevel: 'A' },
    fields: {
      riskLevel: {
        label: '默认风险等级',
        help: '待确认',
        legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管（根据风险程度分类监管）' },
      },
      creditLevel: {
        label: '默认信用等级',
        help: '待确认：无失信记录的单位默认 A 级',
        legalBasis: { document: '国办发〔2019〕35号', clause: '信用分级分类监管' },
      },
    },
  } satisfies PolicyKindDef<UnitDefaultsPolicy>,
  'licensing.numbering': {
    kind: 'licensing.numbering',
    title: '许可文书编号',
    // LIC-01、LIC-06、LIC-07
    description:
      '营业前消防安全检查合格证（电子证照）编号、申请受理编号和受理、补正、不予受理通知书文号的格式。默认格式为平台现行格式，待确认：各地文号规则不一。',
    schema: licensingNumberingSchema,
    nationalDefault: {
      permitTemplate: '{agency}消安许字〔{year}〕第{seq}号',
      permitSeqDigits: 4,
      referenceTemplate: 'XK{region}{year}{seq}',
      referenceSeqDigits: 5,
      acceptanceTemplate: '{agency}消受字〔{year}〕第{seq}号',
      correctionTemplate: '{agency}消补字〔{year}〕第{seq}号',
      rejectionTemplate: '{agency}消不受字〔{year}〕第{seq}号',
      noticeSeqDigits: 4,
    },
    fields: {
      permitTemplate: {
        label: '合格证编号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号（须含 {year} 和 {seq}）；待确认',
        legalBasis: { document: '《消防监督检查规定》法律文书式样', clause: '公众聚集场所投入使用、营业前消防安全检查合格证' },
      },
      permitSeqDigits: {
        label: '合格证流水号位数',
        help: '待确认',
        legalBasis: { document: '《消防监督检查规定》法律文书式样', clause: '公众聚集场所投入使用、营业前消防安全检查合格证' },
      },
      referenceTemplate: {
        label: '申请受理编号格式',
        help: '{region} 行政区划代码，{year} 年度，{seq} 年度流水号（三者均须包含）；待确认',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条（受理或者不予受理的书面凭证）' },
      },
      referenceSeqDigits: { label: '申请受理编号流水号位数', help: '待确认', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条' } },
      acceptanceTemplate: {
        label: '受理通知书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号（须含 {year} 和 {seq}）；待确认',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条第二款（受理的书面凭证）' },
      },
      correctionTemplate: {
        label: '补正材料通知书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号（须含 {year} 和 {seq}）；待确认',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条第一款第（四）项（一次告知补正）' },
      },
      rejectionTemplate: {
        label: '不予受理通知书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号（须含 {year} 和 {seq}）；待确认',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条第二款（不予受理的书面凭证）' },
      },
      noticeSeqDigits: {
        label: '受理类文书流水号位数',
        help: '待确认',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条第二款' },
      },
    },
  } satisfies PolicyKindDef<LicensingNumberingPolicy>,
  'enforcement.discretion': {
    kind: 'enforcement.discretion',
    title: '消防行政处罚裁量基准',
    // ENF-02、ENF-03
    description:
      '每项违法行为的法定罚款幅度、按情节划分的裁量档次和各档罚款幅度，以及不予处罚的情形。系统据此提出处罚建议并说明理由；偏离建议须书面说明理由并触发监督预警。裁量基准应当向社会公布（行政处罚法第三十四条）。国家《消防行政处罚裁量权基准》（消防〔2025〕39号）各档具体数额未能核实，默认按法定幅度的 0–30%、30–70%、70–100% 划分较轻、一般、严重三档，待确认。',
    schema: discretionSchema,
    nationalDefault: NATIONAL_DISCRETION,
    fields: {
      base: {
        label: '百分比档次的基数（法定幅度 / 法定最高额）',
        help: '待确认：按“法定罚款幅度”或“法定最高罚款额”计算百分比，两种读法在第六十条上相差可达 3,500 元',
        legalBasis: { document: '《应急管理行政裁量权基准暂行规定》（应急管理部令第12号）', clause: '裁量基准的制定' },
      },
      rounding: {
        label: '建议罚款取整（元）',
        help: '建议罚款取本档中间值，并按此金额取整',
        legalBasis: { document: '《消防行政处罚裁量权基准》（消防〔2025〕39号）' },
      },
      items: {
        label: '违法行为裁量基准',
        help: '违法行为编码按“XFF-条-款-项”编排；档次自上而下取第一个适用的档次',
        legalBasis: { document: '《中华人民共和国行政处罚法》', clause: '第三十四条' },
      },
      noPenaltyRules: {
        label: '不予处罚规则',
        help: '违法行为轻微并及时改正、没有造成危害后果的，不予处罚；初次违法且危害后果轻微并及时改正的，可以不予处罚',
        legalBasis: { document: '《中华人民共和国行政处罚法》', clause: '第三十三条' },
      },
    },
  } satisfies PolicyKindDef<DiscretionPolicy>,
  'enforcement.procedure': {
    kind: 'enforcement.procedure',
    title: '行政处罚程序',
    // ENF-01、ENF-04、ENF-05、ENF-06、ENF-07
    description:
      '简易程序和听证的罚款界限、听证申请期限、作出决定的期限、法制审核范围、缴纳罚款期限和加处罚款比例、处罚决定公示的时限和期间，立案和决定书文号，以及临时查封的期限、延长、决定书送达和解除、恢复申请的办理期限。法律规定的数额为默认值；大额罚款界限、法制审核范围、公示期间和文号格式各地不一，待确认。',
    schema: enforcementProcedureSchema,
    nationalDefault: {
      onTheSpotPersonMaxFine: 200,
      onTheSpotUnitMaxFine: 3000,
      hearingPersonFine: 2000,
      hearingUnitFine: 30000,
      hearingRequestWorkingDays: 5,
      decisionCalendarDays: 90,
      legalReviewScope: 'all_ordinary',
      collectiveDiscussionScope: 'hearing_eligible',
      limitationYears: 2,
      paymentCalendarDays: 15,
      lateFeePercentPerDay: 3,
      publicationWorkingDays: 7,
      publicityDays: 365,
      caseNumberTemplate: '{agency}消行罚立字〔{year}〕第{seq}号',
      decisionNumberTemplate: '{agency}消行罚决字〔{year}〕第{seq}号',
      noticeNumberTemplate: '{agency}消行罚告字〔{year}〕第{seq}号',
      seqDigits: 4,
      repeatLookbackMonths: 12,
      sealMaxDays: 30,
      sealExtensionDays: 30,
      sealServiceWorkingDays: 3,
      sealEmergencyConfirmHours: 24,
      sealEnterReplyHours: 12,
      sealLiftInspectionWorkingDays: 3,
      sealLiftDecisionWorkingDays: 3,
      sealResumeInspectionWorkingDays: 3,
      sealResumeDecisionWorkingDays: 3,
      sealNumberTemplate: '{agency}消封字〔{year}〕第{seq}号',
      paymentDeferralMaxDays: 180,
      paymentInstalmentsMax: 6,
      hearingNoticeWorkingDays: 7,
      hearingNoticeNumberTemplate: '{agency}消行罚听通字〔{year}〕第{seq}号',
      fastTrackPersonFineBelow: 2000,
      fastTrackUnitFineBelow: 30000,
    },
    fields: {
      onTheSpotPersonMaxFine: { label: '当场处罚：对公民罚款上限（元）', legalBasis: { document: PENALTY_LAW, clause: '第五十一条' } },
      onTheSpotUnitMaxFine: { label: '当场处罚：对单位罚款上限（元）', legalBasis: { document: PENALTY_LAW, clause: '第五十一条' } },
      hearingPersonFine: {
        label: '较大数额罚款：对公民（元，含本数）',
        help: '待确认：各省规定不一',
        legalBasis: { document: PENALTY_LAW, clause: '第六十三条第一款第（一）项' },
      },
      hearingUnitFine: {
        label: '较大数额罚款：对单位（元，含本数）',
        help: '待确认：各省规定不一',
        legalBasis: { document: PENALTY_LAW, clause: '第六十三条第一款第（一）项' },
      },
      hearingRequestWorkingDays: { label: '告知后申请听证期限（工作日）', legalBasis: { document: PENALTY_LAW, clause: '第六十四条第（一）项、第八十五条' } },
      decisionCalendarDays: { label: '自立案之日起作出决定期限（日）', legalBasis: { document: PENALTY_LAW, clause: '第六十条' } },
      legalReviewScope: {
        label: '法制审核范围',
        help: '待确认：法律列明必须审核的情形，消防救援机构通行做法是普通程序案件一律审核',
        legalBasis: { document: PENALTY_LAW, clause: '第五十八条' },
      },
      collectiveDiscussionScope: {
        label: '须经集体讨论决定的案件',
        help: '待确认：法律规定情节复杂或者重大违法行为给予行政处罚的，行政机关负责人应当集体讨论决定；默认以适用听证的案件为重大案件',
        legalBasis: { document: PENALTY_LAW, clause: '第五十七条第二款' },
      },
      limitationYears: {
        label: '追责时效（年）',
        help: '违法行为在此期限内未被发现的，不再给予行政处罚（涉及公民生命健康安全的延长至五年）',
        legalBasis: { document: PENALTY_LAW, clause: '第三十六条' },
      },
      paymentCalendarDays: { label: '收到决定书后缴纳罚款期限（日）', legalBasis: { document: PENALTY_LAW, clause: '第六十七条第三款' } },
      lateFeePercentPerDay: { label: '逾期每日加处罚款比例（%）', legalBasis: { document: PENALTY_LAW, clause: '第七十二条第一款第（一）项' } },
      publicationWorkingDays: {
        label: '作出决定后公示时限（工作日）',
        help: '待确认：以“双公示”规定为准',
        legalBasis: { document: '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）' },
      },
      publicityDays: {
        label: '处罚决定公示期间（日）',
        help: '待确认：消防领域最短一年、最长三年，自处罚决定日期起算（条文待核实）',
        legalBasis: { document: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）' },
      },
      caseNumberTemplate: {
        label: '立案文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认',
        legalBasis: { document: '《消防行政法律文书式样》', clause: '立案审批表' },
      },
      decisionNumberTemplate: {
        label: '行政处罚决定书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认',
        legalBasis: { document: '《消防行政法律文书式样》', clause: '行政处罚决定书' },
      },
      noticeNumberTemplate: {
        label: '行政处罚告知书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认',
        legalBasis: { document: '《消防行政法律文书式样》', clause: '行政处罚告知书' },
      },
      seqDigits: { label: '流水号位数', help: '待确认', legalBasis: { document: '《消防行政法律文书式样》' } },
      repeatLookbackMonths: {
        label: '再次违法的回溯期间（月）',
        help: '待确认：同一当事人在此期间内因同一违法行为受过处罚的，不属于初次违法',
        legalBasis: { document: PENALTY_LAW, clause: '第三十三条第一款' },
      },
      sealMaxDays: {
        label: '临时查封期限上限（日）',
        legalBasis: { document: COERCION_LAW, clause: '第二十五条第一款；《消防监督检查规定》第二十二条' },
      },
      sealExtensionDays: {
        label: '临时查封延长期限上限（日，仅可延长一次，经负责人批准）',
        legalBasis: { document: COERCION_LAW, clause: '第二十五条第一款' },
      },
      sealServiceWorkingDays: {
        label: '自检查之日起送达临时查封决定书期限（工作日）',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十三条' },
      },
      sealEmergencyConfirmHours: {
        label: '紧急查封后集体研究确认期限（小时）',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十三条；《中华人民共和国行政强制法》第十九条' },
      },
      sealEnterReplyHours: {
        label: '答复进入查封部位整改申请的期限（小时）',
        help: '待确认：法规只规定应当允许进入整改，未规定答复时限；默认值参照河南“互联网+”预约解封、复查须在12小时内提出时间的做法',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十四条' },
      },
      sealLiftInspectionWorkingDays: {
        label: '收到解除查封申请后检查期限（工作日）',
        help: '待确认：条文序号和天数未见原文',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十五条' },
      },
      sealLiftDecisionWorkingDays: {
        label: '检查后作出解除或者继续查封决定的期限（工作日）',
        help: '待确认：条文序号和天数未见原文',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十五条' },
      },
      sealResumeInspectionWorkingDays: {
        label: '收到恢复使用、生产、经营申请后检查期限（工作日）',
        help: '待确认：恢复须经检查合格见消防法第七十条第二款，期限条文未见原文',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十七条；《中华人民共和国消防法》第七十条第二款' },
      },
      sealResumeDecisionWorkingDays: {
        label: '检查后作出是否同意恢复的决定期限（工作日）',
        help: '待确认：条文序号和天数未见原文',
        legalBasis: { document: INSPECTION_RULES, clause: '第二十七条' },
      },
      sealNumberTemplate: {
        label: '临时查封决定书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认',
        legalBasis: { document: '《消防行政法律文书式样》', clause: '临时查封决定书' },
      },
      paymentDeferralMaxDays: {
        label: '暂缓或者分期缴纳罚款的最长期限（自原缴纳期限起，日）',
        help: '待确认：法律只规定经当事人申请和行政机关批准可以暂缓或者分期缴纳，未规定期限',
        legalBasis: { document: PENALTY_LAW, clause: '第六十六条第二款' },
      },
      paymentInstalmentsMax: {
        label: '分期缴纳罚款的最多期数',
        help: '待确认：法律未规定期数',
        legalBasis: { document: PENALTY_LAW, clause: '第六十六条第二款' },
      },
      hearingNoticeWorkingDays: {
        label: '举行听证前通知当事人的期限（工作日）',
        legalBasis: { document: PENALTY_LAW, clause: '第六十四条第（二）项、第八十五条' },
      },
      hearingNoticeNumberTemplate: {
        label: '听证通知书文号格式',
        help: '{agency} 机构简称，{year} 年度，{seq} 年度流水号；待确认',
        legalBasis: { document: '《消防行政法律文书式样》', clause: '听证通知书' },
      },
      fastTrackPersonFineBelow: {
        label: '快速办理：对公民拟罚款应低于（元）',
        help: '待确认：快速办理不适用依法应当听证的案件，默认与较大数额罚款界限一致',
        legalBasis: { document: '《消防救援机构办理行政案件程序规定》', clause: '快速办理（条文待核实）' },
      },
      fastTrackUnitFineBelow: {
        label: '快速办理：对单位拟罚款应低于（元）',
        help: '待确认：快速办理不适用依法应当听证的案件，默认与较大数额罚款界限一致',
        legalBasis: { document: '《消防救援机构办理行政案件程序规定》', clause: '快速办理（条文待核实）' },
      },
    },
  } satisfies PolicyKindDef<EnforcementProcedurePolicy>,
  'incidents.procedure': {
    kind: 'incidents.procedure',
    title: '火灾事故调查程序',
    // FIR-01、FIR-02、FIR-03
    description:
      '轻微火灾现场登记和简易调查的直接财产损失限额，一般调查认定期限及其延长，认定书送达、损失申报和复核的各项期限。轻微火灾限额依《火灾统计管理规定》为1000元；简易调查的损失限额由省级规定，默认值50000元为一省的做法，待确认。',
    schema: incidentProcedureSchema,
    nationalDefault: NATIONAL_INCIDENT_PROCEDURE,
    fields: {
      onsiteLossBelow: {
        label: '轻微火灾现场登记：直接财产损失低于（元）',
        help: '轻微火灾指无人员伤亡且直接财产损失1000元以下的火灾（是否含本数待确认）',
        legalBasis: { document: '《火灾统计管理规定》（消防〔2025〕17号）', clause: '轻微火灾现场登记统计' },
      },
      simpleLossBelow: {
        label: '简易调查：直接财产损失低于（元）',
        help: '待确认：由省级消防救援机构规定，各地不一',
        legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '简易调查程序的适用条件（条文序号待确认）' },
      },
      simpleFilingDays: { label: '简易调查认定书报所属机构备案期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '简易调查程序' } },
      determinationDays: { label: '自接到火灾报警之日起作出认定期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '第十八条' } },
      determinationExtensionDays: {
        label: '情况复杂经上一级机构批准延长期限（日）',
        help: '检验、鉴定时间不计入认定期限',
        legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '第十八条' },
      },
      serviceDays: { label: '作出认定后送达认定书期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '火灾事故认定书的送达' } },
      declarationDays: {
        label: '火灾扑灭后申报直接财产损失期限（日）',
        legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '火灾损失统计（自火灾扑灭之日起）' },
      },
      reviewApplyDays: {
        label: '自认定书送达之日起申请复核期限（日）',
        legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '第三十五条（条文序号待确认）' },
      },
      reviewAcceptDays: { label: '收到复核申请后决定是否受理期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '复核' } },
      reviewFileDays: { label: '原认定机构提交书面说明和案卷期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '复核' } },
      reviewDecisionDays: { label: '受理后作出复核决定期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '复核' } },
      redeterminationDays: { label: '责令重新认定后重新作出认定期限（日）', legalBasis: { document: FIRE_INVESTIGATION_RULE, clause: '复核' } },
    },
  } satisfies PolicyKindDef<IncidentProcedurePolicy>,
  'oversight.case_review': {
    kind: 'oversight.case_review',
    title: '案卷评查标准',
    // OVS-02
    description:
      '执法案卷评查的基本标准（任一项不符合即为不合格卷，计 0 分）、评分项目及分值（逐项扣分，扣完为止，不计负分；按百分制折算）和等次分数线。体例参照行政处罚案卷评查通行标准和《公安机关执法质量考核评议规定》（公安部令第137号）；消防救援机构《消防执法案卷评查规则》的具体分值未能核实，默认分值和等次待确认。',
    schema: caseReviewSchema,
    nationalDefault: NATIONAL_CASE_REVIEW,
    fields: {
      vetoItems: {
        label: '基本标准（一票否决）',
        help: '任一项不符合的，案卷评为不合格，总分计 0 分，评查人须写明存在的问题',
        legalBasis: { document: '《中华人民共和国行政处罚法》', clause: '第三十八条、第四十条、第四十二条、第四十四条' },
      },
      items: {
        label: '评分项目',
        help: '待确认：各项分值为通行做法；扣分须写明理由',
        legalBasis: { document: '《消防执法案卷评查规则》', clause: '评查内容和标准（分值待确认）' },
      },
      grades: {
        label: '等次分数线',
        help: '待确认：默认优秀 90 分以上、合格 60 分以上',
        legalBasis: { document: '《公安机关执法质量考核评议规定》（公安部令第137号）', clause: '考核评议结果等次' },
      },
      fileKinds: {
        label: '适用案卷类型',
        legalBasis: { document: '《消防执法案卷评查规则》', clause: '评查范围（行政处罚卷、临时查封卷、消防监督检查卷）' },
      },
    },
  } satisfies PolicyKindDef<CaseReviewPolicy>,
  'services.evaluation': {
    kind: 'services.evaluation',
    title: '政务服务好差评差评整改',
    // SVC-02
    description:
      '差评（不满意、非常不满意）核实、整改并反馈评价人的时限。各地所见为 5 个工作日（德州、城关镇）或 15 个工作日（四川某市）；国办发〔2019〕51号中的 15 个工作日未经核实，全国默认值待确认。实名差评回访率 100%。',
    schema: serviceEvaluationSchema,
    nationalDefault: { followUpWorkingDays: 15 },
    fields: {
      followUpWorkingDays: {
        label: '差评核实、整改、反馈时限（工作日）',
        help: '待确认：各地 5 或 15 个工作日',
        legalBasis: { document: '国办发〔2019〕51号 关于建立政务服务"好差评"制度提高政务服务水平的意见', clause: '差评整改反馈时限（全国数值待确认）' },
      },
    },
  } satisfies PolicyKindDef<ServiceEvaluationPolicy>,
  'services.training': {
    kind: 'services.training',
    title: '消防安全培训复训周期',
    // SVC-04
    description: '单位人员两次消防安全培训之间的最长间隔，到期未复训的人员列入提醒名单。消防安全重点单位至少每年一次，公众聚集场所至少每半年一次（待确认）。',
    schema: serviceTrainingSchema,
    nationalDefault: { retrainIntervalMonths: 12 },
    fields: {
      retrainIntervalMonths: {
        label: '复训周期（月）',
        help: '待确认：重点单位 12 个月，公众聚集场所 6 个月',
        legalBasis: {
          document: '《机关、团体、企业、事业单位消防安全管理规定》（公安部令第61号）第三十六条；《社会消防安全教育培训规定》（公安部令第109号）',
          clause: '培训频次（待确认）',
        },
      },
    },
  } satisfies PolicyKindDef<ServiceTrainingPolicy>,
  'credit.person_liability': {
    kind: 'credit.person_liability',
    title: '单位责任人员信用记录',
    // CRD-01
    description:
      '单位的失信记录同时记入其消防安全责任人、消防安全管理人名下的范围：哪些严重程度的记录、记入哪些人员。《消防安全领域信用管理暂行办法》将单位消防安全责任人、管理人列为信用主体；全国办法原文未取得，默认仅严重失信记录记入两类人员，待确认。',
    schema: personLiabilitySchema,
    nationalDefault: { severities: ['serious'], roles: ['responsible', 'manager'] },
    fields: {
      severities: {
        label: '记入责任人员的记录',
        help: '待确认',
        legalBasis: { document: CREDIT_RULE, clause: '信用主体包括单位消防安全责任人、管理人（据地方实施办法转引）' },
      },
      roles: {
        label: '记入的责任人员',
        help: '待确认',
        legalBasis: {
          document: '《机关、团体、企业、事业单位消防安全管理规定》（公安部令第61号）',
          clause: '第四条至第七条（消防安全责任人、消防安全管理人）',
        },
      },
    },
  } satisfies PolicyKindDef<PersonLiabilityPolicy>,
  'monitoring.check_trigger': {
    kind: 'monitoring.check_trigger',
    title: '远程监控异常触发检查',
    // MON-01, SUP-06
    description:
      '联网单位在统计期间内火警信号（含误报）、故障和监管报警达到次数，或用户信息传输装置离线达到时长的，不经随机抽取，直接生成一项监督检查任务（每单位每月一项）。设为 0 的条件不触发。全国未见统一数值，默认值均待确认。',
    schema: monitoringCheckTriggerSchema,
    nationalDefault: { windowDays: 30, fireAlarms: 5, faults: 20, offlineHours: 72 },
    fields: {
      windowDays: {
        label: '统计期间（天）',
        help: '待确认',
        legalBasis: { document: MONITORING_TRIGGER_BASIS, clause: '数据监测发现的问题有针对性地检查' },
      },
      fireAlarms: {
        label: '火警信号次数（含误报）',
        help: '待确认；频繁误报说明系统维护保养不到位',
        legalBasis: { document: MONITORING_TRIGGER_BASIS, clause: '数据监测发现的问题有针对性地检查' },
      },
      faults: {
        label: '故障和监管报警次数',
        help: '待确认',
        legalBasis: { document: 'GB 50440-2007《城市消防远程监控系统技术规范》', clause: '联网单位火灾报警、故障信息的接收与处理' },
      },
      offlineHours: {
        label: '用户信息传输装置离线时长（小时）',
        help: '待确认',
        legalBasis: { document: 'GB 50440-2007《城市消防远程监控系统技术规范》', clause: '巡检（心跳）周期' },
      },
    },
  } satisfies PolicyKindDef<MonitoringCheckTriggerPolicy>,
  'services.appointments': {
    kind: 'services.appointments',
    title: '预约服务提醒和答复时限',
    // SVC-03
    description:
      '预约参观、消防演练和培训开始前多久提醒预约人；单位提出演练、培训时间后，消防救援机构确认或另提时间的时限；工作时间（在此之外为非工作时间预约服务）。各项数值无全国规定，均为待确认的默认值，由各地按本地便民措施设定。',
    schema: serviceAppointmentsSchema,
    nationalDefault: { reminderLeadHours: 24, replyWorkingDays: 3, officeStart: '08:30', officeEnd: '17:30' },
    fields: {
      reminderLeadHours: {
        label: '开始前提醒（小时）',
        help: '待确认：默认提前 24 小时提醒',
        legalBasis: { document: '辽阳市消防救援支队便民服务20项措施', clause: '第16项 实行培训演练预约管理（提醒时间待确认）' },
      },
      replyWorkingDays: {
        label: '机构答复时限（工作日）',
        help: '待确认：默认 3 个工作日',
        legalBasis: { document: '辽阳市消防救援支队便民服务20项措施', clause: '第16项 与社会单位提前预约（答复时限待确认）' },
      },
      officeStart: {
        label: '工作时间开始',
        help: '待确认：默认 08:30',
        legalBasis: { document: '各地机关作息时间', clause: '工作时间（待确认）' },
      },
      officeEnd: {
        label: '工作时间结束',
        help: '待确认：默认 17:30',
        legalBasis: { document: '各地机关作息时间', clause: '工作时间（待确认）' },
      },
    },
  } satisfies PolicyKindDef<ServiceAppointmentsPolicy>,
} as const;

export interface PolicyValueMap {
  'licensing.exemption': ExemptionPolicy;
  'licensing.commitment': CommitmentPolicy;
  'licensing.inspection': InspectionPathPolicy;
  'licensing.materials': MaterialsPolicy;
  'licensing.check_items': CheckItemsPolicy;
  'licensing.approval': ApprovalPolicy;
  'licensing.pending_documents': PendingDocumentsPolicy;
  'complaints.deadlines': ComplaintDeadlinesPolicy;
  'complaints.rewards': RewardsPolicy;
  'supervision.publication': PublicationPolicy;
  'supervision.inspection_items': InspectionItemsPolicy;
  'supervision.random_quota': RandomQuotaPolicy;
  'supervision.rectification': RectificationPolicy;
  'supervision.sampling_factors': SamplingFactorsPolicy;
  'credit.deductions': CreditDeductionsPolicy;
  'credit.levels': CreditLevelsPolicy;
  'credit.sanctions': CreditSanctionsPolicy;
  'credit.publicity': CreditPublicityPolicy;
  'credit.risk_model': RiskModelPolicy;
  'market.organisation_conditions': OrganisationConditionsPolicy;
  'units.defaults': UnitDefaultsPolicy;
  'licensing.numbering': LicensingNumberingPolicy;
  'enforcement.discretion': DiscretionPolicy;
  'enforcement.procedure': EnforcementProcedurePolicy;
  'oversight.case_review': CaseReviewPolicy;
  'incidents.procedure': IncidentProcedurePolicy;
  'services.evaluation': ServiceEvaluationPolicy;
  'services.training': ServiceTrainingPolicy;
  'monitoring.check_trigger': MonitoringCheckTriggerPolicy;
  'credit.person_liability': PersonLiabilityPolicy;
  'services.appointments': ServiceAppointmentsPolicy;
}
export type PolicyKindId = keyof PolicyValueMap;
export const POLICY_KIND_IDS = Object.keys(POLICY_KINDS) as PolicyKindId[];

/** The typed definition of a known kind. */
export function policyKind<K extends PolicyKindId>(kind: K): PolicyKindDef<PolicyValueMap[K]> {
  return POLICY_KINDS[kind] as unknown as PolicyKindDef<PolicyValueMap[K]>;
}

export function getPolicyKind(kind: string): PolicyKindDef | undefined {
  return (POLICY_KINDS as unknown as Record<string, PolicyKindDef>)[kind];
}

export function isPolicyKindId(kind: string): kind is PolicyKindId {
  return kind in POLICY_KINDS;
}

export { CIVIL_CODE };
