import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { countAgencies, crash, fail, refuse, sleep, writeAttempt } from '../../test-support/test-reads.ts';
import { verifyChainsRead } from '../audit/audit.reads.ts';
import { AppError } from '../errors.ts';
import { ReadPool } from './pool.ts';
import { runRead } from './read.ts';

const REGISTRY = new URL('../../test-support/test-reads.ts', import.meta.url);

describe('read pool (worker threads, read-only SQLite connections)', () => {
  let t: TestApp;
  let pool: ReadPool;
  before(async () => {
    t = await startTestApp('sqlite');
    pool = new ReadPool({ file: t.ctx.database.file!, dataDir: t.dataDir, auditKey: t.ctx.auditKey, registry: REGISTRY, size: 2, maxQueue: 2 });
  });
  after(async () => {
    await pool.close();
    await t.close();
  });

  test('a read in a worker answers what the same read answers on the main thread', async () => {
    const main = await countAgencies.fn({ db: t.ctx.database.db, dialect: 'sqlite', dataDir: t.dataDir, auditKey: t.ctx.auditKey }, { prefix: '21' });
    const worker = await pool.run(countAgencies, { prefix: '21' });
    assert.ok(main.n > 0);
    assert.deepEqual(worker, main);
  });

  test('an AppError thrown in a worker comes back as the same AppError; a failure as an Error; the pool keeps serving', async () => {
    await assert.rejects(pool.run(refuse, { id: 'x' }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'RESOURCE.NOT_FOUND');
      assert.equal(e.status, 404);
      assert.deepEqual(e.details, { id: 'x' });
      return true;
    });
    await assert.rejects(pool.run(fail, {}), (e: unknown) => e instanceof Error && !(e instanceof AppError) && /boom/.test(e.message));
    // The connection is read-only: a read function cannot write.
    await assert.rejects(pool.run(writeAttempt, {}), /readonly|read-only/i);
    assert.equal((await pool.run(countAgencies, { prefix: '21' })).thread, 'sqlite');
  });

  test('a worker that dies fails its read (500) and is replaced', async () => {
    await assert.rejects(pool.run(crash, {}), (e: unknown) => e instanceof Error && !(e instanceof AppError) && /exited/.test(e.message));
    assert.ok((await pool.run(countAgencies, { prefix: '21' })).n > 0);
  });

  test('the queue is bounded: beyond it a read is refused with SYSTEM.BUSY (503)', async () => {
    const busy = [pool.run(sleep, { ms: 300 }), pool.run(sleep, { ms: 300 }), pool.run(sleep, { ms: 10 }), pool.run(sleep, { ms: 10 })];
    await assert.rejects(pool.run(sleep, { ms: 1 }), (e: unknown) => e instanceof AppError && e.code === 'SYSTEM.BUSY' && e.status === 503);
    assert.deepEqual(await Promise.all(busy), [300, 300, 10, 10]);
  });

  test('closing rejects waiting reads and ends every worker', async () => {
    const p = new ReadPool({ file: t.ctx.database.file!, dataDir: t.dataDir, auditKey: t.ctx.auditKey, registry: REGISTRY, size: 1 });
    const running = p.run(sleep, { ms: 200 });
    const waiting = p.run(countAgencies, { prefix: '21' });
    await new Promise((r) => setTimeout(r, 50));
    const settled = Promise.allSettled([running, waiting]);
    await p.close();
    for (const r of await settled) assert.match(r.status === 'rejected' ? String(r.reason) : 'fulfilled', /closed/);
    assert.equal(p.workers, 0);
    await assert.rejects(p.run(countAgencies, { prefix: '21' }), /closed/);
  });
});

for (const database of DATABASES) {
  describe(`named reads through the context (${database})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(async () => t.close());

    test('SQLite runs them on the pool, PostgreSQL on the main thread, with the same answer (ENF-01: verifying the record chain)', async () => {
      assert.equal(Boolean(t.ctx.reads), database === 'sqlite');
      const chain = (await t.ctx.database.db.selectFrom('audit_chain_heads').select('chain_id').limit(1).executeTakeFirstOrThrow()).chain_id;
      const env = { db: t.ctx.database.db, dialect: t.ctx.database.dialect, dataDir: t.dataDir, auditKey: t.ctx.auditKey };
      const direct = await verifyChainsRead.fn(env, { chains: [chain] });
      assert.equal(direct[0]?.ok, true);
      assert.deepEqual(await runRead(t.ctx, verifyChainsRead, { chains: [chain] }), direct);
    });

    test('closing the app ends the pool', async () => {
      const other = await startTestApp(database);
      if (other.ctx.reads) {
        const chain = (await other.ctx.database.db.selectFrom('audit_chain_heads').select('chain_id').limit(1).executeTakeFirstOrThrow()).chain_id;
        await runRead(other.ctx, verifyChainsRead, { chains: [chain] });
      }
      await other.close();
      if (other.ctx.reads) await assert.rejects(other.ctx.reads.run(verifyChainsRead, { chains: [] }), /closed/);
    });
  });
}
