/**
 * Fire incidents (FIR-01 … FIR-03): the procedure tier chosen by rule, the incident with its scene sealing (shrunk with
 * reasons, lifted at the end), the determination clock (paused for appraisal, extended with the higher agency's
 * approval), the loss declared online by the unit, the determination and the review by the next-higher agency. The one
 * feature that writes `incidents`, `incident_sealing_changes`, `incident_reviews`, `incident_accountability` and
 * `incident_documents` (the sealed 火灾事故认定书, verified on the one /verify page).
 */

export { accountabilityRoutes } from './accountability.routes.ts';
export { determinationByCode, determinationByDigest } from './determination-document.ts';
export { incidentRoutes } from './incidents.routes.ts';
