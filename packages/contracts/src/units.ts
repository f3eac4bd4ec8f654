/** Responses of the unit directory routes (apps/api/src/features/units). */

import { VENUE_KINDS } from '@fep/domain';
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
  /** 消防安全责任人 and 消防安全管理人 (CRD-01 credit subjects); names masked in lists, no ID number ever. */
  responsiblePersons: Type.Array(
    Type.Object({
      role: Type.Unsafe<'responsible' | 'manager'>(Type.Union([Type.Literal('responsible'), Type.Literal('manager')])),
      roleLabel: Type.String(),
      name: Type.String(),
    }),
  ),
  /** The unit's place on the map (WGS84), set by staff; null until someone places it. */
  position: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), setAt: Type.String() })),
});
export type UnitView = Static<typeof UnitView>;

/**
 * PUT /api/v1/units/:id/position: the unit's place, picked on the map (WGS84; the map converts from the tiles'
 * GCJ-02 when it shows such tiles). Within the country's extent, like a report's place.
 */
export const UnitPositionBody = Type.Object(
  {
    lat: Type.Number({ minimum: 3, maximum: 54, description: '纬度（WGS84）' }),
    lng: Type.Number({ minimum: 73, maximum: 136, description: '经度（WGS84）' }),
  },
  { additionalProperties: false },
);
export type UnitPositionBody = Static<typeof UnitPositionBody>;

/** A responsible person as entered: the name and the citizen ID number (kept only as a one-way credit subject key). */
export const ResponsiblePersonInput = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 40 }),
  idNumber: Type.String({ pattern: '^\\d{17}[\\dXx]$', description: '居民身份证号码（18 位）' }),
});
/** PUT /api/v1/units/:id/responsible-persons: both roles at once; null clears one. */
export const UnitResponsiblePersonsBody = Type.Object({
  responsible: Nullable(ResponsiblePersonInput),
  manager: Nullable(ResponsiblePersonInput),
});
export type UnitResponsiblePersonsBody = Static<typeof UnitResponsiblePersonsBody>;

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

/** GET /api/v1/units: find by name or USCI, keyset pages after the last ID seen. */
export const UnitListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 60 })),
  region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  risk: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
  after: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type UnitListQuery = Static<typeof UnitListQuery>;

/** GET /api/v1/units/:id. */
export const UnitIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type UnitIdParams = Static<typeof UnitIdParams>;

/** POST /api/v1/units: a unit of the directory (the USCI must pass its check digit, GB 32100-2015). */
export const UnitCreateRequest = Type.Object({
  usci: Type.String({ minLength: 1, maxLength: 30 }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  address: Type.String({ minLength: 2, maxLength: 200 }),
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  venueKind: Type.Optional(Type.Enum([...VENUE_KINDS])),
  floorArea: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
  keyUnit: Type.Optional(Type.Boolean()),
  contactName: Type.Optional(Type.String({ maxLength: 40 })),
  contactPhone: Type.Optional(Type.String({ pattern: '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$' })),
  responsible: Type.Optional(ResponsiblePersonInput),
  manager: Type.Optional(ResponsiblePersonInput),
});
export type UnitCreateRequest = Static<typeof UnitCreateRequest>;

/** GET /api/v1/units/export: the directory as CSV (text/csv, UTF-8 with BOM, personal data masked). */
/** The API streams it line by line (an async iterable of text); a client receives the bytes. */
export const UnitCsvFile = Type.Unsafe<Uint8Array | AsyncIterable<unknown>>(
  Type.String({ format: 'binary', description: '社会单位名录（text/csv，个人信息脱敏）' }),
);
