/** The unit directory's public surface for other features. */

export * from './events.ts';
export { responsiblePersonsByUsci, unitByUsci } from './units.repository.ts';
export { createUnit } from './use-cases/create-unit.ts';
export { type ApplicationUnitInput, enterUnitFromApplication } from './use-cases/enter-unit-from-application.ts';
export { type ImportReport, importUnits } from './use-cases/import-units.ts';
/** The leaders' map (dashboard) reads a unit's present place through this. */
export { setUnitPosition, unitOnMap } from './use-cases/set-position.ts';
