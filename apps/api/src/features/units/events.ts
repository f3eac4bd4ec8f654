import type { DomainEventInput } from '../../platform/events/outbox.ts';

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

/**
 * Units entered in the directory or rewritten by an import (SUP-01): their agency or their directory levels may
 * have moved. Emitted in the transaction of the registration or of the import's batch (one event a batch). The
 * leaders' dashboard recounts these units in its credit and risk distribution (MON-02). A unit entered by a
 * granted permit arrives with `licensing.permit_granted`, which names it.
 */
export const UNITS_DIRECTORY_CHANGED = 'units.directory_changed';
export interface UnitsDirectoryChanged {
  uscis: string[];
}

/** The event of units written in one transaction. */
export function directoryChanged(agencyId: string | null, uscis: string[]): DomainEventInput {
  const payload: UnitsDirectoryChanged = { uscis };
  return { type: UNITS_DIRECTORY_CHANGED, targetType: 'unit', targetId: uscis[0] ?? '', agencyId, payload: { ...payload } };
}
