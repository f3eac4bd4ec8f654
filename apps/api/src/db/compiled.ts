import { type Compilable, CompiledQuery, type Insertable, type QueryResult } from 'kysely';
import type { Executor } from './database.ts';
import type { DB } from './schema.ts';

/**
 * Statements on the hottest write paths (every submission and every enforcement record event) are built by
 * Kysely once per dialect and shape, and re-run with new parameters: building and compiling the query tree
 * cost more than running the statement. The first build of a shape checks that the parameters the caller
 * passes are exactly, in order, the ones Kysely bound, so a cached statement can never run with its values
 * in the wrong places.
 */
const CACHE = new WeakMap<object, Map<string, string>>();

function cacheOf(db: Executor): Map<string, string> {
  const adapter = db.getExecutor().adapter;
  let cache = CACHE.get(adapter);
  if (!cache) {
    cache = new Map();
    CACHE.set(adapter, cache);
  }
  return cache;
}

/**
 * Runs the statement `build()` would make, with `parameters` — `build` runs only the first time `key` is
 * seen on this dialect. `key` names the shape: everything of the SQL text that is not a bound parameter.
 */
export async function runCompiled<R = unknown>(db: Executor, key: string, parameters: readonly unknown[], build: () => Compilable<R>): Promise<QueryResult<R>> {
  const cache = cacheOf(db);
  let text = cache.get(key);
  if (text === undefined) {
    const compiled = build().compile();
    const bound = compiled.parameters;
    if (bound.length !== parameters.length || bound.some((p, i) => !Object.is(p, parameters[i]))) {
      throw new Error(`compiled statement ${key}: the parameters passed are not the ones the query binds`);
    }
    text = compiled.sql;
    cache.set(key, text);
  }
  return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}

/**
 * Inserts rows of one table, compiled once per table, column list and row count. Columns whose value is
 * undefined are left out, as Kysely's `values` does; every row must set the same columns.
 */
export async function insertRows<TB extends keyof DB & string>(db: Executor, table: TB, rows: readonly Insertable<DB[TB]>[]): Promise<void> {
  if (rows.length === 0) return;
  const first = rows[0] as Record<string, unknown>;
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  const parameters: unknown[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    if (Object.keys(r).filter((c) => r[c] !== undefined).length !== columns.length) throw new Error(`insertRows ${table}: rows set different columns`);
    for (const c of columns) {
      if (r[c] === undefined) throw new Error(`insertRows ${table}: rows set different columns`);
      parameters.push(r[c]);
    }
  }
  await runCompiled(db, `insert:${table}:${columns.join(',')}:${rows.length}`, parameters, () => db.insertInto(table).values(rows as never));
}
