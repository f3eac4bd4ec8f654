import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CaseReviewPolicy, gradeOf, NATIONAL_CASE_REVIEW, type ReviewAnswers, ReviewError, scoreCaseReview } from './review.ts';

const P = NATIONAL_CASE_REVIEW;
/** Every criterion passed and nothing deducted, with some deductions laid over. */
function answers(deduct: Record<string, number> = {}, failed: string[] = []): ReviewAnswers {
  return {
    veto: P.vetoItems.map((v) => ({ code: v.code, passed: !failed.includes(v.code), remark: failed.includes(v.code) ? '仅一名执法人员签名' : undefined })),
    items: P.items.map((i) => ({ code: i.code, deducted: deduct[i.code] ?? 0, remark: deduct[i.code] ? '询问笔录未经当事人签名' : undefined })),
  };
}

describe('OVS-02 case file review: the national checklist adds up to 100 and scores item by item', () => {
  it('the national default is worth exactly 100 points, every item with a legal basis', () => {
    assert.equal(
      P.items.reduce((s, i) => s + i.points, 0),
      100,
    );
    for (const i of [...P.items, ...P.vetoItems]) assert.ok(i.legalBasis.length > 4, i.code);
  });

  const table: Array<[string, ReviewAnswers, number, string]> = [
    ['a flawless file scores 100 and is excellent', answers(), 100, 'excellent'],
    ['90 is still excellent: 不低于 includes the line', answers({ evidence: 10 }), 90, 'excellent'],
    ['89.5 is one step below excellent', answers({ evidence: 10, filing: 0.5 }), 89.5, 'pass'],
    ['60 is still a pass', answers({ evidence: 20, law_and_discretion: 15, filing_order: 5 }), 60, 'pass'],
    ['59.5 fails', answers({ evidence: 20, law_and_discretion: 15, filing_order: 5, filing: 0.5 }), 59.5, 'fail'],
    ['an item may lose all its points, never more', answers({ evidence: 20 }), 80, 'pass'],
    ['a failed basic criterion makes the file fail with 0 whatever the items', answers({}, ['two_officers']), 0, 'fail'],
  ];
  for (const [name, a, total, grade] of table)
    it(name, () => {
      const r = scoreCaseReview(P, a);
      assert.equal(r.total, total);
      assert.equal(r.grade, grade);
    });

  it('the lines keep the checklist order, points, deduction, score and remark; a failed criterion is named', () => {
    const a = answers({ evidence: 4 }, ['two_officers']);
    a.items.reverse();
    const r = scoreCaseReview(P, a);
    assert.deepEqual(
      r.lines.map((l) => l.code),
      P.items.map((i) => i.code),
    );
    assert.deepEqual(
      r.lines.find((l) => l.code === 'evidence'),
      {
        code: 'evidence',
        section: '调查取证',
        text: P.items[1]!.text,
        points: 20,
        deducted: 4,
        score: 16,
        remark: '询问笔录未经当事人签名',
      },
    );
    assert.deepEqual(r.vetoFailed, [{ code: 'two_officers', text: '执法人员具有执法资格且不少于两人', remark: '仅一名执法人员签名' }]);
    assert.equal(r.keptPoints, 96);
  });

  it('a jurisdiction whose items add up to 50 is scaled to 100', () => {
    const half: CaseReviewPolicy = {
      ...P,
      items: [
        { ...P.items[0]!, points: 30 },
        { ...P.items[1]!, points: 20 },
      ],
    };
    const r = scoreCaseReview(half, {
      veto: answers().veto,
      items: [
        { code: P.items[0]!.code, deducted: 5, remark: '立案审批表未签批' },
        { code: P.items[1]!.code, deducted: 0 },
      ],
    });
    assert.equal(r.total, 90);
    assert.equal(r.maxPoints, 50);
  });

  const refusals: Array<[string, () => ReviewAnswers, ReviewError['code'], string]> = [
    ['an item left out', () => ({ ...answers(), items: answers().items.slice(1) }), 'ITEM_MISSING', 'items.filing'],
    ['a basic criterion left out', () => ({ ...answers(), veto: answers().veto.slice(1) }), 'ITEM_MISSING', 'veto.lawful_authority'],
    ['an item twice', () => ({ ...answers(), items: [...answers().items, { code: 'evidence', deducted: 0 }] }), 'ITEM_REPEATED', 'items.evidence'],
    ['an item not in the checklist', () => ({ ...answers(), items: [...answers().items, { code: 'made_up', deducted: 0 }] }), 'UNKNOWN_ITEM', 'items.made_up'],
    ['a deduction above the points', () => answers({ filing: 5.5 }), 'BAD_DEDUCTION', 'items.filing'],
    ['a negative deduction', () => answers({ filing: -1 }), 'BAD_DEDUCTION', 'items.filing'],
    ['a deduction finer than 0.5', () => answers({ filing: 0.3 }), 'BAD_DEDUCTION', 'items.filing'],
    [
      'a deduction without a remark',
      () => ({ ...answers(), items: answers().items.map((i) => (i.code === 'facts' ? { code: 'facts', deducted: 2, remark: '  ' } : i)) }),
      'REMARK_REQUIRED',
      'items.facts',
    ],
    [
      'a failed criterion without a remark',
      () => ({ ...answers(), veto: answers().veto.map((v) => (v.code === 'facts_proven' ? { code: v.code, passed: false } : v)) }),
      'REMARK_REQUIRED',
      'veto.facts_proven',
    ],
  ];
  for (const [name, a, code, field] of refusals)
    it(`refused: ${name}`, () => {
      assert.throws(
        () => scoreCaseReview(P, a()),
        (e: unknown) => e instanceof ReviewError && e.code === code && e.field === field && /[\u4e00-\u9fa5]/.test(e.message),
      );
    });

  const grades: Array<[number, boolean, string]> = [
    [100, false, 'excellent'],
    [90, false, 'excellent'],
    [89.9, false, 'pass'],
    [60, false, 'pass'],
    [59.9, false, 'fail'],
    [100, true, 'fail'],
  ];
  for (const [total, veto, grade] of grades)
    it(`grade of ${total}${veto ? ' with a failed criterion' : ''} is ${grade}`, () => assert.equal(gradeOf(P, total, veto), grade));
});
