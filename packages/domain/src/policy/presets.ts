import type { NoPenaltyRuleDef } from '../enforcement/discretion.ts';
import { NATIONAL_DISCRETION } from '../enforcement/items.ts';
import { ENTERTAINMENT_VENUE_KINDS } from '../venue.ts';
import type { LegalBasis } from './types.ts';

/**
 * The five source jurisdictions of REQUIREMENTS §0 as policy overrides. Where a source says "law" or is
 * silent the agency inherits the national default (no row). Where a source restates the national rule
 * in its own words (e.g. Liaoyang's complaint deadlines) the row is kept so that the provenance cites
 * the local document.
 */
export interface PolicyPreset {
  regionCode: string;
  kind: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  legalBasis: LegalBasis;
  note: string;
}

const JX = '《关于进一步优化消防执法营商环境的意见》（江西省消防救援总队印发）';
const GD = '《广东省关于深化消防执法改革的实施意见》（征求意见稿）';
const NM = '内蒙古消防救援总队《深化“放管服”改革 打造“亲民利民”执法环境》九项措施';
const LY = '辽阳市消防救援支队便民服务20项措施';
const BX = '《本溪市人民政府办公室关于深化消防执法改革的实施意见》（本政办〔2020〕10号）';

/** A unit that found the violation itself before the inspection and is fixing it, with safeguards: may not be penalised. */
function selfFoundRule(document: string, clause: string, text: string): NoPenaltyRuleDef {
  return {
    id: 'self_found_before_inspection',
    text,
    legalBasis: { document, clause },
    mandatory: false,
    items: [],
    when: [
      [
        { key: 'selfFoundBeforeInspection', op: 'is', value: true },
        { key: 'harmfulConsequence', op: 'is', value: false },
        { key: 'repeatWithin12Months', op: 'is', value: false },
      ],
    ],
  };
}

/** Preset rows take effect from the first day the product applies them; the sources give no date. */
const FROM = '2025-01-01';

export const JURISDICTION_PRESETS: readonly PolicyPreset[] = [
  // Jiangxi (000)
  {
    regionCode: '360000',
    kind: 'licensing.exemption',
    effectiveFrom: FROM,
    values: { rules: [{ metric: 'floorArea', op: 'lte', limit: 300, text: '建筑面积300平方米以下' }], exceptVenueKinds: [...ENTERTAINMENT_VENUE_KINDS] },
    legalBasis: { document: JX, clause: '（四）' },
    note: '除公共娱乐场所外，建筑面积300平方米以下（含300）的公众聚集场所可不申请消防安全检查',
  },
  {
    regionCode: '360000',
    kind: 'licensing.commitment',
    effectiveFrom: FROM,
    values: { enabled: true, scope: 'trial' },
    legalBasis: { document: JX, clause: '（四）' },
    note: '在全省范围内试行告知承诺管理',
  },
  {
    regionCode: '360000',
    kind: 'licensing.approval',
    effectiveFrom: FROM,
    values: { decidedBy: 'city' },
    legalBasis: { document: JX, clause: '（四）' },
    note: '审批权限下放由设区市级消防救援机构结合实际确定',
  },
  {
    regionCode: '360100',
    kind: 'licensing.pending_documents',
    effectiveFrom: FROM,
    values: {
      mode: 'listed',
      documents: ['safety_rules', 'evacuation_plan', 'training_records', 'special_trade_certificates'],
      supplyBy: 'onsite_check',
    },
    legalBasis: { document: JX, clause: '（五）' },
    note: '容缺材料可在现场检查核查时补充提交',
  },
  {
    regionCode: '360000',
    kind: 'supervision.publication',
    effectiveFrom: FROM,
    values: { publishPlan: true, publishResults: true },
    legalBasis: { document: JX, clause: '（十）' },
    note: '“双随机、一公开”',
  },
  {
    regionCode: '360000',
    kind: 'enforcement.discretion',
    effectiveFrom: FROM,
    values: {
      noPenaltyRules: [
        ...NATIONAL_DISCRETION.noPenaltyRules,
        selfFoundRule(JX, '（九）', '在消防救援机构检查前，企业已自行发现并采取措施进行整改，且已制定并落实保证消防安全的防范措施或者将危险部位停用'),
      ],
    },
    legalBasis: { document: JX, clause: '（九）' },
    note: '推行包容审慎监管：轻微并当场改正完毕的可以依法不予处罚；检查前已自行发现并整改、落实防范措施或者停用危险部位的，可以不予处罚',
  },
  // Guangdong (001)
  {
    regionCode: '440000',
    kind: 'licensing.exemption',
    effectiveFrom: FROM,
    values: {
      rules: [
        { metric: 'investment', op: 'lte', limit: 1_000_000, text: '工程投资额在100（含）万元以下' },
        { metric: 'floorArea', op: 'lte', limit: 500, text: '建筑面积在500（含）平方米以下' },
      ],
      exceptVenueKinds: [],
    },
    legalBasis: { document: GD, clause: '一、（一）' },
    note: '投资额或面积任一满足即可不申请消防安全检查',
  },
  {
    regionCode: '440000',
    kind: 'licensing.commitment',
    effectiveFrom: FROM,
    values: { enabled: true, scope: 'all' },
    legalBasis: { document: GD, clause: '一、（一）' },
    note: '全面实行告知承诺制审批',
  },
  {
    regionCode: '440000',
    kind: 'licensing.inspection',
    effectiveFrom: FROM,
    values: { checkWorkingDays: 5 },
    legalBasis: { document: GD, clause: '一、（一）' },
    note: '现场检查时限从十个工作日压减为五个工作日',
  },
  {
    regionCode: '440000',
    kind: 'supervision.publication',
    effectiveFrom: FROM,
    values: { publishPlan: true, publishResults: true },
    legalBasis: { document: GD, clause: '一、（四）' },
    note: '“双随机、一公开”',
  },
  {
    regionCode: '440000',
    kind: 'enforcement.discretion',
    effectiveFrom: FROM,
    values: {
      noPenaltyRules: [...NATIONAL_DISCRETION.noPenaltyRules, selfFoundRule(GD, '（十二）', '单位在消防监督检查前已自查发现并正在整改的消防安全违法行为')],
    },
    legalBasis: { document: GD, clause: '（十二）' },
    note: '统一消防行政处罚裁量基准，系统自动生成量裁意见；初次违法或者检查前已自查发现并正在整改的，依法不予处罚或者从轻、减轻处罚',
  },
  // Inner Mongolia (002)
  {
    regionCode: '150000',
    kind: 'licensing.exemption',
    effectiveFrom: FROM,
    values: { rules: [{ metric: 'floorArea', op: 'lte', limit: 200, text: '200平方米以下' }], exceptVenueKinds: [] },
    legalBasis: { document: NM, clause: '优化消防许可审批制度' },
    note: '取消200平方米以下的公众聚集场所检查要求',
  },
  {
    regionCode: '150000',
    kind: 'licensing.commitment',
    effectiveFrom: FROM,
    values: { enabled: true, scope: 'pilot' },
    legalBasis: { document: NM, clause: '简化消防许可办事流程' },
    note: '试点告知承诺',
  },
  {
    regionCode: '150000',
    kind: 'licensing.inspection',
    effectiveFrom: FROM,
    values: { checkWorkingDays: 5 },
    legalBasis: { document: NM, clause: '简化消防许可办事流程' },
    note: '办理时限压缩到5个工作日',
  },
  {
    regionCode: '150000',
    kind: 'licensing.approval',
    effectiveFrom: FROM,
    values: { authorityLevel: 'brigade', decidedBy: 'corps' },
    legalBasis: { document: NM, clause: '解决消防审验遗留问题' },
    note: '所有消防审批权限下放至旗县一级',
  },
  {
    regionCode: '150000',
    kind: 'licensing.pending_documents',
    effectiveFrom: FROM,
    values: { mode: 'any', supplyBy: 'before_decision', networkChecks: true },
    legalBasis: { document: NM, clause: '解决消防审验遗留问题' },
    note: '容缺受理、网络核查，先办后补',
  },
  {
    regionCode: '150000',
    kind: 'supervision.publication',
    effectiveFrom: FROM,
    values: { cadence: 'monthly' },
    legalBasis: { document: NM, clause: '规范执法优化营商环境' },
    note: '每月对抽查对象进行公示',
  },
  {
    regionCode: '150000',
    kind: 'supervision.inspection_items',
    effectiveFrom: FROM,
    values: {
      listName: 'reduced',
      items: [
        { code: 'fire_cause', name: '查火因', legalBasis: '《中华人民共和国消防法》第五十一条' },
        { code: 'responsibility', name: '查责任', legalBasis: '《中华人民共和国消防法》第十六条、第十七条' },
      ],
    },
    legalBasis: { document: NM, clause: '分类监管' },
    note: '将监督执法7大类63项检查内容压缩到“查火因”“查责任”两项',
  },
  // Liaoyang (003)
  {
    regionCode: '211000',
    kind: 'licensing.pending_documents',
    effectiveFrom: FROM,
    values: { mode: 'any', supplyBy: 'before_decision' },
    legalBasis: { document: LY, clause: '01 推行审批申报容缺受理' },
    note: '先予以登记接收，一次性告知需要补正内容，在作出决定前补齐',
  },
  {
    regionCode: '211000',
    kind: 'complaints.deadlines',
    effectiveFrom: FROM,
    values: {
      deadlines: [
        { category: 'escape_route_blocked', unit: 'hours', amount: 24 },
        { category: 'fire_system_disabled', unit: 'hours', amount: 24 },
        { category: 'fire_lane_blocked', unit: 'working_days', amount: 3 },
        { category: 'other', unit: 'working_days', amount: 3 },
      ],
    },
    legalBasis: { document: LY, clause: '19' },
    note: '锁闭安全出口、堵塞疏散通道、擅自停用消防设施的举报24小时内核查，其他3个工作日内核查',
  },
  {
    regionCode: '211000',
    kind: 'supervision.publication',
    effectiveFrom: FROM,
    values: { cadence: 'monthly' },
    legalBasis: { document: LY, clause: '04' },
    note: '检查计划和检查结果每月向社会公开',
  },
  {
    regionCode: '211000',
    kind: 'enforcement.discretion',
    effectiveFrom: FROM,
    values: { noPenaltyRules: NATIONAL_DISCRETION.noPenaltyRules },
    legalBasis: { document: LY, clause: '10 轻微违法行为不予处罚' },
    note: '轻微消防违法行为当场整改完毕、依法可以不予行政处罚的，口头责令改正；符合裁量标准中不予处罚情形的，依法作出不予处罚决定',
  },
  {
    regionCode: '211000',
    kind: 'incidents.procedure',
    effectiveFrom: FROM,
    values: { onsiteLossBelow: 1000 },
    legalBasis: { document: LY, clause: '15 轻微火灾简易登记' },
    note: '事实清楚、无异议、无赔偿争议、无人员伤亡、无放火嫌疑、不申请保险理赔的轻微火灾现场简易登记，不封闭现场（损失限额沿用《火灾统计管理规定》1000元）',
  },
  // Benxi (004)
  {
    regionCode: '210500',
    kind: 'licensing.commitment',
    effectiveFrom: FROM,
    values: { enabled: true, scope: 'after_business_licence' },
    legalBasis: { document: BX, clause: '二、（一）3' },
    note: '取得营业执照或依法具备投入使用条件后作出承诺即可投入使用、营业（在法律法规调整或授权时实施）',
  },
  {
    regionCode: '210500',
    kind: 'supervision.publication',
    effectiveFrom: FROM,
    values: { publishPlan: true, publishResults: true },
    legalBasis: { document: BX, clause: '二、（二）' },
    note: '“双随机、一公开”',
  },
  {
    // Benxi's separate discretion system (本溪市消防行政处罚自由裁量系统) applied 应急消〔2019〕172号; its rows
    // are this policy version. The band figures are the national defaults until Benxi's table is entered.
    regionCode: '210500',
    kind: 'enforcement.discretion',
    effectiveFrom: FROM,
    values: {
      items: NATIONAL_DISCRETION.items.map((item) => ({
        ...item,
        basis: {
          document: '《关于对部分消防安全违法行为实施行政处罚的裁量指导意见》（应急消〔2019〕172号）',
          clause: `${item.provision}（本溪市执行，档次数额待确认）`,
        },
      })),
      noPenaltyRules: NATIONAL_DISCRETION.noPenaltyRules,
    },
    legalBasis: { document: BX, clause: '（四）2' },
    note: '严格限制处罚自由裁量权，全面应用本溪市消防行政处罚自由裁量系统；对消防违法行为轻微并当场改正完毕的，依法不予处罚',
  },
];
