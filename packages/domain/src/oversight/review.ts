import { type Static, Type } from 'typebox';
import { Choice } from '../policy/choice.ts';

/**
 * Case file review (案卷评查, OVS-02; seed 004: 定期开展网上执法巡查和案卷评查，考核评价执法质量). The checklist is
 * data of the `oversight.case_review` policy kind: basic criteria that make a file fail outright (不合格卷:
 * no lawful authority, one officer, facts unproven, wrong law, no prior notice) and scored items, each with
 * its points, from which the reviewer deducts with a remark. The shape follows the common 行政处罚案卷评查
 * standards (basic criteria + form + content, deductions down to zero, never negative) and 《公安机关执法质量
 * 考核评议规定》（公安部令第137号）; the fire sector's 《消防执法案卷评查规则》 could not be read, so the points
 * and grade lines of the national default are to be confirmed.
 */
const Basis = Type.String({ minLength: 1, title: '依据' });
const ItemCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', title: '项目代码' });

const VetoItem = Type.Object(
  { code: ItemCode, text: Type.String({ minLength: 1, title: '基本标准' }), legalBasis: Basis },
  { additionalProperties: false, title: '基本标准' },
);
const ScoredItem = Type.Object(
  {
    code: ItemCode,
    section: Type.String({ minLength: 1, title: '评查类别' }),
    text: Type.String({ minLength: 1, title: '评查内容' }),
    points: Type.Number({ minimum: 0.5, maximum: 100, multipleOf: 0.5, title: '分值' }),
    legalBasis: Basis,
  },
  { additionalProperties: false, title: '评分项目' },
);

export const CASE_FILE_KINDS = ['penalty', 'seizure', 'inspection'] as const;
export type CaseFileKind = (typeof CASE_FILE_KINDS)[number];
export const CASE_FILE_KIND_LABELS: Record<CaseFileKind, string> = { penalty: '行政处罚卷', seizure: '临时查封卷', inspection: '消防监督检查卷' };

export const caseReviewSchema = Type.Object(
  {
    vetoItems: Type.Array(VetoItem),
    items: Type.Array(ScoredItem, { minItems: 1 }),
    grades: Type.Object(
      {
        excellent: Type.Number({ minimum: 0, maximum: 100, title: '优秀（不低于，百分制）' }),
        pass: Type.Number({ minimum: 0, maximum: 100, title: '合格（不低于，百分制）' }),
      },
      { additionalProperties: false, title: '等次' },
    ),
    fileKinds: Type.Array(Choice(CASE_FILE_KINDS, CASE_FILE_KIND_LABELS), { minItems: 1, uniqueItems: true, title: '适用案卷类型' }),
  },
  { additionalProperties: false },
);
export type CaseReviewPolicy = Static<typeof caseReviewSchema>;

const LAW = '《中华人民共和国行政处罚法》（2021年修订）';
const FILE_RULES = '《消防执法案卷评查规则》（待确认）';

/** The national default checklist: 5 basic criteria and 10 scored items worth 100 points (points to confirm). */
export const NATIONAL_CASE_REVIEW: CaseReviewPolicy = {
  vetoItems: [
    { code: 'lawful_authority', text: '实施主体合法，未超越职权和地域管辖', legalBasis: `${LAW}第十七条、第二十二条` },
    { code: 'two_officers', text: '执法人员具有执法资格且不少于两人', legalBasis: `${LAW}第四十二条` },
    { code: 'facts_proven', text: '违法事实清楚、证据确凿', legalBasis: `${LAW}第四十条` },
    { code: 'law_applied', text: '适用法律、法规、规章正确', legalBasis: `${LAW}第三十八条` },
    { code: 'prior_notice', text: '决定前告知事实、理由、依据和陈述申辩、听证权利', legalBasis: `${LAW}第四十四条、第四十五条、第六十二条` },
  ],
  items: [
    { code: 'filing', section: '立案', text: '符合立案标准的及时立案，立案审批手续完备', points: 5, legalBasis: `${LAW}第五十四条` },
    {
      code: 'evidence',
      section: '调查取证',
      text: '证据合法、充分，询问笔录、现场笔录、检查记录等制作规范',
      points: 20,
      legalBasis: `${LAW}第四十六条、第五十五条`,
    },
    { code: 'facts', section: '事实认定', text: '认定事实与证据一致，违法行为定性准确', points: 10, legalBasis: `${LAW}第四十条` },
    {
      code: 'law_and_discretion',
      section: '法律适用与裁量',
      text: '引用法律条款项准确，裁量符合裁量基准并说明理由',
      points: 15,
      legalBasis: `${LAW}第五条、第三十四条`,
    },
    {
      code: 'notice_hearing',
      section: '告知与听证',
      text: '告知内容完整，陈述申辩经复核，依申请组织听证',
      points: 10,
      legalBasis: `${LAW}第四十五条、第六十三条、第六十四条`,
    },
    {
      code: 'review_discussion',
      section: '法制审核与集体讨论',
      text: '应当法制审核的经审核，重大复杂案件经集体讨论',
      points: 10,
      legalBasis: `${LAW}第五十七条、第五十八条`,
    },
    { code: 'decision', section: '处罚决定', text: '决定书载明事项完整，说理充分，加盖印章', points: 10, legalBasis: `${LAW}第五十九条` },
    { code: 'service_deadline', section: '送达与期限', text: '依法送达，自立案之日起九十日内作出决定', points: 5, legalBasis: `${LAW}第六十条、第六十一条` },
    { code: 'execution', section: '执行', text: '罚缴分离，罚没收据等执行材料齐全', points: 5, legalBasis: `${LAW}第六十七条` },
    { code: 'filing_order', section: '立卷归档', text: '一案一卷，卷内目录、页码、排列顺序规范', points: 10, legalBasis: FILE_RULES },
  ],
  grades: { excellent: 90, pass: 60 },
  fileKinds: ['penalty', 'seizure', 'inspection'],
};

export const CASE_REVIEW_GRADES = ['excellent', 'pass', 'fail'] as const;
export type CaseReviewGrade = (typeof CASE_REVIEW_GRADES)[number];
export const CASE_REVIEW_GRADE_LABELS: Record<CaseReviewGrade, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

export interface ReviewAnswers {
  veto: { code: string; passed: boolean; remark?: string | undefined }[];
  items: { code: string; deducted: number; remark?: string | undefined }[];
}

export interface ScoredLine {
  code: string;
  section: string;
  text: string;
  points: number;
  deducted: number;
  score: number;
  remark: string | null;
}

export interface ReviewScore {
  /** On a 100-point scale whatever the checklist's points add up to; 0 when a basic criterion failed. */
  total: number;
  grade: CaseReviewGrade;
  vetoFailed: { code: string; text: string; remark: string | null }[];
  lines: ScoredLine[];
  /** Points of the checklist and points kept, before scaling. */
  maxPoints: number;
  keptPoints: number;
}

/** A review the checklist cannot score; `field` names the input (`items.evidence`, `veto.two_officers`). */
export class ReviewError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ITEM' | 'ITEM_MISSING' | 'ITEM_REPEATED' | 'BAD_DEDUCTION' | 'REMARK_REQUIRED',
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scores a case file against a checklist: every basic criterion and every item answered once; a
 * deduction between 0 and the item's points in steps of 0.5; a remark for every deduction and every
 * failed criterion (the reviewer names the defect). A failed basic criterion makes the file 不合格 with 0.
 */
export function scoreCaseReview(policy: CaseReviewPolicy, answers: ReviewAnswers): ReviewScore {
  const seen = new Set<string>();
  const once = (kind: 'veto' | 'items', code: string) => {
    const key = `${kind}.${code}`;
    if (seen.has(key)) throw new ReviewError('ITEM_REPEATED', `评查项目重复填写`, key);
    seen.add(key);
  };
  const vetoFailed: ReviewScore['vetoFailed'] = [];
  for (const a of answers.veto) {
    once('veto', a.code);
    const def = policy.vetoItems.find((v) => v.code === a.code);
    if (!def) throw new ReviewError('UNKNOWN_ITEM', '不是现行评查标准中的基本标准', `veto.${a.code}`);
    const remark = a.remark?.trim() || null;
    if (!a.passed) {
      if (!remark) throw new ReviewError('REMARK_REQUIRED', `基本标准“${def.text}”不符合的，须写明存在的问题`, `veto.${a.code}`);
      vetoFailed.push({ code: def.code, text: def.text, remark });
    }
  }
  for (const def of policy.vetoItems)
    if (!seen.has(`veto.${def.code}`)) throw new ReviewError('ITEM_MISSING', `基本标准“${def.text}”未评查`, `veto.${def.code}`);

  const lines: ScoredLine[] = [];
  for (const a of answers.items) {
    once('items', a.code);
    const def = policy.items.find((i) => i.code === a.code);
    if (!def) throw new ReviewError('UNKNOWN_ITEM', '不是现行评查标准中的评分项目', `items.${a.code}`);
    if (!Number.isFinite(a.deducted) || a.deducted < 0 || a.deducted > def.points || Math.round(a.deducted * 2) !== a.deducted * 2)
      throw new ReviewError('BAD_DEDUCTION', `“${def.text}”扣分应在 0 至 ${def.points} 分之间，以 0.5 分为单位`, `items.${a.code}`);
    const remark = a.remark?.trim() || null;
    if (a.deducted > 0 && !remark) throw new ReviewError('REMARK_REQUIRED', `“${def.text}”扣分的，须写明扣分理由`, `items.${a.code}`);
    lines.push({ code: def.code, section: def.section, text: def.text, points: def.points, deducted: a.deducted, score: def.points - a.deducted, remark });
  }
  for (const def of policy.items) if (!seen.has(`items.${def.code}`)) throw new ReviewError('ITEM_MISSING', `评分项目“${def.text}”未评查`, `items.${def.code}`);
  // In the checklist's order, whatever order the answers came in.
  lines.sort((x, y) => policy.items.findIndex((i) => i.code === x.code) - policy.items.findIndex((i) => i.code === y.code));

  const maxPoints = policy.items.reduce((s, i) => s + i.points, 0);
  const keptPoints = lines.reduce((s, l) => s + l.score, 0);
  const total = vetoFailed.length ? 0 : round1((keptPoints / maxPoints) * 100);
  return { total, grade: gradeOf(policy, total, vetoFailed.length > 0), vetoFailed, lines, maxPoints, keptPoints };
}

export function gradeOf(policy: Pick<CaseReviewPolicy, 'grades'>, total: number, vetoFailed = false): CaseReviewGrade {
  if (vetoFailed) return 'fail';
  if (total >= policy.grades.excellent) return 'excellent';
  if (total >= policy.grades.pass) return 'pass';
  return 'fail';
}
