import { type Static, Type } from 'typebox';

const PolicyLegalBasis = Type.Object({ document: Type.String(), clause: Type.Optional(Type.String()) });

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
  fields: Type.Record(Type.String(), Type.Object({ label: Type.String(), help: Type.Optional(Type.String()), legalBasis: PolicyLegalBasis })),
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
  values: Type.Record(Type.String(), Type.Unknown()),
  legalBasis: Type.Object({ document: Type.String({ minLength: 2, maxLength: 300 }), clause: Type.Optional(Type.String({ maxLength: 200 })) }),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type PolicyVersionRequest = Static<typeof PolicyVersionRequest>;
