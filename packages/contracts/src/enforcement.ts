import { type Static, Type } from 'typebox';
import { Nullable, PageOf, PageParams } from './common.ts';
import { AgencyRef } from './org.ts';

/** Enforcement (ENF-*): the published discretion benchmark and the engine's proposals. */

const Basis = Type.Object({ document: Type.String(), clause: Type.Optional(Type.String()) });
const Range = Type.Object({ min: Type.Integer(), max: Type.Integer() });
const PartyKind = Type.Union([Type.Literal('unit'), Type.Literal('person')]);

/** GET /api/v1/enforcement/violations?region= (public: benchmarks must be published, 行政处罚法 art. 34). */
export const ViolationsQuery = Type.Object({ region: Type.String({ pattern: '^\\d{6}$', description: '行政区划代码（6 位）' }) });
export type ViolationsQuery = Static<typeof ViolationsQuery>;

export const ViolationItemView = Type.Object({
  code: Type.String(),
  law: Type.String(),
  provision: Type.String(),
  conduct: Type.String(),
  provisionText: Type.String(),
  /** Statutory fine range per party kind the provision covers. */
  ranges: Type.Object({ unit: Type.Optional(Range), person: Type.Optional(Range) }),
  warningAllowed: Type.Boolean(),
  otherSanctions: Type.Array(Type.String()),
  /** The circumstance keys the item accepts (the common five, then the item's own). */
  circumstances: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      type: Type.Union([Type.Literal('boolean'), Type.Literal('number')]),
      unit: Type.Optional(Type.String()),
    }),
  ),
  /** Bands in the order they are tried, with the fine range each gives per party kind. */
  bands: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      circumstances: Type.String(),
      warning: Type.Boolean(),
      ranges: Type.Object({ unit: Type.Optional(Range), person: Type.Optional(Range) }),
    }),
  ),
  basis: Basis,
});
export type ViolationItemView = Static<typeof ViolationItemView>;

export const ViolationsView = Type.Object({
  agency: AgencyRef,
  at: Type.String(),
  policyVersion: Type.String(),
  base: Type.Union([Type.Literal('range'), Type.Literal('maximum')]),
  items: Type.Array(ViolationItemView),
  noPenaltyRules: Type.Array(Type.Object({ text: Type.String(), legalBasis: Basis, mandatory: Type.Boolean(), items: Type.Array(Type.String()) })),
});
export type ViolationsView = Static<typeof ViolationsView>;

/** POST /api/v1/enforcement/discretion (staff). */
export const DiscretionBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    violationCode: Type.String({ minLength: 1, maxLength: 40 }),
    partyKind: Type.Optional(PartyKind),
    circumstances: Type.Record(Type.String({ pattern: '^[a-z][A-Za-z0-9]{1,40}$' }), Type.Union([Type.Boolean(), Type.Number()]), { maxProperties: 30 }),
  },
  { additionalProperties: false },
);
export type DiscretionBody = Static<typeof DiscretionBody>;

export const DiscretionView = Type.Object({
  outcome: Type.Union([Type.Literal('fine'), Type.Literal('warning'), Type.Literal('no_penalty')]),
  noPenalty: Type.Boolean(),
  mandatory: Type.Optional(Type.Boolean()),
  rule: Type.Object({ text: Type.String(), legalBasis: Basis }),
  band: Type.Optional(Type.Object({ id: Type.String(), label: Type.String(), circumstances: Type.String() })),
  range: Type.Optional(Range),
  proposedFine: Type.Optional(Type.Integer()),
  statutory: Type.Optional(Range),
  otherSanctions: Type.Array(Type.String()),
  explanation: Type.Array(Type.String()),
  policyVersion: Type.String(),
});
export type DiscretionView = Static<typeof DiscretionView>;

/* ------------------------------------------------------------------------------------------------------------
 * Penalty cases (ENF-01 … ENF-07)
 * ---------------------------------------------------------------------------------------------------------- */

const Outcome = Type.Union([Type.Literal('fine'), Type.Literal('warning'), Type.Literal('no_penalty')]);
const Procedure = Type.Union([Type.Literal('ordinary'), Type.Literal('on_the_spot'), Type.Literal('fast_track')]);
const Circumstances = DiscretionBody.properties.circumstances;
const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期（YYYY-MM-DD）' });
const Fine = Type.Integer({ minimum: 0, maximum: 100_000_000, description: '罚款（元）' });
const Text = (max: number, description: string) => Type.String({ minLength: 2, maxLength: max, description });

export const CaseParty = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('unit'),
      usci: Type.String({ pattern: '^[0-9A-HJ-NP-RT-UW-Y]{18}$', description: '统一社会信用代码' }),
      name: Type.String({ minLength: 2, maxLength: 100 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('person'),
      name: Type.String({ minLength: 2, maxLength: 50 }),
      idNumber: Type.String({ pattern: '^\\d{17}[\\dX]$', description: '公民身份号码' }),
    },
    { additionalProperties: false },
  ),
]);
export type CaseParty = Static<typeof CaseParty>;

/** POST /api/v1/enforcement/cases: an officer opens a case (from a referral, a finding, or on the spot). */
export const CaseCreateBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    party: CaseParty,
    violationCode: Type.String({ minLength: 1, maxLength: 40 }),
    facts: Text(4000, '违法事实'),
    circumstances: Circumstances,
    procedure: Type.Optional(Procedure),
    /** The second certified officer (双人执法, 行政处罚法 art. 42); the one who opens the case is the first. */
    coOfficerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    referralId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** When the violation happened or was found to be going on (the limitation of art. 36 runs from it). */
    occurredOn: Type.Optional(CivilDate),
    /** 快速办理: the conditions the officers confirm (required for procedure 'fast_track'). */
    fastTrack: Type.Optional(
      Type.Object(
        {
          factsClear: Type.Boolean({ description: '事实清楚' }),
          partyAdmits: Type.Boolean({ description: '当事人书面申请、自愿认错认罚' }),
          noObjection: Type.Boolean({ description: '对违法事实和法律适用没有异议' }),
          vulnerableParty: Type.Boolean({ description: '当事人系盲、聋、哑人，未成年人或者疑似精神病人' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CaseCreateBody = Static<typeof CaseCreateBody>;

export const CaseFilingBody = Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Text(1000, '意见')) }, { additionalProperties: false });
export type CaseFilingBody = Static<typeof CaseFilingBody>;

export const CaseEvidenceBody = Type.Object(
  {
    fileId: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Type.Union([Type.Literal('photo'), Type.Literal('scan'), Type.Literal('transcript'), Type.Literal('site_record'), Type.Literal('other')]),
    description: Text(500, '证据说明'),
  },
  { additionalProperties: false },
);
export type CaseEvidenceBody = Static<typeof CaseEvidenceBody>;

/** The prior notice (行政处罚告知书, arts 44, 62): the penalty intended. */
export const CaseNoticeBody = Type.Object({ outcome: Outcome, fine: Type.Optional(Fine) }, { additionalProperties: false });
export type CaseNoticeBody = Static<typeof CaseNoticeBody>;

export const CaseStatementBody = Type.Object({ text: Text(4000, '陈述、申辩内容') }, { additionalProperties: false });
export type CaseStatementBody = Static<typeof CaseStatementBody>;

export const CaseHearingBody = Type.Object(
  { hostUserId: Type.String({ minLength: 1, maxLength: 64 }), heldOn: CivilDate, transcript: Text(20000, '听证笔录') },
  { additionalProperties: false },
);
export type CaseHearingBody = Static<typeof CaseHearingBody>;

/** 安排听证 (art. 64 (2)): the host (not an investigator), the date and time in Beijing time, the place. */
export const CaseHearingScheduleBody = Type.Object(
  {
    hostUserId: Type.String({ minLength: 1, maxLength: 64 }),
    hearingAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}$', description: '听证时间（北京时间，YYYY-MM-DD HH:mm）' }),
    place: Text(200, '听证地点'),
  },
  { additionalProperties: false },
);
export type CaseHearingScheduleBody = Static<typeof CaseHearingScheduleBody>;

export const CaseReviewBody = Type.Object({ pass: Type.Boolean(), opinion: Text(4000, '审核意见') }, { additionalProperties: false });
export type CaseReviewBody = Static<typeof CaseReviewBody>;

export const CaseDecisionBody = Type.Object(
  { outcome: Outcome, fine: Type.Optional(Fine), deviationReason: Type.Optional(Text(2000, '偏离裁量建议的理由')) },
  { additionalProperties: false },
);
export type CaseDecisionBody = Static<typeof CaseDecisionBody>;

export const CaseServiceBody = Type.Object(
  {
    method: Type.Union([Type.Literal('in_person'), Type.Literal('post'), Type.Literal('electronic')]),
    /** The real date of service: a paper service recorded afterwards keeps it. */
    servedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))?$', description: '送达日期或时间' }),
    /** The postal tracking number (邮寄送达的挂号或特快专递单号): required for service by post. */
    trackingNumber: Type.Optional(Type.String({ minLength: 6, maxLength: 40, pattern: '^[0-9A-Za-z-]+$', description: '邮件单号（邮寄送达时必填）' })),
  },
  { additionalProperties: false },
);
export type CaseServiceBody = Static<typeof CaseServiceBody>;

export const CasePaymentBody = Type.Object(
  {
    amount: Type.Number({ minimum: 0.01, maximum: 200_000_000, multipleOf: 0.01, description: '缴纳金额（元）' }),
    paidOn: CivilDate,
    receiptNumber: Type.String({ minLength: 4, maxLength: 60, description: '财政票据号或支付流水号' }),
    channel: Type.Optional(Type.Union([Type.Literal('bank'), Type.Literal('online'), Type.Literal('counter')])),
    /** Under approved instalments (art. 66 ¶2): the instalment paid (1-based); by default the earliest open one. */
    instalment: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, description: '缴纳第几期' })),
  },
  { additionalProperties: false },
);
export type CasePaymentBody = Static<typeof CasePaymentBody>;

/** 集体讨论 (行政处罚法 art. 57 ¶2): the heads' collective discussion of a complex or major case. */
export const CaseDiscussionBody = Type.Object(
  { heldOn: CivilDate, participants: Text(500, '参加人员'), conclusion: Text(4000, '讨论决定') },
  { additionalProperties: false },
);
export type CaseDiscussionBody = Static<typeof CaseDiscussionBody>;

/** 移送 (e.g. to the police where detention may apply, 消防法 arts 63–64): the case leaves this agency. */
export const CaseTransferBody = Type.Object({ to: Text(100, '移送机关'), reason: Text(2000, '移送理由') }, { additionalProperties: false });
export type CaseTransferBody = Static<typeof CaseTransferBody>;

export const CaseRevocationBody = Type.Object({ reason: Text(2000, '撤销或变更理由') }, { additionalProperties: false });
export type CaseRevocationBody = Static<typeof CaseRevocationBody>;

export const CaseDocumentItem = Type.Object({
  id: Type.String(),
  kindLabel: Type.String(),
  number: Type.String(),
  issuedOn: Type.String(),
  downloadUrl: Type.String(),
  /** What it is for, its verification code (behind its QR code) and its standing now. */
  purpose: Type.String(),
  verifyCode: Type.String(),
  statusLabel: Type.String(),
  valid: Type.Boolean(),
});
export type CaseDocumentItem = Static<typeof CaseDocumentItem>;

/** 暂缓或者分期缴纳 (行政处罚法 art. 66 ¶2): the party's request and, once decided, the agency's answer. */
const Instalment = Type.Object({
  dueDate: CivilDate,
  amount: Type.Number({ minimum: 0.01, maximum: 200_000_000, multipleOf: 0.01, description: '金额（元）' }),
});
export const InstalmentStateView = Type.Object({
  seq: Type.Integer(),
  dueDate: Type.String(),
  amount: Type.Number(),
  paid: Type.Boolean(),
  paidOn: Nullable(Type.String()),
  lateFee: Type.Number(),
  lateFeeDays: Type.Integer(),
});
export type InstalmentStateView = Static<typeof InstalmentStateView>;
export const PaymentPlanView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('deferral'), Type.Literal('instalments')]),
  kindLabel: Type.String(),
  status: Type.Union([Type.Literal('requested'), Type.Literal('approved'), Type.Literal('refused')]),
  statusLabel: Type.String(),
  schedule: Type.Array(Instalment),
  reason: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
});
export type PaymentPlanView = Static<typeof PaymentPlanView>;
export const PaymentPlanBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('deferral'), Type.Literal('instalments')]),
    schedule: Type.Array(Instalment, { minItems: 1, maxItems: 36 }),
    reason: Text(2000, '申请理由（确有经济困难的情况）'),
  },
  { additionalProperties: false },
);
export type PaymentPlanBody = Static<typeof PaymentPlanBody>;
export const PaymentPlanDecisionBody = Type.Object({ approve: Type.Boolean(), reason: Text(1000, '审批意见') }, { additionalProperties: false });
export type PaymentPlanDecisionBody = Static<typeof PaymentPlanDecisionBody>;

/** 行政复议、行政诉讼 (art. 73 ¶3): a period during which the late fee is not counted. */
export const RemedyPeriodView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('review'), Type.Literal('litigation')]),
  kindLabel: Type.String(),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  note: Type.String(),
});
export type RemedyPeriodView = Static<typeof RemedyPeriodView>;
export const RemedyStartBody = Type.Object(
  { kind: Type.Union([Type.Literal('review'), Type.Literal('litigation')]), startedOn: CivilDate, note: Text(1000, '复议机关或受理法院、案号') },
  { additionalProperties: false },
);
export type RemedyStartBody = Static<typeof RemedyStartBody>;
export const RemedyEndBody = Type.Object({ endedOn: CivilDate, note: Text(1000, '结果（维持、撤销、变更、撤诉等）') }, { additionalProperties: false });
export type RemedyEndBody = Static<typeof RemedyEndBody>;

/** 申请回避 (ENF-08; 行政处罚法 art. 43 ¶2): the party asks that an officer withdraw; the head decides. */
export const RecusalRequestView = Type.Object({
  id: Type.String(),
  officerUserId: Type.String(),
  officerName: Type.String(),
  reason: Type.String(),
  status: Type.Union([Type.Literal('requested'), Type.Literal('granted'), Type.Literal('refused')]),
  statusLabel: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  replacementName: Nullable(Type.String()),
});
export type RecusalRequestView = Static<typeof RecusalRequestView>;
export const RecusalRequestBody = Type.Object(
  { officerUserId: Type.String({ minLength: 1, maxLength: 64 }), reason: Text(2000, '申请回避的理由') },
  { additionalProperties: false },
);
export type RecusalRequestBody = Static<typeof RecusalRequestBody>;
export const RecusalDecisionBody = Type.Object(
  {
    requestId: Type.String({ minLength: 1, maxLength: 64 }),
    grant: Type.Boolean(),
    reason: Text(1000, '决定理由'),
    /** The certified officer who takes the recused officer's place (required when granted). */
    replacementOfficerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type RecusalDecisionBody = Static<typeof RecusalDecisionBody>;

export const CaseView = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  procedure: Procedure,
  procedureLabel: Type.String(),
  version: Type.Integer(),
  agency: AgencyRef,
  party: Type.Object({ kind: PartyKind, kindLabel: Type.String(), name: Type.String(), usci: Nullable(Type.String()), idNumber: Nullable(Type.String()) }),
  violation: Type.Object({ code: Type.String(), conduct: Type.String(), provision: Type.String() }),
  facts: Type.String(),
  occurredOn: Nullable(Type.String()),
  circumstances: Circumstances,
  proposal: DiscretionView,
  officers: Type.Array(Type.Object({ userId: Type.String(), name: Type.String() })),
  /** The party's recusal requests and the head's decisions (ENF-08); the investigation continues meanwhile. */
  recusals: Type.Array(RecusalRequestView),
  referralId: Nullable(Type.String()),
  /** The party's earlier cases (a repeat within 12 months is never a first violation, ENF-03). */
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Nullable(Type.String()),
      violationCode: Type.String(),
      decidedOn: Nullable(Type.String()),
      outcomeLabel: Nullable(Type.String()),
    }),
  ),
  notice: Nullable(
    Type.Object({
      servedOn: Type.String(),
      outcome: Outcome,
      outcomeLabel: Type.String(),
      fine: Nullable(Type.Number()),
      hearingEligible: Type.Boolean(),
      hearingDeadline: Nullable(Type.String()),
    }),
  ),
  statement: Nullable(Type.String()),
  hearing: Nullable(
    Type.Object({
      requestedAt: Type.String(),
      hostName: Nullable(Type.String()),
      /** As notified by the 听证通知书: 'YYYY-MM-DD HH:mm' (Beijing) and the place. */
      hearingAt: Nullable(Type.String()),
      place: Nullable(Type.String()),
      heldOn: Nullable(Type.String()),
      transcript: Nullable(Type.String()),
    }),
  ),
  discussion: Nullable(Type.Object({ heldOn: Type.String(), participants: Type.String(), conclusion: Type.String() })),
  transfer: Nullable(Type.Object({ to: Type.String(), reason: Type.String() })),
  review: Nullable(Type.Object({ reviewerName: Nullable(Type.String()), passedAt: Nullable(Type.String()), opinion: Nullable(Type.String()) })),
  decision: Nullable(
    Type.Object({
      outcome: Outcome,
      outcomeLabel: Type.String(),
      fine: Nullable(Type.Number()),
      number: Nullable(Type.String()),
      decidedOn: Type.String(),
      deviationReason: Nullable(Type.String()),
    }),
  ),
  /** The decision departs from the engine's proposal (a written reason, an oversight alert). */
  deviation: Type.Boolean(),
  service: Nullable(Type.Object({ method: Type.String(), methodLabel: Type.String(), servedOn: Type.String(), trackingNumber: Nullable(Type.String()) })),
  payment: Nullable(
    Type.Object({
      fine: Type.Number(),
      dueDate: Type.String(),
      lateFee: Type.Number(),
      lateFeeDays: Type.Integer(),
      paid: Type.Boolean(),
      paidOn: Nullable(Type.String()),
      paidAmount: Nullable(Type.Number()),
      receiptNumber: Nullable(Type.String()),
      /** The approved deferral or instalments (art. 66 ¶2) the due dates and late fee follow, if any. */
      plan: Nullable(PaymentPlanView),
      /** The party's request waiting for approval, if any. */
      pendingPlan: Nullable(PaymentPlanView),
      /** Periods of administrative review or litigation (art. 73 ¶3): no late fee accrues while one lasts. */
      remedyPeriods: Type.Array(RemedyPeriodView),
      /** Under approved instalments: each instalment, paid or open, with the late fee on it alone (art. 72). */
      instalments: Type.Array(InstalmentStateView),
      /** Under approved instalments: the earliest open instalment and what settles it today; null when none. */
      dueNow: Nullable(Type.Object({ ...InstalmentStateView.properties, total: Type.Number() })),
    }),
  ),
  /** The latest temporary seal of the case (ENF-05), with its status in words. */
  seal: Nullable(Type.Object({ id: Type.String(), startDate: Type.String(), endDate: Type.String(), status: Type.String(), statusLabel: Type.String() })),
  publicity: Nullable(Type.Object({ publishedAt: Type.String(), until: Type.String(), withdrawnAt: Nullable(Type.String()) })),
  revocation: Nullable(Type.Object({ revokedAt: Type.String(), reason: Type.String() })),
  evidence: Type.Array(
    Type.Object({
      id: Type.String(),
      fileId: Type.String(),
      sha256: Type.String(),
      kind: Type.String(),
      kindLabel: Type.String(),
      description: Type.String(),
      recordedAt: Type.String(),
    }),
  ),
  /**
   * The case's written documents (ENF-04: 告知书, 决定书 …), sealed PDFs with QR verification; the party sees
   * each once it has been told of it. `downloadUrl` is the caller's own route (back office or portal).
   */
  documents: Type.Array(CaseDocumentItem),
  /** The 90-day decision clock (art. 60) of a filed case. */
  due: Nullable(Type.Object({ dueDate: Nullable(Type.String()), label: Type.String(), alert: Type.String() })),
  /** What the caller may do next, with the Chinese name of each step. */
  actions: Type.Array(Type.Object({ action: Type.String(), label: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CaseView = Static<typeof CaseView>;

/** GET /api/v1/enforcement/cases: the case list of the jurisdiction. */
export const CaseListQuery = Type.Object({
  ...PageParams,
  q: Type.Optional(Type.String({ maxLength: 100, description: '搜索：案号、当事人或统一社会信用代码' })),
  status: Type.Optional(Type.String({ maxLength: 200, description: '状态，多个以逗号分隔' })),
  /** Only the cases where the caller is one of the officers. */
  mine: Type.Optional(Type.Boolean()),
});
export type CaseListQuery = Static<typeof CaseListQuery>;
export const CaseRow = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  procedureLabel: Type.String(),
  partyName: Type.String(),
  violationCode: Type.String(),
  conduct: Type.String(),
  deviation: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CaseRow = Static<typeof CaseRow>;
export const CasePage = PageOf(CaseRow);
export type CasePage = Static<typeof CasePage>;

/** GET /api/v1/enforcement/referrals: findings handed over for a case (an escalated order, a false commitment). */
export const ReferralView = Type.Object({
  id: Type.String(),
  usci: Type.String(),
  subjectName: Type.String(),
  sourceLabel: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  caseId: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type ReferralView = Static<typeof ReferralView>;
export const ReferralList = Type.Object({ items: Type.Array(ReferralView) });
export type ReferralList = Static<typeof ReferralList>;

/** GET /api/v1/oversight/alerts (staff): alerts of the jurisdiction, newest first (OVS-01). */
export const AlertQuery = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 5, maximum: 100 })),
});
export type AlertQuery = Static<typeof AlertQuery>;
export const AlertView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  targetLabel: Type.String(),
  message: Type.String(),
  agencyName: Type.String(),
  raisedAt: Type.String(),
});
export type AlertView = Static<typeof AlertView>;
export const AlertPage = Type.Object({ items: Type.Array(AlertView), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type AlertPage = Static<typeof AlertPage>;

/** GET /api/v1/public/penalties: published penalty decisions in the national record's fields (ENF-07). */
export const PublicPenaltyQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 60, description: '当事人名称、统一社会信用代码或决定书文号' })),
  region: Type.Optional(Type.String({ pattern: '^\\d{2,6}$', description: '行政区划代码（省、市或县）' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 5, maximum: 50 })),
});
export type PublicPenaltyQuery = Static<typeof PublicPenaltyQuery>;
export const PublicPenaltyView = Type.Object({
  id: Type.String(),
  /** 行政相对人名称 (a person's name masked). */
  partyName: Type.String(),
  /** 行政相对人类别. */
  partyCategory: Type.String(),
  /** 统一社会信用代码 (units only). */
  usci: Nullable(Type.String()),
  /** 自然人证件号码, masked. */
  idNumber: Nullable(Type.String()),
  decisionNumber: Type.String(),
  violationType: Type.String(),
  facts: Type.String(),
  basis: Type.String(),
  category: Type.String(),
  content: Type.String(),
  /** 罚款金额（万元）. */
  fineWan: Nullable(Type.Number()),
  decisionDate: Type.String(),
  publicityUntil: Type.String(),
  agency: Type.String(),
});
export type PublicPenaltyView = Static<typeof PublicPenaltyView>;
/** `total` is counted up to 10 000 (`capped` when there are more: 共 10000+ 条; a narrower search finds the rest). */
export const PublicPenaltyPage = Type.Object({
  items: Type.Array(PublicPenaltyView),
  total: Type.Integer(),
  capped: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type PublicPenaltyPage = Static<typeof PublicPenaltyPage>;

/** GET /api/v1/enforcement/officers: certified officers who may take a case of the caller's agency (双人执法). */
export const OfficerList = Type.Object({ items: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), agencyName: Type.String() })) });
export type OfficerList = Static<typeof OfficerList>;

/** GET /api/v1/enforcement/cases/:id/hearing-hosts: staff who may host the case's hearing (not its investigators). */
export const HostList = OfficerList;
export type HostList = OfficerList;

/** GET /api/v1/enforcement/penalty-records?from=&to= (staff): the national 行政处罚 record export for the credit platform. */
export const PenaltyRecordsQuery = Type.Object({ from: CivilDate, to: CivilDate }, { additionalProperties: false });
export type PenaltyRecordsQuery = Static<typeof PenaltyRecordsQuery>;
export const PenaltyRecordsView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  records: Type.Array(
    Type.Object({
      /** `publish` a decision published in the range; `withdraw` one withdrawn in it. */
      action: Type.Union([Type.Literal('publish'), Type.Literal('withdraw')]),
      cf_xdr_mc: Type.String({ description: '行政相对人名称' }),
      cf_xdr_lb: Type.String({ description: '行政相对人类别' }),
      cf_xdr_shxym: Nullable(Type.String({ description: '统一社会信用代码' })),
      cf_xdr_zjhm: Nullable(Type.String({ description: '自然人证件号码（脱敏）' })),
      cf_wsh: Type.String({ description: '行政处罚决定书文号' }),
      cf_wfxw: Type.String({ description: '违法行为类型' }),
      cf_sy: Type.String({ description: '违法事实' }),
      cf_yj: Type.String({ description: '处罚依据' }),
      cf_cflb: Type.String({ description: '处罚类别' }),
      cf_nr: Type.String({ description: '处罚内容' }),
      cf_nr_fk: Nullable(Type.Number({ description: '罚款金额（万元）' })),
      cf_jdrq: Type.String({ description: '处罚决定日期' }),
      cf_gsjzq: Type.String({ description: '公示截止期' }),
      cf_cfjg: Type.String({ description: '处罚机关' }),
      withdrawnAt: Nullable(Type.String()),
      withdrawalReason: Nullable(Type.String()),
    }),
  ),
});
export type PenaltyRecordsView = Static<typeof PenaltyRecordsView>;
/* ------------------------------------------------------------------------------------------------------------
 * Temporary seals (临时查封, ENF-05) and the party's online requests
 * ---------------------------------------------------------------------------------------------------------- */

const SealSituation = Type.Union([
  Type.Literal('exits_blocked'),
  Type.Literal('fire_systems_damaged'),
  Type.Literal('flammables_in_crowded_place'),
  Type.Literal('combustible_decoration'),
  Type.Literal('other'),
]);
const FileIds = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: max });
export const MapPoint = Type.Object(
  { lng: Type.Number({ minimum: 73, maximum: 136, description: '经度' }), lat: Type.Number({ minimum: 3, maximum: 54, description: '纬度' }) },
  { additionalProperties: false },
);
export type MapPoint = Static<typeof MapPoint>;

/**
 * POST /api/v1/enforcement/seals: two officers propose a seal for collective decision, or (emergency) seal
 * at once on the head's oral approval, to be confirmed within the policy's hours (消防监督检查规定 art. 23).
 */
export const SealCreateBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    usci: Type.String({ pattern: '^[0-9A-HJ-NP-RT-UW-Y]{18}$', description: '统一社会信用代码' }),
    unitName: Type.String({ minLength: 2, maxLength: 100 }),
    situation: SealSituation,
    scope: Text(1000, '查封的场所、部位'),
    photoIds: FileIds(20),
    mapPoint: Type.Optional(MapPoint),
    /** The day of the inspection that found the hazard (the decision is served within the policy's working days of it). */
    inspectedOn: CivilDate,
    termDays: Type.Integer({ minimum: 1, maximum: 30, description: '查封期限（日）' }),
    coOfficerId: Type.String({ minLength: 1, maxLength: 64 }),
    emergency: Type.Optional(Type.Boolean()),
    /** Emergency only: who approved orally, and when. */
    oralApproval: Type.Optional(Text(200, '口头批准的负责人及时间')),
  },
  { additionalProperties: false },
);
export type SealCreateBody = Static<typeof SealCreateBody>;

/** The collective discussion (集体研究): confirm or not, its record and participants. */
export const SealDecisionBody = Type.Object(
  {
    approve: Type.Boolean(),
    record: Text(4000, '集体研究记录'),
    participants: Type.Array(Type.String({ minLength: 2, maxLength: 40 }), { minItems: 2, maxItems: 20, description: '参加集体研究的人员' }),
  },
  { additionalProperties: false },
);
export type SealDecisionBody = Static<typeof SealDecisionBody>;

export const SealServiceBody = CaseServiceBody;
export type SealServiceBody = Static<typeof SealServiceBody>;

export const SealExtensionBody = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 30, description: '延长天数' }), reason: Text(1000, '延长理由') },
  { additionalProperties: false },
);
export type SealExtensionBody = Static<typeof SealExtensionBody>;

export const SealLiftBody = Type.Object({ reason: Text(1000, '解除理由') }, { additionalProperties: false });
export type SealLiftBody = Static<typeof SealLiftBody>;

const SealRequestKind = Type.Union([Type.Literal('enter'), Type.Literal('lift'), Type.Literal('reinspect'), Type.Literal('resume')]);

/** POST /api/v1/portal/seals/:id/requests: the unit's online request. */
export const SealRequestBody = Type.Object(
  { kind: SealRequestKind, note: Text(2000, '申请说明'), photoIds: Type.Optional(FileIds(10)) },
  { additionalProperties: false },
);
export type SealRequestBody = Static<typeof SealRequestBody>;

export const SealRequestInspectionBody = Type.Object({ passed: Type.Boolean(), findings: Text(2000, '检查情况') }, { additionalProperties: false });
export type SealRequestInspectionBody = Static<typeof SealRequestInspectionBody>;

export const SealRequestDecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('allow'), Type.Literal('lift'), Type.Literal('keep')]),
    reason: Text(2000, '决定理由或进入整改的安排'),
  },
  { additionalProperties: false },
);
export type SealRequestDecisionBody = Static<typeof SealRequestDecisionBody>;

/** A running clock of a seal or request: its date, and for an hour clock (24 h confirmation, entry reply) the instant. */
const Due = Type.Object({ title: Type.String(), dueDate: Nullable(Type.String()), dueAt: Nullable(Type.String()), label: Type.String(), alert: Type.String() });
const Action = Type.Object({ action: Type.String(), label: Type.String() });

export const SealRequestView = Type.Object({
  id: Type.String(),
  kind: SealRequestKind,
  kindLabel: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  version: Type.Integer(),
  note: Type.String(),
  photoIds: Type.Array(Type.String()),
  submittedAt: Type.String(),
  taskId: Nullable(Type.String()),
  inspection: Nullable(Type.Object({ passed: Type.Boolean(), findings: Type.String(), inspectedAt: Type.String() })),
  decision: Nullable(Type.Object({ outcome: Type.String(), outcomeLabel: Type.String(), reason: Type.String(), decidedAt: Type.String() })),
  /** The clock running now: the inspection's, then the decision's. */
  due: Nullable(Due),
  actions: Type.Array(Action),
});
export type SealRequestView = Static<typeof SealRequestView>;

export const SealView = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  version: Type.Integer(),
  agency: AgencyRef,
  caseId: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
  unit: Type.Object({ usci: Type.String(), name: Type.String() }),
  situation: SealSituation,
  situationLabel: Type.String(),
  legalBasis: Type.String(),
  scope: Type.String(),
  photoIds: Type.Array(Type.String()),
  mapPoint: Nullable(MapPoint),
  inspectedOn: Type.String(),
  termDays: Type.Integer(),
  emergency: Type.Boolean(),
  oralApproval: Nullable(Type.String()),
  confirmBy: Nullable(Type.String()),
  /** The collective discussion (staff only; the party sees that it took place). */
  collective: Nullable(Type.Object({ record: Nullable(Type.String()), participants: Type.Array(Type.String()), decidedAt: Type.String() })),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  extension: Nullable(Type.Object({ days: Type.Integer(), reason: Type.String(), extendedAt: Type.String() })),
  service: Nullable(Type.Object({ method: Type.String(), methodLabel: Type.String(), servedOn: Type.String(), trackingNumber: Nullable(Type.String()) })),
  lift: Nullable(Type.Object({ reason: Type.String(), liftedAt: Type.String() })),
  expiredAt: Nullable(Type.String()),
  officers: Type.Array(Type.Object({ userId: Type.String(), name: Type.String() })),
  /** The seal's own clocks (confirmation, service, term) that are running. */
  due: Type.Array(Due),
  requests: Type.Array(SealRequestView),
  /** The sealed 临时查封决定书 once decided, with the caller's own download route. */
  documents: Type.Array(CaseDocumentItem),
  /** What the caller may do next (staff steps, or the requests the unit may make now). */
  actions: Type.Array(Action),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type SealView = Static<typeof SealView>;

export const SealListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '搜索：单位名称、统一社会信用代码或决定书文号' })),
  status: Type.Optional(Type.String({ maxLength: 200, description: '状态，多个以逗号分隔' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 5, maximum: 100 })),
});
export type SealListQuery = Static<typeof SealListQuery>;
export const SealRow = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  unitName: Type.String(),
  usci: Type.String(),
  situationLabel: Type.String(),
  scope: Type.String(),
  emergency: Type.Boolean(),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  /** Requests of the unit waiting for the agency. */
  openRequests: Type.Integer(),
  createdAt: Type.String(),
});
export type SealRow = Static<typeof SealRow>;
export const SealPage = Type.Object({ items: Type.Array(SealRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type SealPage = Static<typeof SealPage>;
/** Params of a case document of the party's own case in the portal. */
export const CaseDocumentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), documentId: Type.String({ minLength: 1, maxLength: 64 }) });
export type CaseDocumentParams = Static<typeof CaseDocumentParams>;

/**
 * What the public sees of a penalty case's document by its verification code (ENF-04): the facts printed on
 * it (a person's name masked), and its standing now — valid, superseded by a new notice, or revoked with
 * the decision (行政处罚法 art. 48: a changed decision is withdrawn).
 */
export const PublicCaseDocumentStatusView = Type.Object({
  kind: Type.Union([
    Type.Literal('notice'),
    Type.Literal('hearing_notice'),
    Type.Literal('decision'),
    Type.Literal('no_penalty_decision'),
    Type.Literal('on_the_spot_decision'),
    Type.Literal('seal_decision'),
    /** A 火灾事故认定书 (FIR-03), verified on the same page. */
    Type.Literal('fire_determination'),
  ]),
  title: Type.String(),
  number: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('superseded'), Type.Literal('revoked')]),
  statusLabel: Type.String(),
  valid: Type.Boolean(),
  issuer: Type.String(),
  issuedOn: Type.String(),
  party: Type.String(),
  caseNumber: Nullable(Type.String()),
  qrSignatureValid: Nullable(Type.Boolean()),
  sealDigest: Type.String(),
});
export type PublicCaseDocumentStatusView = Static<typeof PublicCaseDocumentStatusView>;

/** A sealed case document (application/pdf). */
export const CaseDocumentPdfFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '行政处罚文书（application/pdf，带电子印章）' });

/* ------------------------------------------------------------------------------------------------------------
 * Online payment of fines (ENF-06)
 * ---------------------------------------------------------------------------------------------------------- */

/** POST /api/v1/portal/penalties/:id/payment-order: the order the party pays through the payment channel today. */
export const PaymentOrderView = Type.Object({
  orderNo: Type.String(),
  caseId: Type.String(),
  /** The fine and the late fee owed today (行政处罚法 art. 72), in yuan. */
  amount: Type.Number(),
  fine: Type.Number(),
  lateFee: Type.Number(),
  /** The day the amount is for: the order may be paid on that day only. */
  asOf: Type.String(),
  dueDate: Type.String(),
  /** The instalment of an approved schedule the order pays (art. 66 ¶2); null: the whole fine. */
  instalment: Nullable(Type.Integer()),
  channelLabel: Type.String(),
  channelRef: Type.String(),
  /** Where the party pays: the channel's cashier page, or (the test double) a page of this server by its path. */
  payUrl: Type.String(),
});
export type PaymentOrderView = Static<typeof PaymentOrderView>;

/**
 * POST /api/v1/payments/notifications (public; the channel's call): a payment made, signed with the channel
 * secret over the other fields (docs/operations.md). Replays of one transaction number record one payment.
 */
export const PaymentNotificationBody = Type.Object(
  {
    orderNo: Type.String({ minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    transactionNo: Type.String({ minLength: 4, maxLength: 60, pattern: '^[A-Za-z0-9_-]+$', description: '支付流水号（作为缴款凭证号）' }),
    amount: Type.String({ pattern: '^\\d{1,9}\\.\\d{2}$', description: '缴纳金额（元，两位小数）' }),
    paidAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})$', description: '缴款时间（ISO 8601）' }),
    signature: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type PaymentNotificationBody = Static<typeof PaymentNotificationBody>;
export const PaymentNotificationAnswer = Type.Object({
  result: Type.Union([Type.Literal('recorded'), Type.Literal('duplicate')]),
  orderNo: Type.String(),
});
export type PaymentNotificationAnswer = Static<typeof PaymentNotificationAnswer>;

/** The test double's pay page (demo and tests only): the channel reference in the path. */
export const TestChannelParams = Type.Object({ ref: Type.String({ minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9]+$' }) });
export type TestChannelParams = Static<typeof TestChannelParams>;
export const HtmlPage = Type.Unsafe<string>({ type: 'string', description: 'text/html' });
