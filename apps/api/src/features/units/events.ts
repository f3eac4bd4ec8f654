/**
 * A unit placed on the map or moved (MON-02): emitted in the transaction of set-position.ts. The leaders' map
 * listens; it reads the unit's present place through `unitOnMap`, so a delivery retried after a later one still
 * leaves the point where the unit now is.
 */
export const UNIT_POSITION_SET = 'units.position_set';
export interface UnitPositionSet {
  unitId: string;
  usci: string;
  agencyPath: string;
  lat: number;
  lng: number;
}
