/**
 * Registered fire engineer registration by commitment (LIC-12): online application with the 告知承诺, the
 * decision on a platform clock, the certificate and seal sent by courier. The one feature that writes
 * `engineer_registrations`; the engineers of service organisations stay in features/market.
 */
export { engineerRoutes } from './engineers.routes.ts';
