import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.ts';
import { pathRange } from '../../platform/org/scope.ts';
import { creditUnitLevels } from '../credit/index.ts';

/**
 * The credit and risk distribution of the leaders' dashboard (MON-02) as a rollup: `dashboard_unit_levels`
 * holds, per unit, where and at which levels it is counted; `dashboard_levels` the units per agency path and
 * levels. An event naming units (a standing's level moved, units entered or imported, a permit granted) recounts
 * each of them from what the credit feature reads now (its standing's levels, else the directory's: CRD-04) and
 * moves it from the cell it was counted in to the one it belongs to.
 *
 * Reading the present rather than applying the event's before/after makes a delivery retried after a later one,
 * or two events of one unit delivered at once, land on the same figures: each unit's row is locked (PostgreSQL
 * `FOR UPDATE`; SQLite has one writer) before its present levels are read, so two recounts of a unit follow each
 * other and the second finds the first's row.
 */
export async function recountUnits(trx: Executor, dialect: Dialect, list: string[]): Promise<boolean> {
  // Sorted: concurrent recounts of overlapping sets lock their rows in one order (no deadlock).
  const uscis = [...new Set(list)].sort();
  if (!uscis.length) return false;
  let moved = false;
  for (let i = 0; i < uscis.length; i += CHUNK) {
    const chunk = uscis.slice(i, i + CHUNK);
    // A unit counted nowhere yet gets a row to lock ('' path: counted nowhere).
    await trx
      .insertInto('dashboard_unit_levels')
      .values(chunk.map((usci) => ({ usci, agency_path: '', level: '', risk: '' })))
      .onConflict((oc) => oc.column('usci').doNothing())
      .execute();
    let q = trx.selectFrom('dashboard_unit_levels').selectAll().where('usci', 'in', chunk).orderBy('usci');
    if (dialect === 'postgres') q = q.forUpdate();
    const counted = await q.execute();
    const now = await creditUnitLevels(trx, chunk);
    const delta = new Map<string, { agency_path: string; level: string; risk: string; n: number }>();
    const add = (agency_path: string, level: string, risk: string, n: number) => {
      const k = `${agency_path}|${level}|${risk}`;
      const d = delta.get(k) ?? { agency_path, level, risk, n: 0 };
      d.n += n;
      delta.set(k, d);
    };
    for (const old of counted) {
      const cur = now.get(old.usci);
      if (cur && cur.agencyPath === old.agency_path && cur.level === old.level && cur.risk === old.risk) continue;
      if (old.agency_path) add(old.agency_path, old.level, old.risk, -1);
      if (cur) {
        add(cur.agencyPath, cur.level, cur.risk, 1);
        await trx
          .updateTable('dashboard_unit_levels')
          .set({ agency_path: cur.agencyPath, level: cur.level, risk: cur.risk })
          .where('usci', '=', old.usci)
          .execute();
      } else await trx.deleteFrom('dashboard_unit_levels').where('usci', '=', old.usci).execute();
    }
    const changes = [...delta.values()].filter((d) => d.n !== 0);
    if (!changes.length) continue;
    moved = true;
    await trx
      .insertInto('dashboard_levels')
      .values(changes)
      .onConflict((oc) =>
        oc.columns(['agency_path', 'level', 'risk']).doUpdateSet((eb) => ({ n: eb(eb.ref('dashboard_levels.n'), '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
  return moved;
}

/** Units per recount statement: a page of an import (1,000 rows) in a few statements, far below parameter limits. */
const CHUNK = 500;

/** Units in scope by credit level and risk level: the path range of `dashboard_levels`, nothing else read. */
export async function levelFigures(db: Executor, path: string): Promise<{ level: string; risk: string; units: number }[]> {
  const { from, to } = pathRange(path);
  const rows = await db
    .selectFrom('dashboard_levels')
    .select(['level', 'risk', sql<number>`sum(n)`.as('n')])
    .where(sql<boolean>`agency_path COLLATE "binary" >= ${from} AND agency_path COLLATE "binary" < ${to}`)
    .groupBy(['level', 'risk'])
    .execute();
  return rows.filter((r) => Number(r.n) !== 0).map((r) => ({ level: r.level, risk: r.risk, units: Number(r.n) }));
}
