/** Responses of the unit directory routes (apps/api/src/features/units). */
import { type Static, Type } from 'typebox';
import { Nullable } from './common.ts';

/** A unit of the directory (the API's `UnitView` in units.routes.ts; contact masked in lists). */
export const UnitView = Type.Object({
  id: Type.String(),
  usci: Type.String(),
  name: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  agencyId: Type.String(),
  venueKind: Nullable(Type.String()),
  floorArea: Nullable(Type.Number()),
  keyUnit: Type.Boolean(),
  riskLevel: Type.String(),
  creditLevel: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
});
export type UnitView = Static<typeof UnitView>;

/** GET /api/v1/units: one page of the directory (keyset pagination). */
export const UnitPageView = Type.Object({ items: Type.Array(UnitView), next: Nullable(Type.String()) });
export type UnitPageView = Static<typeof UnitPageView>;

/** POST /api/v1/units/import: what was imported and every rejected row with its reasons. */
export const UnitImportReport = Type.Object({
  rows: Type.Number(),
  inserted: Type.Number(),
  updated: Type.Number(),
  rejected: Type.Number(),
  rejections: Type.Array(Type.Object({ line: Type.Number(), usci: Type.String(), reasons: Type.Array(Type.String()) })),
  batches: Type.Number(),
});
export type UnitImportReport = Static<typeof UnitImportReport>;
