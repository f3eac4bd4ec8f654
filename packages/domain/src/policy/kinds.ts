import { type Static, Type } from 'typebox';
import { VENUE_KINDS } from '../venue.ts';
import type { PolicyKindDef } from './types.ts';

/**
 * Policy kinds: every parameter that differs between jurisdictions (REQUIREMENTS §0), with a schema,
 * a national default and the law behind that default (REQUIREMENTS §11). Regions override fields.
 */
const FIRE_LAW = '《中华人民共和国消防法》（2021年修正）';
const INSPECTION_RULES = '《消防监督检查规定》（公安部令第120号）';
const CIVIL_CODE = '《中华人民共和国民法典》';

const VenueKind = Type.Enum(VENUE_KINDS);
const Threshold = Type.Object(
  {
    metric: Type.Union([Type.Literal('floorArea'), Type.Literal('investment')]),
    /** Chinese legal counting: 以下/以内 include the number (lte); 不足/低于 exclude it (lt). */
    op: Type.Union([Type.Literal('lte'), Type.Literal('lt')]),
    limit: Type.Number({ minimum: 0 }),
    text: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const exemptionSchema = Type.Object(
  {
    rules: Type.Array(Threshold),
    exceptVenueKinds: Type.Array(VenueKind),
  },
  { additionalProperties: false },
);
export type ExemptionPolicy = Static<typeof exemptionSchema>;

export const commitmentSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    scope: Type.Union([Type.Literal('none'), Type.Literal('all'), Type.Literal('trial'), Type.Literal('pilot'), Type.Literal('after_business_licence')]),
    decisionWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
    verificationWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    /** The commitment the applicant signs (告知承诺书): the region's template. */
    template: Type.Object(
      { title: Type.String({ minLength: 1 }), clauses: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CommitmentPolicy = Static<typeof commitmentSchema>;

/** A material of the opening permit (办事指南 申请材料). `source: data` = obtained by data sharing, never uploaded (LIC-01). */
const Material = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z_]{2,40}$' }),
    name: Type.String({ minLength: 1 }),
    source: Type.Union([Type.Literal('upload'), Type.Literal('data'), Type.Literal('signed_online')]),
    paths: Type.Array(Type.Union([Type.Literal('commitment'), Type.Literal('inspection')]), { minItems: 1 }),
    required: Type.Boolean(),
    sampleForm: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export const materialsSchema = Type.Object(
  {
    materials: Type.Array(Material, { minItems: 1 }),
    conditions: Type.Array(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type MaterialsPolicy = Static<typeof materialsSchema>;
export type MaterialDef = MaterialsPolicy['materials'][number];

export const checkItemsSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { code: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), legalBasis: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
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

const AgencyLevel = Type.Union([Type.Literal('corps'), Type.Literal('detachment'), Type.Literal('brigade')]);
export const approvalSchema = Type.Object(
  {
    authorityLevel: AgencyLevel,
    decidedBy: Type.Union([Type.Literal('law'), Type.Literal('corps'), Type.Literal('city')]),
    legalReviewRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ApprovalPolicy = Static<typeof approvalSchema>;

export const pendingDocumentsSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('none'), Type.Literal('listed'), Type.Literal('any')]),
    documents: Type.Array(Type.String({ minLength: 1 })),
    supplyBy: Type.Union([Type.Literal('onsite_check'), Type.Literal('before_decision')]),
    networkChecks: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PendingDocumentsPolicy = Static<typeof pendingDocumentsSchema>;

export const COMPLAINT_CATEGORIES = ['locked_exit', 'blocked_escape_route', 'disabled_fire_system', 'other'] as const;
export const complaintDeadlinesSchema = Type.Object(
  {
    deadlines: Type.Array(
      Type.Object(
        {
          category: Type.Enum(COMPLAINT_CATEGORIES),
          unit: Type.Union([Type.Literal('hours'), Type.Literal('working_days')]),
          amount: Type.Integer({ minimum: 1, maximum: 30 }),
        },
        { additionalProperties: false },
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
    cadence: Type.Union([Type.Literal('per_plan'), Type.Literal('monthly'), Type.Literal('quarterly')]),
  },
  { additionalProperties: false },
);
export type PublicationPolicy = Static<typeof publicationSchema>;

export const inspectionItemsSchema = Type.Object(
  {
    listName: Type.Union([Type.Literal('full'), Type.Literal('reduced')]),
    items: Type.Array(
      Type.Object(
        { code: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), legalBasis: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
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

const Factor = Type.Number({ minimum: 0, maximum: 10 });
/** How risk and credit move a unit's sampling rate (SUP-04): rate = base × risk factor × credit factor, at most 1. */
export const samplingFactorsSchema = Type.Object(
  {
    risk: Type.Object({ low: Factor, medium: Factor, high: Factor }, { additionalProperties: false }),
    credit: Type.Object({ A: Factor, B: Factor, C: Factor, D: Factor }, { additionalProperties: false }),
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
  { general: Type.Integer({ minimum: 0, maximum: 100 }), serious: Type.Integer({ minimum: 0, maximum: 100 }) },
  { additionalProperties: false },
);
export const creditDeductionsSchema = Type.Object({ falseCommitment: Deduction }, { additionalProperties: false });
export type CreditDeductionsPolicy = Static<typeof creditDeductionsSchema>;
export type CreditSeverity = keyof CreditDeductionsPolicy['falseCommitment'];

/** The risk and credit level a unit gets when it enters the directory (registered, imported with blank levels, or entered by licensing). */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export const unitDefaultsSchema = Type.Object({ riskLevel: Type.Enum(RISK_LEVELS), creditLevel: Type.Enum(CREDIT_LEVELS) }, { additionalProperties: false });
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
  },
  { additionalProperties: false },
);
export type LicensingNumberingPolicy = Static<typeof licensingNumberingSchema>;

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
    description: '哪些公众聚集场所可以不申请办理投入使用、营业前消防安全检查（LIC-02）。',
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
    description: '申请人书面承诺后当场许可、事后核查（LIC-03）。',
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
    description: '办事指南所列的申请条件和材料：申请只能要求这里列出的材料（SVC-01、LIC-01）。',
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
    description: '投入使用、营业前现场检查的检查项目及依据（LIC-04）。',
    schema: checkItemsSchema,
    nationalDefault: { items: OPENING_CHECK_ITEMS },
    fields: { items: { label: '检查项目', legalBasis: { document: INSPECTION_RULES, clause: '第十一条' } } },
  } satisfies PolicyKindDef<CheckItemsPolicy>,
  'licensing.inspection': {
    kind: 'licensing.inspection',
    title: '一般程序（现场检查）时限',
    description: '受理后现场检查、作出决定、整改通知与复查的时限（LIC-04）。',
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
    description: '受理时可以暂缺、后补的材料（LIC-05）。',
    schema: pendingDocumentsSchema,
    nationalDefault: { mode: 'none', documents: [], supplyBy: 'onsite_check', networkChecks: false },
    fields: {
      mode: {
        label: '容缺方式',
        help: 'none 不容缺；listed 仅限所列材料；any 任一材料',
        legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条（国家层面未设容缺）' },
      },
      documents: { label: '可容缺的材料（材料代码，见“许可申请条件与材料”）', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条' } },
      supplyBy: { label: '补齐时点', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十二条' } },
      networkChecks: { label: '是否以网络核验代替材料', legalBasis: { document: '《中华人民共和国行政许可法》', clause: '第三十一条' } },
    },
  } satisfies PolicyKindDef<PendingDocumentsPolicy>,
  'complaints.deadlines': {
    kind: 'complaints.deadlines',
    title: '举报投诉核查时限',
    description: '按举报类别确定的核查时限（CMP-02）。',
    schema: complaintDeadlinesSchema,
    nationalDefault: {
      deadlines: [
        { category: 'locked_exit', unit: 'hours', amount: 24 },
        { category: 'blocked_escape_route', unit: 'hours', amount: 24 },
        { category: 'disabled_fire_system', unit: 'hours', amount: 24 },
        { category: 'other', unit: 'working_days', amount: 3 },
      ],
      feedbackToReporter: true,
    },
    fields: {
      deadlines: { label: '核查时限', legalBasis: { document: INSPECTION_RULES, clause: '第三十条' } },
      feedbackToReporter: { label: '核查结果告知举报人', legalBasis: { document: INSPECTION_RULES, clause: '第三十条' } },
    },
  } satisfies PolicyKindDef<ComplaintDeadlinesPolicy>,
  'supervision.publication': {
    kind: 'supervision.publication',
    title: '“双随机、一公开”公示',
    description: '抽查计划与结果的公示（SUP-08、ENF-07）。',
    schema: publicationSchema,
    nationalDefault: { publishPlan: true, publishResults: true, cadence: 'per_plan' },
    fields: {
      publishPlan: { label: '公示抽查计划', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
      publishResults: { label: '公示抽查结果', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
      cadence: { label: '公示频次', legalBasis: { document: '国发〔2019〕5号', clause: '双随机、一公开监管' } },
    },
  } satisfies PolicyKindDef<PublicationPolicy>,
  'supervision.inspection_items': {
    kind: 'supervision.inspection_items',
    title: '抽查事项清单',
    description: '监督抽查可以检查的事项及其依据（SUP-02）。',
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
    description: '年度抽查比例与同一单位的抽查频次上限（SUP-03、SUP-04）。',
    schema: randomQuotaSchema,
    nationalDefault: { keyCrowdedUnitsPerYear: 1, otherKeyUnitsPerYear: 0.8, generalUnitsPerYear: 0.2, maxDrawsPerUnitPerYear: 2, minMonthsBetweenDraws: 6 },
    fields: {
      keyCrowdedUnitsPerYear: {
        label: '人员密集场所重点单位年度抽查比例',
        legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' },
      },
      otherKeyUnitsPerYear: { label: '其他重点单位年度抽查比例', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' } },
      generalUnitsPerYear: { label: '一般单位年度抽查比例', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查比例' } },
      maxDrawsPerUnitPerYear: { label: '同一单位每年最多被抽取次数', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查频次' } },
      minMonthsBetweenDraws: { label: '同一单位两次抽取最少间隔（月）', legalBasis: { document: '省级消防监督抽查工作指引（通行做法）', clause: '抽查频次' } },
    },
  } satisfies PolicyKindDef<RandomQuotaPolicy>,
  'supervision.rectification': {
    kind: 'supervision.rectification',
    title: '责令限期改正与复查',
    description:
      '责令限期改正通知书的整改期限上限、复查时限和文书编号（SUP-10、SUP-11）。复查时限依《消防监督检查规定》第二十条为三个工作日；整改期限上限（60 个工作日）与文号格式为通行做法，待确认（to confirm）。',
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
    description:
      '“双随机”抽查按风险等级和信用等级调整抽查比例：比例 = 基础比例 × 风险系数 × 信用系数（不超过 1）（SUP-04）。系数为通行做法的默认值，待确认（to confirm）。',
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
    description:
      '信用事件按种类和情节扣减的分值（CRD-*）。发现虚假承诺的，依法责令改正、处罚并记入信用记录；国家层面未公布分值，默认值（一般 10 分、情节严重 20 分）为通行做法，待确认（to confirm）。',
    schema: creditDeductionsSchema,
    nationalDefault: { falseCommitment: { general: 10, serious: 20 } },
    fields: {
      falseCommitment: {
        label: '虚假承诺扣分（一般/情节严重）',
        help: '待确认：国家层面未规定分值，各地按消防信用积分制确定',
        legalBasis: { document: '《消防安全领域信用管理暂行办法》（应急消〔2020〕331号）', clause: '失信行为记录（分值待确认）' },
      },
    },
  } satisfies PolicyKindDef<CreditDeductionsPolicy>,
  'units.defaults': {
    kind: 'units.defaults',
    title: '新登记单位的默认风险与信用等级',
    description:
      '单位进入监管对象名录（登记、导入时未填等级、许可办结后录入）时取得的风险等级和信用等级（SUP-01、SUP-04）。默认中风险、信用 A 级为通行做法，待确认（to confirm）。',
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
    description:
      '营业前消防安全检查合格证（电子证照）编号和申请受理编号的格式（LIC-01、LIC-07）。默认格式为平台现行格式，待确认（to confirm）：各地文号规则不一。',
    schema: licensingNumberingSchema,
    nationalDefault: {
      permitTemplate: '{agency}消安许字〔{year}〕第{seq}号',
      permitSeqDigits: 4,
      referenceTemplate: 'XK{region}{year}{seq}',
      referenceSeqDigits: 5,
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
    },
  } satisfies PolicyKindDef<LicensingNumberingPolicy>,
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
  'supervision.publication': PublicationPolicy;
  'supervision.inspection_items': InspectionItemsPolicy;
  'supervision.random_quota': RandomQuotaPolicy;
  'supervision.rectification': RectificationPolicy;
  'supervision.sampling_factors': SamplingFactorsPolicy;
  'credit.deductions': CreditDeductionsPolicy;
  'units.defaults': UnitDefaultsPolicy;
  'licensing.numbering': LicensingNumberingPolicy;
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
