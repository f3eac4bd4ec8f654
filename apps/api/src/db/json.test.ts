import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { DATABASES, startTestApp } from '../test-support/harness.ts';
import { JsonColumnError, jsonColumn, sameJson } from './json.ts';
import { JSONB_COLUMNS } from './migrations/0070_platform_jsonb.ts';

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
        select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema() and column_name like '%_json'`.execute(
        t.ctx.database.db,
      );
      const of = (table: string, column: string) => types.rows.find((r) => r.table_name === table && r.column_name === column)?.data_type;
      for (const [table, column] of JSONB_COLUMNS) assert.equal(of(table, column), 'jsonb', `${table}.${column}`);
      assert.equal(of('random_plans', 'rates_json'), 'text', 'a frozen plan input keeps its text');
      await assert.rejects(sql`select '{not json'::jsonb`.execute(t.ctx.database.db), /invalid input syntax for type json/);
      const r = await sql<{ v: unknown }>`select '{"b":1,"a":2}'::jsonb as v`.execute(t.ctx.database.db);
      assert.equal(typeof r.rows[0]!.v, 'string', 'jsonb comes back as text, decoded by the column codec');
    } finally {
      await t.close();
    }
  });
}
