import { maskPersonName } from '../masking.ts';
import { yuan } from './discretion.ts';

/**
 * The written documents of a penalty case (ENF-04): what the 行政处罚告知书, the 行政处罚决定书, the 不予行政
 * 处罚决定书 and the 当场处罚决定书 say. Pure text from the case's facts; the API numbers, records, renders,
 * seals and stores them with the permit's seal and QR verification (one renderer for every legal document).
 *
 * What each must contain is set by law: the prior notice — the facts, reasons and basis of the penalty
 * intended and the rights to state, defend and (where art. 63 applies) request a hearing (行政处罚法 arts
 * 44, 62–64); the decision — the party, the facts and evidence, the provision violated, the penalty and its
 * basis, how and by when to perform it, the ways and time limits of review and suit, the agency and the
 * date (art. 59); the on-the-spot decision — the same in short with the officers (art. 52).
 */
export const CASE_DOCUMENT_KINDS = ['notice', 'hearing_notice', 'decision', 'no_penalty_decision', 'on_the_spot_decision', 'seal_decision'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

/** The documents' titles as printed (also their names in lists). */
export const CASE_DOCUMENT_KIND_LABELS: Record<CaseDocumentKind, string> = {
  notice: '行政处罚告知书',
  hearing_notice: '听证通知书',
  decision: '行政处罚决定书',
  no_penalty_decision: '不予行政处罚决定书',
  on_the_spot_decision: '当场处罚决定书',
  seal_decision: '临时查封决定书',
};

/** A document's standing as the verification page tells it (derived from the case, never stored). */
export const CASE_DOCUMENT_STATUSES = ['valid', 'superseded', 'revoked'] as const;
export type CaseDocumentStatus = (typeof CASE_DOCUMENT_STATUSES)[number];
export const CASE_DOCUMENT_STATUS_LABELS: Record<CaseDocumentStatus, string> = {
  valid: '有效',
  superseded: '已由新的文书取代',
  revoked: '处罚决定已撤销或者变更',
};

/** What each document is for, in one line (the party's and the staff's document lists). */
export const CASE_DOCUMENT_PURPOSE: Record<CaseDocumentKind, string> = {
  notice: '告知拟作出的行政处罚及陈述、申辩、听证的权利',
  hearing_notice: '通知举行听证的时间、地点、主持人及当事人在听证中的权利',
  decision: '行政处罚决定，载明缴纳罚款的期限和方式及复议、诉讼途径',
  no_penalty_decision: '决定不予行政处罚，载明理由和依据',
  on_the_spot_decision: '当场作出的行政处罚决定',
  seal_decision: '临时查封的场所、部位、理由、依据和期限，以及整改、解除查封和复议、诉讼的途径',
};

/**
 * A document's standing now: a decision falls with the decision (revoked or changed, 行政处罚法 art. 48); a
 * notice followed by a newer one of its kind (the case told again after new facts, a hearing moved to another
 * date) is superseded; otherwise valid.
 */
export function caseDocumentStatus(d: { kind: CaseDocumentKind; decisionRevoked: boolean; newerNotice: boolean }): CaseDocumentStatus {
  if (d.kind !== 'notice' && d.kind !== 'hearing_notice') return d.decisionRevoked ? 'revoked' : 'valid';
  return d.newerNotice ? 'superseded' : 'valid';
}

/** The form of a decision: on the spot (art. 52), no penalty (art. 33 with art. 57 ¶1 (2)), or a penalty (art. 59). */
export function decisionDocumentKind(
  procedure: 'on_the_spot' | 'ordinary' | 'fast_track',
  outcome: 'fine' | 'warning' | 'no_penalty',
): 'decision' | 'no_penalty_decision' | 'on_the_spot_decision' {
  if (outcome === 'no_penalty') return 'no_penalty_decision';
  return procedure === 'on_the_spot' ? 'on_the_spot_decision' : 'decision';
}

const PENALTY_LAW = '《中华人民共和国行政处罚法》';
const REVIEW_LAW = '《中华人民共和国行政复议法》';
const SUIT_LAW = '《中华人民共和国行政诉讼法》';
/** 行政复议法 (2023) art. 20 ¶1: sixty days from knowing of the act. */
export const REVIEW_DAYS = 60;
/** 行政诉讼法 art. 46 ¶1: six months from knowing of the act. */
export const SUIT_MONTHS = 6;

export interface CaseDocumentFacts {
  party: { kind: 'unit' | 'person'; name: string; usci: string | null; idNumber: string | null };
  caseNumber: string | null;
  /** The facts found, as the officers wrote them. */
  facts: string;
  violation: { conduct: string; law: string; provision: string; provisionText: string };
  evidence: Array<{ kindLabel: string; description: string; recordedOn: string }>;
  /** The discretion engine's explanation of its proposal (ENF-02), line by line as it gave it. */
  discretion: string[];
  /** The case officers' names (printed on the on-the-spot decision, art. 52). */
  officers: string[];
  agencyName: string;
  /** Date of the document, YYYY-MM-DD. */
  issuedOn: string;
}

/** The payment terms printed on a fine's decision (arts 67, 72; policy `enforcement.procedure`). */
export interface PaymentTerms {
  calendarDays: number;
  lateFeePercentPerDay: number;
}

export type CaseDocumentContent =
  | {
      kind: 'notice';
      outcome: 'fine' | 'warning' | 'no_penalty';
      fine: number | null;
      /** The no-penalty rule the engine cited, when the penalty intended is none. */
      rule: { text: string; legalBasis: string } | null;
      hearing: { eligible: boolean; workingDays: number; deadline: string | null };
    }
  | {
      kind: 'hearing_notice';
      /** The hearing's date and time in Beijing time ('YYYY-MM-DD HH:mm'), place and host. */
      hearingAt: string;
      place: string;
      hostName: string;
      /** The penalty intended, as the prior notice told it. */
      outcome: 'fine' | 'warning' | 'no_penalty';
      fine: number | null;
      noticeWorkingDays: number;
    }
  | {
      kind: 'decision' | 'on_the_spot_decision';
      outcome: 'fine' | 'warning';
      fine: number | null;
      deviationReason: string | null;
      /** The prior notice's date (ordinary procedure), the statement recorded and the hearing's date, if any. */
      noticeServedOn: string | null;
      statementGiven: boolean;
      hearingHeldOn: string | null;
      payment: PaymentTerms;
    }
  | {
      kind: 'no_penalty_decision';
      rule: { text: string; legalBasis: string };
      noticeServedOn: string | null;
      statementGiven: boolean;
      hearingHeldOn: string | null;
    };

export interface CaseDocumentText {
  title: string;
  /** The addressee line (……：). */
  addressee: string;
  rows: Array<[string, string]>;
  paragraphs: string[];
  /** The legal basis printed above the seal. */
  basis: string;
}

function cn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A sentence as written by an officer, without its closing punctuation (the document adds its own). */
function clause(s: string): string {
  return s.trim().replace(/[。；;，,.\s]+$/u, '');
}

function penaltyText(outcome: 'fine' | 'warning' | 'no_penalty', fine: number | null): string {
  if (outcome === 'fine') return `罚款人民币${yuan(fine ?? 0)}元`;
  return outcome === 'warning' ? '警告' : '不予行政处罚';
}

/** 你单位 for an organisation, 你 for a person: how every form addresses the party. */
function you(party: CaseDocumentFacts['party']): string {
  return party.kind === 'unit' ? '你单位' : '你';
}

function partyRows(party: CaseDocumentFacts['party']): Array<[string, string]> {
  return party.kind === 'unit'
    ? [
        ['当事人', party.name],
        ['统一社会信用代码', party.usci ?? ''],
      ]
    : [
        ['当事人', party.name],
        ['公民身份号码', party.idNumber ?? ''],
      ];
}

function evidenceParagraphs(f: CaseDocumentFacts): string[] {
  if (f.evidence.length === 0) return [];
  return ['以上事实有下列证据证明：', ...f.evidence.map((e, i) => `${i + 1}. ${e.kindLabel}：${clause(e.description)}（${cn(e.recordedOn)}登记）`)];
}

/** The engine's explanation without the conduct (printed already) — the discretion the law asks to be shown. */
function discretionParagraph(f: CaseDocumentFacts, deviationReason: string | null): string[] {
  const lines = f.discretion
    .filter((l) => !l.startsWith('违法行为：'))
    .map(clause)
    .filter(Boolean);
  const out = lines.length ? [`裁量说明：${lines.join('；')}。`] : [];
  if (deviationReason) out.push(`本决定与裁量基准的建议不一致，理由如下：${clause(deviationReason)}。`);
  return out;
}

/** The steps before the decision, told in the decision (arts 44–45, 62–65). */
function procedureParagraph(f: CaseDocumentFacts, c: { noticeServedOn: string | null; statementGiven: boolean; hearingHeldOn: string | null }): string[] {
  if (!c.noticeServedOn) return [];
  const y = you(f.party);
  const parts = [`本机关于${cn(c.noticeServedOn)}向${y}送达了行政处罚告知书，告知${y}拟作出行政处罚的事实、理由、依据及依法享有的权利`];
  parts.push(c.statementGiven ? `${y}提出了陈述、申辩，本机关已进行复核` : `${y}未提出陈述、申辩`);
  if (c.hearingHeldOn) parts.push(`本机关于${cn(c.hearingHeldOn)}依法举行了听证`);
  return [`${parts.join('；')}。`];
}

/** The rights of review and suit (行政复议法 arts 20, 23; 行政诉讼法 art. 46). */
function remedyParagraph(f: CaseDocumentFacts, onTheSpot: boolean): string {
  const y = you(f.party);
  if (onTheSpot)
    return `${y}如不服本决定，应当自收到本决定书之日起${REVIEW_DAYS}日内依法申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼（${REVIEW_LAW}第二十三条第一款第（一）项：对当场作出的行政处罚决定不服的，应当先申请行政复议）。`;
  return `${y}如不服本决定，可以自收到本决定书之日起${REVIEW_DAYS}日内依法申请行政复议，或者${SUIT_MONTHS}个月内依法向人民法院提起行政诉讼。`;
}

/** How to pay a fine: 罚缴分离 (art. 67), within the policy's days, the late fee (art. 72 ¶1 (1)) told in advance (行政强制法 art. 45). */
function paymentParagraphs(f: CaseDocumentFacts, fine: number, p: PaymentTerms): string[] {
  const y = you(f.party);
  return [
    `${y}应当自收到本决定书之日起${p.calendarDays}日内，缴纳罚款人民币${yuan(fine)}元。本机关不直接收缴罚款（罚缴分离），请通过消防执法服务平台“行政处罚”页面在线缴纳（款项直接缴入国库），或者到代收罚款的银行缴纳，并妥善保存缴款凭证。`,
    `到期不缴纳罚款的，本机关将每日按罚款数额的${p.lateFeePercentPerDay}%加处罚款，加处罚款的数额不超出罚款的数额（${PENALTY_LAW}第七十二条第一款第（一）项）；依法申请行政复议或者提起行政诉讼期间，加处罚款不予计算（第七十三条第三款），但行政处罚不停止执行（第七十三条第一款）。`,
  ];
}

/** The text of one document of a penalty case. */
export function caseDocumentText(f: CaseDocumentFacts, content: CaseDocumentContent): CaseDocumentText {
  const title = CASE_DOCUMENT_KIND_LABELS[content.kind];
  const addressee = `${f.party.name}：`;
  const y = you(f.party);
  const provision = `${f.violation.law}${f.violation.provision}`;
  const base: Array<[string, string]> = [['案号', f.caseNumber ?? '（简易程序，未立案）'], ...partyRows(f.party), ['违法行为', f.violation.conduct]];
  const facts = `经查明，${clause(f.facts)}。`;
  switch (content.kind) {
    case 'notice': {
      const intended = penaltyText(content.outcome, content.fine);
      const paragraphs = [facts, ...evidenceParagraphs(f)];
      if (content.outcome === 'no_penalty') {
        const rule = content.rule;
        paragraphs.push(
          `${y}的上述行为构成${f.violation.conduct}，违反了${provision}的规定${rule ? `；鉴于${clause(rule.text)}，依据${rule.legalBasis}的规定` : ''}，本机关拟不予行政处罚。`,
        );
      } else {
        paragraphs.push(`${y}的上述行为构成${f.violation.conduct}。依据${provision}的规定，本机关拟对${y}作出如下行政处罚：${intended}。`);
      }
      paragraphs.push(...discretionParagraph(f, null));
      paragraphs.push(
        `根据${PENALTY_LAW}第四十四条、第四十五条的规定，${y}享有陈述、申辩的权利，可以在本机关作出处罚决定前向本机关提出；本机关对${y}提出的事实、理由和证据进行复核，不因${y}陈述、申辩而给予更重的处罚。`,
      );
      if (content.hearing.eligible)
        paragraphs.push(
          `根据${PENALTY_LAW}第六十三条、第六十四条的规定，${y}有权要求举行听证。要求听证的，应当在收到本告知书之日起${content.hearing.workingDays}个工作日内${content.hearing.deadline ? `（至${cn(content.hearing.deadline)}）` : ''}向本机关提出，逾期视为放弃；听证不收取费用。`,
        );
      paragraphs.push('特此告知。');
      return {
        title,
        addressee,
        rows: [
          ...base,
          ['违反的规定', provision],
          ['拟作出的处罚', intended],
          [
            '听证权利',
            content.hearing.eligible
              ? `可以要求听证，${content.hearing.deadline ? `至${cn(content.hearing.deadline)}` : `收到本告知书之日起${content.hearing.workingDays}个工作日内`}`
              : '拟作出的处罚不属于应当告知听证的情形',
          ],
          ['告知日期', cn(f.issuedOn)],
        ],
        paragraphs,
        basis: `${PENALTY_LAW}第四十四条、第四十五条、第六十二条${content.hearing.eligible ? '、第六十三条、第六十四条' : ''}`,
      };
    }
    case 'hearing_notice': {
      const [day, time] = content.hearingAt.split(' ');
      const when = `${cn(day!)}${time ? ` ${time}` : ''}`;
      return {
        title,
        addressee,
        rows: [
          ...base,
          ['拟作出的处罚', penaltyText(content.outcome, content.fine)],
          ['听证时间', when],
          ['听证地点', content.place],
          ['听证主持人', content.hostName],
          ['通知日期', cn(f.issuedOn)],
        ],
        paragraphs: [
          `根据${y}的申请，依据${PENALTY_LAW}第六十三条、第六十四条的规定，本机关定于${when}在${clause(content.place)}就${y}${f.violation.conduct}一案举行听证，由${content.hostName}担任听证主持人。`,
          `听证公开举行，但涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外（第六十四条第（三）项）。${y}认为主持人与本案有直接利害关系的，有权申请回避（第六十四条第（四）项）。`,
          `${y}可以亲自参加听证，也可以委托一至二人代理（第六十四条第（五）项）；委托代理的，请于听证前提交授权委托书。${y}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证（第六十四条第（六）项）。`,
          `听证时，案件调查人员提出${y}违法的事实、证据和行政处罚建议，${y}可以进行申辩和质证（第六十四条第（七）项）；听证应当制作笔录，笔录经${y}核对无误后签字或者盖章（第六十四条第（八）项）。`,
          `本通知书于举行听证的${content.noticeWorkingDays}个工作日前送达（第六十四条第（二）项、第八十五条）。`,
          '特此通知。',
        ],
        basis: `${PENALTY_LAW}第六十三条、第六十四条`,
      };
    }
    case 'decision':
    case 'on_the_spot_decision': {
      const onTheSpot = content.kind === 'on_the_spot_decision';
      const penalty = penaltyText(content.outcome, content.fine);
      const paragraphs = [
        facts,
        ...evidenceParagraphs(f),
        ...procedureParagraph(f, content),
        `本机关认为，${y}的上述行为构成${f.violation.conduct}，违反了消防法律法规的规定。依据${provision}（${clause(f.violation.provisionText)}）的规定，决定对${y}作出如下行政处罚：${penalty}。`,
        ...discretionParagraph(f, content.deviationReason),
      ];
      if (content.outcome === 'fine') paragraphs.push(...paymentParagraphs(f, content.fine ?? 0, content.payment));
      paragraphs.push(remedyParagraph(f, onTheSpot));
      const rows: Array<[string, string]> = [
        ...base,
        ['处罚依据', provision],
        ['处罚种类', content.outcome === 'fine' ? '罚款' : '警告'],
        ['处罚内容', penalty],
      ];
      if (content.outcome === 'fine') rows.push(['缴纳期限', `收到本决定书之日起${content.payment.calendarDays}日内`]);
      if (onTheSpot) rows.push(['执法人员', f.officers.join('、') || '（未记录）']);
      rows.push(['决定日期', cn(f.issuedOn)]);
      return {
        title,
        addressee,
        rows,
        paragraphs,
        basis: onTheSpot ? `${PENALTY_LAW}第五十一条、第五十二条；${provision}` : `${PENALTY_LAW}第五十七条第一款第（一）项、第五十九条；${provision}`,
      };
    }
    case 'no_penalty_decision':
      return {
        title,
        addressee,
        rows: [...base, ['违反的规定', provision], ['决定', '不予行政处罚'], ['不予处罚的依据', content.rule.legalBasis], ['决定日期', cn(f.issuedOn)]],
        paragraphs: [
          facts,
          ...evidenceParagraphs(f),
          ...procedureParagraph(f, content),
          `本机关认为，${y}的上述行为构成${f.violation.conduct}，违反了${provision}的规定；鉴于${clause(content.rule.text)}，依据${content.rule.legalBasis}的规定，决定不予行政处罚。`,
          `本机关已对${y}进行了消防法律法规的教育（${PENALTY_LAW}第三十三条第三款）。请${y}引以为戒，严格遵守消防法律法规；再次发生同一违法行为的，不再属于初次违法。`,
          remedyParagraph(f, false),
        ],
        basis: `${PENALTY_LAW}第三十三条、第五十七条第一款第（二）项；${content.rule.legalBasis}；${REVIEW_LAW}第二十条；${SUIT_LAW}第四十六条`,
      };
  }
}

/** The facts the QR signature covers for a case document, in a fixed order (a person's name masked: the QR code is public). */
export function caseQrFacts(d: {
  verifyCode: string;
  number: string;
  kind: CaseDocumentKind;
  party: { kind: 'unit' | 'person'; name: string };
  caseNumber: string | null;
  issuedOn: string;
}): string {
  const party = d.party.kind === 'unit' ? d.party.name : maskPersonName(d.party.name);
  return [d.verifyCode, d.number, d.kind, party, d.caseNumber ?? '', d.issuedOn].join('|');
}

/** What a 临时查封决定书 prints (ENF-05; 行政强制法 art. 24, 消防监督检查规定 arts 22–25). */
export interface SealDocumentFacts {
  unitName: string;
  usci: string;
  situationLabel: string;
  scope: string;
  inspectedOn: string;
  startDate: string;
  endDate: string;
  termDays: number;
  emergency: boolean;
  officers: string[];
  agencyName: string;
  issuedOn: string;
}

/**
 * The text of a 临时查封决定书: the party, the reason and basis, the parts sealed, the term with its start and end
 * (行政强制法 art. 24 ¶2 (1)–(4)), the party's rights to enter to rectify and to ask for the seal to be lifted
 * after rectification (消防监督检查规定 arts 24–25), review and suit (art. 24 ¶2 (5)), the agency and the date.
 */
export function sealDocumentText(f: SealDocumentFacts): CaseDocumentText {
  return {
    title: CASE_DOCUMENT_KIND_LABELS.seal_decision,
    addressee: `${f.unitName}：`,
    rows: [
      ['当事人', f.unitName],
      ['统一社会信用代码', f.usci],
      ['查封情形', f.situationLabel],
      ['查封的场所、部位', f.scope],
      ['查封期限', `${cn(f.startDate)}至${cn(f.endDate)}（${f.termDays}日）`],
      ['执法人员', f.officers.join('、') || '（未记录）'],
      ['决定日期', cn(f.issuedOn)],
    ],
    paragraphs: [
      `本机关于${cn(f.inspectedOn)}对你单位进行消防监督检查，发现${clause(f.situationLabel)}，不及时消除可能严重威胁公共安全。`,
      `依据《中华人民共和国消防法》第五十四条、《消防监督检查规定》第二十二条的规定，经本机关负责人集体研究${f.emergency ? '（此前经负责人口头批准实施紧急查封）' : ''}，决定对你单位下列场所、部位予以临时查封：${clause(f.scope)}。`,
      `查封期限自${cn(f.startDate)}起至${cn(f.endDate)}止，共${f.termDays}日；情况复杂的，经本机关负责人批准可以延长一次（《中华人民共和国行政强制法》第二十五条）。`,
      '临时查封期间，你单位可以申请进入查封部位进行整改；火灾隐患消除后，可以向本机关申请解除临时查封，本机关将在规定期限内检查并作出决定（《消防监督检查规定》第二十四条、第二十五条）。上述申请可以通过消防执法服务平台“临时查封”页面在线提出。',
      `你单位如不服本决定，可以自收到本决定书之日起${REVIEW_DAYS}日内依法申请行政复议，或者${SUIT_MONTHS}个月内依法向人民法院提起行政诉讼。`,
    ],
    basis: '《中华人民共和国消防法》第五十四条；《消防监督检查规定》第二十二条至第二十五条；《中华人民共和国行政强制法》第十八条、第二十四条、第二十五条',
  };
}
