import { type Static, Type } from 'typebox';
import { LegalBasis, Nullable } from './common.ts';

const PolicyLegalBasis = Type.Object({ document: Type.String(), clause: Type.Optional(Type.String()) });
/** The Chinese label, help and legal basis of one field of a policy kind. */
const PolicyFieldView = Type.Object({ label: Type.String(), help: Type.Optional(Type.String()), legalBasis: PolicyLegalBasis });

/** Where a resolved policy value came from (packages/domain policy/types.ts `Provenance`). */
export const ProvenanceView = Type.Union([
  Type.Object({ source: Type.Literal('national'), legalBasis: PolicyLegalBasis }),
  Type.Object({
    source: Type.Literal('agency'),
    agencyId: Type.String(),
    agencyName: Type.String(),
    level: Type.Union([Type.Literal('corps'), Type.Literal('detachment'), Type.Literal('brigade')]),
    regionCode: Type.String(),
    versionId: Type.String(),
    version: Type.Number(),
    effectiveFrom: Type.String(),
    legalBasis: PolicyLegalBasis,
  }),
]);
export type ProvenanceView = Static<typeof ProvenanceView>;

/** One policy kind as resolved for an agency on a day, with its kind's Chinese title and field labels. */
export const ResolvedPolicyView = Type.Object({
  kind: Type.String(),
  at: Type.String(),
  values: Type.Record(Type.String(), Type.Unknown()),
  provenance: Type.Record(Type.String(), ProvenanceView),
  versionKey: Type.String(),
  title: Type.String(),
  description: Type.String(),
  fields: Type.Record(Type.String(), PolicyFieldView),
});
export type ResolvedPolicyView = Static<typeof ResolvedPolicyView>;

/** GET /api/v1/policies/resolved (policy.routes.ts). */
export const ResolvedPoliciesView = Type.Object({
  agency: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String(), regionCode: Type.String() }),
  at: Type.String(),
  policies: Type.Array(ResolvedPolicyView),
});
export type ResolvedPoliciesView = Static<typeof ResolvedPoliciesView>;

/** POST /api/v1/policies/versions: a new version of one policy kind for the agency or one below it. */
export const PolicyVersionRequest = Type.Object({
  agencyId: Type.String(),
  kind: Type.String(),
  effectiveFrom: Type.String(),
  /** Free-form: the fields of the kind, checked against the kind's own schema by the use case. */
  values: Type.Record(Type.String(), Type.Unknown()),
  legalBasis: LegalBasis,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type PolicyVersionRequest = Static<typeof PolicyVersionRequest>;

/** A stored version of one policy kind for one agency (packages/domain policy/types.ts `PolicyVersion`). */
export const PolicyVersionView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  agencyId: Type.String(),
  version: Type.Integer(),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
  /** Free-form: the overridden fields of the kind. */
  values: Type.Record(Type.String(), Type.Unknown()),
  legalBasis: PolicyLegalBasis,
  note: Type.Optional(Nullable(Type.String())),
});
export type PolicyVersionView = Static<typeof PolicyVersionView>;

/** GET /api/v1/policies/versions: a version with who entered it and when. */
export const PolicyVersionHistoryView = Type.Object({ ...PolicyVersionView.properties, createdAt: Type.String(), createdBy: Nullable(Type.String()) });
export type PolicyVersionHistoryView = Static<typeof PolicyVersionHistoryView>;

/** GET /api/v1/policies/versions?agency=&kind=. */
export const PolicyVersionsQuery = Type.Object({ agency: Type.String(), kind: Type.Optional(Type.String()) });
export type PolicyVersionsQuery = Static<typeof PolicyVersionsQuery>;

/** GET /api/v1/policies/resolved?agency=&at=&kind=. */
export const ResolvedPoliciesQuery = Type.Object({
  agency: Type.String({ minLength: 1, maxLength: 64, description: '机构 ID 或 6 位行政区划代码' }),
  at: Type.Optional(Type.String({ description: 'YYYY-MM-DD，默认今天（北京时间）' })),
  kind: Type.Optional(Type.String()),
});
export type ResolvedPoliciesQuery = Static<typeof ResolvedPoliciesQuery>;

/** GET /api/v1/policies/kinds: one policy kind, its field descriptions and the national default. */
export const PolicyKindView = Type.Object({
  kind: Type.String(),
  title: Type.String(),
  description: Type.String(),
  /** Free-form: the kind's national default values. */
  nationalDefault: Type.Record(Type.String(), Type.Unknown()),
  fields: Type.Record(Type.String(), PolicyFieldView),
  /** Free-form: the JSON Schema the kind's values are checked against. */
  schema: Type.Unknown(),
});
export type PolicyKindView = Static<typeof PolicyKindView>;
