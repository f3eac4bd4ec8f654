import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { AgencyRef } from './org.ts';

/** One service guide (办事指南, SVC-01; services/guides.ts). */
export const ServiceGuideView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  summary: Type.String(),
  conditions: Type.Array(Type.String()),
  materials: Type.Array(Type.Object({ name: Type.String(), mayComeLater: Type.Boolean() })),
  timeLimit: Type.String(),
  fee: Type.String(),
  visits: Type.String(),
  online: Type.Boolean(),
  legalBasis: Type.Array(Type.String()),
  policyVersions: Type.Array(Type.String()),
});
export type ServiceGuideView = Static<typeof ServiceGuideView>;

/** GET /api/v1/services/guides. */
export const ServiceGuidesView = Type.Object({ agency: AgencyRef, at: Type.String(), guides: Type.Array(ServiceGuideView) });
export type ServiceGuidesView = Static<typeof ServiceGuidesView>;

/** GET /api/v1/services/guides?agency=: an agency ID or a region code; the applicant's own agency by default. */
export const ServiceGuidesQuery = Type.Object({ agency: Type.Optional(Type.String({ maxLength: 64 })) });
export type ServiceGuidesQuery = Static<typeof ServiceGuidesQuery>;

const Level = Type.Integer({ minimum: 1, maximum: 5 });
const Tag = Type.Union([
  Type.Literal('overdue'),
  Type.Literal('extra_conditions'),
  Type.Literal('extra_materials'),
  Type.Literal('repeated_trips'),
  Type.Literal('poor_attitude'),
  Type.Literal('unclear_guide'),
  Type.Literal('system_trouble'),
  Type.Literal('other'),
]);
const MatterType = Type.Union([
  Type.Literal('licensing_application'),
  Type.Literal('appointment'),
  Type.Literal('window_visit'),
  Type.Literal('appointment_request'),
]);

/** POST /api/v1/evaluations (SVC-02, with Idempotency-Key): one per matter online, one per visit at the window (matterId = the visit token). */
export const EvaluationRequest = Type.Object(
  {
    matterType: MatterType,
    matterId: Type.String({ minLength: 1, maxLength: 64 }),
    level: Level,
    tags: Type.Optional(Type.Array(Tag, { maxItems: 8, uniqueItems: true })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    /** At the window or for an appointment without an account: who to call back (real-name review). */
    evaluator: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.String({ minLength: 5, maxLength: 20 }) })),
  },
  { additionalProperties: false },
);
export type EvaluationRequest = Static<typeof EvaluationRequest>;

export const EvaluationView = Type.Object({
  id: Type.String(),
  matterType: MatterType,
  matterTypeLabel: Type.String(),
  matterTitle: Type.String(),
  level: Level,
  levelLabel: Type.String(),
  tags: Type.Array(Type.Object({ tag: Type.String(), label: Type.String() })),
  comment: Nullable(Type.String()),
  realName: Type.Boolean(),
  createdAt: Type.String(),
  /** A bad review opens a follow-up at once. */
  followUpId: Nullable(Type.String()),
});
export type EvaluationView = Static<typeof EvaluationView>;

/** POST /api/v1/evaluations/visits (staff at the window): the QR code's token for one visit. */
export const EvaluationVisitRequest = Type.Object({ serviceTitle: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type EvaluationVisitRequest = Static<typeof EvaluationVisitRequest>;
export const EvaluationVisitView = Type.Object({ token: Type.String(), serviceTitle: Type.String(), url: Type.String() });
export type EvaluationVisitView = Static<typeof EvaluationVisitView>;

export const FollowUpStepName = Type.Union([
  Type.Literal('verify'),
  Type.Literal('rectify'),
  Type.Literal('feedback'),
  Type.Literal('return_visit'),
  Type.Literal('appeal'),
  Type.Literal('appeal_upheld'),
  Type.Literal('appeal_rejected'),
]);

/** A bad review's follow-up with its clock and its return-visit duty (GET /api/v1/evaluations/follow-ups). */
export const FollowUpView = Type.Object({
  id: Type.String(),
  evaluation: EvaluationView,
  status: Type.String(),
  statusLabel: Type.String(),
  returnVisit: Type.Object({ required: Type.Boolean(), done: Type.Boolean(), doneAt: Nullable(Type.String()), label: Type.String() }),
  clock: Nullable(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      statusLabel: Type.String(),
      dueDate: Nullable(Type.String()),
      alert: Type.String(),
      amount: Type.Number(),
      legalBasis: Type.Object({ document: Type.String(), clause: Nullable(Type.String()) }),
    }),
  ),
  steps: Type.Array(Type.Object({ step: Type.String(), label: Type.String(), note: Type.String(), at: Type.String() })),
  /** The steps allowed now, with their labels. */
  next: Type.Array(Type.Object({ step: Type.String(), label: Type.String() })),
  policyVersion: Nullable(Type.String()),
  version: Type.Integer(),
});
export type FollowUpView = Static<typeof FollowUpView>;
export const FollowUpList = Type.Object({ items: Type.Array(FollowUpView) });
export type FollowUpList = Static<typeof FollowUpList>;
export const FollowUpListQuery = Type.Object({ open: Type.Optional(Type.Boolean()) });
export type FollowUpListQuery = Static<typeof FollowUpListQuery>;

/** POST /api/v1/evaluations/follow-ups/:id/steps. */
export const FollowUpStepRequest = Type.Object(
  { step: FollowUpStepName, note: Type.String({ minLength: 2, maxLength: 1000 }), version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export type FollowUpStepRequest = Static<typeof FollowUpStepRequest>;

/** GET /api/v1/public/evaluations/figures: the published figures (appealed-away reviews excluded). */
export const EvaluationFigures = Type.Object({
  total: Type.Integer(),
  levels: Type.Array(Type.Object({ level: Level, label: Type.String(), count: Type.Integer() })),
  bad: Type.Integer(),
  badRectified: Type.Integer(),
  /** Rectified bad reviews ÷ bad reviews, 0–1; null without any bad review. */
  rectificationRate: Nullable(Type.Number()),
  realNameBad: Type.Integer(),
  returnVisited: Type.Integer(),
});
export type EvaluationFigures = Static<typeof EvaluationFigures>;
export const EvaluationFiguresQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) });
export type EvaluationFiguresQuery = Static<typeof EvaluationFiguresQuery>;

/** Appointments (SVC-03). */
export const AppointmentKind = Type.Union([Type.Literal('open_day'), Type.Literal('education_visit')]);
export const SlotRequest = Type.Object(
  {
    kind: AppointmentKind,
    title: Type.String({ minLength: 2, maxLength: 100 }),
    place: Type.String({ minLength: 2, maxLength: 200 }),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type SlotRequest = Static<typeof SlotRequest>;
export const SlotView = Type.Object({
  id: Type.String(),
  kind: AppointmentKind,
  kindLabel: Type.String(),
  title: Type.String(),
  place: Type.String(),
  agencyName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  capacity: Type.Integer(),
  booked: Type.Integer(),
  remaining: Type.Integer(),
  status: Type.String(),
  version: Type.Integer(),
});
export type SlotView = Static<typeof SlotView>;
export const SlotList = Type.Object({ items: Type.Array(SlotView) });
export type SlotList = Static<typeof SlotList>;
export const SlotListQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) });
export type SlotListQuery = Static<typeof SlotListQuery>;
export const BookingRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }),
    people: Type.Integer({ minimum: 1, maximum: 50 }),
  },
  { additionalProperties: false },
);
export type BookingRequest = Static<typeof BookingRequest>;
export const BookingView = Type.Object({
  code: Type.String(),
  slot: SlotView,
  name: Type.String(),
  people: Type.Integer(),
  status: Type.String(),
  statusLabel: Type.String(),
  /** A completed visit can be evaluated: POST /api/v1/evaluations {matterType: 'appointment', matterId: code}. */
  canEvaluate: Type.Boolean(),
});
export type BookingView = Static<typeof BookingView>;

/**
 * Drills and training at a time that suits the unit, and requests for service outside office hours (SVC-03):
 * the unit proposes one to three start times; the agency confirms one or proposes another (drills and training)
 * or accepts or declines with a reason (outside office hours), within its reply clock.
 */
export const AppointmentRequestKind = Type.Union([Type.Literal('drill'), Type.Literal('training'), Type.Literal('off_hours')]);
export const AppointmentRequestInput = Type.Object(
  {
    kind: AppointmentRequestKind,
    regionCode: Type.String({ pattern: '^[0-9]{6}$' }),
    unitName: Type.String({ minLength: 2, maxLength: 100 }),
    topic: Type.String({ minLength: 2, maxLength: 1000 }),
    place: Type.String({ minLength: 2, maxLength: 200 }),
    people: Type.Integer({ minimum: 1, maximum: 5000 }),
    contact: Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }),
    proposedTimes: Type.Array(Type.String({ format: 'date-time' }), { minItems: 1, maxItems: 3 }),
  },
  { additionalProperties: false },
);
export type AppointmentRequestInput = Static<typeof AppointmentRequestInput>;
export const AppointmentConfirmBody = Type.Object(
  { startsAt: Type.String({ format: 'date-time' }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type AppointmentConfirmBody = Static<typeof AppointmentConfirmBody>;
export const AppointmentCounterBody = Type.Object(
  { startsAt: Type.String({ format: 'date-time' }), reason: Type.String({ minLength: 2, maxLength: 500 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type AppointmentCounterBody = Static<typeof AppointmentCounterBody>;
export const AppointmentDeclineBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type AppointmentDeclineBody = Static<typeof AppointmentDeclineBody>;
export const AppointmentVersionBody = Type.Object({ version: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type AppointmentVersionBody = Static<typeof AppointmentVersionBody>;
export const AppointmentRequestView = Type.Object({
  id: Type.String(),
  kind: AppointmentRequestKind,
  kindLabel: Type.String(),
  agencyName: Type.String(),
  unitName: Type.String(),
  requesterName: Type.String(),
  topic: Type.String(),
  place: Type.String(),
  people: Type.Integer(),
  contact: Type.String(),
  proposedTimes: Type.Array(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  /** The time agreed (confirmed), or proposed by the agency (counter-proposed). */
  startsAt: Nullable(Type.String()),
  counterAt: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  /** The agency's reply clock while the request waits for it. */
  replyDue: Nullable(Type.String()),
  replyAlert: Nullable(Type.String()),
  replyBasis: Nullable(Type.String()),
  reminded: Type.Boolean(),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type AppointmentRequestView = Static<typeof AppointmentRequestView>;
export const AppointmentRequestList = Type.Object({ items: Type.Array(AppointmentRequestView) });
export type AppointmentRequestList = Static<typeof AppointmentRequestList>;
export const AppointmentRequestListQuery = Type.Object({ open: Type.Optional(Type.Boolean()) });
export type AppointmentRequestListQuery = Static<typeof AppointmentRequestListQuery>;

/** Disclosure requests (SVC-06, 政府信息公开条例 art. 33). */
export const DisclosureRequestBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^[0-9]{6}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    contact: Type.String({ minLength: 5, maxLength: 100 }),
    content: Type.String({ minLength: 5, maxLength: 2000 }),
    purpose: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type DisclosureRequestBody = Static<typeof DisclosureRequestBody>;
export const DisclosureView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  agencyName: Type.String(),
  name: Type.String(),
  contact: Type.String(),
  content: Type.String(),
  purpose: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  extended: Type.Boolean(),
  extensionReason: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  outcomeLabel: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  alert: Type.String(),
  legalBasis: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type DisclosureView = Static<typeof DisclosureView>;
export const DisclosureList = Type.Object({ items: Type.Array(DisclosureView) });
export type DisclosureList = Static<typeof DisclosureList>;
export const DisclosureExtendRequest = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }), version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export type DisclosureExtendRequest = Static<typeof DisclosureExtendRequest>;
export const DisclosureReplyRequest = Type.Object(
  {
    outcome: Type.Union([
      Type.Literal('disclosed'),
      Type.Literal('partly_disclosed'),
      Type.Literal('not_disclosed'),
      Type.Literal('not_held'),
      Type.Literal('not_ours'),
    ]),
    reply: Type.String({ minLength: 2, maxLength: 5000 }),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type DisclosureReplyRequest = Static<typeof DisclosureReplyRequest>;
