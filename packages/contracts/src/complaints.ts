import { type Static, Type } from 'typebox';
import { LegalBasis, Nullable, PageOf, PageParams } from './common.ts';

/**
 * Hazard reports and complaints (CMP-01 … CMP-04, SUP-06, MON-03). The reporter's identity appears in one
 * view only — `reporter` of the complaint view, filled for the intake role of the handling agency — and in
 * no list, export, public page, Open311 answer or partner answer.
 */
const Category = Type.String({ minLength: 1, maxLength: 40, description: '举报类别代码，见 GET /api/v1/complaints/categories' });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const Usci = Type.String({ pattern: '^[0-9A-Za-z]{18}$' });
const PersonName = Type.String({ minLength: 1, maxLength: 40 });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$' });
const IdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' });
const Instant = Type.String({ format: 'date-time' });

export const ComplaintStatus = Type.Union([
  Type.Literal('received'),
  Type.Literal('verifying'),
  Type.Literal('verified'),
  Type.Literal('closed'),
  Type.Literal('duplicate'),
]);
export const ComplaintChannel = Type.Union([
  Type.Literal('portal'),
  Type.Literal('snapshot'),
  Type.Literal('hotline_96119'),
  Type.Literal('hotline_12345'),
  Type.Literal('window'),
  Type.Literal('open311'),
]);
export const ComplaintOutcome = Type.Union([Type.Literal('founded'), Type.Literal('partly_founded'), Type.Literal('unfounded')]);

export const ComplaintCategoriesQuery = Type.Object({ region: RegionCode });
export const ComplaintCategoryView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  limit: Type.Object({ unit: Type.Union([Type.Literal('hours'), Type.Literal('working_days')]), amount: Type.Integer(), label: Type.String() }),
  legalBasis: LegalBasis,
});
export const ComplaintCategoriesView = Type.Object({ regionCode: Type.String(), policyVersion: Type.String(), categories: Type.Array(ComplaintCategoryView) });
export type ComplaintCategoriesView = Static<typeof ComplaintCategoriesView>;

const Reporter = Type.Object(
  { name: Type.Optional(PersonName), phone: Type.Optional(Phone), idNumber: Type.Optional(IdNumber) },
  { additionalProperties: false },
);
export const Location = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    /** The datum of the point: WGS84 (GPS, the default) or GCJ-02 (a Chinese map); stored as WGS84. */
    system: Type.Optional(Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')])),
  },
  { additionalProperties: false },
);

/** POST /api/v1/public/complaints (no login): the portal form and 随手拍 (photos and a location). */
export const PublicComplaintRequest = Type.Object(
  {
    regionCode: RegionCode,
    category: Category,
    description: Type.String({ minLength: 5, maxLength: 3000 }),
    unitUsci: Type.Optional(Nullable(Usci)),
    location: Type.Optional(Nullable(Location)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    photos: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 9 })),
    anonymous: Type.Boolean(),
    reporter: Type.Optional(Nullable(Reporter)),
  },
  { additionalProperties: false },
);
export type PublicComplaintRequest = Static<typeof PublicComplaintRequest>;
export const PublicComplaintReceipt = Type.Object({
  /** Null when the report went to the oversight channel (it has no hazard report). */
  id: Nullable(Type.String()),
  trackingCode: Type.String(),
  verifyBy: Nullable(Type.String()),
  agencyName: Type.String(),
  /** Set when the report is about an officer: it went to the oversight channel (消防法 art. 57), not here. */
  routedTo: Type.Optional(Type.Literal('oversight')),
});
export type PublicComplaintReceipt = Static<typeof PublicComplaintReceipt>;

export const TrackingCodeParams = Type.Object({ trackingCode: Type.String({ minLength: 1, maxLength: 40 }) });
export const PublicComplaintStatusView = Type.Object({
  agencyName: Type.String(),
  categoryName: Type.String(),
  status: ComplaintStatus,
  statusLabel: Type.String(),
  receivedAt: Type.String(),
  verifyBy: Type.String(),
  verifiedAt: Nullable(Type.String()),
  outcomeLabel: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  feedbackAt: Nullable(Type.String()),
  reward: Nullable(
    Type.Object({ statusLabel: Type.String(), amount: Nullable(Type.Integer()), reason: Nullable(Type.String()), claimBy: Nullable(Type.String()) }),
  ),
});
export type PublicComplaintStatusView = Static<typeof PublicComplaintStatusView>;
export const RewardClaimRequest = Type.Object(
  { payeeName: PersonName, account: Type.String({ minLength: 4, maxLength: 60, description: '收款账户（银行卡号或支付账户）' }) },
  { additionalProperties: false },
);
export const ReopenRequest = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 1000 }) }, { additionalProperties: false });

/** POST /api/v1/complaints: a clerk records a call or a visit. */
export const StaffComplaintRequest = Type.Object(
  {
    channel: Type.Union([Type.Literal('hotline_96119'), Type.Literal('hotline_12345'), Type.Literal('window')]),
    receivedAt: Instant,
    regionCode: RegionCode,
    category: Category,
    description: Type.String({ minLength: 5, maxLength: 3000 }),
    unitUsci: Type.Optional(Nullable(Usci)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    location: Type.Optional(Nullable(Location)),
    anonymous: Type.Boolean(),
    reporter: Type.Optional(Nullable(Reporter)),
    /** 12345 work-order number when a call came through the 12345 hotline. */
    externalRef: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  },
  { additionalProperties: false },
);
export type StaffComplaintRequest = Static<typeof StaffComplaintRequest>;

export const ComplaintClock = Type.Object({
  dueAt: Type.String(),
  /** The last working day for working-day limits; absent for hour limits. */
  dueDate: Type.Optional(Type.String()),
  unit: Type.Union([Type.Literal('hours'), Type.Literal('working_days')]),
  amount: Type.Integer(),
  label: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('met'), Type.Literal('late'), Type.Literal('overdue')]),
  stateLabel: Type.String(),
});
export const ReporterView = Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()), idNumber: Nullable(Type.String()) });
export const ComplaintView = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  regionCode: Type.String(),
  channel: ComplaintChannel,
  channelLabel: Type.String(),
  category: Type.String(),
  categoryName: Type.String(),
  reportedCategory: Type.String(),
  description: Type.String(),
  unitUsci: Nullable(Type.String()),
  address: Nullable(Type.String()),
  location: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), system: Type.Literal('wgs84'), receivedAs: Type.String() })),
  photos: Type.Array(Type.String()),
  anonymous: Type.Boolean(),
  anonymityLabel: Type.String(),
  status: ComplaintStatus,
  statusLabel: Type.String(),
  receivedAt: Type.String(),
  clock: ComplaintClock,
  duplicateOf: Nullable(Type.String()),
  duplicates: Type.Array(Type.String()),
  taskId: Nullable(Type.String()),
  outcome: Nullable(ComplaintOutcome),
  outcomeLabel: Nullable(Type.String()),
  findings: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  feedbackImpossible: Nullable(Type.String()),
  feedbackAt: Nullable(Type.String()),
  externalRef: Nullable(Type.String()),
  satisfactionLabel: Nullable(Type.String()),
  reward: Nullable(
    Type.Object({
      status: Type.String(),
      statusLabel: Type.String(),
      amount: Nullable(Type.Integer()),
      reason: Nullable(Type.String()),
      claimBy: Nullable(Type.String()),
      paidAt: Nullable(Type.String()),
    }),
  ),
  returnVisits: Type.Array(Type.Object({ visitedAt: Type.String(), satisfied: Type.Boolean(), note: Nullable(Type.String()), sourceLabel: Type.String() })),
  /** Only for the intake role of the handling agency; each reveal is recorded. */
  reporter: Nullable(ReporterView),
  /** Whether the reporter left contact details (without showing them). */
  hasContact: Type.Boolean(),
});
export type ComplaintView = Static<typeof ComplaintView>;

export const ComplaintIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const ComplaintListQuery = Type.Object({
  ...PageParams,
  status: Type.Optional(ComplaintStatus),
  channel: Type.Optional(ComplaintChannel),
  category: Type.Optional(Category),
});
export type ComplaintListQuery = Static<typeof ComplaintListQuery>;
export const ComplaintRow = Type.Object({
  id: Type.String(),
  agencyName: Type.String(),
  channelLabel: Type.String(),
  categoryName: Type.String(),
  description: Type.String(),
  address: Nullable(Type.String()),
  status: ComplaintStatus,
  statusLabel: Type.String(),
  receivedAt: Type.String(),
  clock: ComplaintClock,
});
export const ComplaintPage = PageOf(ComplaintRow);
export type ComplaintPage = Static<typeof ComplaintPage>;

export const ComplaintMapQuery = Type.Object({
  minLat: Type.Number({ minimum: -90, maximum: 90 }),
  maxLat: Type.Number({ minimum: -90, maximum: 90 }),
  minLng: Type.Number({ minimum: -180, maximum: 180 }),
  maxLng: Type.Number({ minimum: -180, maximum: 180 }),
  since: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
});
export const ComplaintMapView = Type.Object({
  points: Type.Array(Type.Object({ id: Type.String(), lat: Type.Number(), lng: Type.Number(), category: Type.String(), status: ComplaintStatus })),
  truncated: Type.Boolean(),
});

export const ComplaintFiguresQuery = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
});
const FigureRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  received: Type.Integer(),
  verified: Type.Integer(),
  verifiedInTime: Type.Integer(),
  founded: Type.Integer(),
  fixed: Type.Integer(),
  rewarded: Type.Integer(),
});
export const ComplaintFiguresView = Type.Object({ byChannel: Type.Array(FigureRow), byAgency: Type.Array(FigureRow), total: FigureRow });

export const CategoryChangeRequest = Type.Object(
  { category: Category, reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export const TransferRequest = Type.Object({ regionCode: RegionCode, reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export const DuplicateLinkRequest = Type.Object({ originalId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const DuplicateSuggestionsView = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      reasonLabel: Type.String(),
      categoryName: Type.String(),
      description: Type.String(),
      receivedAt: Type.String(),
      statusLabel: Type.String(),
    }),
  ),
});
export const VerificationRequest = Type.Object(
  { usci: Type.Optional(Nullable(Usci)), inspectorIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 2, maxItems: 2 }) },
  { additionalProperties: false },
);
export const OutcomeRequest = Type.Object(
  { outcome: ComplaintOutcome, findings: Type.String({ minLength: 2, maxLength: 3000 }) },
  { additionalProperties: false },
);
export const FeedbackRequest = Type.Object(
  {
    feedback: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 3000 }))),
    /** Where telling the reporter is impossible (anonymous without contact), the register says why. */
    impossibleReason: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const ReturnVisitRequest = Type.Object(
  { satisfied: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  { additionalProperties: false },
);
export const RewardDecisionRequest = Type.Object(
  {
    /** The decider checked whether the reporter is fire staff or a relative of one. */
    excludedPerson: Type.Boolean(),
    fine: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  },
  { additionalProperties: false },
);
export const RewardPaymentRequest = Type.Object({ paymentRef: Type.String({ minLength: 2, maxLength: 60 }) }, { additionalProperties: false });

/** 12345 partner API: a work order pushed by the 12345 platform (signed, idempotent on its number). */
export const WorkOrderRequest = Type.Object(
  {
    workOrderNo: Type.String({ minLength: 1, maxLength: 60 }),
    regionCode: RegionCode,
    category: Category,
    content: Type.String({ minLength: 5, maxLength: 3000 }),
    receivedAt: Instant,
    /** The deadline the 12345 platform sets (it may be earlier than the statutory one). */
    deadline: Type.Optional(Nullable(Instant)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    unitUsci: Type.Optional(Nullable(Usci)),
    caller: Type.Optional(Nullable(Type.Object({ name: Type.Optional(PersonName), phone: Type.Optional(Phone) }, { additionalProperties: false }))),
    confidential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type WorkOrderRequest = Static<typeof WorkOrderRequest>;
export const WorkOrderAck = Type.Object({
  workOrderNo: Type.String(),
  complaintId: Type.String(),
  accepted: Type.Boolean(),
  verifyBy: Type.String(),
  agencyName: Type.String(),
});
export const WorkOrderNoParams = Type.Object({ workOrderNo: Type.String({ minLength: 1, maxLength: 60 }) });
export const WorkOrderProgressView = Type.Object({
  workOrderNo: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  progress: Type.Array(Type.Object({ at: Type.String(), text: Type.String() })),
  result: Nullable(Type.Object({ outcomeLabel: Type.String(), findings: Type.String(), feedback: Nullable(Type.String()) })),
});
export const WorkOrderEvaluationRequest = Type.Object(
  { satisfied: Type.Boolean(), comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  { additionalProperties: false },
);

/** Open311 keys (an administrator issues one per client). */
export const Open311KeyRequest = Type.Object({ name: Type.String({ minLength: 2, maxLength: 60 }) }, { additionalProperties: false });
export const Open311KeyView = Type.Object({ id: Type.String(), name: Type.String(), apiKey: Type.String(), createdAt: Type.String() });

/** Downloads: the CSV export (text/csv) and a report photo (image/jpeg, image/png or image/webp). */
export const ComplaintCsvFile = Type.Unsafe<Uint8Array | AsyncIterable<unknown>>(
  Type.String({ format: 'binary', description: '举报投诉清单（text/csv，不含举报人信息）' }),
);
export const ComplaintPhotoFile = Type.Unsafe<Uint8Array | AsyncIterable<unknown>>(
  Type.String({ format: 'binary', description: '举报照片（image/jpeg、image/png 或 image/webp）' }),
);
export const ComplaintPhotoParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), photoId: Type.String({ minLength: 1, maxLength: 64 }) });
export const ComplaintPhotoReceipt = Type.Object({ id: Type.String(), size: Type.Integer(), contentType: Type.String() });
export const RewardClaimReceipt = Type.Object({ statusLabel: Type.String(), amount: Nullable(Type.Integer()), claimBy: Nullable(Type.String()) });
export const PartnerKeyRequest = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 60 }),
    regionCode: Type.Optional(Nullable(RegionCode)),
    /** Where the platform receives progress and results (signed POSTs); without one it pulls them. */
    callbackUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$' }))),
  },
  { additionalProperties: false },
);
/** A 12345 partner key: `key` goes in X-Partner-Key, `secret` signs; both shown once. */
export const PartnerKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  key: Type.String(),
  secret: Nullable(Type.String()),
  createdAt: Type.String(),
});

/**
 * Open311 GeoReport v2 (MON-03), field names as the spec spells them. JSON answers are these; XML answers
 * carry the same fields (application/xml).
 */
export const Open311Format = Type.Object({ format: Type.String({ pattern: '^(json|xml)$' }) });
export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.String(),
  keywords: Type.String(),
  group: Type.String(),
});
export const Open311Services = Type.Array(Open311Service);
export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Type.String(),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.String(),
  status_notes: Type.String(),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.String(),
  service_notice: Type.String(),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.String(),
  address: Type.String(),
  address_id: Type.String(),
  zipcode: Type.String(),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Type.String(),
});
export const Open311Requests = Type.Array(Open311Request);
export const Open311Created = Type.Array(
  Type.Object({
    service_request_id: Type.Optional(Type.String()),
    token: Type.Optional(Type.String()),
    service_notice: Type.String(),
    account_id: Type.Optional(Type.String()),
  }),
);
export const Open311TokenAnswer = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));
export const Open311Xml = Type.Unsafe<string>(Type.String({ description: 'GeoReport v2 XML（application/xml）' }));
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));
export const Open311FileParams = Type.Object({ file: Type.String({ minLength: 1, maxLength: 120 }) });
export const Open311ListQuery = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 100 })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 20 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000 })),
  service_code: Type.Optional(Type.String({ maxLength: 40 })),
  start_date: Type.Optional(Type.String({ maxLength: 40 })),
  end_date: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
});

export type ComplaintStatus = Static<typeof ComplaintStatus>;
export type ComplaintChannel = Static<typeof ComplaintChannel>;
export type ComplaintOutcome = Static<typeof ComplaintOutcome>;
export type ComplaintCategoriesQuery = Static<typeof ComplaintCategoriesQuery>;
export type ComplaintCategoryView = Static<typeof ComplaintCategoryView>;
export type Location = Static<typeof Location>;
export type TrackingCodeParams = Static<typeof TrackingCodeParams>;
export type RewardClaimRequest = Static<typeof RewardClaimRequest>;
export type ReopenRequest = Static<typeof ReopenRequest>;
export type ComplaintClock = Static<typeof ComplaintClock>;
export type ReporterView = Static<typeof ReporterView>;
export type ComplaintIdParams = Static<typeof ComplaintIdParams>;
export type ComplaintRow = Static<typeof ComplaintRow>;
export type ComplaintMapQuery = Static<typeof ComplaintMapQuery>;
export type ComplaintMapView = Static<typeof ComplaintMapView>;
export type ComplaintFiguresQuery = Static<typeof ComplaintFiguresQuery>;
export type ComplaintFiguresView = Static<typeof ComplaintFiguresView>;
export type CategoryChangeRequest = Static<typeof CategoryChangeRequest>;
export type TransferRequest = Static<typeof TransferRequest>;
export type DuplicateLinkRequest = Static<typeof DuplicateLinkRequest>;
export type DuplicateSuggestionsView = Static<typeof DuplicateSuggestionsView>;
export type VerificationRequest = Static<typeof VerificationRequest>;
export type OutcomeRequest = Static<typeof OutcomeRequest>;
export type FeedbackRequest = Static<typeof FeedbackRequest>;
export type ReturnVisitRequest = Static<typeof ReturnVisitRequest>;
export type RewardDecisionRequest = Static<typeof RewardDecisionRequest>;
export type RewardPaymentRequest = Static<typeof RewardPaymentRequest>;
export type WorkOrderAck = Static<typeof WorkOrderAck>;
export type WorkOrderNoParams = Static<typeof WorkOrderNoParams>;
export type WorkOrderProgressView = Static<typeof WorkOrderProgressView>;
export type WorkOrderEvaluationRequest = Static<typeof WorkOrderEvaluationRequest>;
export type Open311KeyRequest = Static<typeof Open311KeyRequest>;
export type Open311KeyView = Static<typeof Open311KeyView>;
export type ComplaintCsvFile = Static<typeof ComplaintCsvFile>;
export type ComplaintPhotoFile = Static<typeof ComplaintPhotoFile>;
export type ComplaintPhotoParams = Static<typeof ComplaintPhotoParams>;
export type ComplaintPhotoReceipt = Static<typeof ComplaintPhotoReceipt>;
export type RewardClaimReceipt = Static<typeof RewardClaimReceipt>;
export type PartnerKeyRequest = Static<typeof PartnerKeyRequest>;
export type PartnerKeyView = Static<typeof PartnerKeyView>;
export type Open311Format = Static<typeof Open311Format>;
export type Open311Service = Static<typeof Open311Service>;
export type Open311Services = Static<typeof Open311Services>;
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinition>;
export type Open311Request = Static<typeof Open311Request>;
export type Open311Requests = Static<typeof Open311Requests>;
export type Open311Created = Static<typeof Open311Created>;
export type Open311TokenAnswer = Static<typeof Open311TokenAnswer>;
export type Open311Xml = Static<typeof Open311Xml>;
export type Open311Errors = Static<typeof Open311Errors>;
export type Open311FileParams = Static<typeof Open311FileParams>;
export type Open311ListQuery = Static<typeof Open311ListQuery>;
