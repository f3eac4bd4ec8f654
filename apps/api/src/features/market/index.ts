/** Market supervision of fire technical service organisations (MKT-01): register, conditions, engineers, reports, art. 69 violations, bans, directory, spot checks. */
// The events first: credit imports this index for them while this feature's routes import credit's index.
export { ART69_VIOLATION_RECORDED, type Art69ViolationRecorded } from './events.ts';
export { marketRoutes } from './market.routes.ts';
