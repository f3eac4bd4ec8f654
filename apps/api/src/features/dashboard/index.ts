/**
 * The leaders' dashboard and map (MON-02, SUP-13): figures per agency and below from rollups the domain events
 * keep current, exports of the standard statistical tables, live updates, and the map's layers clustered on
 * a grid. The one feature that writes `dashboard_counts`, `dashboard_levels`, `dashboard_unit_levels`, `map_points`
 * and `map_cells`.
 */
export { dashboardRoutes } from './dashboard.routes.ts';
export { type PointInput, putNewPoints } from './map-points.ts';
export { dashboardSubscribers, ROLLUP_SUBSCRIBER } from './rollup.ts';
export { levelFigures, recountUnits } from './levels.ts';
export { figuresVersion, onFiguresChanged, watchFiguresAnnouncements } from './live.ts';
