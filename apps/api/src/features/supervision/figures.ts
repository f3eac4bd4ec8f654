import type { SupervisionFiguresView } from '@fep/contracts';
import type { DataScope } from '@fep/domain';
import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { committedWrites } from '../../platform/cache.ts';
import { scopeFilter } from '../../platform/org/scope.ts';
import { taskCounts } from '../inspections/index.ts';

const OTHER_PURPOSES = new Set(['complaint', 'superior_order', 'dishonest', 'monitoring_alert']);

/**
 * Supervision figures (SUP-13), computed from the records without any form to fill in — at province scale
 * without scanning them: task counts are summed from the rollup the inspections feature keeps in the
 * transaction of every task change; hazards, orders and plans are counted on covering indexes, one range
 * per agency of the scope (the agencies table is small; its paths are what every record's
 * `agency_path` copies). Same figures as counting the records with `scopeFilter` (figures.test.ts).
 */
export async function supervisionFigures(db: Executor, scope: DataScope, today: string): Promise<SupervisionFiguresView> {
  // A leader's dashboard polls the figures; a client asking for them without pause would otherwise take
  // the event loop from the field lookups (docs/decisions.md "Figures cache"). One answer per scope and
  // day is kept at most FIGURES_MAX_AGE_MS and dropped at once by any write committed in this process;
  // a write of another process (a second instance on PostgreSQL) shows within that age.
  const key = `${today}|${JSON.stringify(scope)}`;
  const writes = committedWrites();
  const now = performance.now();
  let byKey = cache.get(db);
  if (!byKey) {
    byKey = new Map();
    cache.set(db, byKey);
  }
  const hit = byKey.get(key);
  if (hit && hit.writes === writes && now - hit.at < FIGURES_MAX_AGE_MS) return hit.value;
  const value = await computeFigures(db, scope, today);
  if (byKey.size >= 1000) byKey.clear();
  byKey.set(key, { value, writes, at: now });
  return value;
}

export const FIGURES_MAX_AGE_MS = 1000;
const cache = new WeakMap<object, Map<string, { value: SupervisionFiguresView; writes: number; at: number }>>();

async function computeFigures(db: Executor, scope: DataScope, today: string): Promise<SupervisionFiguresView> {
  // The paths of the agencies in scope (each an equality range on the tables' agency_path indexes); `all` needs no filter.
  const paths = db
    .selectFrom('agencies')
    .select('agencies.path')
    .where(scopeFilter(scope, { agencyPath: 'agencies.path' }));
  const inScope = (table: 'hazards' | 'rectification_orders' | 'random_plans') =>
    scope.kind === 'all' ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.ref(`${table}.agency_path`)} in (${paths})`;
  const [tasks, hazards, orders, plans] = await Promise.all([
    taskCounts(db, scope),
    db
      .selectFrom('hazards')
      .select(['status', 'major', sql<number>`count(*)`.as('n')])
      .where(inScope('hazards'))
      .groupBy(['status', 'major'])
      .execute(),
    db
      .selectFrom('rectification_orders')
      .select(['status', sql<number>`count(*)`.as('n'), sql<number>`sum(case when deadline_date < ${today} then 1 else 0 end)`.as('overdue')])
      .where(inScope('rectification_orders'))
      .groupBy('status')
      .execute(),
    db.selectFrom('random_plans').select(sql<number>`count(*)`.as('n')).where(inScope('random_plans')).executeTakeFirst(),
  ]);
  const sum = <T>(rows: T[], pick: (r: T) => boolean, n: (r: T) => unknown = (r) => (r as { n: unknown }).n) =>
    rows.reduce((s, r) => s + (pick(r) ? Number(n(r) ?? 0) : 0), 0);
  return {
    plans: Number(plans?.n ?? 0),
    randomTasks: sum(tasks, (t) => t.purpose === 'random'),
    randomTasksDone: sum(tasks, (t) => t.purpose === 'random' && t.status === 'done'),
    otherTasks: sum(tasks, (t) => OTHER_PURPOSES.has(t.purpose)),
    hazardsFound: sum(hazards, () => true),
    hazardsFixed: sum(hazards, (h) => h.status === 'closed'),
    majorHazardsOpen: sum(hazards, (h) => Number(h.major) === 1 && h.status === 'ordered'),
    ordersOpen: sum(orders, (o) => o.status === 'open' || o.status === 'reported'),
    ordersOverdue: sum(
      orders,
      (o) => o.status === 'open',
      (o) => o.overdue,
    ),
    ordersEscalated: sum(orders, (o) => o.status === 'escalated'),
  };
}
