import { type Static, Type } from 'typebox';

/** GET /api/v1/agencies: one agency of the tree (org.routes.ts). */
export const AgencyView = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  shortName: Type.String(),
  level: Type.Union([Type.Literal('corps'), Type.Literal('detachment'), Type.Literal('brigade')]),
  regionCode: Type.String(),
  path: Type.String(),
});
export type AgencyView = Static<typeof AgencyView>;

/** The agency a view was resolved for (guides, licensing guide). */
export const AgencyRef = Type.Object({ id: Type.String(), name: Type.String(), regionCode: Type.String() });
export type AgencyRef = Static<typeof AgencyRef>;

/** GET /api/v1/users: a staff member of the agency or one below it (phone masked). */
export const StaffUserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyName: Type.String(),
  roles: Type.Array(Type.String()),
  phone: Type.String(),
});
export type StaffUserView = Static<typeof StaffUserView>;

const County = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), name: Type.String() });
const City = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), name: Type.String(), children: Type.Array(County) });
/**
 * GET /api/v1/regions (public): the places a venue can be in, as 省 → 市 → 区/县 (GB/T 2260; statistical
 * development-zone codes 71–79 left out), for the provinces the platform serves. The picker of the portal.
 */
export const RegionTreeView = Type.Array(Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), name: Type.String(), children: Type.Array(City) }));
export type RegionTreeView = Static<typeof RegionTreeView>;
