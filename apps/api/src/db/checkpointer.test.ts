import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.ts';
import { openDatabase } from './database.ts';

function writer(file: string) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, body text not null)');
  return db;
}

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return ok();
};

// First in the file: the handles of later tests' workers must not be counted in its baseline.
test('the checkpointer never keeps the process alive: a store left open (a start that failed) lets it end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fep-ckpt-'));
  const file = join(dir, 'a.sqlite');
  const db = writer(file);
  const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;
  const c = startCheckpointer(db, file);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const after = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;
    assert.ok(after <= before, `the checkpointer holds a handle that keeps the event loop alive (${before} → ${after})`);
  } finally {
    await c.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the WAL is checkpointed on the checkpointer thread, never by the writer, and data survives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fep-ckpt-'));
  const file = join(dir, 'a.sqlite');
  const db = writer(file);
  const c = startCheckpointer(db, file, { intervalMs: 20, thresholdBytes: 256 * 1024 });
  try {
    // The writer no longer checkpoints inside its commits.
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0);
    const insert = db.prepare('insert into t (body) values (?)');
    const body = 'x'.repeat(2000);
    for (let i = 0; i < 2000; i++) insert.run(body);
    assert.ok(await until(() => c.stats.checkpoints > 0), 'a checkpoint ran on the thread');
    // Pages went to the database file: it holds the rows without the WAL.
    assert.ok(statSync(file).size > 2000 * 2000, `database file is ${statSync(file).size} bytes`);
    assert.equal((db.prepare('select count(*) n from t').get() as { n: number }).n, 2000);
  } finally {
    await c.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when the thread stops, the writer checkpoints itself again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fep-ckpt-'));
  const file = join(dir, 'a.sqlite');
  const db = writer(file);
  const c = startCheckpointer(db, file);
  await c.stop();
  assert.equal(c.stats.running, false);
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the product store runs its checkpointer and stops it on close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fep-ckpt-'));
  const database = openDatabase({ dataDir: dir });
  assert.equal(database.checkpoints?.running, true);
  await database.close();
  assert.equal(database.checkpoints?.running, false);
  rmSync(dir, { recursive: true, force: true });
});
