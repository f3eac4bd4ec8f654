/**
 * Responses of the licensing routes, as apps/api/src/features/licensing/licensing.presenter.ts and
 * applications.routes.ts build them today. The policy values inside the guide are the domain's own schemas.
 */
import {
  checkItemsSchema,
  commitmentSchema,
  exemptionSchema,
  inspectionPathSchema,
  LICENSING_PATHS,
  materialsSchema,
  pendingDocumentsSchema,
  VENUE_KINDS,
  VERIFICATION_OUTCOMES,
} from '@fep/domain';
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { PublicCaseDocumentStatusView } from './enforcement.ts';
import { AgencyRef } from './org.ts';

const Path = Type.Union([Type.Literal('commitment'), Type.Literal('inspection')]);

/** A statutory clock as the presenters embed it in an application, task or order (`presentClock`). */
export const ClockSummaryView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  unit: Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days'), Type.Literal('hours')]),
  amount: Type.Number(),
  remaining: Type.Number(),
  status: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('stopped')]),
  statusLabel: Type.String(),
  startedAt: Type.String(),
  dueDate: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  provisional: Type.Boolean(),
  alert: Type.Union([Type.Literal('ok'), Type.Literal('due_soon'), Type.Literal('overdue')]),
  legalBasis: Type.Object({ document: Type.String(), clause: Nullable(Type.String()) }),
});
export type ClockSummaryView = Static<typeof ClockSummaryView>;

export const ChecklistItemView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  legalBasis: Type.String(),
  passed: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String()),
});

/** An inspection task (`presentTask`); GET /api/v1/inspection-tasks adds the task's clock. */
export const TaskView = Type.Object({
  id: Type.String(),
  purpose: Type.String(),
  purposeLabel: Type.String(),
  planId: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  mode: Nullable(Type.String()),
  applicationId: Nullable(Type.String()),
  licenceId: Nullable(Type.String()),
  usci: Type.String(),
  subject: Type.String(),
  venueAddress: Type.String(),
  status: Type.Union([Type.Literal('unassigned'), Type.Literal('assigned'), Type.Literal('done'), Type.Literal('cancelled')]),
  statusLabel: Type.String(),
  inspectors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  appointmentAt: Nullable(Type.String()),
  offHours: Type.Boolean(),
  checklist: Nullable(Type.Array(ChecklistItemView)),
  result: Nullable(Type.String()),
  findings: Nullable(Type.String()),
  clockId: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  clock: Type.Optional(Nullable(ClockSummaryView)),
});
export type TaskView = Static<typeof TaskView>;

/** How a permit was revoked (LIC-09): the reason, its legal basis, who revoked it and when. */
export const LicenceRevocationView = Type.Object({
  reason: Type.String(),
  legalBasis: Type.String(),
  by: Type.Optional(Type.String()),
  at: Type.Optional(Type.String()),
});
export type LicenceRevocationView = Static<typeof LicenceRevocationView>;

/** POST /api/v1/licences/:id/delivery, and the delivery inside a permit (LIC-10): in person or by post. */
export const LicenceDeliveryView = Type.Object({
  method: Type.String(),
  recipient: Type.String(),
  address: Type.Optional(Type.String()),
  trackingNo: Type.Optional(Type.String()),
  carrier: Type.Optional(Type.String()),
  recordedAt: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
});
export type LicenceDeliveryView = Static<typeof LicenceDeliveryView>;

/** A permit (`presentLicence`); masked for the public register (no delivery, application or policy). */
export const LicenceView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  revision: Type.Number(),
  verifyCode: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('amended'), Type.Literal('reissued'), Type.Literal('revoked')]),
  statusLabel: Type.String(),
  holder: Type.String(),
  usci: Type.String(),
  legalRepresentative: Type.String(),
  venue: Type.String(),
  venueAddress: Type.String(),
  venueKind: Type.String(),
  venueKindLabel: Type.String(),
  floorArea: Type.Number(),
  path: Path,
  issuedAt: Type.String(),
  supersededBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revocation: Nullable(LicenceRevocationView),
  delivery: Nullable(LicenceDeliveryView),
  applicationId: Type.Optional(Nullable(Type.String())),
  policyVersion: Type.Optional(Nullable(Type.String())),
});
export type LicenceView = Static<typeof LicenceView>;

/** An application in a list (`presentApplicationSummary`; contact masked). */
export const ApplicationSummaryView = Type.Object({
  id: Type.String(),
  referenceNo: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  path: Path,
  companyName: Type.String(),
  usci: Type.String(),
  venueName: Type.String(),
  venueKind: Type.String(),
  venueKindLabel: Type.String(),
  floorArea: Type.Number(),
  regionCode: Type.String(),
  contactName: Type.String(),
  contactPhone: Type.String(),
  submittedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  clockId: Nullable(Type.String()),
  licenceId: Nullable(Type.String()),
});
export type ApplicationSummaryView = Static<typeof ApplicationSummaryView>;

/** GET /api/v1/licensing/applications. */
export const ApplicationListView = Type.Object({
  items: Type.Array(ApplicationSummaryView),
  /** The id to pass as `after` for the next page; null on the last page. */
  next: Nullable(Type.String()),
});
export type ApplicationListView = Static<typeof ApplicationListView>;

export const NoticeItemView = Type.Object({ target: Type.String(), reason: Type.String() });
export type NoticeItemView = Static<typeof NoticeItemView>;

/** The exemption check of a submitted application (LIC-02): exempt or not, why, and the rule that matched. */
export const ExemptionOutcomeView = Type.Object({
  exempt: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  matched: Type.Optional(Nullable(exemptionSchema.properties.rules.items)),
  /** A value the rule needs is unknown (a blank optional 投资额 is never read as 0): exemption not decided on it. */
  undetermined: Type.Optional(Type.Boolean()),
});
export type ExemptionOutcomeView = Static<typeof ExemptionOutcomeView>;

/** How an application ended or was decided: granted / refused, rejected at intake, or withdrawn. */
export const ApplicationDecisionView = Type.Object({
  grant: Type.Optional(Type.Boolean()),
  reasons: Type.Optional(Type.Array(Type.String())),
  rejectedAtIntake: Type.Optional(Type.Boolean()),
  withdrawn: Type.Optional(Type.Boolean()),
  /** The applicant's reason for withdrawing. */
  reason: Type.Optional(Type.String()),
  basis: Type.Optional(Type.String()),
  /** Who decided and when (user id, ISO time). */
  by: Type.Optional(Type.String()),
  at: Type.Optional(Type.String()),
});
export type ApplicationDecisionView = Static<typeof ApplicationDecisionView>;

/** The whole application (`presentApplication`): clock, notices, tasks, licence and the caller's next actions. */
export const ApplicationView = Type.Object({
  ...ApplicationSummaryView.properties,
  legalRepresentative: Type.String(),
  venueAddress: Type.String(),
  investment: Nullable(Type.Number()),
  agencyId: Type.String(),
  materials: Type.Record(Type.String(), Type.Array(Type.String())),
  pendingDocuments: Type.Array(Type.String()),
  commitment: Nullable(Type.Object({ signerName: Type.String(), accepted: Type.Boolean(), signedAt: Type.Optional(Type.String()) })),
  appointmentPreference: Nullable(Type.Object({ date: Type.String(), period: Type.String(), note: Type.Optional(Type.String()) })),
  exemption: Nullable(ExemptionOutcomeView),
  policyVersions: Type.Record(Type.String(), Type.String()),
  decision: Nullable(ApplicationDecisionView),
  acceptedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  version: Type.Number(),
  clock: Nullable(ClockSummaryView),
  notices: Type.Array(Type.Object({ seq: Type.Number(), items: Type.Array(NoticeItemView), issuedAt: Type.String(), resolvedAt: Nullable(Type.String()) })),
  tasks: Type.Array(TaskView),
  licence: Nullable(LicenceView),
  allowedActions: Type.Array(Type.Object({ action: Type.String(), label: Type.String() })),
});
export type ApplicationView = Static<typeof ApplicationView>;

/** GET /api/v1/licensing/guide: the local rules an applicant reads before applying (SVC-01). */
export const LicensingGuideView = Type.Object({
  agency: AgencyRef,
  at: Type.String(),
  commitmentOffered: Type.Boolean(),
  commitment: commitmentSchema,
  inspection: inspectionPathSchema,
  materials: materialsSchema.properties.materials,
  conditions: materialsSchema.properties.conditions,
  pending: pendingDocumentsSchema,
  exemption: exemptionSchema,
  checkItems: checkItemsSchema.properties.items,
  legalReviewRequired: Type.Boolean(),
  policyVersions: Type.Record(Type.String(), Type.String()),
});
export type LicensingGuideView = Static<typeof LicensingGuideView>;
export type MaterialView = LicensingGuideView['materials'][number];

/** GET /api/v1/inspection-tasks/:id: the task with its clock and the saved field draft (stored as sent). */
export const TaskDetailView = Type.Object({ ...TaskView.properties, draft: Nullable(Type.Unknown()), clock: Nullable(ClockSummaryView) });
export type TaskDetailView = Static<typeof TaskDetailView>;

const LicenceChanges = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 200 }), Type.Number()]));
const Materials = Type.Record(Type.String({ pattern: '^[a-z_]{2,40}$' }), Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }));
/** POST /api/v1/licences/:id/requests: a change (LIC-08) or reissue (LIC-09) request. */
export const LicenceChangeRequest = Type.Object({
  kind: Type.Union([Type.Literal('amend'), Type.Literal('reissue')]),
  changes: LicenceChanges,
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  materials: Materials,
});
export type LicenceChangeRequest = Static<typeof LicenceChangeRequest>;
/** GET /api/v1/licence-requests: a pending change or reissue request with its permit. */
export const PendingLicenceRequestView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('amend'), Type.Literal('reissue')]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  changes: LicenceChanges,
  reason: Type.String(),
  requestedAt: Type.String(),
  number: Type.String(),
  venue: Type.String(),
  holder: Type.String(),
  licenceId: Type.String(),
});
export type PendingLicenceRequestView = Static<typeof PendingLicenceRequestView>;

const LicenceStatus = Type.Union([Type.Literal('valid'), Type.Literal('amended'), Type.Literal('reissued'), Type.Literal('revoked')]);
/** GET /api/v1/licences/verify/:code: what the public sees of a permit (LIC-07; personal data masked). */
export const PublicLicenceStatusView = Type.Object({
  status: LicenceStatus,
  statusLabel: Type.String(),
  valid: Type.Boolean(),
  number: Type.String(),
  revision: Type.Number(),
  holder: Type.String(),
  usci: Type.String(),
  legalRepresentative: Type.String(),
  venue: Type.String(),
  venueAddress: Type.String(),
  venueKind: Type.String(),
  floorArea: Type.Number(),
  path: Path,
  issuedAt: Type.String(),
  issuer: Type.String(),
  revokedAt: Nullable(Type.String()),
  revocation: Nullable(LicenceRevocationView),
  current: Nullable(Type.Object({ verifyCode: Type.String(), number: Type.String(), revision: Type.Number() })),
  qrSignatureValid: Nullable(Type.Boolean()),
  sealDigest: Type.String(),
});
export type PublicLicenceStatusView = Static<typeof PublicLicenceStatusView>;
const IntakeDocumentKind = Type.Union([Type.Literal('receipt'), Type.Literal('acceptance'), Type.Literal('correction'), Type.Literal('rejection')]);

/** What the public sees of an intake document (受理回执, 受理/补正/不予受理通知书) by its verification code. */
export const PublicDocumentStatusView = Type.Object({
  kind: IntakeDocumentKind,
  /** The document's title (受理通知书 …). */
  title: Type.String(),
  number: Type.String(),
  status: Type.Literal('valid'),
  statusLabel: Type.String(),
  valid: Type.Boolean(),
  issuer: Type.String(),
  issuedOn: Type.String(),
  applicant: Type.String(),
  reference: Type.String(),
  venue: Type.String(),
  /** Where the application stands now (已受理 …). */
  applicationStatusLabel: Type.String(),
  qrSignatureValid: Nullable(Type.Boolean()),
  sealDigest: Type.String(),
});
export type PublicDocumentStatusView = Static<typeof PublicDocumentStatusView>;

/** GET /api/v1/verify/:code: a permit, an intake document or a penalty case's document, whichever the code belongs to. */
export const VerifyCodeView = Type.Object({
  licence: Nullable(PublicLicenceStatusView),
  document: Nullable(PublicDocumentStatusView),
  penaltyDocument: Nullable(PublicCaseDocumentStatusView),
});
export type VerifyCodeView = Static<typeof VerifyCodeView>;

/** One intake document of an application, as the applicant's and the staff's pages list it. */
export const IntakeDocumentView = Type.Object({
  id: Type.String(),
  kind: IntakeDocumentKind,
  title: Type.String(),
  /** What the document is for, in a line. */
  purpose: Type.String(),
  number: Type.String(),
  issuedOn: Type.String(),
  verifyCode: Type.String(),
  statusLabel: Type.String(),
});
export type IntakeDocumentView = Static<typeof IntakeDocumentView>;

/** GET /api/v1/licensing/applications/:id/legal-documents: the documents, and the 办件查询 code for the applicant. */
export const ApplicationDocumentsView = Type.Object({
  documents: Type.Array(IntakeDocumentView),
  /** Shown to the applicant only (null for staff and before submission). */
  lookupCode: Nullable(Type.String()),
});
export type ApplicationDocumentsView = Static<typeof ApplicationDocumentsView>;

/** POST /api/v1/public/application-lookup: application number and 办件查询 code, no login. */
export const ApplicationLookupRequest = Type.Object({
  reference: Type.String({ minLength: 4, maxLength: 40 }),
  code: Type.String({ minLength: 8, maxLength: 8, pattern: '^[A-Za-z0-9]{8}$' }),
});
export type ApplicationLookupRequest = Static<typeof ApplicationLookupRequest>;

/** 办件查询 result: progress, the running time limit and the documents; nothing personal. */
export const ApplicationLookupView = Type.Object({
  reference: Type.String(),
  applicant: Type.String(),
  venue: Type.String(),
  agency: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  /** The current step in words (what happens next, who acts). */
  step: Type.String(),
  submittedOn: Nullable(Type.String()),
  deadline: Nullable(
    Type.Object({
      title: Type.String(),
      dueDate: Nullable(Type.String()),
      statusLabel: Type.String(),
      provisional: Type.Boolean(),
    }),
  ),
  documents: Type.Array(IntakeDocumentView),
});
export type ApplicationLookupView = Static<typeof ApplicationLookupView>;

/** POST /api/v1/licences/verify: the offline check of an uploaded permit PDF's seal. */
export const LicenceFileCheckView = Type.Object({
  sealValid: Type.Boolean(),
  reason: Nullable(Type.Union([Type.Literal('no_seal'), Type.Literal('digest_mismatch'), Type.Literal('bad_signature'), Type.Literal('unknown_key')])),
  message: Type.String(),
  status: Nullable(LicenceStatus),
  licence: Nullable(PublicLicenceStatusView),
  /** The intake document the sealed file is, when it is one. */
  document: Type.Optional(Nullable(PublicDocumentStatusView)),
  /** The penalty case's document the sealed file is, when it is one. */
  penaltyDocument: Type.Optional(Nullable(PublicCaseDocumentStatusView)),
});
export type LicenceFileCheckView = Static<typeof LicenceFileCheckView>;

/** One entry of the public register (ENF-07): granted or revoked permits, masked. */
export const LicenceRegisterItemView = Type.Object({
  number: Type.String(),
  status: LicenceStatus,
  statusLabel: Type.String(),
  holder: Type.String(),
  usci: Type.String(),
  legalRepresentative: Type.String(),
  venue: Type.String(),
  venueAddress: Type.String(),
  venueKind: Type.String(),
  issuedAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  verifyCode: Type.String(),
});
export type LicenceRegisterItemView = Static<typeof LicenceRegisterItemView>;
/** GET /api/v1/licences/register: the register and the revocation notices. */
export const LicenceRegisterView = Type.Object({
  items: Type.Array(LicenceRegisterItemView),
  notices: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), body: Type.String(), publishedAt: Type.String() })),
});
export type LicenceRegisterView = Static<typeof LicenceRegisterView>;

/** POST /api/v1/licensing/exemption-check (LIC-02, public). */
export const ExemptionCheckRequest = Type.Object({
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  venueKind: Type.Enum([...VENUE_KINDS]),
  floorArea: Type.Number({ minimum: 0, maximum: 10_000_000 }),
  investment: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
});
export type ExemptionCheckRequest = Static<typeof ExemptionCheckRequest>;
/** The answer of the exemption check: the rule in force, its legal basis and policy version. */
export const ExemptionCheckView = Type.Object({
  exempt: Type.Boolean(),
  /** Not exempt by the values given, but a threshold could not be judged: a value it needs was left blank (unknown, never 0). */
  undetermined: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  rule: Type.Object({
    text: Type.String(),
    exceptVenueKinds: exemptionSchema.properties.exceptVenueKinds,
    legalBasis: Type.String(),
    /** The version key decisions store (policy/resolver.ts); pages show `policyVersionLabel`. */
    policyVersion: Type.String(),
    /** Where the rule comes from, for people: “国家规定” or “江西省消防救援总队 第1版（2025-01-01起施行）”. */
    policyVersionLabel: Type.String(),
  }),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  commitmentOffered: Type.Boolean(),
  at: Type.String(),
});
export type ExemptionCheckView = Static<typeof ExemptionCheckView>;

/** The applicant's signature of the commitment (告知承诺书, LIC-03): who signs, and that they accept it. */
export const CommitmentSignature = Type.Object({ signerName: Type.String({ minLength: 2, maxLength: 40 }), accepted: Type.Boolean() });
export type CommitmentSignature = Static<typeof CommitmentSignature>;
/** When the applicant would like the opening check (LIC-11). */
export const AppointmentPreference = Type.Object({
  date: Type.String({ format: 'date' }),
  period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening'), Type.Literal('weekend')]),
  note: Type.Optional(Type.String({ maxLength: 200 })),
});
export type AppointmentPreference = Static<typeof AppointmentPreference>;

/** POST /api/v1/licensing/applications (with an Idempotency-Key) and PUT /api/v1/licensing/applications/:id (LIC-01). */
export const ApplicationRequest = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    venueKind: Type.Enum([...VENUE_KINDS]),
    floorArea: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
    investment: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
    companyName: Type.String({ minLength: 2, maxLength: 100 }),
    legalRepresentative: Type.String({ minLength: 2, maxLength: 40 }),
    contactName: Type.String({ minLength: 2, maxLength: 40 }),
    contactPhone: Type.String({ pattern: '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$' }),
    venueName: Type.String({ minLength: 2, maxLength: 100 }),
    venueAddress: Type.String({ minLength: 4, maxLength: 200 }),
    path: Type.Enum([...LICENSING_PATHS]),
    materials: Materials,
    commitment: Type.Optional(Nullable(CommitmentSignature)),
    appointmentPreference: Type.Optional(Nullable(AppointmentPreference)),
    applyDespiteExemption: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ApplicationRequest = Static<typeof ApplicationRequest>;

// ---- Request schemas of the licensing routes (validated by Fastify, published in OpenAPI) ----

/** `:id` of an application, permit, task or change request. */
export const LicensingIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
/** GET /api/v1/licensing/guide?region= (six-digit administrative division code). */
export const LicensingGuideQuery = Type.Object({ region: Type.String({ pattern: '^\\d{6}$' }) });
/** GET /api/v1/licensing/sample-forms/:code (the material code). */
export const SampleFormParams = Type.Object({ code: Type.String({ pattern: '^[a-z_]{2,40}$' }) });
/** GET /api/v1/licensing/applications: status filter (comma-separated) and keyset paging. */
export const ApplicationListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 200 })),
  after: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
/** POST …/notice: the one-time correction notice lists every problem at once (LIC-06). */
export const ApplicationNoticeRequest = Type.Object({
  items: Type.Array(
    Type.Object({
      /** A material (`material:<code>`) or a form field (`field:<name>`). */
      target: Type.Unsafe<`material:${string}` | `field:${string}`>(Type.String({ pattern: '^(material|field):[A-Za-z_]{2,40}$' })),
      reason: Type.String({ minLength: 2, maxLength: 300 }),
    }),
    { minItems: 1, maxItems: 30 },
  ),
});
export type ApplicationNoticeRequest = Static<typeof ApplicationNoticeRequest>;
/** POST …/reject: refusal at intake, with reasons. */
export const IntakeRejectionRequest = Type.Object({ reasons: Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { minItems: 1, maxItems: 20 }) });
/** POST …/accept: acceptance, optionally with documents still to come (容缺受理, LIC-05). */
export const AcceptApplicationRequest = Type.Object({
  pendingDocuments: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]{2,40}$' }), { maxItems: 20 })),
});
/** POST …/documents: the pending documents supplied later. */
export const SupplyDocumentsRequest = Type.Object({ materials: Materials });
/** POST …/assign (application or inspection task): two named inspectors (or drawn) and the appointment (LIC-11). */
export const InspectionAssignmentRequest = Type.Object({
  inspectorIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 2, maxItems: 2 })),
  appointmentAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});
export type InspectionAssignmentRequest = Static<typeof InspectionAssignmentRequest>;
const ChecklistAnswers = Type.Array(
  Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), passed: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) }),
  { minItems: 1, maxItems: 100 },
);
/** POST …/inspection: the on-site opening check's result (LIC-04). */
export const OpeningCheckRequest = Type.Object({
  checklist: ChecklistAnswers,
  findings: Type.String({ maxLength: 2000 }),
  documentsVerifiedOnSite: Type.Optional(Type.Boolean()),
});
/** POST …/legal-review: the legal review's opinion. */
export const LegalReviewRequest = Type.Object({ pass: Type.Boolean(), opinion: Type.String({ minLength: 2, maxLength: 2000 }) });
/** POST …/decision: grant or refuse, with reasons. */
export const ApplicationDecisionRequest = Type.Object({
  grant: Type.Boolean(),
  reasons: Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { maxItems: 20 }),
});
/** POST …/withdraw: the applicant withdraws, with a reason. */
export const WithdrawApplicationRequest = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) });
/** POST /api/v1/inspection-tasks/:id/verification: the commitment verification's outcome (LIC-03). */
export const CommitmentVerificationRequest = Type.Object({
  outcome: Type.Enum([...VERIFICATION_OUTCOMES]),
  checklist: ChecklistAnswers,
  findings: Type.String({ minLength: 2, maxLength: 2000 }),
  rectification: Type.Optional(
    Type.Object({
      items: Type.Array(Type.String({ minLength: 2, maxLength: 300 }), { minItems: 1, maxItems: 30 }),
      deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    }),
  ),
  serious: Type.Optional(Type.Boolean()),
});
export type CommitmentVerificationRequest = Static<typeof CommitmentVerificationRequest>;
/** POST /api/v1/licence-requests/:id/decision: approve or reject a change/reissue request. */
export const LicenceRequestDecisionRequest = Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) });
/** POST /api/v1/licences/:id/revoke: the reason and its legal basis (LIC-09). */
export const LicenceRevocationRequest = Type.Object({
  reason: Type.String({ minLength: 4, maxLength: 1000 }),
  legalBasis: Type.String({ minLength: 4, maxLength: 300 }),
});
/** POST /api/v1/licences/:id/delivery: in person or by post with the tracking number (LIC-10). */
export const LicenceDeliveryRequest = Type.Object({
  method: Type.Union([Type.Literal('in_person'), Type.Literal('post')]),
  recipient: Type.String({ minLength: 2, maxLength: 40 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  carrier: Type.Optional(Type.String({ maxLength: 40 })),
  trackingNo: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' })),
});
export type LicenceDeliveryRequest = Static<typeof LicenceDeliveryRequest>;
/** GET /api/v1/licences/verify/:code and its `s` (the QR signature, base64url). */
export const LicenceVerifyParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9]{12}$' }) });
export const LicenceVerifyQuery = Type.Object({ s: Type.Optional(Type.String({ maxLength: 120 })) });
/** GET /api/v1/licences/register: region, search term, page size. */
export const LicenceRegisterQuery = Type.Object({
  agency: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  q: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
/** GET /api/v1/licences?status= (comma-separated). */
export const LicenceListQuery = Type.Object({ status: Type.Optional(Type.String({ maxLength: 100 })) });
/** GET /api/v1/inspection-tasks: only mine, status filter (comma-separated). */
export const InspectionTaskListQuery = Type.Object({
  mine: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.String({ maxLength: 100 })),
  /** Keyset cursor of the next page (the X-Next-Cursor header of the previous one). */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

// ---- Further responses ----

/** GET /api/v1/licences. */
export const LicenceListView = Type.Array(LicenceView);
/** A change or reissue request of a permit, as GET /api/v1/licences/:id lists them. */
export const LicenceRequestView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('amend'), Type.Literal('reissue')]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  changes: LicenceChanges,
  reason: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  newLicenceId: Nullable(Type.String()),
});
export type LicenceRequestView = Static<typeof LicenceRequestView>;
/** GET /api/v1/licences/:id: the permit with its change and reissue requests. */
export const LicenceDetailView = Type.Object({ ...LicenceView.properties, requests: Type.Array(LicenceRequestView) });
export type LicenceDetailView = Static<typeof LicenceDetailView>;
/** POST /api/v1/licences/:id/requests (201): the request just filed. */
export const LicenceRequestCreatedView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('amend'), Type.Literal('reissue')]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
});
/** GET /api/v1/licence-requests. */
export const PendingLicenceRequestListView = Type.Array(PendingLicenceRequestView);
/** POST /api/v1/licence-requests/:id/decision: approved (with the new permit) or rejected. */
export const LicenceRequestDecisionView = Type.Object({
  status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
  licenceId: Type.Optional(Type.String()),
});
export type LicenceRequestDecisionView = Static<typeof LicenceRequestDecisionView>;
/** GET /api/v1/inspection-tasks. */
export const TaskListView = Type.Array(TaskView);
/** POST /api/v1/inspection-tasks/:id/verification: the outcome, the order it issued and whether the permit was revoked. */
export const CommitmentVerificationView = Type.Object({
  outcome: Type.Enum([...VERIFICATION_OUTCOMES]),
  rectificationOrderId: Type.Optional(Type.String()),
  rectificationOrderNumber: Type.Optional(Nullable(Type.String())),
  /** The rectification deadline (date, Beijing). */
  deadline: Type.Optional(Nullable(Type.String())),
  /** Serious false commitment: whether the permit was revoked in the same transaction. */
  revoked: Type.Optional(Type.Boolean()),
});
export type CommitmentVerificationView = Static<typeof CommitmentVerificationView>;
/** A PDF download (sample forms, permits): `application/pdf`, no JSON body. */
export const LicensingPdfFile = Type.Unsafe<Uint8Array>(Type.String({ format: 'binary', description: 'application/pdf' }));
