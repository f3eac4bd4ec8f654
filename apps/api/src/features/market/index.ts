/** Market supervision of fire technical service organisations (MKT-01): register, conditions, directory, spot checks. */
export { marketRoutes } from './market.routes.ts';
