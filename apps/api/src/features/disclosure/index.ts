/**
 * Open-government disclosure requests (SVC-06, 政府信息公开条例 art. 33). The one feature that writes
 * `disclosure_requests`.
 */
export { disclosureRoutes } from './disclosure.routes.ts';
