import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

/** LIC-12: registered fire engineer registration by commitment (告知承诺). */
export const EngineerRegistrationBody = Type.Object(
  {
    regionCode: Type.String({ pattern: '^[0-9]{6}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
    level: Type.Union([Type.Literal('first'), Type.Literal('second')]),
    qualificationNo: Type.String({ minLength: 4, maxLength: 50 }),
    employer: Type.String({ minLength: 2, maxLength: 200 }),
    employerUsci: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }),
    phone: Type.String({ minLength: 5, maxLength: 50 }),
    mailingAddress: Type.String({ minLength: 5, maxLength: 300 }),
    materials: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 }),
    commitmentAccepted: Type.Literal(true),
  },
  { additionalProperties: false },
);
export type EngineerRegistrationBody = Static<typeof EngineerRegistrationBody>;

export const EngineerRegistrationView = Type.Object({
  id: Type.String(),
  agencyName: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  level: Type.String(),
  levelLabel: Type.String(),
  qualificationNo: Type.String(),
  employer: Type.String(),
  employerUsci: Type.String(),
  phone: Type.String(),
  mailingAddress: Type.String(),
  materials: Type.Array(Type.String()),
  commitmentText: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  reasons: Nullable(Type.String()),
  certificateNo: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  courier: Nullable(Type.String()),
  trackingNo: Nullable(Type.String()),
  dispatchedAt: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  alert: Type.String(),
  legalBasis: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type EngineerRegistrationView = Static<typeof EngineerRegistrationView>;
export const EngineerRegistrationList = Type.Object({ items: Type.Array(EngineerRegistrationView) });
export type EngineerRegistrationList = Static<typeof EngineerRegistrationList>;
export const EngineerRegistrationListQuery = Type.Object({ open: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type EngineerRegistrationListQuery = Static<typeof EngineerRegistrationListQuery>;

export const EngineerRegistrationDecision = Type.Object(
  {
    outcome: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    /** Required for a refusal (不予注册的理由); optional remarks for an approval. */
    reasons: Type.Optional(Type.String({ maxLength: 1000 })),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type EngineerRegistrationDecision = Static<typeof EngineerRegistrationDecision>;

export const EngineerRegistrationDispatch = Type.Object(
  {
    courier: Type.String({ minLength: 2, maxLength: 50 }),
    trackingNo: Type.String({ pattern: '^[0-9A-Za-z-]{6,40}$' }),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type EngineerRegistrationDispatch = Static<typeof EngineerRegistrationDispatch>;
