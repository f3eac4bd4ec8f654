/**
 * Fire technical service organisations (apps/api/src/features/market, MKT-01): the register with the practice
 * conditions as checkable facts (应急管理部令第7号), the public directory and the verifiable spot-check draw.
 */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

const OneOf = <const K extends string>(values: readonly K[]) => Type.Unsafe<K>(Type.Union(values.map((v) => Type.Literal(v))));
const Usci = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码' });
const N = Type.Integer({ minimum: 0, maximum: 100_000 });
export const OrganisationKindValue = OneOf(['maintenance_testing', 'assessment'] as const);
export const ConditionFailureValue = OneOf([
  'not_legal_person',
  'workplace',
  'registered_engineers',
  'first_class_engineers',
  'operators',
  'intermediate_operators',
  'quality_system',
] as const);

export const OrganisationFactsBody = Type.Object(
  {
    enterpriseLegalPerson: Type.Boolean(),
    workplaceSquareMetres: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    firstClassEngineers: N,
    secondClassEngineers: N,
    operators: N,
    intermediateOperators: N,
    qualitySystem: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** POST /api/v1/market/organisations: an organisation's register entry with its self-declared facts. */
export const OrganisationCreateBody = Type.Object({
  usci: Usci,
  name: Type.String({ minLength: 2, maxLength: 100 }),
  kind: OrganisationKindValue,
  declared: OrganisationFactsBody,
});
export type OrganisationCreateBody = Static<typeof OrganisationCreateBody>;

/** POST /api/v1/market/organisations/:id/verification: the facts as the agency found them. */
export const OrganisationVerifyBody = Type.Object({
  verified: OrganisationFactsBody,
  version: Type.Optional(Type.Integer()),
  /** Count the engineers from the register (practising, not banned) instead of the numbers in `verified`. */
  engineersFromRegister: Type.Optional(Type.Boolean()),
});

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' });
export const EngineerClassValue = OneOf(['first', 'second'] as const);
export const EngineerStatusValue = OneOf(['practising', 'suspended', 'left'] as const);
export const ServiceReportKindValue = OneOf(['maintenance', 'testing', 'assessment'] as const);
export const ServiceReportConclusionValue = OneOf(['qualified', 'unqualified', 'rectify'] as const);
export const Art69KindValue = OneOf(['false_document', 'inaccurate_document'] as const);
export const BanMeasureValue = OneOf(['suspension', 'revocation', 'market_ban'] as const);
export const BanSubjectValue = OneOf(['organisation', 'engineer'] as const);

/** A ban (责令停止执业 / 吊销 / 市场禁入) with its period (endsOn null: permanent) and whether it is in force today. */
export const BanView = Type.Object({
  id: Type.String(),
  subject: BanSubjectValue,
  subjectId: Type.String(),
  subjectName: Type.String(),
  measure: BanMeasureValue,
  startsOn: Day,
  endsOn: Nullable(Day),
  reason: Type.String(),
  legalBasis: Type.String(),
  active: Type.Boolean(),
});
export type BanView = Static<typeof BanView>;

export const OrganisationView = Type.Object({
  id: Type.String(),
  usci: Type.String(),
  name: Type.String(),
  kind: OrganisationKindValue,
  regionCode: Type.String(),
  status: OneOf(['declared', 'verified', 'failing'] as const),
  failures: Type.Array(ConditionFailureValue),
  declared: OrganisationFactsBody,
  verified: Nullable(OrganisationFactsBody),
  verifiedAt: Nullable(Type.String()),
  version: Type.Integer(),
  /** The ban of the organisation in force today (the public directory lists it with its period and reason). */
  ban: Nullable(BanView),
});
export type OrganisationView = Static<typeof OrganisationView>;
export const OrganisationList = Type.Object({ items: Type.Array(OrganisationView) });
export type OrganisationList = Static<typeof OrganisationList>;
export const OrganisationDirectoryQuery = Type.Object({ region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });

/** POST /api/v1/market/spot-checks: a verifiable draw of organisations (failing ones always, the others at `rate`). */
export const SpotCheckBody = Type.Object({
  publicValue: Type.String({ minLength: 1, maxLength: 200 }),
  rate: Type.Number({ minimum: 0, maximum: 1 }),
});
export const SpotCheckView = Type.Object({
  seed: Type.String(),
  inputsHash: Type.String(),
  drawn: Type.Array(Type.Object({ usci: Type.String(), name: Type.String(), reason: OneOf(['failing_conditions', 'random'] as const) })),
  /** Organisations left out of the draw: under a ban in force (they may not practise). */
  excluded: Type.Array(Type.Object({ usci: Type.String(), name: Type.String(), reason: Type.Literal('banned'), measure: BanMeasureValue })),
});
export type SpotCheckView = Static<typeof SpotCheckView>;

/** POST /api/v1/market/organisations/:id/engineers: a registered fire engineer of the organisation. */
export const EngineerCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 50 }),
    certificateNo: Type.String({ pattern: '^[A-Za-z0-9-]{6,32}$', description: '注册消防工程师注册证书编号' }),
    class: EngineerClassValue,
    status: Type.Optional(EngineerStatusValue),
  },
  { additionalProperties: false },
);
export type EngineerCreateBody = Static<typeof EngineerCreateBody>;
/** POST /api/v1/market/engineers/:id/status: practising, suspended or left (compare-and-set on the version). */
export const EngineerStatusBody = Type.Object({ status: EngineerStatusValue, version: Type.Integer() }, { additionalProperties: false });
export const EngineerView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  name: Type.String(),
  certificateNo: Type.String(),
  class: EngineerClassValue,
  status: EngineerStatusValue,
  ban: Nullable(BanView),
  version: Type.Integer(),
});
export type EngineerView = Static<typeof EngineerView>;

/** POST /api/v1/market/organisations/:id/reports: a report signed by a registered, practising engineer of the organisation. */
export const ServiceReportCreateBody = Type.Object(
  {
    reportNumber: Type.String({ minLength: 1, maxLength: 64 }),
    kind: ServiceReportKindValue,
    unitUsci: Usci,
    unitName: Type.String({ minLength: 2, maxLength: 100 }),
    reportDate: Day,
    engineerId: Type.String({ minLength: 1, maxLength: 64 }),
    conclusion: ServiceReportConclusionValue,
  },
  { additionalProperties: false },
);
export type ServiceReportCreateBody = Static<typeof ServiceReportCreateBody>;
export const ServiceReportView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  reportNumber: Type.String(),
  kind: ServiceReportKindValue,
  unitUsci: Type.String(),
  unitName: Type.String(),
  reportDate: Day,
  engineerId: Type.String(),
  engineerName: Type.String(),
  engineerCertificateNo: Type.String(),
  conclusion: ServiceReportConclusionValue,
  createdAt: Type.String(),
});
export type ServiceReportView = Static<typeof ServiceReportView>;
export const ServiceReportList = Type.Object({ items: Type.Array(ServiceReportView) });
export type ServiceReportList = Static<typeof ServiceReportList>;
export const ServiceReportQuery = Type.Object({ unitUsci: Usci });

/** POST /api/v1/market/organisations/:id/violations: a violation of 消防法 art. 69, recorded into credit for the organisation and the engineer. */
export const ViolationCreateBody = Type.Object(
  {
    kind: Art69KindValue,
    severity: OneOf(['general', 'serious'] as const),
    facts: Type.String({ minLength: 4, maxLength: 2000 }),
    foundOn: Day,
    engineerId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    reportId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  },
  { additionalProperties: false },
);
export type ViolationCreateBody = Static<typeof ViolationCreateBody>;
export const ViolationView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  engineerId: Nullable(Type.String()),
  engineerName: Nullable(Type.String()),
  reportId: Nullable(Type.String()),
  reportNumber: Nullable(Type.String()),
  kind: Art69KindValue,
  severity: OneOf(['general', 'serious'] as const),
  facts: Type.String(),
  legalBasis: Type.String(),
  foundOn: Day,
  createdAt: Type.String(),
});
export type ViolationView = Static<typeof ViolationView>;

/** POST /api/v1/market/organisations/:id/bans: the organisation, or one of its engineers (engineerId), banned. */
export const BanCreateBody = Type.Object(
  {
    subject: BanSubjectValue,
    engineerId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    measure: BanMeasureValue,
    startsOn: Day,
    endsOn: Nullable(Day),
    reason: Type.String({ minLength: 4, maxLength: 500 }),
    legalBasis: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type BanCreateBody = Static<typeof BanCreateBody>;

/** A person's credit as staff read it (CRD-01 persons): level, score and records; never published. */
export const PersonCreditView = Type.Object({
  name: Type.String(),
  level: OneOf(['A', 'B', 'C', 'D'] as const),
  score: Type.Number(),
  records: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      points: Type.Number(),
      at: Type.String(),
      reason: Type.String(),
      status: OneOf(['active', 'withdrawn', 'corrected', 'repaired'] as const),
    }),
  ),
});
export type PersonCreditView = Static<typeof PersonCreditView>;

/** GET /api/v1/market/organisations/:id: the register entry with its engineers, reports, violations, bans and credit. */
export const OrganisationDetailView = Type.Object({
  organisation: OrganisationView,
  registeredEngineers: Type.Object({ firstClassEngineers: Type.Integer(), secondClassEngineers: Type.Integer() }),
  engineers: Type.Array(EngineerView),
  reports: Type.Array(ServiceReportView),
  violations: Type.Array(ViolationView),
  bans: Type.Array(BanView),
});
export type OrganisationDetailView = Static<typeof OrganisationDetailView>;
