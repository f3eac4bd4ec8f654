/**
 * Credit and risk (apps/api/src/features/credit, CRD-01 … CRD-04): a unit's credit with its explanation,
 * the public part, repair and objection requests, the blacklist and the distribution by level and risk.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';
import { PersonCreditView } from './market.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });
export const CreditLevelValue = OneOf(['A', 'B', 'C', 'D'] as const);
export const RiskLevelValue = OneOf(['low', 'medium', 'high'] as const);
export const CreditRecordKindValue = OneOf([
  'false_commitment',
  'penalty',
  'order_overdue',
  'order_refused',
  'major_hazard',
  'false_document',
  'inaccurate_document',
  'reward',
  'commendation',
] as const);
export const CreditRecordStatusValue = OneOf(['active', 'withdrawn', 'corrected', 'repaired'] as const);
export const CreditRequestKindValue = OneOf(['repair', 'objection'] as const);
export const CreditRequestStatusValue = OneOf(['pending', 'granted', 'refused', 'upheld', 'dismissed'] as const);

export const UsciParams = Type.Object({ usci: Usci });

/** One credit record as the unit and staff see it. */
export const CreditRecordView = Type.Object({
  id: Type.String(),
  kind: CreditRecordKindValue,
  severity: OneOf(['general', 'serious'] as const),
  points: Type.Integer(),
  /** When the finding or decision was made. */
  at: Type.String(),
  /** What produced it: `penalty_case:<id>`-like source type and id. */
  source: Type.Object({ type: Type.String(), id: Type.String() }),
  reason: Type.String(),
  status: CreditRecordStatusValue,
  statusReason: Nullable(Type.String()),
  /** Publicity: repair may be applied for from this day; published until (exclusive). */
  repairFrom: DateStr,
  publicUntil: DateStr,
  /** Counts in the score today. */
  counted: Type.Boolean(),
  policyVersion: Nullable(Type.String()),
});
export type CreditRecordView = Static<typeof CreditRecordView>;

export const CreditRequestView = Type.Object({
  id: Type.String(),
  kind: CreditRequestKindValue,
  status: CreditRequestStatusValue,
  usci: Type.String(),
  subjectName: Type.String(),
  recordId: Type.String(),
  recordKind: CreditRecordKindValue,
  reason: Type.String(),
  evidenceFileIds: Type.Array(Type.String()),
  conditions: Type.Object({ corrected: Type.Boolean(), penaltyFulfilled: Type.Boolean(), commitmentSigned: Type.Boolean() }),
  /** The day it must be decided by (the policy's working days on the agency's calendar). */
  dueOn: DateStr,
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  version: Type.Integer(),
});
export type CreditRequestView = Static<typeof CreditRequestView>;

/** GET /api/v1/credit/units/:usci (contract of the acceptance checks). */
export const CreditUnitView = Type.Object({
  usci: Type.String(),
  name: Type.String(),
  level: CreditLevelValue,
  score: Type.Integer(),
  /** The band or list rule that gives the level. */
  rule: Type.String(),
  events: Type.Array(CreditRecordView),
  effects: Type.Object({
    stratumRateFactor: Type.Number(),
    blacklisted: Type.Boolean(),
    nonRandomTrigger: Type.Boolean(),
    blacklistReasons: Type.Array(
      Type.Object({ criterion: OneOf(['major_hazard_unrectified', 'refusal_to_correct', 'repeat_violations'] as const), recordIds: Type.Array(Type.String()) }),
    ),
  }),
  risk: Type.Object({ score: Type.Number(), level: RiskLevelValue, factors: Type.Array(Type.Object({ factor: Type.String(), points: Type.Number() })) }),
  history: Type.Array(Type.Object({ at: Type.String(), from: Nullable(CreditLevelValue), to: CreditLevelValue, score: Type.Integer(), cause: Type.String() })),
  requests: Type.Array(CreditRequestView),
  /** The unit's 消防安全责任人 and 消防安全管理人 with their own credit (CRD-01): staff only, empty for the unit. */
  persons: Type.Array(Type.Object({ role: OneOf(['responsible', 'manager'] as const), roleLabel: Type.String(), credit: PersonCreditView })),
  policyVersion: Type.String(),
  computedAt: Type.String(),
});
export type CreditUnitView = Static<typeof CreditUnitView>;

/** GET /api/v1/public/credit?usci= : the published part (records in their publicity period, the level, the list). */
export const PublicCreditQuery = Type.Object({ usci: Usci });
export const PublicCreditView = Type.Object({
  usci: Type.String(),
  name: Type.String(),
  level: CreditLevelValue,
  blacklisted: Type.Boolean(),
  records: Type.Array(Type.Object({ kind: CreditRecordKindValue, at: Type.String(), reason: Type.String(), publicUntil: DateStr })),
});
export type PublicCreditView = Static<typeof PublicCreditView>;

/** POST /api/v1/credit/requests: the unit applies for repair of a record, or objects to it with evidence. */
export const CreditRequestBody = Type.Object({
  kind: CreditRequestKindValue,
  recordId: Type.String({ minLength: 1, maxLength: 64 }),
  reason: Type.String({ minLength: 2, maxLength: 2000 }),
  evidenceFileIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, default: [] }),
  /** Repair (国家发展改革委令第58号): what the unit declares done; checked by staff when deciding. */
  conditions: Type.Optional(Type.Object({ corrected: Type.Boolean(), penaltyFulfilled: Type.Boolean(), commitmentSigned: Type.Boolean() })),
});
export type CreditRequestBody = Static<typeof CreditRequestBody>;

export const CreditRequestListQuery = Type.Object({ status: Type.Optional(CreditRequestStatusValue) });
export const CreditRequestList = Type.Object({ items: Type.Array(CreditRequestView) });
export type CreditRequestList = Static<typeof CreditRequestList>;

/** POST /api/v1/credit/requests/:id/decision: repair granted or refused; objection upheld (record corrected) or dismissed (kept). */
export const CreditDecisionBody = Type.Object({
  approve: Type.Boolean(),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
  version: Type.Optional(Type.Integer()),
});
export type CreditDecisionBody = Static<typeof CreditDecisionBody>;

export const BlacklistEntry = Type.Object({
  usci: Type.String(),
  name: Type.String(),
  level: CreditLevelValue,
  criteria: Type.Array(OneOf(['major_hazard_unrectified', 'refusal_to_correct', 'repeat_violations'] as const)),
  since: Type.String(),
});
export const BlacklistView = Type.Object({ items: Type.Array(BlacklistEntry) });
export type BlacklistView = Static<typeof BlacklistView>;
export type BlacklistEntry = Static<typeof BlacklistEntry>;
export const PublicBlacklistQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });

/** GET /api/v1/credit/distribution: units by credit level and risk level in the actor's scope. */
export const CreditDistributionView = Type.Object({
  cells: Type.Array(Type.Object({ level: CreditLevelValue, risk: RiskLevelValue, units: Type.Integer() })),
  blacklisted: Type.Integer(),
  total: Type.Integer(),
  /** The highest-risk units with their top factors. */
  topRisk: Type.Array(
    Type.Object({
      usci: Type.String(),
      name: Type.String(),
      level: CreditLevelValue,
      riskScore: Type.Number(),
      riskLevel: RiskLevelValue,
      factors: Type.Array(Type.Object({ factor: Type.String(), points: Type.Number() })),
    }),
  ),
});
export type CreditDistributionView = Static<typeof CreditDistributionView>;

/**
 * POST /api/v1/credit/commendations: good conduct recorded by staff (CRD-02 守信激励) — a reward or a
 * commendation of a unit of the agency's area, named by its document number (one record per unit, document
 * and kind); the points come from the `credit.levels` policy.
 */
export const CommendationBody = Type.Object({
  usci: Usci,
  kind: Type.Union([Type.Literal('reward'), Type.Literal('commendation')]),
  documentNo: Type.String({ minLength: 2, maxLength: 100 }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type CommendationBody = Static<typeof CommendationBody>;
