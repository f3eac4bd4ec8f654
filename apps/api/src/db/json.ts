import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The one way JSON columns are written and read: a schema-validated codec per column. Values are
 * validated against the column's TypeBox schema on the way in and on the way out, so a malformed document
 * is refused where it is made and noticed where it is read, instead of surfacing as a wrong page later.
 * On PostgreSQL the columns are `jsonb` (migration 0070: the database refuses text that is not JSON); the
 * driver hands them back as text (database.ts), so both dialects decode the same way.
 */
export interface JsonCodec<T> {
  encode(value: T): string;
  decode(raw: string | null | undefined): T | null;
}

export class JsonColumnError extends Error {}

export function jsonColumn<S extends TSchema>(what: string, schema: S): JsonCodec<Static<S>> {
  const check = (v: unknown, dir: string) => {
    if (!Value.Check(schema, v)) {
      const first = [...Value.Errors(schema, v)][0];
      throw new JsonColumnError(`${what}: ${dir} value does not match its schema${first ? ` (${first.instancePath || '/'} ${first.message})` : ''}`);
    }
  };
  return {
    encode(value) {
      check(value, 'written');
      return JSON.stringify(value);
    },
    decode(raw) {
      if (raw === null || raw === undefined) return null;
      const v: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
      check(v, 'stored');
      return v as Static<S>;
    },
  };
}

/**
 * Whether two JSON texts hold the same document (jsonb on PostgreSQL stores its own normal form: key order
 * and spacing of the text read back differ from the text written).
 */
export function sameJson(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}
