import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { JSON_ALLOWED, jsonColumnsOfSchema, jsonColumnViolations } from './json-columns.ts';

const SRC = new URL('.', import.meta.url).pathname;

test('JSON columns are read and written only through their codec: no JSON.parse/stringify in features or platform but the allowed ones', () => {
  assert.deepEqual(
    jsonColumnViolations(SRC).map((v) => `${v.file}:${v.line} ${v.rule} ${v.text}`),
    [],
  );
  for (const a of JSON_ALLOWED) assert.ok(a.reason.length > 20, `the allowance for ${a.file} says why`);
});

test('every JSON column of the schema is known to the check, the ones without _json in their name too', () => {
  const columns = jsonColumnsOfSchema(SRC);
  for (const c of [
    'applications.decision_json',
    'policy_versions.values_json',
    'domain_events.payload',
    'idempotency_keys.response_body',
    'audit_events.details',
  ])
    assert.ok(columns.includes(c), c);
});

test('the check fails on a planted parse, a planted stringify, a JSON literal, a column without codec, two codecs and a stale allowance', () => {
  const root = mkdtempSync(join(tmpdir(), 'fep-json-'));
  try {
    mkdirSync(join(root, 'db/schema'), { recursive: true });
    mkdirSync(join(root, 'features/alpha/use-cases'), { recursive: true });
    mkdirSync(join(root, 'platform/beta'), { recursive: true });
    writeFileSync(
      join(root, 'db/schema/alpha.ts'),
      [
        'export interface AlphaTable {',
        '  id: string;',
        '  items_json: string;',
        '  notes_json: string | null;',
        '  extra_json: string;',
        '}',
        'export interface AlphaTables {',
        '  alphas: AlphaTable;',
        '}',
      ].join('\n'),
    );
    writeFileSync(
      join(root, 'features/alpha/alpha.columns.ts'),
      [
        "export const ITEMS = jsonColumn('alphas.items_json', Type.Array(Type.String()));",
        "export const EXTRA = jsonColumn('alphas.extra_json', Type.Object({}));",
      ].join('\n'),
    );
    writeFileSync(join(root, 'platform/beta/beta.columns.ts'), "export const AGAIN = jsonColumn(\n  'alphas.extra_json',\n  Type.Object({}),\n);\n");
    writeFileSync(
      join(root, 'features/alpha/use-cases/do-a.ts'),
      [
        'export const read = (r: { notes_json: string }) => JSON.parse(r.notes_json);',
        "export const row = { notes_json: '[]' };",
        'export const write = (v: unknown) => ({ notes_json: JSON.stringify(v) });',
        'export const key = (v: unknown) => JSON.stringify(v);',
      ].join('\n'),
    );
    // A test file may use JSON freely.
    writeFileSync(join(root, 'features/alpha/use-cases/do-a.test.ts'), "JSON.parse('[]');\n");
    const allowed = [
      { file: 'features/alpha/use-cases/do-a.ts', code: 'const key = (v: unknown) => JSON.stringify(v)', reason: 'a key' },
      { file: 'features/alpha/use-cases/gone.ts', code: 'JSON.parse(x)', reason: 'removed since' },
    ];
    const found = jsonColumnViolations(root, allowed).map((v) => `${v.file}:${v.line} ${v.rule} ${v.text}`);
    assert.deepEqual(found.sort(), [
      'db/schema:0 column_without_codec alphas.notes_json',
      'features/alpha/use-cases/do-a.ts:1 json_outside_codec export const read = (r: { notes_json: string }) => JSON.parse(r.notes_json);',
      "features/alpha/use-cases/do-a.ts:2 json_literal export const row = { notes_json: '[]' };",
      'features/alpha/use-cases/do-a.ts:3 json_outside_codec export const write = (v: unknown) => ({ notes_json: JSON.stringify(v) });',
      'features/alpha/use-cases/gone.ts:0 stale_allowance JSON.parse(x)',
      'platform/beta/beta.columns.ts:1 column_with_two_codecs alphas.extra_json',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
