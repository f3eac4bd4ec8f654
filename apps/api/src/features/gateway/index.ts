/**
 * The partner gateway's routes and pushes (MON-03): unified service portal intake, e-licence sharing, the national
 * 双随机 export and result pushes, 好差评 pushes and bad reviews pulled back. Partners, signatures and the delivery
 * outbox are platform/partners; this feature reaches licensing, supervision and evaluations through their index.ts.
 * It owns no table.
 */
export { gatewayRoutes } from './gateway.routes.ts';
export { gatewaySubscribers } from './pushes.ts';
