import { type Static, Type } from 'typebox';
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
