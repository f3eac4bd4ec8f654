import { type Static, Type } from 'typebox';
import { SupervisionFiguresView } from './supervision.ts';

/**
 * The leaders' dashboard and map (MON-02; SUP-13: statistics come from the system, no report is filled in).
 * Every figure is read from rollups kept current as the business happens (features/dashboard).
 */
export const DASHBOARD_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export const DASHBOARD_PERIOD_LABELS: Record<DashboardPeriod, string> = { day: '今日', week: '本周', month: '本月', quarter: '本季度', year: '本年' };

/** The flows counted per agency and day; their Chinese names are what a page and a table show. */
export const DASHBOARD_METRICS = [
  'applications_submitted',
  'permits_granted',
  'applications_refused',
  'duties_overdue',
  'orders_issued',
  'major_hazards',
  'penalties',
  'fines',
  'complaints_received',
  'complaints_verified',
  'complaints_verified_in_time',
  'fire_alarms',
  'devices_offline',
  'inspections_triggered',
] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];
export const DASHBOARD_METRIC_LABELS: Record<DashboardMetric, string> = {
  applications_submitted: '受理许可申请',
  permits_granted: '准予许可',
  applications_refused: '不予许可',
  duties_overdue: '超期事项',
  orders_issued: '责令限期改正',
  major_hazards: '重大火灾隐患',
  penalties: '行政处罚决定',
  fines: '罚款金额（元）',
  complaints_received: '受理投诉举报',
  complaints_verified: '核查投诉举报',
  complaints_verified_in_time: '按时核查',
  fire_alarms: '火警',
  devices_offline: '设备离线',
  inspections_triggered: '信用风险触发检查',
};
export const DASHBOARD_METRIC_GROUPS: Record<DashboardMetric, string> = {
  applications_submitted: '行政许可',
  permits_granted: '行政许可',
  applications_refused: '行政许可',
  duties_overdue: '办理时限',
  orders_issued: '监督检查',
  major_hazards: '监督检查',
  penalties: '行政处罚',
  fines: '行政处罚',
  complaints_received: '投诉举报',
  complaints_verified: '投诉举报',
  complaints_verified_in_time: '投诉举报',
  fire_alarms: '远程监控',
  devices_offline: '远程监控',
  inspections_triggered: '信用监管',
};

/** The standard statistical tables (the manual reports they replace), each exported to Excel. */
export const DASHBOARD_TABLES = ['overview', 'licensing', 'supervision', 'enforcement', 'complaints', 'monitoring'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export const DASHBOARD_TABLE_LABELS: Record<DashboardTable, string> = {
  overview: '消防执法综合统计表',
  licensing: '行政许可办理统计表',
  supervision: '消防监督检查统计表',
  enforcement: '行政处罚统计表',
  complaints: '投诉举报核查统计表',
  monitoring: '远程监控报警统计表',
};

export const DashboardQuery = Type.Object({
  /** The agency to look at (the user's own when absent); must be the user's or below it. */
  agencyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  period: Type.Optional(Type.Union(DASHBOARD_PERIODS.map((p) => Type.Literal(p)))),
});
export type DashboardQuery = Static<typeof DashboardQuery>;

/** GET /api/v1/dashboard/stream: `once` answers the current version and ends (for clients behind a proxy that buffers streams: they poll). */
export const DashboardStreamQuery = Type.Object({
  agencyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  once: Type.Optional(Type.Boolean()),
});
export type DashboardStreamQuery = Static<typeof DashboardStreamQuery>;
/** The stream itself: `event: figures` with `data: {"version": n}` at each change, a comment line every 15 s. */
export const DashboardStream = Type.Unsafe<string>(
  Type.String({ format: 'binary', description: '实时推送（text/event-stream）：每次统计更新推送 figures 事件，数据为 {"version": 序号}' }),
);

export const DashboardFigure = Type.Object({
  key: Type.String(),
  label: Type.String(),
  group: Type.String(),
  current: Type.Number(),
  previous: Type.Number(),
});
export type DashboardFigure = Static<typeof DashboardFigure>;

export const DashboardAgency = Type.Object({ id: Type.String(), name: Type.String(), levelLabel: Type.String(), hasChildren: Type.Boolean() });
export type DashboardAgency = Static<typeof DashboardAgency>;

export const DashboardCount = Type.Object({ label: Type.String(), n: Type.Number() });

export const DashboardView = Type.Object({
  agency: DashboardAgency,
  /** From the user's own agency down to the one shown (the drill-down path). */
  trail: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  period: Type.Object({
    label: Type.String(),
    from: Type.String(),
    to: Type.String(),
    previousFrom: Type.String(),
    previousTo: Type.String(),
  }),
  figures: Type.Array(DashboardFigure),
  /** Running statutory clocks of the area: in progress, due soon and overdue, per kind of matter. */
  clocks: Type.Array(Type.Object({ label: Type.String(), running: Type.Number(), dueSoon: Type.Number(), overdue: Type.Number() })),
  /** Inspections planned and done, hazards found and fixed (the supervision rollups). */
  supervision: SupervisionFiguresView,
  creditLevels: Type.Array(DashboardCount),
  riskLevels: Type.Array(DashboardCount),
  /** The agencies directly below, with this period's figures, for the drill-down. */
  children: Type.Array(Type.Object({ agency: DashboardAgency, figures: Type.Array(Type.Object({ key: Type.String(), current: Type.Number() })) })),
  tables: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  periods: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  /** A counter that grows with every change of the figures of this process (what the live stream announces). */
  version: Type.Number(),
});
export type DashboardView = Static<typeof DashboardView>;

export const DashboardTableParams = Type.Object({ table: Type.Union(DASHBOARD_TABLES.map((t) => Type.Literal(t))) });
export type DashboardTableParams = Static<typeof DashboardTableParams>;
export const DashboardTableDownload = Type.Unsafe<Uint8Array>(
  Type.String({ format: 'binary', description: 'Excel 工作簿（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）' }),
);

/** Layers of the one map. */
export const MAP_LAYERS = ['unit', 'hazard', 'complaint', 'alarm', 'seal'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
export const MAP_LAYER_LABELS: Record<MapLayer, string> = { unit: '社会单位', hazard: '火灾隐患', complaint: '投诉举报', alarm: '火警', seal: '临时查封' };
export const MAP_STATUS_LABELS: Record<string, string> = {
  open: '未处理',
  closed: '已处理',
  major: '重大隐患',
  normal: '正常',
  seal_proposed: '拟查封待决定',
  sealed: '查封中',
  seal_expired: '期满未解除',
  lifted: '已解除',
};
export const MAP_RISK_LABELS: Record<string, string> = { low: '低风险', medium: '中风险', high: '高风险' };

export const MapPointsQuery = Type.Object({
  /** Comma-separated layers (all when absent). */
  layers: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z,]*$' })),
  kind: Type.Optional(Type.String({ maxLength: 64 })),
  risk: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
  status: Type.Optional(Type.String({ maxLength: 32 })),
  west: Type.Number({ minimum: -180, maximum: 180 }),
  south: Type.Number({ minimum: -90, maximum: 90 }),
  east: Type.Number({ minimum: -180, maximum: 180 }),
  north: Type.Number({ minimum: -90, maximum: 90 }),
  zoom: Type.Integer({ minimum: 0, maximum: 22 }),
});
export type MapPointsQuery = Static<typeof MapPointsQuery>;

export const MapMarker = Type.Object({
  layer: Type.String(),
  layerLabel: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  /** How many points the marker stands for (1: a single point with its id and label). */
  n: Type.Integer(),
  id: Type.Union([Type.String(), Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
  statusLabel: Type.Union([Type.String(), Type.Null()]),
  riskLabel: Type.Union([Type.String(), Type.Null()]),
});
export type MapMarker = Static<typeof MapMarker>;
export const MapPointsView = Type.Object({
  /** `cluster`: grid cells of the rollup; `point`: single points (close zoom). */
  mode: Type.Union([Type.Literal('cluster'), Type.Literal('point')]),
  items: Type.Array(MapMarker),
  layers: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  statuses: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  risks: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
});
export type MapPointsView = Static<typeof MapPointsView>;

/** GET /api/v1/map/boundaries: the operator's administrative boundaries (GeoJSON), or none configured. */
export const MapBoundariesView = Type.Object({
  configured: Type.Boolean(),
  attribution: Type.String(),
  geojson: Type.Union([Type.Unknown(), Type.Null()]),
});
export type MapBoundariesView = Static<typeof MapBoundariesView>;
