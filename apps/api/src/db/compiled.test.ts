import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { insertRows, runCompiled } from './compiled.ts';
import type { DB } from './schema.ts';

async function store() {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await sql`create table document_sequences (agency_id text, kind text, year integer, last integer, primary key (agency_id, kind, year))`.execute(db);
  return db;
}

describe('statements compiled once per shape', () => {
  test('a cached statement runs with the new parameters', async () => {
    const db = await store();
    const next = (agency: string) =>
      runCompiled<{ last: number }>(db, 'test:next', [agency, 'order', 2026, 1, 1], () =>
        db
          .insertInto('document_sequences')
          .values({ agency_id: agency, kind: 'order', year: 2026, last: 1 })
          .onConflict((oc) => oc.columns(['agency_id', 'kind', 'year']).doUpdateSet((eb) => ({ last: eb('document_sequences.last', '+', 1) })))
          .returning('last'),
      );
    assert.equal((await next('a')).rows[0]?.last, 1);
    assert.equal((await next('a')).rows[0]?.last, 2);
    assert.equal((await next('b')).rows[0]?.last, 1);
    await db.destroy();
  });

  test('parameters that are not the ones the query binds, in its order, are refused at the first build', async () => {
    const db = await store();
    await assert.rejects(
      runCompiled(db, 'test:wrong-order', ['order', 'a', 2026, 1], () =>
        db.insertInto('document_sequences').values({ agency_id: 'a', kind: 'order', year: 2026, last: 1 }),
      ),
      /not the ones the query binds/,
    );
    await db.destroy();
  });

  test('insertRows writes every row and refuses rows that set different columns', async () => {
    const db = await store();
    await insertRows(db, 'document_sequences', [
      { agency_id: 'a', kind: 'k', year: 2026, last: 3 },
      { agency_id: 'b', kind: 'k', year: 2026, last: 4 },
    ]);
    await insertRows(db, 'document_sequences', [{ agency_id: 'c', kind: 'k', year: 2026, last: 5 }]);
    const rows = await db.selectFrom('document_sequences').select(['agency_id', 'last']).orderBy('agency_id').execute();
    assert.deepEqual(rows, [
      { agency_id: 'a', last: 3 },
      { agency_id: 'b', last: 4 },
      { agency_id: 'c', last: 5 },
    ]);
    await assert.rejects(
      insertRows(db, 'document_sequences', [{ agency_id: 'd', kind: 'k', year: 2026, last: 1 }, { agency_id: 'e', kind: 'k', year: 2026 } as never]),
      /rows set different columns/,
    );
    await db.destroy();
  });
});
