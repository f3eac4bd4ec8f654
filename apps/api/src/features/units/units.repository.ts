import { chinaDateOf, type DataScope, type ResolvedPolicy, type UnitDefaultsPolicy } from '@fep/domain';
import { type CompiledQuery, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.ts';
import type { UnitTable } from '../../db/schema.ts';
import type { Agency } from '../../platform/org/agencies.repository.ts';
import { pathRange, scopeFilter } from '../../platform/org/scope.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { responsiblePersonsOf } from './units.presenter.ts';

/** The unit directory's queries; each takes the database or the transaction it runs in. */

const UNIT_SCOPE = { agencyPath: 'units.agency_path', ownerUserId: 'units.owner_user_id', usci: 'units.usci' } as const;

export function unitById(db: Executor, id: string, scope: DataScope | null): Promise<UnitTable | undefined> {
  let q = db.selectFrom('units').selectAll().where('id', '=', id);
  if (scope) q = q.where(scopeFilter(scope, UNIT_SCOPE));
  return q.executeTakeFirst();
}

type Compiled = CompiledQuery<UnitTable>;
const lookups = new WeakMap<object, Compiled>();

/**
 * The hot read (an inspector at a door looks a unit up): staff scopes run one query compiled once per
 * database and re-run with new parameters — building it anew costs more than SQLite takes to answer it.
 */
function compiledLookup(db: Executor): Compiled {
  let q = lookups.get(db);
  if (!q) {
    q = db
      .selectFrom('units')
      .selectAll()
      .where('usci', '=', '\u0000usci')
      .where(scopeFilter({ kind: 'agency_and_below', agencyPath: '\u0000path/' }, UNIT_SCOPE))
      .compile();
    lookups.set(db, q);
  }
  return q;
}

/** One unit by its USCI, within a scope (null: any). */
export async function unitByUsci(db: Executor, usci: string, scope: DataScope | null): Promise<UnitTable | undefined> {
  if (scope?.kind === 'agency_and_below' && !db.isTransaction) {
    const q = compiledLookup(db);
    const { from, to } = pathRange(scope.agencyPath);
    // The parameters in the order the compiled statement names them: the USCI, then the path range.
    const parameters = q.parameters.map((p) => (p === '\u0000usci' ? usci : p === '\u0000path/' ? from : to));
    return (await db.executeQuery({ ...q, parameters } as Compiled)).rows[0];
  }
  let q = db.selectFrom('units').selectAll().where('usci', '=', usci);
  if (scope) q = q.where(scopeFilter(scope, UNIT_SCOPE));
  return q.executeTakeFirst();
}

/** Inserts a unit unless its USCI is already in the directory; false when it was (a concurrent insert included). */
/**
 * The risk and credit level a unit entering the directory of `agency` gets on the day `now` falls on
 * (`units.defaults`), with the version key the entry records.
 */
export async function unitDefaults(db: Executor, agency: Agency, now: Date): Promise<ResolvedPolicy<UnitDefaultsPolicy>> {
  const [p] = await resolveForAgency(db, agency, chinaDateOf(now), ['units.defaults']);
  return p as ResolvedPolicy<UnitDefaultsPolicy>;
}

export async function insertUnitIfNew(db: Executor, row: UnitTable): Promise<boolean> {
  const r = await db
    .insertInto('units')
    .values(row)
    .onConflict((oc) => oc.column('usci').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface UnitFilter {
  name?: string;
  region?: string;
  risk?: 'low' | 'medium' | 'high';
  after?: string;
  limit: number;
}

/**
 * A page of the directory in scope, in id order (keyset: page 50 costs what page 1 costs). A name is
 * matched as a substring through a trigram index: FTS5 `trigram` on SQLite, pg_trgm's GIN index on
 * PostgreSQL (migration 0040). Trigram indexes need three characters; shorter terms scan.
 */
export function listUnits(db: Executor, dialect: Dialect, scope: DataScope, f: UnitFilter): Promise<UnitTable[]> {
  let q = db
    .selectFrom('units')
    .selectAll()
    .where(scopeFilter(scope, UNIT_SCOPE, { byIndex: false }));
  if (f.name) q = q.where(nameMatches(dialect, f.name));
  if (f.region) q = q.where('region_code', '=', f.region);
  if (f.risk) q = q.where('risk_level', '=', f.risk);
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit).execute();
}

function nameMatches(dialect: Dialect, term: string) {
  if (dialect === 'sqlite' && [...term].length >= 3) {
    // An FTS5 phrase: double quotes inside are doubled; the trigram tokenizer matches it as a substring.
    const phrase = `"${term.replace(/"/g, '""')}"`;
    return sql<SqlBool>`units.rowid in (select rowid from units_fts where units_fts match ${phrase})`;
  }
  // The term's own % and _ are literal characters (escaped), never wildcards: `q=%` matches a name with a %.
  return sql<SqlBool>`units.name like ${`%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape ${'\\'}`;
}

/** Ids, USCIs and agency paths of the units among `uscis` already in the directory (the import's merge). */
export function existingUnits(db: Executor, uscis: string[]) {
  return db.selectFrom('units').select(['id', 'usci', 'agency_path', 'contact_name', 'contact_phone']).where('usci', 'in', uscis).execute();
}

/** A page of the export, in id order after `after`. */
export function unitsAfter(db: Executor, scope: DataScope, after: string, limit: number): Promise<UnitTable[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where(scopeFilter(scope, { agencyPath: 'units.agency_path' }, { byIndex: false }))
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The units an applicant holds (by owner or by the USCI of their organisation). */
export function unitsOfApplicant(db: Executor, scope: DataScope): Promise<UnitTable[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where(scopeFilter(scope, { ownerUserId: 'units.owner_user_id', usci: 'units.usci' }))
    .orderBy('name')
    .limit(50)
    .execute();
}

/** A unit's responsible persons that are set, with their credit subject keys (CRD-01; credit reads them). */
export async function responsiblePersonsByUsci(
  db: Executor,
  usci: string,
): Promise<{ unitName: string; persons: ReturnType<typeof responsiblePersonsOf> } | null> {
  const u = await db
    .selectFrom('units')
    .select(['name', 'responsible_name', 'responsible_key', 'manager_name', 'manager_key'])
    .where('usci', '=', usci)
    .executeTakeFirst();
  return u ? { unitName: u.name, persons: responsiblePersonsOf(u) } : null;
}
