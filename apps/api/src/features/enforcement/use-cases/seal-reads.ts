import type { SealListQuery, SealPage, SealView } from '@fep/contracts';
import type { EnforcementSeal } from '../../../db/schema/enforcement.ts';
import type { Actor } from '../../../platform/actor.ts';
import { pageWindow, searchAny } from '../../../platform/lists/lists.ts';
import { scopeFilter, scopeOf } from '../../../platform/org/scope.ts';
import type { Deps } from '../../../platform/transact.ts';
import { loadOwnSeal, loadSeal, partyMaySee } from '../seals.access.ts';
import { presentSeal, presentSealRow } from '../seals.presenter.ts';

/** One seal as the back office shows it, with its requests and clocks (ENF-05). */
export async function getSeal(deps: Deps, actor: Actor, id: string): Promise<SealView> {
  const db = deps.database.db;
  return presentSeal(db, await loadSeal(deps, actor, db, id), { kind: 'staff', actor }, deps.now());
}

/** The unit's own seal in the portal, with the requests it may make now. */
export async function getOwnSeal(deps: Deps, actor: Actor, id: string): Promise<SealView> {
  const db = deps.database.db;
  return presentSeal(db, await loadOwnSeal(deps, actor, db, id), { kind: 'party', actor }, deps.now());
}

async function openRequestCounts(deps: Deps, rows: EnforcementSeal[]): Promise<Map<string, number>> {
  if (!rows.length) return new Map();
  const counts = await deps.database.db
    .selectFrom('enforcement_seal_requests')
    .select(['seal_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where(
      'seal_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', 'in', ['submitted', 'inspected'])
    .groupBy('seal_id')
    .execute();
  return new Map(counts.map((c) => [c.seal_id, Number(c.n)]));
}

/** The seals of the jurisdiction, newest first, with search by unit, USCI or number and a status filter. */
export async function listSeals(deps: Deps, actor: Actor, query: SealListQuery): Promise<SealPage> {
  const db = deps.database.db;
  const { page, pageSize, offset } = pageWindow(query);
  let q = db.selectFrom('enforcement_seals').where(scopeFilter(scopeOf(actor), { agencyPath: 'enforcement_seals.agency_path' }));
  if (query.q?.trim()) q = q.where(searchAny(['enforcement_seals.unit_name', 'enforcement_seals.usci', 'enforcement_seals.number'], query.q));
  const statuses = query.status?.split(',').filter(Boolean);
  if (statuses?.length) q = q.where('status', 'in', statuses as EnforcementSeal['status'][]);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  const open = await openRequestCounts(deps, rows);
  return { items: rows.map((r) => presentSealRow(r, open.get(r.id) ?? 0)), total: Number(count?.n ?? 0), page, pageSize };
}

/** The unit's seals in the portal: those decided or sealed in an emergency. */
export async function listOwnSeals(deps: Deps, actor: Actor): Promise<SealPage> {
  const db = deps.database.db;
  const rows = actor.usci
    ? (await db.selectFrom('enforcement_seals').selectAll().where('usci', '=', actor.usci).orderBy('created_at', 'desc').limit(100).execute()).filter(
        partyMaySee,
      )
    : [];
  const open = await openRequestCounts(deps, rows);
  return { items: rows.map((r) => presentSealRow(r, open.get(r.id) ?? 0)), total: rows.length, page: 1, pageSize: 100 };
}
