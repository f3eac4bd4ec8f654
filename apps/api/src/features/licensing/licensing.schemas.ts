import { LICENSING_PATHS, VENUE_KINDS, VERIFICATION_OUTCOMES } from '@fep/domain';
import { Type } from 'typebox';

/** Request schemas of the licensing routes (validated by Fastify, published in OpenAPI). */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Materials = Type.Record(Type.String({ pattern: '^[a-z_]{2,40}$' }), Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }));

export const ExemptionCheckBody = Type.Object({
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  venueKind: Type.Enum([...VENUE_KINDS]),
  floorArea: Type.Number({ minimum: 0, maximum: 10_000_000 }),
  investment: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()])),
});

export const ApplicationBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
    venueKind: Type.Enum([...VENUE_KINDS]),
    floorArea: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
    investment: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()])),
    companyName: Type.String({ minLength: 2, maxLength: 100 }),
    legalRepresentative: Type.String({ minLength: 2, maxLength: 40 }),
    contactName: Type.String({ minLength: 2, maxLength: 40 }),
    contactPhone: Type.String({ pattern: '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$' }),
    venueName: Type.String({ minLength: 2, maxLength: 100 }),
    venueAddress: Type.String({ minLength: 4, maxLength: 200 }),
    path: Type.Enum([...LICENSING_PATHS]),
    materials: Materials,
    commitment: Type.Optional(Type.Union([Type.Object({ signerName: Type.String({ minLength: 2, maxLength: 40 }), accepted: Type.Boolean() }), Type.Null()])),
    appointmentPreference: Type.Optional(
      Type.Union([
        Type.Object({
          date: Type.String({ format: 'date' }),
          period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening'), Type.Literal('weekend')]),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        Type.Null(),
      ]),
    ),
    applyDespiteExemption: Type.Optional(Type.Boolean()),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const NoticeBody = Type.Object({
  items: Type.Array(
    Type.Object({ target: Type.String({ pattern: '^(material|field):[A-Za-z_]{2,40}$' }), reason: Type.String({ minLength: 2, maxLength: 300 }) }),
    { minItems: 1, maxItems: 30 },
  ),
});
export const ReasonsBody = Type.Object({ reasons: Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { minItems: 1, maxItems: 20 }) });
export const AcceptBody = Type.Object({ pendingDocuments: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]{2,40}$' }), { maxItems: 20 })) });
export const SupplyBody = Type.Object({ materials: Materials });
export const AssignBody = Type.Object({
  inspectorIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 2, maxItems: 2 })),
  appointmentAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});
const Checklist = Type.Array(
  Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), passed: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) }),
  {
    minItems: 1,
    maxItems: 100,
  },
);
export const InspectionBody = Type.Object({
  checklist: Checklist,
  findings: Type.String({ maxLength: 2000 }),
  documentsVerifiedOnSite: Type.Optional(Type.Boolean()),
});
export const LegalReviewBody = Type.Object({ pass: Type.Boolean(), opinion: Type.String({ minLength: 2, maxLength: 2000 }) });
export const DecisionBody = Type.Object({ grant: Type.Boolean(), reasons: Type.Array(Type.String({ minLength: 2, maxLength: 500 }), { maxItems: 20 }) });
export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) });
export const VerificationBody = Type.Object({
  outcome: Type.Enum([...VERIFICATION_OUTCOMES]),
  checklist: Checklist,
  findings: Type.String({ minLength: 2, maxLength: 2000 }),
  rectification: Type.Optional(
    Type.Object({
      items: Type.Array(Type.String({ minLength: 2, maxLength: 300 }), { minItems: 1, maxItems: 30 }),
      deadlineWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
    }),
  ),
  serious: Type.Optional(Type.Boolean()),
});
export const ChangeRequestBody = Type.Object({
  kind: Type.Union([Type.Literal('amend'), Type.Literal('reissue')]),
  changes: Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 200 }), Type.Number()])),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  materials: Materials,
});
export const DecideRequestBody = Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) });
export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 1000 }), legalBasis: Type.String({ minLength: 4, maxLength: 300 }) });
export const DeliveryBody = Type.Object({
  method: Type.Union([Type.Literal('in_person'), Type.Literal('post')]),
  recipient: Type.String({ minLength: 2, maxLength: 40 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  carrier: Type.Optional(Type.String({ maxLength: 40 })),
  trackingNo: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' })),
});
