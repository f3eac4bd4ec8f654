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
export const OrganisationVerifyBody = Type.Object({ verified: OrganisationFactsBody, version: Type.Optional(Type.Integer()) });

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
});
export type SpotCheckView = Static<typeof SpotCheckView>;
