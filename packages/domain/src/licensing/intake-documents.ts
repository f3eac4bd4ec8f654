/**
 * The written vouchers of intake (行政许可法 art. 32 ¶2: accepting or not accepting an application, the
 * agency issues a written voucher bearing its seal and the date): what each of the four documents says.
 * Pure text from facts; the API numbers, renders, seals and stores them (one renderer for every legal
 * document, with the permit's seal and QR verification).
 */
export const INTAKE_DOCUMENT_KINDS = ['receipt', 'acceptance', 'correction', 'rejection'] as const;
export type IntakeDocumentKind = (typeof INTAKE_DOCUMENT_KINDS)[number];

/** The documents' titles as printed (also their names in lists). */
export const INTAKE_DOCUMENT_KIND_LABELS: Record<IntakeDocumentKind, string> = {
  receipt: '受理回执',
  acceptance: '受理通知书',
  correction: '补正材料通知书',
  rejection: '不予受理通知书',
};

export const INTAKE_DOCUMENT_STATUS_LABELS: Record<'valid', string> = { valid: '有效' };

/** What the applicant's pages print under each document: when it was issued and what it is for. */
export const INTAKE_DOCUMENT_PURPOSE: Record<IntakeDocumentKind, string> = {
  receipt: '提交申请后出具，载明申请编号和办件查询码',
  acceptance: '申请材料齐全、符合法定形式，决定受理',
  correction: '一次性告知需要补正的全部内容',
  rejection: '决定不予受理，说明理由并告知救济途径',
};

const LICENSING_LAW = '《中华人民共和国行政许可法》';
const FIRE_LAW = '《中华人民共和国消防法》';
const ITEM = '公众聚集场所投入使用、营业前消防安全检查';

export interface IntakeFacts {
  /** The applicant unit (单位名称) and its USCI: the addressee of every notice. */
  applicant: string;
  usci: string;
  venueName: string;
  venueAddress: string;
  /** The application's reference (申请编号). */
  reference: string;
  /** Date the application was submitted, YYYY-MM-DD. */
  submittedOn: string;
  agencyName: string;
  /** Date of the document, YYYY-MM-DD. */
  issuedOn: string;
}

export type IntakeContent =
  | { kind: 'receipt'; lookupCode: string; path: 'commitment' | 'inspection'; materials: string[] }
  | {
      kind: 'acceptance';
      path: 'commitment' | 'inspection';
      /** The statutory clock the acceptance runs on: its amount in working days, due date and legal basis. */
      limit: { workingDays: number; dueDate: string | null; basis: string } | null;
      /** Documents accepted as pending (容缺受理), by name. */
      pending: string[];
    }
  | { kind: 'correction'; items: Array<{ label: string; reason: string }>; seq: number }
  | { kind: 'rejection'; reasons: string[] };

export interface IntakeText {
  title: string;
  /** The addressee line (……：). */
  addressee: string;
  rows: Array<[string, string]>;
  paragraphs: string[];
  /** The legal basis printed on the document. */
  basis: string;
}

function cn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The text of one intake document. */
export function intakeDocumentText(facts: IntakeFacts, content: IntakeContent): IntakeText {
  const title = INTAKE_DOCUMENT_KIND_LABELS[content.kind];
  const addressee = `${facts.applicant}：`;
  const base: Array<[string, string]> = [
    ['申请编号', facts.reference],
    ['申请人', facts.applicant],
    ['统一社会信用代码', facts.usci],
    ['场所名称', facts.venueName],
    ['场所地址', facts.venueAddress],
  ];
  switch (content.kind) {
    case 'receipt':
      return {
        title,
        addressee,
        rows: [
          ...base,
          ['提交日期', cn(facts.submittedOn)],
          ['所交材料', content.materials.length ? content.materials.join('；') : '（无）'],
          ['办件查询码', content.lookupCode],
        ],
        paragraphs: [
          `本机关已于${cn(facts.submittedOn)}收到你单位提交的${ITEM}申请及上列材料。本回执是收到申请的凭证，不是许可决定。`,
          `申请材料齐全、符合法定形式的，本机关予以受理；需要补正的，在五日内一次告知需要补正的全部内容。凭申请编号和办件查询码，可在消防执法服务平台“办件查询”中查询办理进度并下载文书，无需登录；请妥善保管查询码。`,
        ],
        basis: `${LICENSING_LAW}第三十二条`,
      };
    case 'acceptance': {
      const limit = content.limit;
      const paragraphs = [`你单位于${cn(facts.submittedOn)}提交的${ITEM}申请，申请材料齐全、符合法定形式，本机关决定予以受理。`];
      if (content.path === 'commitment') {
        paragraphs.push(
          `你单位已作出符合消防安全标准的承诺，本机关依法当场作出许可决定；本机关将在许可后对场所进行核查，发现承诺内容与实际情况不符的，将依法处理。`,
        );
      } else if (limit) {
        paragraphs.push(
          `本机关将自受理之日起${limit.workingDays}个工作日内${limit.dueDate ? `（至${cn(limit.dueDate)}）` : ''}，根据消防技术标准和管理规定对该场所进行检查，并依法作出决定。请保持联系畅通，配合现场检查。`,
        );
      }
      if (content.pending.length) {
        paragraphs.push(`下列材料容缺受理，请于现场检查时或作出决定前补交：${content.pending.join('、')}。逾期未补交的，将影响许可决定。`);
      }
      return {
        title,
        addressee,
        rows: [
          ...base,
          ['办理方式', content.path === 'commitment' ? '告知承诺' : '现场检查'],
          ['受理日期', cn(facts.issuedOn)],
          ...(limit && content.path === 'inspection'
            ? ([['办理时限', `${limit.workingDays}个工作日${limit.dueDate ? `，至${cn(limit.dueDate)}` : ''}`]] as Array<[string, string]>)
            : []),
          ...(content.pending.length ? ([['容缺材料', content.pending.join('、')]] as Array<[string, string]>) : []),
        ],
        paragraphs,
        basis: `${LICENSING_LAW}第三十二条；${FIRE_LAW}第十五条${limit?.basis ? `；${limit.basis}` : ''}`,
      };
    }
    case 'correction':
      return {
        title,
        addressee,
        rows: [...base, ['提交日期', cn(facts.submittedOn)], ['告知日期', cn(facts.issuedOn)]],
        paragraphs: [
          `你单位于${cn(facts.submittedOn)}提交的${ITEM}申请，经审查，申请材料不齐全或者不符合法定形式。现一次性告知需要补正的全部内容如下：`,
          ...content.items.map((it, i) => `${i + 1}. ${it.label}：${it.reason}`),
          `请按上述内容补正后重新提交。补正期间不计入办理时限；本机关收到全部补正材料后依法受理。本通知未列明的事项，本机关不再要求补正。`,
        ],
        basis: `${LICENSING_LAW}第三十二条第一款第（四）项`,
      };
    case 'rejection':
      return {
        title,
        addressee,
        rows: [...base, ['提交日期', cn(facts.submittedOn)], ['决定日期', cn(facts.issuedOn)]],
        paragraphs: [
          `你单位于${cn(facts.submittedOn)}提交的${ITEM}申请，经审查，本机关决定不予受理。理由如下：`,
          ...content.reasons.map((r, i) => `${i + 1}. ${r}`),
          `如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。`,
        ],
        basis: `${LICENSING_LAW}第三十二条、第三十八条第二款；《中华人民共和国行政复议法》第二十条；《中华人民共和国行政诉讼法》第四十六条`,
      };
  }
}

/** The facts the QR signature covers for a document, in a fixed order (what anyone can check offline). */
export function intakeQrFacts(d: {
  verifyCode: string;
  number: string;
  kind: IntakeDocumentKind;
  applicant: string;
  reference: string;
  issuedOn: string;
}): string {
  return [d.verifyCode, d.number, d.kind, d.applicant, d.reference, d.issuedOn].join('|');
}

/** 办件查询: the current step of an application in words — what happens next and who acts. */
export const APPLICATION_STEP_HINTS: Record<string, string> = {
  draft: '申请尚未提交',
  submitted: '窗口正在审查申请材料，材料齐全的予以受理',
  correction_requested: '请按补正材料通知书一次性补正后重新提交',
  rejected: '已决定不予受理，详见不予受理通知书',
  accepted: '已受理，等待安排两名检查人员现场检查',
  inspecting: '现场检查中',
  legal_review: '检查完毕，法制审核中',
  awaiting_decision: '检查完毕，等待作出许可决定',
  granted: '已准予许可，可下载电子许可证',
  refused: '已作出不予许可决定',
  withdrawn: '申请人已撤回申请',
};
