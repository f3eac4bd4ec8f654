import { type DataScope, inScope } from '@fep/domain';
import { type ExpressionBuilder, type ReferenceExpression, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { notFound, outOfScope } from '../errors.ts';

export interface ScopeColumns<TB extends keyof DB> {
  agencyPath?: ReferenceExpression<DB, TB>;
  ownerUserId?: ReferenceExpression<DB, TB>;
  usci?: ReferenceExpression<DB, TB>;
}

/**
 * The one query helper that applies a data scope (decided by `decideScope` in the domain package):
 * `.where(scopeFilter(scope, { agencyPath: 'units.agency_path', ... }))`.
 * `byIndex: false` is for keyset pages in id order over a large table: the range is then tested row by
 * row while the primary key is walked (the range index would read the whole scope and sort it before
 * returning the first 50 rows).
 */
export function scopeFilter<TB extends keyof DB>(scope: DataScope, cols: ScopeColumns<TB>, opts: { byIndex?: boolean } = {}) {
  return (eb: ExpressionBuilder<DB, TB>) => {
    const none = sql<SqlBool>`1 = 0`;
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`;
      case 'agency_and_below': {
        // A range on the materialised path, which an index on the column answers: every path below
        // '/a/b/' sorts at or after it and before '/a/b0' ('0' is the character after '/'), whatever
        // characters the ids use. The comparison is byte-wise on both databases (collation "binary":
        // SQLite's own, on PostgreSQL created by migration 0040 with the C locale), so a linguistic
        // default collation cannot reorder '/' and '-'.
        if (!cols.agencyPath) return none;
        const { from, to } = pathRange(scope.agencyPath);
        const ref = eb.ref(cols.agencyPath as never);
        const col = opts.byIndex === false ? sql`(${ref} || '')` : ref;
        return sql<SqlBool>`(${col} COLLATE "binary" >= ${from} AND ${col} COLLATE "binary" < ${to})`;
      }
      case 'own_agency':
        return cols.agencyPath ? eb(cols.agencyPath, 'like', `%/${scope.agencyId}/`) : none;
      case 'self': {
        const ors = [];
        if (cols.ownerUserId) ors.push(eb(cols.ownerUserId, '=', scope.userId));
        if (cols.usci && scope.usci) ors.push(eb(cols.usci, '=', scope.usci));
        return ors.length ? eb.or(ors) : none;
      }
      case 'none':
        return none;
    }
  };
}

/**
 * The half-open range [from, to) of the paths at or below `path` ('/id/id/'): the path itself and every
 * string it prefixes. `to` is the path with its last character raised by one code unit.
 */
export function pathRange(path: string): { from: string; to: string } {
  if (!path) return { from: '', to: '\u{10FFFF}' };
  const last = path.charCodeAt(path.length - 1);
  return { from: path, to: path.slice(0, -1) + String.fromCharCode(last + 1) };
}

/** The data scope of an actor, or (route code) of a request's session; anonymous callers see nothing scoped. */
export function scopeOf(who: Pick<Actor, 'scope'> | { auth: { scope: DataScope } | null }): DataScope {
  if ('scope' in who) return who.scope;
  return who.auth?.scope ?? { kind: 'none' };
}

/**
 * Reads one record in scope. When the record exists but lies outside the caller's scope the answer is
 * the same 404 as for a missing record, marked as a refusal: the HTTP error handler records it as a
 * security event (platform/audit/refusals.ts) after the caller's transaction, if any, rolled back.
 */
export async function readInScope<T>(target: { type: string; id: string; what?: string }, fetch: (scoped: boolean) => Promise<T | undefined>): Promise<T> {
  const row = await fetch(true);
  if (row) return row;
  const exists = await fetch(false);
  if (exists) throw outOfScope(target.what ?? '记录', target);
  throw notFound(target.what);
}

export { inScope };
