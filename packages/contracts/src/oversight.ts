/**
 * Enforcement oversight (apps/api/src/features/oversight): interference records (ENF-08), complaints about
 * officers through a public channel (OVS-03), case file review and the officer's enforcement file (OVS-02).
 */
import {
  CASE_FILE_KINDS,
  CASE_REVIEW_GRADES,
  COMPLAINT_FINDINGS,
  INTERFERENCE_ACTS,
  INTERFERENCE_CHANNELS,
  INTERFERENCE_ROLES,
  OFFICER_COMPLAINT_STATUSES,
} from '@fep/domain';
import { type Static, Type } from 'typebox';
import { Nullable, PageOf, PageParams, SortOrder } from './common.ts';

/** One of a domain's fixed values (a union of constants in the JSON Schema, the value type for TypeScript). */
const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份，YYYY-MM（北京时间）' });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });
/** A person's name as typed (Chinese names, or a foreign name with spaces and dots). */
const PersonName = Type.String({ minLength: 1, maxLength: 40 });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const InterferenceRole = OneOf(INTERFERENCE_ROLES);
export const InterferenceChannel = OneOf(INTERFERENCE_CHANNELS);
export const InterferenceAct = OneOf(INTERFERENCE_ACTS);
export const OfficerComplaintStatus = OneOf(OFFICER_COMPLAINT_STATUSES);
export const ComplaintFinding = OneOf(COMPLAINT_FINDINGS);
export const CaseFileKind = OneOf(CASE_FILE_KINDS);
export const CaseReviewGrade = OneOf(CASE_REVIEW_GRADES);

// ---- interference records (ENF-08) ------------------------------------------------------------

/** POST /api/v1/oversight/interference: what the officer approached about a case records. */
export const InterferenceRecordRequest = Type.Object({
  personName: PersonName,
  /** 单位及职务 of the person who asked. */
  personPosition: Type.String({ minLength: 2, maxLength: 100 }),
  role: InterferenceRole,
  channel: InterferenceChannel,
  act: InterferenceAct,
  occurredAt: Instant,
  /** The case: its number, or the id of the case file, as text (no link: the case file is another feature's). */
  caseReference: Type.String({ minLength: 2, maxLength: 100 }),
  content: Type.String({ minLength: 4, maxLength: 2000 }),
  /** How the officer responded (refused, reported …). */
  response: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type InterferenceRecordRequest = Static<typeof InterferenceRecordRequest>;

export const InterferenceRecordView = Type.Object({
  id: Type.String(),
  agency: Named,
  recordedBy: Named,
  personName: Type.String(),
  personPosition: Type.String(),
  role: InterferenceRole,
  roleLabel: Type.String(),
  channel: InterferenceChannel,
  channelLabel: Type.String(),
  act: InterferenceAct,
  actLabel: Type.String(),
  occurredAt: Type.String(),
  caseReference: Type.String(),
  content: Type.String(),
  response: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type InterferenceRecordView = Static<typeof InterferenceRecordView>;

/** GET /api/v1/oversight/interference: oversight staff see their agency and those below; `mine` = recorded by me. */
export const InterferenceListQuery = Type.Object({
  ...PageParams,
  mine: Type.Optional(Type.Boolean()),
  month: Type.Optional(Month),
  role: Type.Optional(InterferenceRole),
  channel: Type.Optional(InterferenceChannel),
  sort: Type.Optional(Type.Union([Type.Literal('occurredAt'), Type.Literal('createdAt')])),
});
export type InterferenceListQuery = Static<typeof InterferenceListQuery>;
export const InterferencePage = PageOf(InterferenceRecordView);
export type InterferencePage = Static<typeof InterferencePage>;

/** GET /api/v1/oversight/interference/report?month=: the monthly report of the caller's agency and those below. */
export const InterferenceReportQuery = Type.Object({ month: Month });
export type InterferenceReportQuery = Static<typeof InterferenceReportQuery>;

const Count = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });
export const InterferenceReportView = Type.Object({
  month: Type.String(),
  total: Type.Integer(),
  agencies: Type.Array(
    Type.Object({
      agency: Named,
      total: Type.Integer(),
      byChannel: Type.Array(Count),
      byRole: Type.Array(Count),
    }),
  ),
  items: Type.Array(InterferenceRecordView),
});
export type InterferenceReportView = Static<typeof InterferenceReportView>;

// ---- complaints about officers (OVS-03, 消防法 art. 57) ------------------------------------------

/** POST /api/v1/public/officer-complaints (no login): anyone reports an officer's illegal act. */
export const OfficerComplaintRequest = Type.Object({
  /** Where it happened: decides the agency that handles it (six-digit region code). */
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  officerName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  /** 执法证号 or badge number, if known. */
  officerBadge: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  occurredOn: Type.Optional(Nullable(DateStr)),
  account: Type.String({ minLength: 10, maxLength: 3000 }),
  complainantName: Type.Optional(Nullable(PersonName)),
  complainantPhone: Type.Optional(Nullable(Phone)),
});
export type OfficerComplaintRequest = Static<typeof OfficerComplaintRequest>;

/** The answer of a submission: the tracking code is shown once and never stored in clear. */
export const OfficerComplaintReceipt = Type.Object({
  trackingCode: Type.String(),
  agencyName: Type.String(),
  submittedAt: Type.String(),
  statusLabel: Type.String(),
});
export type OfficerComplaintReceipt = Static<typeof OfficerComplaintReceipt>;

/** GET /api/v1/public/officer-complaints/:code: progress and reply, nothing personal. */
export const OfficerComplaintCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export type OfficerComplaintCodeParams = Static<typeof OfficerComplaintCodeParams>;
export const OfficerComplaintStatusView = Type.Object({
  agencyName: Type.String(),
  status: OfficerComplaintStatus,
  statusLabel: Type.String(),
  step: Type.String(),
  submittedAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  findingLabel: Nullable(Type.String()),
  reply: Nullable(Type.String()),
});
export type OfficerComplaintStatusView = Static<typeof OfficerComplaintStatusView>;

/** A complaint in the staff queue: the complainant's contact masked. */
export const OfficerComplaintView = Type.Object({
  id: Type.String(),
  agency: Named,
  regionCode: Type.String(),
  officerName: Nullable(Type.String()),
  officerBadge: Nullable(Type.String()),
  occurredOn: Nullable(Type.String()),
  account: Type.String(),
  complainantName: Type.String({ description: '已脱敏' }),
  complainantPhone: Type.String({ description: '已脱敏' }),
  anonymous: Type.Boolean(),
  status: OfficerComplaintStatus,
  statusLabel: Type.String(),
  submittedAt: Type.String(),
  handler: Nullable(Named),
  acceptedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  finding: Nullable(ComplaintFinding),
  findingLabel: Nullable(Type.String()),
  reply: Nullable(Type.String()),
});
export type OfficerComplaintView = Static<typeof OfficerComplaintView>;

export const OfficerComplaintListQuery = Type.Object({
  ...PageParams,
  status: Type.Optional(OfficerComplaintStatus),
  sort: Type.Optional(Type.Literal('submittedAt')),
});
export type OfficerComplaintListQuery = Static<typeof OfficerComplaintListQuery>;
export const OfficerComplaintPage = PageOf(OfficerComplaintView);
export type OfficerComplaintPage = Static<typeof OfficerComplaintPage>;

export const OfficerComplaintIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type OfficerComplaintIdParams = Static<typeof OfficerComplaintIdParams>;
/** POST …/:id/conclude: the finding and the reply the complainant reads. */
export const OfficerComplaintConcludeRequest = Type.Object({ finding: ComplaintFinding, reply: Type.String({ minLength: 4, maxLength: 3000 }) });
export type OfficerComplaintConcludeRequest = Static<typeof OfficerComplaintConcludeRequest>;
/** POST …/:id/decline: why it is not handled here and where it belongs. */
export const OfficerComplaintDeclineRequest = Type.Object({ reply: Type.String({ minLength: 4, maxLength: 3000 }) });
export type OfficerComplaintDeclineRequest = Static<typeof OfficerComplaintDeclineRequest>;
/** POST …/:id/contact: the complainant's contact in clear, for the handler's call back (the read is recorded). */
export const OfficerComplaintContactView = Type.Object({ complainantName: Nullable(Type.String()), complainantPhone: Nullable(Type.String()) });
export type OfficerComplaintContactView = Static<typeof OfficerComplaintContactView>;

// ---- case file review and the officer's file (OVS-02) -------------------------------------------

/** GET /api/v1/oversight/case-reviews/checklist: the checklist in force for the caller's agency. */
export const CaseReviewChecklistView = Type.Object({
  policyVersion: Type.String(),
  vetoItems: Type.Array(Type.Object({ code: Type.String(), text: Type.String(), legalBasis: Type.String() })),
  items: Type.Array(Type.Object({ code: Type.String(), section: Type.String(), text: Type.String(), points: Type.Number(), legalBasis: Type.String() })),
  grades: Type.Object({ excellent: Type.Number(), pass: Type.Number() }),
  fileKinds: Type.Array(Type.Object({ value: CaseFileKind, label: Type.String() })),
});
export type CaseReviewChecklistView = Static<typeof CaseReviewChecklistView>;

/** POST /api/v1/oversight/case-reviews: a reviewer scores one case file item by item. */
export const CaseReviewRequest = Type.Object({
  caseReference: Type.String({ minLength: 2, maxLength: 100 }),
  fileKind: CaseFileKind,
  /** The handling officers (user ids of staff in the reviewer's jurisdiction). */
  officerIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 6, uniqueItems: true }),
  veto: Type.Array(Type.Object({ code: Type.String({ maxLength: 41 }), passed: Type.Boolean(), remark: Type.Optional(Type.String({ maxLength: 500 })) }), {
    maxItems: 50,
  }),
  items: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 41 }),
      deducted: Type.Number({ minimum: 0, maximum: 100 }),
      remark: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    { maxItems: 100 },
  ),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type CaseReviewRequest = Static<typeof CaseReviewRequest>;

export const CaseReviewView = Type.Object({
  id: Type.String(),
  agency: Named,
  caseReference: Type.String(),
  fileKind: CaseFileKind,
  fileKindLabel: Type.String(),
  reviewer: Named,
  officers: Type.Array(Named),
  total: Type.Number(),
  grade: CaseReviewGrade,
  gradeLabel: Type.String(),
  vetoFailed: Type.Array(Type.Object({ code: Type.String(), text: Type.String(), remark: Nullable(Type.String()) })),
  lines: Type.Array(
    Type.Object({
      code: Type.String(),
      section: Type.String(),
      text: Type.String(),
      points: Type.Number(),
      deducted: Type.Number(),
      score: Type.Number(),
      remark: Nullable(Type.String()),
    }),
  ),
  comment: Nullable(Type.String()),
  policyVersion: Type.String(),
  reviewedAt: Type.String(),
});
export type CaseReviewView = Static<typeof CaseReviewView>;

export const CaseReviewListQuery = Type.Object({
  ...PageParams,
  grade: Type.Optional(CaseReviewGrade),
  fileKind: Type.Optional(CaseFileKind),
  officerId: Type.Optional(Type.String({ maxLength: 64 })),
  sort: Type.Optional(Type.Union([Type.Literal('reviewedAt'), Type.Literal('total')])),
});
export type CaseReviewListQuery = Static<typeof CaseReviewListQuery>;
export const CaseReviewPage = PageOf(CaseReviewView);
export type CaseReviewPage = Static<typeof CaseReviewPage>;

/** GET /api/v1/oversight/case-reviews/summary: average scores per agency and per officer in the caller's scope. */
export const CaseReviewSummaryQuery = Type.Object({ from: Type.Optional(DateStr), to: Type.Optional(DateStr) });
export type CaseReviewSummaryQuery = Static<typeof CaseReviewSummaryQuery>;
const Average = { reviews: Type.Integer(), average: Nullable(Type.Number()), failed: Type.Integer() };
export const CaseReviewSummaryView = Type.Object({
  agencies: Type.Array(Type.Object({ agency: Named, ...Average })),
  officers: Type.Array(Type.Object({ officer: Named, agencyName: Type.String(), ...Average })),
});
export type CaseReviewSummaryView = Static<typeof CaseReviewSummaryView>;

/** GET /api/v1/oversight/officers: the staff of the caller's jurisdiction with certificate and average score. */
export const OfficerListQuery = Type.Object({ ...PageParams, sort: Type.Optional(Type.Literal('name')), order: Type.Optional(SortOrder) });
export type OfficerListQuery = Static<typeof OfficerListQuery>;
const Certification = Type.Object({ certificateNo: Type.String(), certifiedUntil: Type.String(), valid: Type.Boolean(), active: Type.Boolean() });
export const OfficerRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  agency: Named,
  roleLabels: Type.Array(Type.String()),
  certification: Nullable(Certification),
  reviews: Type.Integer(),
  average: Nullable(Type.Number()),
});
export type OfficerRow = Static<typeof OfficerRow>;
export const OfficerPage = PageOf(OfficerRow);
export type OfficerPage = Static<typeof OfficerPage>;

export const OfficerIdParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
export type OfficerIdParams = Static<typeof OfficerIdParams>;

/** POST /api/v1/oversight/officers/:userId/training: one course attended. */
export const TrainingRecordRequest = Type.Object({
  course: Type.String({ minLength: 2, maxLength: 200 }),
  hours: Type.Number({ minimum: 0.5, maximum: 500, multipleOf: 0.5 }),
  completedOn: DateStr,
});
export type TrainingRecordRequest = Static<typeof TrainingRecordRequest>;
export const TrainingRecordView = Type.Object({
  id: Type.String(),
  course: Type.String(),
  hours: Type.Number(),
  completedOn: Type.String(),
  recordedBy: Named,
  createdAt: Type.String(),
});
export type TrainingRecordView = Static<typeof TrainingRecordView>;

/** GET /api/v1/oversight/officers/:userId/file: the officer's enforcement file (执法档案). */
export const OfficerFileView = Type.Object({
  officer: Type.Object({ id: Type.String(), name: Type.String(), agency: Named, roleLabels: Type.Array(Type.String()) }),
  certification: Nullable(Certification),
  reviews: Type.Object({ count: Type.Integer(), average: Nullable(Type.Number()), items: Type.Array(CaseReviewView) }),
  interference: Type.Array(InterferenceRecordView),
  training: Type.Object({ totalHours: Type.Number(), items: Type.Array(TrainingRecordView) }),
});
export type OfficerFileView = Static<typeof OfficerFileView>;
