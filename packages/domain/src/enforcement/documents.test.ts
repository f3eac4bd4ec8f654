import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CaseDocumentContent,
  type CaseDocumentFacts,
  caseDocumentStatus,
  caseDocumentText,
  caseQrFacts,
  decisionDocumentKind,
  type PaymentTerms,
  sealDocumentText,
} from './documents.ts';

const unit: CaseDocumentFacts = {
  party: { kind: 'unit', name: '辽阳市白塔区星光网吧', usci: '91211002MA0XYZ1234', idNumber: null },
  caseNumber: '白塔消行罚立字〔2026〕第0007号',
  facts: '2026年11月20日检查发现营业期间二层安全出口被锁闭。',
  violation: {
    conduct: '占用、堵塞、封闭疏散通道、安全出口',
    law: '《中华人民共和国消防法》',
    provision: '第六十条第一款第三项',
    provisionText: '责令改正，处五千元以上五万元以下罚款',
  },
  evidence: [
    { kindLabel: '现场照片', description: '二层安全出口锁闭现场照片', recordedOn: '2026-11-20' },
    { kindLabel: '询问笔录', description: '对网吧负责人的询问笔录；', recordedOn: '2026-11-21' },
  ],
  discretion: [
    '违法行为：占用、堵塞、封闭疏散通道、安全出口（《中华人民共和国消防法》第六十条第一款第三项）',
    '情节：造成危害后果',
    '裁量档次：严重（造成危害后果）',
    '本档罚款幅度：36,500–50,000 元（法定幅度的 70%–100%）',
    '建议罚款：43,300 元（本档中间值，按 100 元取整）',
  ],
  officers: ['王强', '李明'],
  agencyName: '辽阳市白塔区消防救援大队',
  issuedOn: '2026-11-24',
};
const repeat: CaseDocumentFacts = {
  ...unit,
  discretion: ['当事人已于 2026-03-02 因同一违法行为受到处罚（白塔消行罚立字〔2026〕第0001号），不属于初次违法', ...unit.discretion],
};
const person: CaseDocumentFacts = {
  ...unit,
  party: { kind: 'person', name: '张三丰', usci: null, idNumber: '211002199001011234' },
  caseNumber: null,
  evidence: [],
};
const pay: PaymentTerms = { calendarDays: 15, lateFeePercentPerDay: 3 };
const after = { noticeServedOn: '2026-11-10', statementGiven: false, hearingHeldOn: null };
const all = (t: ReturnType<typeof caseDocumentText>) => [t.title, t.addressee, ...t.rows.flat(), ...t.paragraphs, t.basis].join('\n');

interface Row {
  name: string;
  facts: CaseDocumentFacts;
  content: CaseDocumentContent;
  title: string;
  has: string[];
  hasNot?: string[];
}

const TABLE: Row[] = [
  {
    name: 'ENF-04 听证通知书 (art. 64): time, place and host; public hearing, recusal, representation, absence, transcript; served 7 working days before',
    facts: unit,
    content: {
      kind: 'hearing_notice',
      hearingAt: '2026-12-08 09:30',
      place: '白塔区消防救援大队三楼会议室',
      hostName: '赵法制',
      outcome: 'fine',
      fine: 43000,
      noticeWorkingDays: 7,
    },
    title: '听证通知书',
    has: [
      '辽阳市白塔区星光网吧：',
      '本机关定于2026年12月8日 09:30在白塔区消防救援大队三楼会议室',
      '由赵法制担任听证主持人',
      '罚款人民币43,000元',
      '申请回避',
      '委托一至二人代理',
      '视为放弃听证权利',
      '听证应当制作笔录',
      '7个工作日前送达',
      '第六十四条',
    ],
  },
  {
    name: 'ENF-04 告知书 of a hearing-eligible fine: facts, evidence numbered, provision, penalty intended, discretion, 陈述申辩 and 听证 with its deadline',
    facts: unit,
    content: { kind: 'notice', outcome: 'fine', fine: 40000, rule: null, hearing: { eligible: true, workingDays: 5, deadline: '2026-12-01' } },
    title: '行政处罚告知书',
    has: [
      '辽阳市白塔区星光网吧：',
      '91211002MA0XYZ1234',
      '白塔消行罚立字〔2026〕第0007号',
      '经查明，2026年11月20日检查发现营业期间二层安全出口被锁闭。',
      '1. 现场照片：二层安全出口锁闭现场照片（2026年11月20日登记）',
      '2. 询问笔录：对网吧负责人的询问笔录（2026年11月21日登记）',
      '《中华人民共和国消防法》第六十条第一款第三项',
      '拟对你单位作出如下行政处罚：罚款人民币40,000元',
      '裁量说明：情节：造成危害后果；裁量档次：严重（造成危害后果）',
      '陈述、申辩',
      '不因你单位陈述、申辩而给予更重的处罚',
      '5个工作日内（至2026年12月1日）',
      '听证不收取费用',
      '第六十三条、第六十四条',
    ],
    hasNot: ['违法行为：占用', '复议'],
  },
  {
    name: "ENF-03 the discretion told keeps the engine's note of a repeat violation (it is not a first violation), without the conduct line",
    facts: repeat,
    content: { kind: 'notice', outcome: 'fine', fine: 43300, rule: null, hearing: { eligible: true, workingDays: 5, deadline: null } },
    title: '行政处罚告知书',
    has: [
      '裁量说明：当事人已于 2026-03-02 因同一违法行为受到处罚（白塔消行罚立字〔2026〕第0001号），不属于初次违法；情节：造成危害后果',
      '收到本告知书之日起5个工作日内向本机关提出',
    ],
    hasNot: ['违法行为：占用'],
  },
  {
    name: 'ENF-04 告知书 of a warning to a person: no hearing right (art. 63), 你 not 你单位, the ID number printed for the party',
    facts: person,
    content: { kind: 'notice', outcome: 'warning', fine: null, rule: null, hearing: { eligible: false, workingDays: 5, deadline: null } },
    title: '行政处罚告知书',
    has: ['张三丰：', '公民身份号码', '211002199001011234', '拟对你作出如下行政处罚：警告', '不属于应当告知听证的情形', '（简易程序，未立案）'],
    hasNot: ['你单位', '要求举行听证', '以上事实有下列证据证明'],
  },
  {
    name: 'ENF-03 告知书 intending no penalty cites the no-penalty rule',
    facts: unit,
    content: {
      kind: 'notice',
      outcome: 'no_penalty',
      fine: null,
      rule: { text: '违法行为轻微并及时改正，没有造成危害后果的', legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款' },
      hearing: { eligible: false, workingDays: 5, deadline: null },
    },
    title: '行政处罚告知书',
    has: ['鉴于违法行为轻微并及时改正，没有造成危害后果的，依据《中华人民共和国行政处罚法》第三十三条第一款的规定，本机关拟不予行政处罚'],
  },
  {
    name: 'ENF-04/ENF-06 决定书 of a fine: procedure told, penalty, payment in 15 days with 罚缴分离, 3 % late fee capped, 复议 60 days or 诉讼 6 months',
    facts: unit,
    content: {
      kind: 'decision',
      outcome: 'fine',
      fine: 40000,
      deviationReason: null,
      noticeServedOn: '2026-11-10',
      statementGiven: true,
      hearingHeldOn: '2026-11-18',
      payment: pay,
    },
    title: '行政处罚决定书',
    has: [
      '本机关于2026年11月10日向你单位送达了行政处罚告知书',
      '你单位提出了陈述、申辩，本机关已进行复核',
      '本机关于2026年11月18日依法举行了听证',
      '（责令改正，处五千元以上五万元以下罚款）',
      '决定对你单位作出如下行政处罚：罚款人民币40,000元',
      '收到本决定书之日起15日内，缴纳罚款人民币40,000元',
      '罚缴分离',
      '每日按罚款数额的3%加处罚款，加处罚款的数额不超出罚款的数额',
      '60日内依法申请行政复议，或者6个月内依法向人民法院提起行政诉讼',
      '第五十九条',
      '裁量说明',
    ],
    hasNot: ['与裁量基准的建议不一致', '执法人员'],
  },
  {
    name: 'ENF-02 决定书 outside the proposal prints the written reason; a warning has no payment',
    facts: unit,
    content: {
      kind: 'decision',
      outcome: 'warning',
      fine: null,
      deviationReason: '当事人主动消除违法状态。',
      ...after,
      payment: pay,
    },
    title: '行政处罚决定书',
    has: ['你单位未提出陈述、申辩', '与裁量基准的建议不一致，理由如下：当事人主动消除违法状态。', '处罚内容\n警告'],
    hasNot: ['缴纳罚款', '加处罚款', '听证'],
  },
  {
    name: 'ENF-04 当场处罚决定书: officers named (art. 52), no notice told, 复议 first (行政复议法 art. 23)',
    facts: { ...unit, caseNumber: null },
    content: {
      kind: 'on_the_spot_decision',
      outcome: 'fine',
      fine: 2000,
      deviationReason: null,
      noticeServedOn: null,
      statementGiven: false,
      hearingHeldOn: null,
      payment: pay,
    },
    title: '当场处罚决定书',
    has: ['执法人员\n王强、李明', '罚款人民币2,000元', '应当先申请行政复议', '第五十一条、第五十二条', '15日内'],
    hasNot: ['送达了行政处罚告知书', '6个月内'],
  },
  {
    name: 'ENF-03 不予行政处罚决定书: the rule and its basis, the education given, the remedies',
    facts: unit,
    content: {
      kind: 'no_penalty_decision',
      rule: { text: '初次违法且危害后果轻微并及时改正的', legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款' },
      ...after,
    },
    title: '不予行政处罚决定书',
    has: [
      '鉴于初次违法且危害后果轻微并及时改正的，依据《中华人民共和国行政处罚法》第三十三条第一款的规定，决定不予行政处罚',
      '第三十三条第三款',
      '不再属于初次违法',
      '60日内依法申请行政复议',
      '不予处罚的依据',
    ],
    hasNot: ['缴纳', '罚款人民币'],
  },
];

describe('ENF-04 the documents of a penalty case (行政处罚法 arts 44, 52, 59)', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const t = caseDocumentText(row.facts, row.content);
      assert.equal(t.title, row.title);
      const text = all(t);
      for (const s of row.has) assert.ok(text.includes(s), `missing: ${s}\n${text}`);
      for (const s of row.hasNot ?? []) assert.ok(!text.includes(s), `should not contain: ${s}`);
      assert.ok(t.basis.length > 0);
    });
  }

  it('the form of a decision follows the procedure and the outcome', () => {
    const table: Array<[Parameters<typeof decisionDocumentKind>, string]> = [
      [['ordinary', 'fine'], 'decision'],
      [['fast_track', 'warning'], 'decision'],
      [['on_the_spot', 'fine'], 'on_the_spot_decision'],
      [['on_the_spot', 'warning'], 'on_the_spot_decision'],
      [['ordinary', 'no_penalty'], 'no_penalty_decision'],
    ];
    for (const [args, kind] of table) assert.equal(decisionDocumentKind(...args), kind, args.join('/'));
  });

  it('a decision falls with the decision; a notice is superseded by a newer one; the rest stay valid', () => {
    const table: Array<[Parameters<typeof caseDocumentStatus>[0], string]> = [
      [{ kind: 'notice', decisionRevoked: false, newerNotice: false }, 'valid'],
      [{ kind: 'notice', decisionRevoked: false, newerNotice: true }, 'superseded'],
      [{ kind: 'notice', decisionRevoked: true, newerNotice: false }, 'valid'],
      [{ kind: 'hearing_notice', decisionRevoked: false, newerNotice: true }, 'superseded'],
      [{ kind: 'hearing_notice', decisionRevoked: true, newerNotice: false }, 'valid'],
      [{ kind: 'decision', decisionRevoked: false, newerNotice: false }, 'valid'],
      [{ kind: 'decision', decisionRevoked: true, newerNotice: false }, 'revoked'],
      [{ kind: 'no_penalty_decision', decisionRevoked: true, newerNotice: false }, 'revoked'],
      [{ kind: 'on_the_spot_decision', decisionRevoked: true, newerNotice: false }, 'revoked'],
    ];
    for (const [input, status] of table) assert.equal(caseDocumentStatus(input), status, JSON.stringify(input));
  });

  it('the QR facts name the document; a person is masked (the QR code is public)', () => {
    const base = { verifyCode: 'ABCDEFGHJKLM', number: '白塔消行罚决字〔2026〕第0003号', kind: 'decision' as const, caseNumber: 'X', issuedOn: '2026-11-24' };
    assert.equal(
      caseQrFacts({ ...base, party: { kind: 'unit', name: '星光网吧' } }),
      'ABCDEFGHJKLM|白塔消行罚决字〔2026〕第0003号|decision|星光网吧|X|2026-11-24',
    );
    assert.equal(
      caseQrFacts({ ...base, caseNumber: null, party: { kind: 'person', name: '张三丰' } })
        .split('|')
        .slice(3)
        .join('|'),
      '张**||2026-11-24',
    );
  });
});

describe('ENF-05 the 临时查封决定书 (行政强制法 art. 24)', () => {
  const base = {
    unitName: '辽阳市白塔区星光网吧',
    usci: '91211002MA0XYZ1234',
    situationLabel: '疏散通道、安全出口被占用、堵塞、封闭',
    scope: '二层营业区及其安全出口',
    inspectedOn: '2026-11-20',
    startDate: '2026-11-21',
    endDate: '2026-12-20',
    termDays: 30,
    emergency: false,
    officers: ['王强', '李明'],
    agencyName: '辽阳市白塔区消防救援大队',
    issuedOn: '2026-11-21',
  };
  const table: Array<[string, typeof base, string[], string[]]> = [
    [
      'a seal decided collectively: party, reason, basis, parts, term with start and end, rights, remedies',
      base,
      [
        '临时查封决定书',
        '辽阳市白塔区星光网吧：',
        '91211002MA0XYZ1234',
        '二层营业区及其安全出口',
        '2026年11月21日至2026年12月20日（30日）',
        '第五十四条',
        '申请进入查封部位进行整改',
        '申请解除临时查封',
        '60日内依法申请行政复议',
        '6个月内',
        '王强、李明',
      ],
      ['口头批准'],
    ],
    ['an emergency seal says it was approved orally first', { ...base, emergency: true }, ['口头批准实施紧急查封'], []],
  ];
  for (const [name, facts, has, hasNot] of table)
    it(name, () => {
      const text = all(sealDocumentText(facts));
      for (const x of has) assert.ok(text.includes(x), `missing: ${x}\n${text}`);
      for (const x of hasNot) assert.ok(!text.includes(x), `should not contain: ${x}`);
    });
  it("a seal decision stays valid (its standing is the seal's, shown on the seal)", () => {
    assert.equal(caseDocumentStatus({ kind: 'seal_decision', decisionRevoked: false, newerNotice: false }), 'valid');
  });
});
