import { type Static, Type } from 'typebox';
import { Choice } from '../policy/choice.ts';

/**
 * The discretion engine (裁量基准, ENF-02/ENF-03). 行政处罚法 art. 34 lets an agency narrow each statutory
 * fine range by circumstances and requires the benchmark to be published; 应急管理部令第12号 (2024) applies
 * it to fire agencies and 消防〔2025〕39号 is the national fire benchmark (fines only). Everything here is
 * data of the `enforcement.discretion` policy kind — items, bands, the base of percentage bands and the
 * no-penalty rules — so a jurisdiction's own benchmark (Benxi's former separate system, seed 004) is a
 * policy version, not code. The engine only reads the data and explains itself.
 */

export const PARTY_KINDS = ['unit', 'person'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = { unit: '单位', person: '个人' };

/** Circumstances every violation item accepts (the contract of `POST /enforcement/discretion`). */
export const COMMON_CIRCUMSTANCES = ['firstViolation', 'correctedInTime', 'harmfulConsequence', 'selfFoundBeforeInspection', 'repeatWithin12Months'] as const;
export type CommonCircumstance = (typeof COMMON_CIRCUMSTANCES)[number];
export const COMMON_CIRCUMSTANCE_LABELS: Record<CommonCircumstance, string> = {
  firstViolation: '初次违法',
  correctedInTime: '及时改正',
  harmfulConsequence: '造成危害后果',
  selfFoundBeforeInspection: '检查前已自行发现并正在整改',
  repeatWithin12Months: '12个月内同一违法行为再次发生',
};

const Code = Type.String({ pattern: '^[A-Z]{2,5}-\\d{1,3}-\\d{1,2}-\\d{1,2}$', title: '违法行为编码' });
const Key = Type.String({ pattern: '^[a-z][A-Za-z0-9]{1,40}$', title: '情节参数' });
const BasisOf = (title: string) =>
  Type.Object(
    { document: Type.String({ minLength: 1, title: '文件' }), clause: Type.Optional(Type.String({ title: '条款' })) },
    { additionalProperties: false, title },
  );

/** One test on a circumstance: a yes/no circumstance `is` true or false, a number compared with a limit. */
const Condition = Type.Object(
  {
    key: Key,
    op: Choice(['is', 'gte', 'gt', 'lte', 'lt'], { is: '为', gte: '不少于', gt: '多于', lte: '不超过', lt: '少于' }, { title: '比较' }),
    value: Type.Union([Type.Boolean({ title: '是/否' }), Type.Number({ title: '数值' })], { title: '值' }),
  },
  { additionalProperties: false },
);
/** Any of the groups holds when all of its conditions hold; an empty list always holds. */
const When = Type.Array(Type.Array(Condition, { minItems: 1 }), { title: '适用情形（满足任一组，组内须全部满足）' });

const RangeOf = (title: string) =>
  Type.Object(
    { min: Type.Integer({ minimum: 0, title: '最低（元）' }), max: Type.Integer({ minimum: 0, title: '最高（元）' }) },
    { additionalProperties: false, title },
  );

const Band = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z_]{2,20}$', title: '档次编码' }),
    label: Type.String({ minLength: 1, title: '档次' }),
    /** What places a case in this band, in words (shown with the proposal). */
    circumstances: Type.String({ minLength: 1, title: '情节' }),
    when: When,
    /** Percent of the base (policy `base`), or fixed amounts (a jurisdiction's own table, e.g. by floor area). */
    percent: Type.Optional(
      Type.Object(
        { from: Type.Number({ minimum: 0, maximum: 100, title: '自（%）' }), to: Type.Number({ minimum: 0, maximum: 100, title: '至（%）' }) },
        { additionalProperties: false, title: '按基数的百分比' },
      ),
    ),
    amount: Type.Optional(RangeOf('固定金额')),
    /** For items whose law allows a warning instead of a fine: this band proposes the warning. */
    warning: Type.Optional(Type.Boolean({ title: '建议警告' })),
  },
  { additionalProperties: false },
);

const ExtraCircumstance = Type.Object(
  {
    key: Key,
    label: Type.String({ minLength: 1, title: '名称' }),
    type: Choice(['boolean', 'number'], { boolean: '是/否', number: '数值' }, { title: '类型' }),
    unit: Type.Optional(Type.String({ title: '单位' })),
  },
  { additionalProperties: false },
);

const Item = Type.Object(
  {
    code: Code,
    law: Type.String({ minLength: 1, title: '法律' }),
    /** E.g. 第六十条第一款第三项. */
    provision: Type.String({ minLength: 1, title: '条款' }),
    conduct: Type.String({ minLength: 1, title: '违法行为' }),
    /** The text of the provision that sets the sanction. */
    provisionText: Type.String({ minLength: 1, title: '条文' }),
    ranges: Type.Object(
      { unit: Type.Optional(RangeOf('对单位')), person: Type.Optional(RangeOf('对个人')) },
      { additionalProperties: false, title: '法定罚款幅度' },
    ),
    warningAllowed: Type.Optional(Type.Boolean({ title: '可以警告' })),
    /** Sanctions outside the benchmark that come with the fine (责令停止使用, 停产停业 …), shown, not computed. */
    otherSanctions: Type.Array(Type.String({ minLength: 1 }), { title: '并处或者另行适用' }),
    extraCircumstances: Type.Array(ExtraCircumstance, { title: '本项情节参数' }),
    bands: Type.Array(Band, { minItems: 1, title: '裁量档次（自上而下取第一个适用的档次）' }),
    basis: BasisOf('裁量依据'),
  },
  { additionalProperties: false },
);

const NoPenaltyRule = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_]{2,40}$', title: '规则编码' }),
    text: Type.String({ minLength: 1, title: '规则' }),
    legalBasis: BasisOf('法律依据'),
    /** 应当不予 (mandatory) or 可以不予 (the engine proposes it; the officer may still decide otherwise). */
    mandatory: Type.Boolean({ title: '应当不予处罚' }),
    /** Violation codes it applies to; empty: every item. */
    items: Type.Array(Code, { title: '适用的违法行为（空为全部）' }),
    when: When,
  },
  { additionalProperties: false },
);

export const discretionSchema = Type.Object(
  {
    base: Choice(['range', 'maximum'], { range: '法定幅度（最低至最高）', maximum: '法定最高额' }, { title: '百分比档次的基数' }),
    rounding: Type.Integer({ minimum: 1, maximum: 10_000, title: '建议罚款取整（元）' }),
    items: Type.Array(Item, { minItems: 1, title: '违法行为裁量基准' }),
    noPenaltyRules: Type.Array(NoPenaltyRule, { title: '不予处罚规则' }),
  },
  { additionalProperties: false },
);
export type DiscretionPolicy = Static<typeof discretionSchema>;
export type ViolationItem = Static<typeof Item>;
export type DiscretionBand = Static<typeof Band>;
export type NoPenaltyRuleDef = Static<typeof NoPenaltyRule>;
export type CircumstanceCondition = Static<typeof Condition>;

export type Circumstances = Record<string, boolean | number>;

export interface DiscretionRequest {
  violationCode: string;
  partyKind: PartyKind;
  circumstances: Circumstances;
}

export interface DiscretionProposal {
  outcome: 'fine' | 'warning' | 'no_penalty';
  noPenalty: boolean;
  /** The rule applied: the no-penalty rule, or the provision the fine rests on. */
  rule: { text: string; legalBasis: { document: string; clause?: string } };
  mandatory?: boolean;
  band?: { id: string; label: string; circumstances: string };
  range?: { min: number; max: number };
  proposedFine?: number;
  statutory?: { min: number; max: number };
  otherSanctions: string[];
  explanation: string[];
}

export type DiscretionErrorCode = 'UNKNOWN_VIOLATION' | 'PARTY_NOT_COVERED' | 'UNKNOWN_CIRCUMSTANCE' | 'BAD_CIRCUMSTANCE';

/** A request the benchmark cannot answer; `field` names the input at fault. */
export class DiscretionError extends Error {
  constructor(
    readonly code: DiscretionErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export function findItem(policy: DiscretionPolicy, code: string): ViolationItem | undefined {
  return policy.items.find((i) => i.code === code);
}

/** The circumstance keys an item accepts, with their kind and Chinese label. */
export function circumstancesOf(item: ViolationItem): { key: string; label: string; type: 'boolean' | 'number'; unit?: string }[] {
  return [
    ...COMMON_CIRCUMSTANCES.map((key) => ({ key, label: COMMON_CIRCUMSTANCE_LABELS[key], type: 'boolean' as const })),
    ...item.extraCircumstances.map((c) => ({ key: c.key, label: c.label, type: c.type, ...(c.unit ? { unit: c.unit } : {}) })),
  ];
}

export function yuan(n: number): string {
  return n.toLocaleString('en-US');
}

function holds(when: readonly (readonly CircumstanceCondition[])[], c: Circumstances): boolean {
  if (when.length === 0) return true;
  return when.some((group) =>
    group.every((cond) => {
      const v = c[cond.key];
      if (cond.op === 'is') return (v ?? false) === cond.value;
      if (typeof v !== 'number' || typeof cond.value !== 'number') return false;
      switch (cond.op) {
        case 'gte':
          return v >= cond.value;
        case 'gt':
          return v > cond.value;
        case 'lte':
          return v <= cond.value;
        default:
          return v < cond.value;
      }
    }),
  );
}

/** The band's fine range: percent of the statutory range (base `range`) or of its maximum (base `maximum`), or fixed amounts. */
export function bandRange(policy: Pick<DiscretionPolicy, 'base'>, band: DiscretionBand, statutory: { min: number; max: number }): { min: number; max: number } {
  if (band.amount) return { min: Math.max(statutory.min, band.amount.min), max: Math.min(statutory.max, band.amount.max) };
  const p = band.percent ?? { from: 0, to: 100 };
  const at = (percent: number) =>
    policy.base === 'range'
      ? Math.round(statutory.min + ((statutory.max - statutory.min) * percent) / 100)
      : Math.max(statutory.min, Math.round((statutory.max * percent) / 100));
  return { min: at(p.from), max: at(p.to) };
}

function describe(item: ViolationItem, c: Circumstances): string {
  const said: string[] = [];
  for (const k of COMMON_CIRCUMSTANCES) if (c[k] === true) said.push(COMMON_CIRCUMSTANCE_LABELS[k]);
  for (const e of item.extraCircumstances) {
    const v = c[e.key];
    if (v === undefined) continue;
    said.push(e.type === 'number' ? `${e.label} ${yuanless(v as number)}${e.unit ?? ''}` : v ? e.label : `非${e.label}`);
  }
  return said.length ? said.join('、') : '未填写情节';
}

function yuanless(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

function basisText(b: { document: string; clause?: string }): string {
  return b.clause ? `${b.document}${b.clause}` : b.document;
}

/**
 * Proposes the penalty for one violation: first the no-penalty rules (行政处罚法 art. 33 and the
 * jurisdiction's list), then the first band whose circumstances hold, its range and a fine in its middle.
 * A repeat within 12 months is never a first violation (the repeat wins, and the explanation says so).
 */
export function proposePenalty(policy: DiscretionPolicy, request: DiscretionRequest): DiscretionProposal {
  const item = findItem(policy, request.violationCode);
  if (!item) throw new DiscretionError('UNKNOWN_VIOLATION', `没有编码为 ${request.violationCode} 的违法行为裁量基准`, 'violationCode');
  const statutory = item.ranges[request.partyKind];
  if (!statutory && !item.warningAllowed) throw new DiscretionError('PARTY_NOT_COVERED', `该违法行为不适用于${PARTY_KIND_LABELS[request.partyKind]}`, 'party');
  const accepted = new Map(circumstancesOf(item).map((c) => [c.key, c.type]));
  for (const [k, v] of Object.entries(request.circumstances)) {
    const type = accepted.get(k);
    if (!type) throw new DiscretionError('UNKNOWN_CIRCUMSTANCE', `该违法行为没有“${k}”这一情节`, `circumstances.${k}`);
    if (typeof v !== type || (typeof v === 'number' && !Number.isFinite(v)))
      throw new DiscretionError('BAD_CIRCUMSTANCE', `情节“${k}”应为${type === 'number' ? '数值' : '是或否'}`, `circumstances.${k}`);
  }
  const c: Circumstances = { ...request.circumstances };
  const explanation: string[] = [`违法行为：${item.conduct}（${item.law}${item.provision}）`];
  if (c.repeatWithin12Months === true && c.firstViolation === true) {
    c.firstViolation = false;
    explanation.push('12个月内同一违法行为再次发生，不属于初次违法');
  }
  explanation.push(`情节：${describe(item, c)}`);

  const rule = policy.noPenaltyRules.find((r) => (r.items.length === 0 || r.items.includes(item.code)) && holds(r.when, c));
  if (rule) {
    explanation.push(`${rule.mandatory ? '应当' : '可以'}不予行政处罚：${rule.text}（${basisText(rule.legalBasis)}）`);
    explanation.push('不予处罚的，应当对当事人进行教育（行政处罚法第三十三条第三款）');
    return {
      outcome: 'no_penalty',
      noPenalty: true,
      rule: { text: rule.text, legalBasis: rule.legalBasis },
      mandatory: rule.mandatory,
      otherSanctions: [],
      explanation,
    };
  }

  const band = item.bands.find((b) => holds(b.when, c)) ?? item.bands[item.bands.length - 1]!;
  const bandView = { id: band.id, label: band.label, circumstances: band.circumstances };
  const ruleOut = { text: `${item.law}${item.provision}：${item.provisionText}`, legalBasis: item.basis };
  explanation.push(`裁量档次：${band.label}（${band.circumstances}）`);
  if (!statutory || (band.warning && item.warningAllowed)) {
    explanation.push(`建议给予警告（${item.law}${item.provision}）`);
    explanation.push(`依据：${basisText(item.basis)}`);
    return { outcome: 'warning', noPenalty: false, rule: ruleOut, band: bandView, otherSanctions: item.otherSanctions, explanation };
  }
  const range = bandRange(policy, band, statutory);
  const middle = (range.min + range.max) / 2;
  const proposedFine = Math.min(range.max, Math.max(range.min, Math.round(middle / policy.rounding) * policy.rounding));
  explanation.push(
    `法定罚款幅度：${yuan(statutory.min)}–${yuan(statutory.max)} 元（${PARTY_KIND_LABELS[request.partyKind]}）${item.warningAllowed ? '，或者警告' : ''}`,
  );
  explanation.push(
    band.amount
      ? `本档罚款幅度：${yuan(range.min)}–${yuan(range.max)} 元`
      : `本档罚款幅度：${yuan(range.min)}–${yuan(range.max)} 元（${policy.base === 'range' ? '法定幅度' : '法定最高额'}的 ${band.percent?.from ?? 0}%–${band.percent?.to ?? 100}%）`,
  );
  explanation.push(`建议罚款：${yuan(proposedFine)} 元（本档中间值，按 ${yuan(policy.rounding)} 元取整）`);
  if (item.otherSanctions.length) explanation.push(`另应依法适用：${item.otherSanctions.join('；')}`);
  explanation.push(`依据：${basisText(item.basis)}`);
  return { outcome: 'fine', noPenalty: false, rule: ruleOut, band: bandView, range, proposedFine, statutory, otherSanctions: item.otherSanctions, explanation };
}

/** Whether a decided fine lies outside the proposal's range (a deviation: written reason, marked, alerted — ENF-02/OVS-01). */
export function isDeviation(
  proposal: Pick<DiscretionProposal, 'outcome' | 'range'>,
  decided: { outcome: 'fine' | 'warning' | 'no_penalty'; fine?: number },
): boolean {
  if (decided.outcome !== proposal.outcome) return true;
  if (decided.outcome !== 'fine' || !proposal.range) return false;
  const fine = decided.fine ?? Number.NaN;
  return !(fine >= proposal.range.min && fine <= proposal.range.max);
}
