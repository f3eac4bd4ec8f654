import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { GroupCommitSqliteDialect, type StatementSource } from './sqlite-group-commit.ts';

interface T {
  items: { id: number; note: string };
}

function source(file: string, commits?: { n: number }): StatementSource & { sqlite: SQLite.Database } {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  return {
    sqlite,
    close: () => sqlite.close(),
    prepare: (text: string) => {
      if (commits && text === 'commit') commits.n++;
      return sqlite.prepare(text);
    },
  };
}

describe('SQLite group commit: transactions of concurrent requests share one durable commit', () => {
  let dir: string;
  let db: Kysely<T>;
  let outside: SQLite.Database;
  const commits = { n: 0 };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fep-group-commit-'));
    const file = join(dir, 'g.sqlite');
    const reader = source(file);
    reader.sqlite.pragma('query_only = ON');
    db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect({ writer: source(file, commits), reader }) });
    await sql`create table items (id integer primary key, note text not null)`.execute(db);
    // A third connection, as another process would see the file: only what is on disk and committed.
    outside = new SQLite(file);
  });
  after(async () => {
    outside.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = () => (outside.prepare('select count(*) as n from items').get() as { n: number }).n;

  test('20 concurrent transactions commit in fewer commits than transactions, and each is committed when it resolves', async () => {
    const before = commits.n;
    const start = count();
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction()
          .execute(async (trx) => {
            await trx
              .insertInto('items')
              .values({ id: 1000 + i, note: `n${i}` })
              .execute();
          })
          .then(() => {
            // When a transaction's promise resolves, another connection already sees its row.
            seen.push((outside.prepare('select count(*) as n from items where id = ?').get(1000 + i) as { n: number }).n);
          }),
      ),
    );
    assert.deepEqual(seen, Array(20).fill(1));
    assert.equal(count(), start + 20);
    assert.ok(commits.n - before < 20, `${commits.n - before} commits for 20 transactions`);
  });

  test('a failing transaction is rolled back alone; the others of its batch commit', async () => {
    const start = count();
    const results = await Promise.allSettled([
      db.transaction().execute((trx) => trx.insertInto('items').values({ id: 2001, note: 'a' }).execute()),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2002, note: 'b' }).execute();
        throw new Error('refused');
      }),
      db.transaction().execute((trx) => trx.insertInto('items').values({ id: 2003, note: 'c' }).execute()),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(count(), start + 2);
    assert.equal((outside.prepare('select count(*) as n from items where id = 2002').get() as { n: number }).n, 0);
  });

  test('a constraint error inside a transaction rejects it and leaves the batch usable', async () => {
    await db.insertInto('items').values({ id: 3001, note: 'x' }).execute();
    await assert.rejects(db.transaction().execute((trx) => trx.insertInto('items').values({ id: 3001, note: 'dup' }).execute()));
    await db.transaction().execute((trx) => trx.insertInto('items').values({ id: 3002, note: 'y' }).execute());
    assert.equal((outside.prepare('select note from items where id = 3001').get() as { note: string }).note, 'x');
    assert.equal((outside.prepare('select count(*) as n from items where id = 3002').get() as { n: number }).n, 1);
  });

  test('reads outside a transaction never see a batch that has not committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 4001, note: 'pending' }).execute();
      await gate;
    });
    // The transaction is open and has written; a plain read goes to the reader and does not wait for it.
    await new Promise((r) => setImmediate(r));
    const during = await db.selectFrom('items').select('id').where('id', '=', 4001).execute();
    assert.deepEqual(during, []);
    release();
    await tx;
    const afterwards = await db.selectFrom('items').select('id').where('id', '=', 4001).execute();
    assert.deepEqual(afterwards, [{ id: 4001 }]);
  });

  test('a write outside a transaction is committed when it resolves', async () => {
    await db.updateTable('items').set({ note: 'changed' }).where('id', '=', 2001).execute();
    assert.equal((outside.prepare('select note from items where id = 2001').get() as { note: string }).note, 'changed');
  });

  test('PRAGMA runs on the writer between batches (SQLite ignores foreign_keys inside a transaction)', async () => {
    await sql`pragma foreign_keys = on`.execute(db);
    const r = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(r.rows[0]?.foreign_keys, 1);
    await sql`pragma foreign_keys = off`.execute(db);
    const r2 = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(r2.rows[0]?.foreign_keys, 0);
  });
});
