import type { DiscretionBand, DiscretionPolicy, ViolationItem } from './discretion.ts';

/**
 * National defaults of the discretion benchmark (`enforcement.discretion`). The provisions, their text and
 * statutory ranges are the law (消防法 2021, [V-law] in shared/notes/legal-rules.md §1.1). The band figures
 * of the national benchmark (消防〔2025〕39号) could not be retrieved, so the bands follow the published
 * provincial structure 较轻 / 一般 / 严重 = 0–30 % / 30–70 % / 70–100 % of the statutory range (陕西省消防
 * 行政处罚裁量标准（试行）第六条) and are marked 待确认 (to confirm); a jurisdiction replaces them with its own
 * table as a policy version. Codes: `XFF-<article>-<paragraph>-<item>`, item 0 where a paragraph has no items.
 */
export const FIRE_LAW_NAME = '《中华人民共和国消防法》';
const BENCHMARK = {
  document: '《消防行政处罚裁量权基准》（消防〔2025〕39号）',
  clause: '裁量档次待确认：按法定幅度 0–30%、30–70%、70–100% 分为较轻、一般、严重',
};

/** The three bands every national item uses unless it names its own. */
export const STANDARD_BANDS: DiscretionBand[] = [
  {
    id: 'serious',
    label: '严重',
    circumstances: '造成危害后果，或者12个月内同一违法行为再次发生',
    when: [[{ key: 'harmfulConsequence', op: 'is', value: true }], [{ key: 'repeatWithin12Months', op: 'is', value: true }]],
    percent: { from: 70, to: 100 },
  },
  {
    id: 'minor',
    label: '较轻',
    // A first violation corrected in time without harm is not fined at all (行政处罚法 art. 33 ¶1, rule
    // first_violation below); the lighter band is the corrected violation that is not a first one.
    circumstances: '及时改正，未造成危害后果',
    when: [[{ key: 'correctedInTime', op: 'is', value: true }]],
    percent: { from: 0, to: 30 },
  },
  { id: 'general', label: '一般', circumstances: '不属于较轻或者严重情节', when: [], percent: { from: 30, to: 70 } },
];

/** Individuals under 消防法 art. 60 ¶2: 警告或者五百元以下罚款 — the lighter band proposes the warning. */
const PERSON_BANDS: DiscretionBand[] = [
  { ...STANDARD_BANDS[0]!, percent: { from: 70, to: 100 } },
  { ...STANDARD_BANDS[1]!, warning: true, circumstances: '及时改正，未造成危害后果：警告' },
  { ...STANDARD_BANDS[2]!, percent: { from: 0, to: 70 } },
];

const UNIT_60 = { min: 5_000, max: 50_000 };
const art60 = (item: number, conduct: string, text: string, extra: ViolationItem['extraCircumstances'] = []): ViolationItem => ({
  code: `XFF-60-1-${item}`,
  law: FIRE_LAW_NAME,
  provision: `第六十条第一款第${'一二三四五六七'[item - 1]}项`,
  conduct,
  provisionText: `单位违反本法规定，${text}的，责令改正，处五千元以上五万元以下罚款`,
  ranges: { unit: UNIT_60 },
  otherSanctions: ['责令改正'],
  extraCircumstances: extra,
  bands: STANDARD_BANDS,
  basis: BENCHMARK,
});
const art60person = (item: number, conduct: string, extra: ViolationItem['extraCircumstances'] = []): ViolationItem => ({
  code: `XFF-60-2-${item}`,
  law: FIRE_LAW_NAME,
  provision: `第六十条第二款（第一款第${'一二三四五六七'[item - 1]}项行为）`,
  conduct,
  provisionText: '个人有前款第二项、第三项、第四项、第五项行为之一的，处警告或者五百元以下罚款',
  ranges: { person: { min: 0, max: 500 } },
  warningAllowed: true,
  otherSanctions: [],
  extraCircumstances: extra,
  bands: PERSON_BANDS,
  basis: BENCHMARK,
});

const BLOCKED_WIDTH = { key: 'blockedWidthPercent', label: '占用疏散宽度比例', type: 'number' as const, unit: '%' };

export const NATIONAL_VIOLATION_ITEMS: ViolationItem[] = [
  {
    code: 'XFF-58-1-4',
    law: FIRE_LAW_NAME,
    provision: '第五十八条第一款第四项',
    conduct: '公众聚集场所未经消防救援机构许可擅自投入使用、营业，或者使用、营业情况与承诺内容不符',
    provisionText:
      '公众聚集场所未经消防救援机构许可，擅自投入使用、营业的，或者经核查发现场所使用、营业情况与承诺内容不符的，责令停止使用或者停产停业，并处三万元以上三十万元以下罚款',
    ranges: { unit: { min: 30_000, max: 300_000 }, person: { min: 30_000, max: 300_000 } },
    otherSanctions: ['责令停止使用或者停产停业', '与承诺内容严重不符的，依法撤销许可（第五十八条第二款）'],
    extraCircumstances: [
      { key: 'floorArea', label: '场所建筑面积', type: 'number', unit: '㎡' },
      { key: 'daysInUse', label: '擅自使用、营业天数', type: 'number', unit: '天' },
    ],
    // Floor area places a case in a band (待确认: after the area bands of the former 山东省公安机关行政处罚
    // 裁量基准 for this article, 5,000 ㎡ and 500 ㎡ being its thresholds of its upper and lower bands).
    bands: [
      {
        ...STANDARD_BANDS[0]!,
        circumstances: '造成危害后果、12个月内再次发生，或者建筑面积 5,000 ㎡ 以上',
        when: [...STANDARD_BANDS[0]!.when, [{ key: 'floorArea', op: 'gte', value: 5000 }]],
      },
      {
        ...STANDARD_BANDS[1]!,
        circumstances: '及时改正、建筑面积 500 ㎡ 以下，未造成危害后果',
        when: [
          [
            { key: 'correctedInTime', op: 'is', value: true },
            { key: 'floorArea', op: 'lte', value: 500 },
          ],
        ],
      },
      STANDARD_BANDS[2]!,
    ],
    basis: BENCHMARK,
  },
  art60(
    1,
    '消防设施、器材或者消防安全标志的配置、设置不符合标准，或者未保持完好有效',
    '消防设施、器材或者消防安全标志的配置、设置不符合国家标准、行业标准，或者未保持完好有效',
  ),
  art60(2, '损坏、挪用或者擅自拆除、停用消防设施、器材', '损坏、挪用或者擅自拆除、停用消防设施、器材'),
  art60(3, '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为', '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为', [BLOCKED_WIDTH]),
  art60(4, '埋压、圈占、遮挡消火栓或者占用防火间距', '埋压、圈占、遮挡消火栓或者占用防火间距'),
  art60(5, '占用、堵塞、封闭消防车通道，妨碍消防车通行', '占用、堵塞、封闭消防车通道，妨碍消防车通行'),
  art60(6, '人员密集场所在门窗上设置影响逃生和灭火救援的障碍物', '人员密集场所在门窗上设置影响逃生和灭火救援的障碍物'),
  art60(7, '对火灾隐患经消防救援机构通知后不及时采取措施消除', '对火灾隐患经消防救援机构通知后不及时采取措施消除'),
  art60person(2, '个人损坏、挪用或者擅自拆除、停用消防设施、器材'),
  art60person(3, '个人占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为', [BLOCKED_WIDTH]),
  art60person(4, '个人埋压、圈占、遮挡消火栓或者占用防火间距'),
  art60person(5, '个人占用、堵塞、封闭消防车通道，妨碍消防车通行'),
  {
    code: 'XFF-61-1-0',
    law: FIRE_LAW_NAME,
    provision: '第六十一条第一款',
    conduct: '生产、储存、经营易燃易爆危险品的场所与居住场所设置在同一建筑物内，或者未与居住场所保持安全距离',
    provisionText:
      '生产、储存、经营易燃易爆危险品的场所与居住场所设置在同一建筑物内，或者未与居住场所保持安全距离的，责令停产停业，并处五千元以上五万元以下罚款',
    ranges: { unit: UNIT_60, person: UNIT_60 },
    otherSanctions: ['责令停产停业'],
    extraCircumstances: [],
    bands: STANDARD_BANDS,
    basis: BENCHMARK,
  },
  {
    code: 'XFF-61-2-0',
    law: FIRE_LAW_NAME,
    provision: '第六十一条第二款',
    conduct: '生产、储存、经营其他物品的场所与居住场所设置在同一建筑物内，不符合消防技术标准',
    provisionText: '生产、储存、经营其他物品的场所与居住场所设置在同一建筑物内，不符合消防技术标准的，依照前款规定处罚',
    ranges: { unit: UNIT_60, person: UNIT_60 },
    otherSanctions: ['责令停产停业'],
    extraCircumstances: [],
    bands: STANDARD_BANDS,
    basis: BENCHMARK,
  },
  {
    code: 'XFF-65-2-0',
    law: FIRE_LAW_NAME,
    provision: '第六十五条第二款',
    conduct: '人员密集场所使用不合格的消防产品或者国家明令淘汰的消防产品，逾期不改正',
    provisionText:
      '人员密集场所使用不合格的消防产品或者国家明令淘汰的消防产品的，责令限期改正；逾期不改正的，处五千元以上五万元以下罚款，并对其直接负责的主管人员和其他直接责任人员处五百元以上二千元以下罚款；情节严重的，责令停产停业',
    ranges: { unit: UNIT_60, person: { min: 500, max: 2_000 } },
    otherSanctions: ['情节严重的，责令停产停业'],
    extraCircumstances: [],
    bands: STANDARD_BANDS,
    basis: BENCHMARK,
  },
];

export const NATIONAL_DISCRETION: DiscretionPolicy = {
  base: 'range',
  rounding: 100,
  items: NATIONAL_VIOLATION_ITEMS,
  noPenaltyRules: [
    {
      id: 'minor_blockage_corrected',
      text: '占用疏散通道宽度不足 20%，当场改正，未造成危害后果（违法行为轻微并及时改正）',
      legalBasis: { document: '《中华人民共和国行政处罚法》', clause: '第三十三条第一款（比例待确认：参照上海市、保定市消防领域轻微违法行为不予处罚清单）' },
      mandatory: true,
      items: ['XFF-60-1-3', 'XFF-60-2-3'],
      when: [
        [
          { key: 'blockedWidthPercent', op: 'lt', value: 20 },
          { key: 'correctedInTime', op: 'is', value: true },
          { key: 'harmfulConsequence', op: 'is', value: false },
          { key: 'repeatWithin12Months', op: 'is', value: false },
        ],
      ],
    },
    {
      id: 'first_violation',
      text: '初次违法且危害后果轻微并及时改正',
      legalBasis: { document: '《中华人民共和国行政处罚法》', clause: '第三十三条第一款' },
      mandatory: false,
      // The published 首违不罚 lists (e.g. Sichuan's 14 situations, legal-rules.md §1.6) cover the art. 60
      // and art. 65 conduct; unlicensed operation (art. 58) and dangerous goods beside dwellings (art. 61)
      // come with 停止使用/停产停业 and are not on them.
      items: NATIONAL_VIOLATION_ITEMS.map((i) => i.code).filter((c) => /^XFF-(60|65)-/.test(c)),
      when: [
        [
          { key: 'firstViolation', op: 'is', value: true },
          { key: 'correctedInTime', op: 'is', value: true },
          { key: 'harmfulConsequence', op: 'is', value: false },
          { key: 'repeatWithin12Months', op: 'is', value: false },
        ],
      ],
    },
  ],
};
