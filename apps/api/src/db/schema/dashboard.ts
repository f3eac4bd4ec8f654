// The leaders' dashboard and map rollups (MON-02, SUP-13; migration 0750). Conventions: see ../schema.ts.

export interface DashboardCountTable {
  agency_path: string;
  metric: string;
  /** A sub-division of the metric ('' when none): the kind of an overdue matter, a penalty's outcome. */
  breakdown: string;
  /** Beijing civil date of the fact. */
  day: string;
  n: number;
  amount: number;
}
export interface MapPointTable {
  layer: string;
  ref_id: string;
  agency_path: string;
  lat: number;
  lng: number;
  kind: string;
  risk: string;
  status: string;
  label: string;
  usci: string | null;
  updated_at: string;
}
export interface MapCellTable {
  layer: string;
  z: number;
  cx: number;
  cy: number;
  agency_path: string;
  kind: string;
  risk: string;
  status: string;
  n: number;
  sum_lat: number;
  sum_lng: number;
}

/** A unit as the credit and risk distribution counts it (migration 0770): '' path = counted nowhere yet. */
export interface DashboardUnitLevelTable {
  usci: string;
  agency_path: string;
  level: string;
  risk: string;
}
/** Units per agency path, credit level and risk level (the sum of `dashboard_unit_levels`). */
export interface DashboardLevelTable {
  agency_path: string;
  level: string;
  risk: string;
  n: number;
}

export interface DashboardTables {
  dashboard_counts: DashboardCountTable;
  map_points: MapPointTable;
  map_cells: MapCellTable;
  dashboard_unit_levels: DashboardUnitLevelTable;
  dashboard_levels: DashboardLevelTable;
}
