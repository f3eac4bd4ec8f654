/**
 * Expert guidance (SVC-05): a unit's or key project's request for on-site or online guidance, the expert group,
 * each visit with its advice items followed up to done. The one feature that writes `guidance_requests` and
 * `guidance_advice`.
 */
export { guidanceRoutes } from './guidance.routes.ts';
