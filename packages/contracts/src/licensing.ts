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
} from '@fep/domain';
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
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
  revocation: Nullable(Type.Object({ reason: Type.String(), legalBasis: Type.String() })),
  delivery: Nullable(
    Type.Object({
      method: Type.String(),
      recipient: Type.String(),
      address: Type.Optional(Type.String()),
      trackingNo: Type.Optional(Type.String()),
      carrier: Type.Optional(Type.String()),
    }),
  ),
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
export const ApplicationListView = Type.Object({ items: Type.Array(ApplicationSummaryView) });
export type ApplicationListView = Static<typeof ApplicationListView>;

export const NoticeItemView = Type.Object({ target: Type.String(), reason: Type.String() });
export type NoticeItemView = Static<typeof NoticeItemView>;

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
  exemption: Nullable(Type.Object({ exempt: Type.Boolean(), reasons: Type.Array(Type.String()) })),
  policyVersions: Type.Record(Type.String(), Type.String()),
  decision: Nullable(
    Type.Object({
      grant: Type.Optional(Type.Boolean()),
      reasons: Type.Optional(Type.Array(Type.String())),
      rejectedAtIntake: Type.Optional(Type.Boolean()),
      withdrawn: Type.Optional(Type.Boolean()),
      basis: Type.Optional(Type.String()),
    }),
  ),
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
  revocation: Nullable(Type.Object({ reason: Type.String(), legalBasis: Type.String() })),
  current: Nullable(Type.Object({ verifyCode: Type.String(), number: Type.String(), revision: Type.Number() })),
  qrSignatureValid: Nullable(Type.Boolean()),
  sealDigest: Type.String(),
});
export type PublicLicenceStatusView = Static<typeof PublicLicenceStatusView>;
/** POST /api/v1/licences/verify: the offline check of an uploaded permit PDF's seal. */
export const LicenceFileCheckView = Type.Object({
  sealValid: Type.Boolean(),
  reason: Nullable(Type.Union([Type.Literal('no_seal'), Type.Literal('digest_mismatch'), Type.Literal('bad_signature'), Type.Literal('unknown_key')])),
  message: Type.String(),
  status: Nullable(LicenceStatus),
  licence: Nullable(PublicLicenceStatusView),
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
  reasons: Type.Array(Type.String()),
  rule: Type.Object({
    text: Type.String(),
    exceptVenueKinds: exemptionSchema.properties.exceptVenueKinds,
    legalBasis: Type.String(),
    policyVersion: Type.String(),
  }),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  commitmentOffered: Type.Boolean(),
  at: Type.String(),
});
export type ExemptionCheckView = Static<typeof ExemptionCheckView>;

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
    commitment: Type.Optional(Nullable(Type.Object({ signerName: Type.String({ minLength: 2, maxLength: 40 }), accepted: Type.Boolean() }))),
    appointmentPreference: Type.Optional(
      Nullable(
        Type.Object({
          date: Type.String({ format: 'date' }),
          period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening'), Type.Literal('weekend')]),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      ),
    ),
    applyDespiteExemption: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ApplicationRequest = Static<typeof ApplicationRequest>;
