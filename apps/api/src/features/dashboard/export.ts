import {
  DASHBOARD_METRIC_LABELS,
  DASHBOARD_PERIOD_LABELS,
  DASHBOARD_TABLE_LABELS,
  type DashboardMetric,
  type DashboardPeriod,
  type DashboardTable,
} from '@fep/contracts';
import type { DataScope } from '@fep/domain';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { supervisionFigures } from '../supervision/index.ts';
import { agencyInScope, metricSums, periodRange } from './figures.ts';

/** The figures of each standard table (the manual reports they replace, SUP-13). */
const TABLE_METRICS: Record<DashboardTable, DashboardMetric[]> = {
  overview: [
    'applications_submitted',
    'permits_granted',
    'duties_overdue',
    'orders_issued',
    'major_hazards',
    'penalties',
    'fines',
    'complaints_received',
    'complaints_verified_in_time',
    'fire_alarms',
    'devices_offline',
  ],
  licensing: ['applications_submitted', 'permits_granted', 'applications_refused', 'duties_overdue'],
  supervision: ['orders_issued', 'major_hazards', 'inspections_triggered'],
  enforcement: ['penalties', 'fines'],
  complaints: ['complaints_received', 'complaints_verified', 'complaints_verified_in_time'],
  monitoring: ['fire_alarms', 'devices_offline'],
};

/** Stock columns of the supervision table: inspections planned and done, hazards found and fixed, as of today. */
const SUPERVISION_STOCK = [
  ['randomTasks', '双随机检查任务'],
  ['randomTasksDone', '已完成检查'],
  ['otherTasks', '其他检查任务'],
  ['hazardsFound', '发现隐患'],
  ['hazardsFixed', '整改隐患'],
] as const;

/**
 * One standard statistical table as an Excel workbook: a row per agency directly below the one chosen and a
 * total row, each figure of this period beside the previous one. Read from the same rollups as the dashboard.
 */
export async function statisticalTable(
  db: Executor,
  actor: Actor,
  table: DashboardTable,
  agencyId: string | undefined,
  period: DashboardPeriod,
  today: string,
) {
  const agency = await agencyInScope(db, actor, agencyId);
  const range = periodRange(period, today);
  const children = await db.selectFrom('agencies').selectAll().where('parent_id', '=', agency.id).orderBy('region_code').orderBy('name').execute();
  const sums = await metricSums(
    db,
    agency.path,
    range,
    children.map((c) => c.path),
  );
  const metrics = TABLE_METRICS[table];
  const wb = new ExcelJS.Workbook();
  const title = DASHBOARD_TABLE_LABELS[table];
  const ws = wb.addWorksheet(title);
  ws.addRow([title]);
  ws.addRow([
    `统计范围：${agency.name}及所属机构　统计期间：${DASHBOARD_PERIOD_LABELS[period]}（${range.from} 至 ${range.to}），上期 ${range.previousFrom} 至 ${range.previousTo}`,
  ]);
  const stock = table === 'supervision';
  ws.addRow([
    '机构',
    ...metrics.flatMap((m) => [`${DASHBOARD_METRIC_LABELS[m]}（本期）`, `${DASHBOARD_METRIC_LABELS[m]}（上期）`]),
    ...(stock ? SUPERVISION_STOCK.map(([, label]) => `${label}（累计）`) : []),
  ]);
  ws.getRow(3).font = { bold: true };
  const stockOf = async (path: string) => {
    if (!stock) return [];
    const scope: DataScope = { kind: 'agency_and_below', agencyPath: path };
    const f = await supervisionFigures(db, scope, today);
    return SUPERVISION_STOCK.map(([k]) => f[k]);
  };
  for (const c of children) {
    const both = sums.byChild.get(c.path);
    ws.addRow([c.name, ...metrics.flatMap((m) => [both?.current.get(m) ?? 0, both?.previous.get(m) ?? 0]), ...(await stockOf(c.path))]);
  }
  ws.addRow([`${agency.name}（合计）`, ...metrics.flatMap((m) => [sums.current.get(m) ?? 0, sums.previous.get(m) ?? 0]), ...(await stockOf(agency.path))]);
  ws.getColumn(1).width = 32;
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, filename: `${title}-${agency.short_name}-${range.from}至${range.to}.xlsx` };
}
