import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasPermission, type Permission, ROLES, type Role } from '@fep/domain';
import fc from 'fast-check';
import { routeRegistry } from './platform/http/guard.ts';
import { bearer, startTestApp, type TestApp, type TestDatabase } from './test-support/harness.ts';

/**
 * Property-based fuzzing of every API operation (issue "Holds under attack", item 1): requests generated
 * from each route's own request schemas — schema-valid values and broken ones (wrong types, nulls, [null],
 * huge and non-finite numbers, NUL bytes, prototype keys, garbage multipart) — sent as a user holding the
 * route's permission. No answer may be a 5xx, and no error body may carry a stack, SQL or a file path.
 * Fixed seed and a bounded count here (FEP_FUZZ_RUNS per operation and kind, default 25 valid + 25 broken);
 * `FEP_FUZZ_RUNS=500` runs more.
 */
const RUNS = Number(process.env.FEP_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FEP_FUZZ_SEED ?? 20261206);

type Json = Record<string, unknown>;

/** An arbitrary of values valid under a TypeBox (JSON Schema) schema, as far as a request can be. */
function valid(schema: Json | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(undefined);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(schema[k])) return fc.oneof(...(schema[k] as Json[]).map((s) => valid(s, depth + 1)));
  if (Array.isArray(schema.allOf)) return valid((schema.allOf as Json[])[0], depth + 1);
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = valid(s, depth + 1);
      const rec = fc.record(model, { requiredKeys: required.filter((k) => k in model) });
      const pattern = schema.patternProperties as Record<string, Json> | undefined;
      if (pattern && Object.keys(pattern).length) {
        const [re, s] = Object.entries(pattern)[0]!;
        return fc.tuple(rec, fc.dictionary(stringFor({ pattern: re }), valid(s, depth + 1), { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a }));
      }
      return rec;
    }
    case 'array':
      return fc.array(valid(schema.items as Json, depth + 1), {
        minLength: Number(schema.minItems ?? 0),
        maxLength: Math.max(Number(schema.minItems ?? 0), Math.min(Number(schema.maxItems ?? 3), 4)),
      });
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: Number(schema.minimum ?? -1_000_000), max: Number(schema.maximum ?? 1_000_000_000) });
    case 'number':
      return fc.double({ min: Number(schema.minimum ?? -1e9), max: Number(schema.maximum ?? 1e12), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Json): fc.Arbitrary<string> {
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  if (schema.format === 'date')
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  const min = Number(schema.minLength ?? 0);
  const max = Math.max(min, Math.min(Number(schema.maxLength ?? 40), 60));
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.constantFrom('鑫源大酒店', '人民路100号', '13800138000', '91440101MA5D12345X', '440106', '2026-10-13').filter((s) => s.length >= min && s.length <= max),
  );
}

const NASTY: unknown[] = [
  null,
  [null],
  {},
  [],
  '',
  ' ',
  'null',
  '\u0000',
  'x'.repeat(5000),
  -1,
  0,
  1e308,
  -1e308,
  2 ** 53,
  1.5,
  true,
  '<script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  { __proto__: { polluted: 1 } },
  { constructor: { prototype: { polluted: 1 } } },
  ['a', 1, null],
];

/** Broken versions of a valid value: a whole-value swap or one property swapped for a nasty value. */
function broken(schema: Json | undefined): fc.Arbitrary<unknown> {
  const whole = fc.constantFrom(...NASTY);
  if (schema?.type !== 'object' || !schema.properties) return whole;
  const keys = Object.keys(schema.properties as object);
  return fc.oneof(
    whole,
    fc.tuple(valid(schema), fc.constantFrom(...keys), fc.constantFrom(...NASTY)).map(([v, k, bad]) => ({ ...(v as object), [k]: bad })),
    fc.tuple(valid(schema), fc.constantFrom(...keys)).map(([v, k]) => {
      const copy = { ...(v as Record<string, unknown>) };
      delete copy[k];
      return copy;
    }),
  );
}

/**
 * The dashboard's server-sent event stream stays open until the client leaves; fuzzed with `once=true` (its
 * documented short answer), so every request ends — its other parameters are fuzzed as usual.
 */
const STREAM = '/api/v1/dashboard/stream';
function withOnce(q: unknown): unknown {
  return q && typeof q === 'object' && !Array.isArray(q) ? { ...(q as object), once: true } : { once: true };
}

function queryString(q: unknown): string {
  if (!q || typeof q !== 'object' || Array.isArray(q)) return q === undefined ? '' : `?q=${encodeURIComponent(String(q))}`;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\/work\/|\/src\/|SqliteError|syntax error at|relation ".*" does not exist|\b(select|insert into|update|delete from) .* (from|set|values|where)\b/i;

/** The fuzz suite on one store; fuzz.test.ts (SQLite) and fuzz-postgres.test.ts run it as two files, each within the per-file time limit. */
export function fuzzEveryOperation(database: TestDatabase): void {
  describe(`fuzzing every API operation from its schemas [${database}]`, () => {
    let t: TestApp;
    const tokens = new Map<string, string>();
    const ids: string[] = [];
    before(async () => {
      t = await startTestApp(database);
      // Real ids of each kind of record, so that generated paths also reach records that exist.
      const db = t.ctx.database.db;
      for (const table of ['applications', 'units', 'clocks', 'licences', 'inspection_tasks', 'random_plans', 'rectification_orders', 'files'] as const) {
        const rows = await db.selectFrom(table).select('id').limit(2).execute();
        ids.push(...rows.map((r) => String(r.id)));
      }
    });
    after(() => t.close());

    async function tokenFor(permission: string): Promise<string | null> {
      if (permission === 'public') return null;
      const role: Role | undefined = permission === 'authenticated' ? 'clerk' : ROLES.find((r) => hasPermission([r], permission as Permission));
      if (!role) return null;
      const username = role === 'admin' ? 'admin.000000' : `${role}.211000`;
      let token = tokens.get(username);
      if (!token) {
        token = await t.login(username);
        tokens.set(username, token);
      }
      return token;
    }

    test(`every operation, ${RUNS} schema-valid and ${RUNS} broken requests each: no 5xx, no stack, SQL or path in a body`, async () => {
      const failures: string[] = [];
      const operations = [...routeRegistry.values()]
        .filter((r) => r.url !== '/api/v1/auth/logout')
        .sort((a, b) => `${a.method} ${a.url}`.localeCompare(`${b.method} ${b.url}`));
      assert.ok(operations.length > 50, `${operations.length} operations`);
      let sent = 0;
      const statuses = new Map<string, number>();
      for (const [opIndex, op] of operations.entries()) {
        const paramNames = [...op.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        const pathArb = fc.record(
          Object.fromEntries(
            paramNames.map((n) => [
              n,
              fc.oneof(fc.constantFrom(...(ids.length ? ids : ['x'])), fc.string({ maxLength: 40 }), fc.constantFrom('..', '%00', '0', '-1', 'x'.repeat(300))),
            ]),
          ),
        );
        const multipart = JSON.stringify(op.schema.consumes ?? '').includes('multipart');
        const bodyArb = (kind: 'valid' | 'broken') => (kind === 'valid' ? valid(op.schema.body as Json) : broken(op.schema.body as Json));
        const queryArb = (kind: 'valid' | 'broken') => (kind === 'valid' ? valid(op.schema.querystring as Json) : broken(op.schema.querystring as Json));
        for (const kind of ['valid', 'broken'] as const) {
          const samples = fc.sample(fc.record({ path: pathArb, query: queryArb(kind), body: bodyArb(kind) }), {
            numRuns: RUNS,
            seed: SEED + opIndex * 2 + (kind === 'broken' ? 1 : 0),
          });
          for (const s of samples) {
            const url =
              op.url.replace(/:(\w+)/g, (_m, n: string) => encodeURIComponent(String((s.path as Record<string, unknown>)[n] ?? 'x'))) +
              queryString(op.url === STREAM ? withOnce(s.query) : s.query);
            const token = await tokenFor(String(op.permission));
            const headers: Record<string, string> = { ...(token ? bearer(token) : {}), 'idempotency-key': `fuzz-${sent}-${SEED}` };
            let payload: string | undefined;
            if (op.method !== 'GET' && op.method !== 'DELETE') {
              if (multipart) {
                headers['content-type'] = 'multipart/form-data; boundary=fuzz';
                payload =
                  kind === 'valid'
                    ? '--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--fuzz--\r\n'
                    : '--wrong\r\n\r\n';
              } else {
                headers['content-type'] = 'application/json';
                payload = s.body === undefined ? '{}' : JSON.stringify(s.body);
              }
            }
            const r = await t.app.inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
            sent++;
            if (process.env.FEP_FUZZ_STATS) statuses.set(`${r.statusCode}`, (statuses.get(`${r.statusCode}`) ?? 0) + 1);
            if (r.statusCode >= 500 || (r.statusCode >= 400 && LEAK.test(r.body))) {
              failures.push(
                `${op.method} ${op.url} (${kind}) → ${r.statusCode} ${r.body.slice(0, 200)}\n    url: ${url.slice(0, 200)}\n    body: ${(payload ?? '').slice(0, 300)}`,
              );
            }
            if (r.statusCode === 401 && token && /SESSION/.test(r.body)) tokens.clear();
          }
        }
      }
      if (process.env.FEP_FUZZ_STATS) console.log(operations.length, 'operations', sent, 'requests', Object.fromEntries(statuses));
      assert.ok(sent >= operations.length * RUNS * 2);
      assert.deepEqual(failures.slice(0, 15), [], `${failures.length} failures of ${sent} requests`);
    });
  });
}
