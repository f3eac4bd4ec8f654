import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { policyValues } from '../platform/policy/policy.columns.ts';
import { DATABASES, startTestApp } from '../test-support/harness.ts';
import { JsonColumnError, JsonObject, JsonValue, jsonColumn, sameJson } from './json.ts';
import { JSONB_COLUMNS } from './migrations/0070_platform_jsonb.ts';
import { JSONB_COLUMNS_0080 } from './migrations/0080_platform_jsonb_documents.ts';

const IDS = jsonColumn('t.ids_json', Type.Array(Type.String({ minLength: 1 }), { maxItems: 2 }));

test('a JSON column codec writes only documents of its schema and names the column and the path', () => {
  assert.equal(IDS.encode(['u-1', 'u-2']), '["u-1","u-2"]');
  assert.throws(
    () => IDS.encode(['u-1', 'u-2', 'u-3'] as never),
    (e: unknown) => e instanceof JsonColumnError && /t\.ids_json: written/.test(e.message),
  );
  assert.throws(() => IDS.encode([''] as never), /\/0/);
});

test('it reads text (SQLite, jsonb as text) and refuses a stored document that no longer matches', () => {
  assert.deepEqual(IDS.decode('["a"]'), ['a']);
  assert.deepEqual(IDS.decode(['b'] as never), ['b']);
  assert.equal(IDS.decode(null), null);
  assert.throws(() => IDS.decode('{"a":1}'), /t\.ids_json: stored/);
});

test('sameJson compares documents, not their text (jsonb stores its own key order and spacing)', () => {
  assert.equal(sameJson('{"b":1,"a":[1,{"y":2,"x":1}]}', '{"a": [1, {"x": 1, "y": 2}], "b": 1}'), true);
  assert.equal(sameJson('{"a":1}', '{"a":2}'), false);
  assert.equal(sameJson(null, null), true);
  assert.equal(sameJson(null, '{}'), false);
});

if (DATABASES.includes('postgres')) {
  test('on PostgreSQL the business documents are jsonb: the database refuses text that is not JSON, and hands the text back', async () => {
    const t = await startTestApp('postgres', { demo: false });
    try {
      const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema()`.execute(t.ctx.database.db);
      const of = (table: string, column: string) => types.rows.find((r) => r.table_name === table && r.column_name === column)?.data_type;
      for (const [table, column] of [...JSONB_COLUMNS, ...JSONB_COLUMNS_0080]) assert.equal(of(table, column), 'jsonb', `${table}.${column}`);
      assert.equal(of('random_plans', 'rates_json'), 'text', 'a frozen plan input keeps its text');
      assert.equal(of('audit_events', 'details'), 'text', 'record details are hashed as written');
      assert.equal(of('idempotency_keys', 'response_body'), 'text', 'an idempotent answer is replayed as written');
      await assert.rejects(sql`select '{not json'::jsonb`.execute(t.ctx.database.db), /invalid input syntax for type json/);
      const r = await sql<{ v: unknown }>`select '{"b":1,"a":2}'::jsonb as v`.execute(t.ctx.database.db);
      assert.equal(typeof r.rows[0]!.v, 'string', 'jsonb comes back as text, decoded by the column codec');
    } finally {
      await t.close();
    }
  });
}

test('the JSON-value schema (arbitrary columns) still refuses what JSON cannot hold', () => {
  const ANY = jsonColumn('t.any', JsonValue);
  assert.equal(ANY.encode({ a: [1, null, { b: 'x' }], skipped: undefined }), '{"a":[1,null,{"b":"x"}]}', 'an undefined property is an absent one');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, [undefined], { f: () => 1 }, undefined])
    assert.throws(() => ANY.encode(bad as never), /t\.any: written/, String(bad));
});

test('a canonical column writes sorted keys, so a hashed text is the same for the same document', () => {
  const DETAILS = jsonColumn('t.details', JsonObject, { canonical: true });
  assert.equal(DETAILS.encode({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"y":0,"z":1}]},"b":1}');
});

test('policy values are checked against their own kind, as an override: known fields, null inherits, nothing else', () => {
  const exemption = policyValues('licensing.exemption');
  assert.equal(exemption.encode({ exceptVenueKinds: ['ktv'], rules: null }), '{"exceptVenueKinds":["ktv"],"rules":null}');
  assert.throws(
    () => exemption.encode({ exceptVenueKinds: ['no-such-kind'] }),
    /policy_versions\.values_json \(licensing\.exemption\): written .*\/exceptVenueKinds\/0/,
  );
  assert.throws(() => exemption.encode({ maxDrawsPerYear: 2 }), /licensing\.exemption/, 'a field of another kind');
  assert.throws(() => exemption.encode({}), /licensing\.exemption/, 'an override overrides something');
  assert.throws(() => policyValues('no.such_kind'), /unknown policy kind/);
});
