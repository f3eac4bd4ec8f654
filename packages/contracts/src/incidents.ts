/**
 * Fire incidents (apps/api/src/features/incidents, FIR-01 … FIR-03): the procedure check choosing the tier by rule,
 * incidents with their scene sealing, the determination clock, the loss declared online, the determination and the
 * review by the next-higher agency.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });
const Instant = Type.String({ format: 'date-time', description: '时间（ISO 8601）' });
export const IncidentTierValue = OneOf(['onsite_registration', 'simple', 'general'] as const);

export const IncidentConditionsBody = Type.Object(
  {
    factsClear: Type.Boolean({ description: '事实清楚' }),
    noObjection: Type.Boolean({ description: '当事人无异议' }),
    noCompensationDispute: Type.Boolean({ description: '无赔偿争议' }),
    casualties: Type.Integer({ minimum: 0, maximum: 100000, description: '伤亡人数' }),
    arsonSuspected: Type.Boolean({ description: '有放火嫌疑' }),
    insuranceClaim: Type.Boolean({ description: '申请保险理赔' }),
    directLoss: Type.Number({ minimum: 0, maximum: 1e12, description: '直接财产损失（元）' }),
  },
  { additionalProperties: false },
);
export type IncidentConditionsBody = Static<typeof IncidentConditionsBody>;

/** POST /api/v1/incidents/procedure-check */
export const ProcedureCheckBody = Type.Object(
  { regionCode: Type.String({ pattern: '^\\d{6}$' }), conditions: IncidentConditionsBody },
  { additionalProperties: false },
);
export type ProcedureCheckBody = Static<typeof ProcedureCheckBody>;
export const FailingCondition = Type.Object({ condition: Type.String(), message: Type.String() });
export const ProcedureCheckView = Type.Object({
  tier: IncidentTierValue,
  tierLabel: Type.String(),
  sealing: Type.Boolean(),
  failing: Type.Array(FailingCondition),
  rule: Type.Object({ text: Type.String(), legalBasis: Type.String() }),
  policyVersion: Type.String(),
});
export type ProcedureCheckView = Static<typeof ProcedureCheckView>;

/** POST /api/v1/incidents: the tier follows from the conditions (never chosen by hand). */
export const IncidentCreateBody = Type.Object(
  {
    unitUsci: Type.Optional(Nullable(Usci)),
    unitName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    place: Type.String({ minLength: 2, maxLength: 200 }),
    reportedAt: Instant,
    extinguishedAt: Instant,
    conditions: IncidentConditionsBody,
    investigatorUserIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10, uniqueItems: true }),
    sealing: Type.Optional(
      Type.Object(
        {
          areas: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
          photoFileIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IncidentCreateBody = Static<typeof IncidentCreateBody>;

export const SealingShrinkBody = Type.Object(
  {
    areas: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50, description: '缩小后的封闭范围' }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type SealingShrinkBody = Static<typeof SealingShrinkBody>;
export const SealingLiftBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }), version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export type SealingLiftBody = Static<typeof SealingLiftBody>;

/** The determination clock: paused for testing and appraisal, resumed, extended with the higher agency's approval. */
export const IncidentClockBody = Type.Object(
  {
    action: OneOf(['pause', 'resume', 'extend'] as const),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type IncidentClockBody = Static<typeof IncidentClockBody>;

export const LossDeclarationBody = Type.Object(
  { amount: Type.Integer({ minimum: 0, maximum: 1e12, description: '直接财产损失（元）' }), note: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export type LossDeclarationBody = Static<typeof LossDeclarationBody>;

export const DeterminationBody = Type.Object(
  { cause: Type.String({ minLength: 2, maxLength: 2000 }), servedAt: Instant, version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export type DeterminationBody = Static<typeof DeterminationBody>;

export const ReviewApplyBody = Type.Object({ appliedAt: Instant, reasons: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false });
export type ReviewApplyBody = Static<typeof ReviewApplyBody>;
export const ReviewAcceptBody = Type.Object({ accept: Type.Boolean(), reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type ReviewAcceptBody = Static<typeof ReviewAcceptBody>;
export const ReviewDecisionBody = Type.Object(
  { outcome: OneOf(['upheld', 'redetermine'] as const), reasons: Type.String({ minLength: 2, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type ReviewDecisionBody = Static<typeof ReviewDecisionBody>;

export const IncidentClockView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  dueDate: Nullable(Type.String()),
  alert: Type.String(),
  version: Type.Integer(),
});
export const IncidentReviewView = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  reviewingAgency: Type.Object({ id: Type.String(), name: Type.String() }),
  appliedAt: Type.String(),
  reasons: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  outcome: Nullable(Type.String()),
  outcomeLabel: Nullable(Type.String()),
  decisionReasons: Nullable(Type.String()),
  clocks: Type.Array(IncidentClockView),
  version: Type.Integer(),
});
export type IncidentReviewView = Static<typeof IncidentReviewView>;
export const IncidentView = Type.Object({
  id: Type.String(),
  agencyName: Type.String(),
  unitUsci: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  place: Type.String(),
  reportedAt: Type.String(),
  extinguishedAt: Type.String(),
  tier: IncidentTierValue,
  tierLabel: Type.String(),
  conditions: IncidentConditionsBody,
  failing: Type.Array(FailingCondition),
  investigatorCount: Type.Integer(),
  policyVersion: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  sealing: Type.Object({
    status: Type.String(),
    statusLabel: Type.String(),
    areas: Type.Array(Type.String()),
    photoFileIds: Type.Array(Type.String()),
    sealedAt: Nullable(Type.String()),
    liftedAt: Nullable(Type.String()),
    changes: Type.Array(
      Type.Object({ kind: Type.String(), kindLabel: Type.String(), areas: Type.Array(Type.String()), reason: Type.String(), at: Type.String() }),
    ),
  }),
  declaration: Type.Object({ lastDay: Type.String(), amount: Nullable(Type.Integer()), note: Nullable(Type.String()), declaredAt: Nullable(Type.String()) }),
  determination: Nullable(
    Type.Object({
      cause: Type.String(),
      determinedAt: Type.String(),
      servedAt: Type.String(),
      reviewLastDay: Nullable(Type.String()),
      /** The sealed 火灾事故认定书 (PDF: GET …/incidents/:id/determination.pdf, or the portal's route for the party). */
      document: Nullable(Type.Object({ title: Type.String(), number: Type.String(), issuedOn: Type.String(), verifyCode: Type.String() })),
    }),
  ),
  clocks: Type.Array(IncidentClockView),
  review: Nullable(IncidentReviewView),
  version: Type.Integer(),
});
export type IncidentView = Static<typeof IncidentView>;
export const IncidentList = Type.Object({ items: Type.Array(IncidentView) });
export type IncidentList = Static<typeof IncidentList>;

/** FIR-04: the accountability investigation of a fatal or high-impact fire and its one-year evaluation. */
export const AccountabilityBody = Type.Object(
  {
    deaths: Type.Integer({ minimum: 0, maximum: 10000 }),
    highImpact: Type.Boolean(),
    teamLead: Type.String({ minLength: 2, maxLength: 200 }),
    teamMembers: Type.Array(Type.String({ minLength: 2, maxLength: 200 }), { minItems: 1, maxItems: 30 }),
    parties: Type.Array(
      Type.Object(
        {
          party: Type.Union([
            Type.Literal('construction'),
            Type.Literal('design'),
            Type.Literal('supervision'),
            Type.Literal('intermediary'),
            Type.Literal('product'),
            Type.Literal('management'),
          ]),
          name: Type.String({ minLength: 2, maxLength: 200 }),
          findings: Type.String({ minLength: 2, maxLength: 2000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    measures: Type.String({ minLength: 2, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type AccountabilityBody = Static<typeof AccountabilityBody>;
export const AccountabilityEvaluationBody = Type.Object(
  { findings: Type.String({ minLength: 2, maxLength: 4000 }), version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type AccountabilityEvaluationBody = Static<typeof AccountabilityEvaluationBody>;
export const AccountabilityView = Type.Object({
  id: Type.String(),
  /** Where the fire was (the incident's place): in the back office's ledger only; null on the public page. */
  place: Nullable(Type.String()),
  agencyName: Type.String(),
  deaths: Type.Integer(),
  highImpact: Type.Boolean(),
  teamLead: Type.String(),
  teamMembers: Type.Array(Type.String()),
  parties: Type.Array(Type.Object({ party: Type.String(), partyLabel: Type.String(), name: Type.String(), findings: Type.String() })),
  measures: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  evaluationDue: Nullable(Type.String()),
  evaluation: Nullable(Type.String()),
  evaluatedAt: Nullable(Type.String()),
  legalBasis: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type AccountabilityView = Static<typeof AccountabilityView>;
export const AccountabilityList = Type.Object({ items: Type.Array(AccountabilityView) });
export type AccountabilityList = Static<typeof AccountabilityList>;

/** GET …/incidents/:id/determination.pdf: the sealed 火灾事故认定书 (application/pdf). */
export const DeterminationPdfFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: '火灾事故认定书（application/pdf，带电子印章）' });
