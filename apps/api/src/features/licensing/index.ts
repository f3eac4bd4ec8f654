/**
 * Licensing (LIC-01 … LIC-11): opening-permit applications, e-licences, commitment verification.
 * The one feature that writes `applications`, `application_notices`, `licences`, `licence_requests`
 * and `public_notices`. Its public surface: the domain events it emits (events.ts).
 */

export { licensingSubscribers } from './document-production.ts';
export { applicationForEvaluation } from './evaluation-read.ts';
export * from './events.ts';
export { applicationForPartner, applicationIdByReference, licenceForPartner, licencePdfByCode, licencesOfHolder } from './partner-read.ts';
export { createApplication } from './use-cases/create-application.ts';
