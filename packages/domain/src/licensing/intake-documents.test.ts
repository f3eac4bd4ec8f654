import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDocumentNumber } from '../documents/number.ts';
import { POLICY_KINDS } from '../policy/kinds.ts';
import { type IntakeFacts, intakeDocumentText, intakeQrFacts } from './intake-documents.ts';

const facts: IntakeFacts = {
  applicant: '鑫垚餐饮管理有限公司',
  usci: '91440106MA5D1234X1',
  venueName: '鑫源大酒店',
  venueAddress: '天河路100号',
  reference: 'XK440106202600007',
  submittedOn: '2026-11-23',
  agencyName: '广州市天河区消防救援大队',
  issuedOn: '2026-11-24',
};
const text = (t: ReturnType<typeof intakeDocumentText>) => [t.title, t.addressee, ...t.rows.flat(), ...t.paragraphs, t.basis].join('\n');

describe('LIC-01/LIC-06 the written vouchers of intake (行政许可法 art. 32)', () => {
  it('the 受理回执 carries the reference, the submission date, the materials and the 办件查询 code; it is not a decision', () => {
    const t = intakeDocumentText(facts, { kind: 'receipt', lookupCode: 'K7Q2M9XD', path: 'inspection', materials: ['消防安全制度', '灭火和应急疏散预案'] });
    assert.equal(t.title, '受理回执');
    assert.equal(t.addressee, '鑫垚餐饮管理有限公司：');
    const all = text(t);
    for (const s of ['XK440106202600007', '2026年11月23日', '消防安全制度；灭火和应急疏散预案', 'K7Q2M9XD', '不是许可决定', '办件查询', '第三十二条'])
      assert.ok(all.includes(s), s);
  });

  it('the 受理通知书 states the time limit in working days, its due date and the legal basis of the limit, and the pending documents', () => {
    const t = intakeDocumentText(facts, {
      kind: 'acceptance',
      path: 'inspection',
      limit: { workingDays: 5, dueDate: '2026-12-01', basis: '《广东省关于深化消防执法改革的实施意见》（征求意见稿）一、（一）' },
      pending: ['员工岗前消防安全教育培训记录'],
    });
    const all = text(t);
    for (const s of ['予以受理', '5个工作日内（至2026年12月1日）', '员工岗前消防安全教育培训记录', '《中华人民共和国消防法》第十五条', '广东省'])
      assert.ok(all.includes(s), s);
  });

  it('the 受理通知书 of the commitment path says the permit is decided at once and verified afterwards', () => {
    const all = text(intakeDocumentText(facts, { kind: 'acceptance', path: 'commitment', limit: null, pending: [] }));
    assert.ok(all.includes('当场作出许可决定'));
    assert.ok(!all.includes('容缺'));
  });

  it('the 补正材料通知书 lists every item of the one-time notice, numbered, and says nothing else will be asked', () => {
    const items = [
      { label: '场所平面布置图', reason: '未标注安全出口' },
      { label: '建筑面积', reason: '与平面图不一致' },
    ];
    const t = intakeDocumentText(facts, { kind: 'correction', items, seq: 1 });
    assert.ok(t.paragraphs.includes('1. 场所平面布置图：未标注安全出口'));
    assert.ok(t.paragraphs.includes('2. 建筑面积：与平面图不一致'));
    assert.ok(text(t).includes('一次性告知'));
    assert.ok(text(t).includes('不再要求补正'));
    assert.equal(t.basis, '《中华人民共和国行政许可法》第三十二条第一款第（四）项');
  });

  it('the 不予受理通知书 gives the reasons and the rights of administrative review (60 days) and suit (6 months)', () => {
    const t = intakeDocumentText(facts, { kind: 'rejection', reasons: ['不属于本机关管辖'] });
    const all = text(t);
    for (const s of [
      '不予受理',
      '1. 不属于本机关管辖',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '第三十八条第二款',
      '行政复议法',
      '行政诉讼法',
    ])
      assert.ok(all.includes(s), s);
  });

  it('the QR facts name the document unambiguously (code, number, kind, applicant, reference, date)', () => {
    assert.equal(
      intakeQrFacts({
        verifyCode: 'ABCDEFGHJKLM',
        number: '天河消受字〔2026〕第0001号',
        kind: 'acceptance',
        applicant: '甲',
        reference: 'XK1',
        issuedOn: '2026-11-24',
      }),
      'ABCDEFGHJKLM|天河消受字〔2026〕第0001号|acceptance|甲|XK1|2026-11-24',
    );
  });

  it('numbers of the three notices follow licensing.numbering: 〔year〕 and a zero-padded yearly sequence', () => {
    const n = POLICY_KINDS['licensing.numbering'].nationalDefault;
    const parts = { agencyShortName: '天河大队', year: 2026, seq: 12, seqDigits: n.noticeSeqDigits };
    assert.equal(renderDocumentNumber(n.acceptanceTemplate, parts), '天河消受字〔2026〕第0012号');
    assert.equal(renderDocumentNumber(n.correctionTemplate, parts), '天河消补字〔2026〕第0012号');
    assert.equal(renderDocumentNumber(n.rejectionTemplate, parts), '天河消不受字〔2026〕第0012号');
  });
});
