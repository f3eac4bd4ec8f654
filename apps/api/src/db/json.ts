import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';

/**
 * The one way JSON columns are written and read: a schema-validated codec per column. Values are
 * validated against the column's TypeBox schema on the way in and on the way out, so a malformed document
 * is refused where it is made and noticed where it is read, instead of surfacing as a wrong page later.
 * On PostgreSQL the business documents are `jsonb` (migrations 0070, 0080: the database refuses text that
 * is not JSON); the driver hands them back as text (database.ts), so both dialects decode the same way.
 *
 * Each column is defined once, beside the feature that owns its table (`<feature>.columns.ts`); the
 * architecture test (json-columns.test.ts) refuses `JSON.parse` / `JSON.stringify` elsewhere in features
 * and platform. The schema is compiled once, when the column is defined: the codec sits on the hot write
 * path (every submission encodes several documents), where the interpreted `Value.Check` showed in profiles.
 */
export interface JsonCodec<T> {
  /** The column it stands for (`table.column`), for messages and the architecture test. */
  readonly column: string;
  encode(value: T): string;
  decode(raw: string | null | undefined): T | null;
}

export class JsonColumnError extends Error {}

export interface JsonColumnOptions {
  /**
   * Writes object keys sorted, so the same document always has the same text: for a column whose text is
   * hashed as written (the enforcement record's details).
   */
  canonical?: boolean;
}

export function jsonColumn<S extends TSchema>(column: string, schema: S, options: JsonColumnOptions = {}): JsonCodec<Static<S>> {
  const validator = Compile(schema);
  const check = (v: unknown, dir: string) => {
    if (!validator.Check(v)) {
      // Only a refusal pays for the error list; the first failing path names what is wrong.
      const first = validator.Errors(v)[0];
      throw new JsonColumnError(`${column}: ${dir} value does not match its schema${first ? ` (${first.instancePath || '/'} ${first.message})` : ''}`);
    }
  };
  const stringify = options.canonical ? canonicalJson : (v: unknown) => JSON.stringify(v);
  return {
    column,
    encode(value) {
      check(value, 'written');
      return stringify(value);
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
 * Any JSON document (null, boolean, finite number, string, array, object of them). Only for a column whose
 * content really is arbitrary (a stored HTTP answer, a draft kept as the page sent it): it still refuses
 * what JSON cannot hold (undefined as a value or array element, functions, NaN, Infinity), which
 * `JSON.stringify` would silently turn into something else.
 */
export const JsonValue = Type.Cyclic(
  {
    JsonValue: Type.Union([
      Type.Null(),
      Type.Boolean(),
      Type.Number(),
      Type.String(),
      Type.Array(Type.Ref('JsonValue')),
      // An object property may be undefined: JSON.stringify leaves it out, as an absent optional property.
      Type.Record(Type.String(), Type.Union([Type.Ref('JsonValue'), Type.Undefined()])),
    ]),
  },
  'JsonValue',
);
export type JsonDocument = Static<typeof JsonValue>;
/**
 * A JSON object of arbitrary JSON values (an absent property may be undefined). Typed as
 * `Record<string, unknown>` where used: the compiled check, not the static type, is what holds it to JSON.
 */
export const JsonObject = Type.Record(Type.String(), Type.Union([JsonValue, Type.Undefined()]));

/**
 * JSON with sorted keys, so the same content always has the same text (hashed texts: the enforcement
 * record). The text is exactly what `JSON.stringify(value, replacer)` with a replacer that rebuilds every
 * plain object from its entries sorted by key would give (the form every stored chain was hashed in;
 * platform/audit/chain.test.ts compares the two on random documents): `toJSON` applied first, undefined,
 * functions and symbols dropped from objects and `null` in arrays, and — because a rebuilt object lists
 * integer-like keys first — array-index keys first in numeric order, then the other keys in code-unit
 * order. Written out by hand because the replacer form allocated a new object per level and was the
 * largest cost of recording an event.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '') as string;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const MAX_INDEX = 2 ** 32 - 2;

function write(input: unknown, key: string): string | undefined {
  let v = input;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += `${i ? ',' : ''}${write(v[i], String(i)) ?? 'null'}`;
    return `${out}]`;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  const indices = keys.filter((k) => ARRAY_INDEX.test(k) && Number(k) <= MAX_INDEX);
  let ordered = keys;
  if (indices.length) {
    indices.sort((a, b) => Number(a) - Number(b));
    const set = new Set(indices);
    ordered = [...indices, ...keys.filter((k) => !set.has(k))];
  }
  let out = '{';
  let first = true;
  for (const k of ordered) {
    const w = write(obj[k], k);
    if (w === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${w}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Whether two JSON texts hold the same document (jsonb on PostgreSQL stores its own normal form: key order
 * and spacing of the text read back differ from the text written).
 */
export function sameJson(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
}
