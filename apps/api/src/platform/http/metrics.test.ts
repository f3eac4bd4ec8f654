import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { unitOfAgency } from '../../test-support/targets.ts';

/**
 * Operations endpoints (issue 10 item 9): `/metrics` in Prometheus format behind a token, `/live` and `/ready`
 * (database reachable, migrations current) apart from each other.
 */
const TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

for (const database of DATABASES) {
  describe(`operations endpoints [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database, { env: { FEP_METRICS_TOKEN: TOKEN } });
    });
    after(() => t.close());

    test('/metrics answers only the configured token, in Prometheus text format', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(`${TOKEN}x`) })).statusCode, 401);
      const clerk = await t.login('clerk.211000');
      const r = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      // A session token is not the metrics token.
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(clerk) })).statusCode, 401);
    });

    test('requests are counted and timed by route pattern and status; event-loop lag and memory are there', async () => {
      const clerk = await t.login('clerk.211000');
      const foreign = await unitOfAgency(t, '440100');
      const own = await unitOfAgency(t, '211000');
      for (const id of [own, own, foreign]) await t.app.inject({ method: 'GET', url: `/api/v1/units/${id}`, headers: bearer(clerk) });
      await t.app.inject({ method: 'GET', url: '/no/such/address/12345' });
      const text = (await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) })).body;
      assert.match(text, /^fep_http_requests_total\{method="GET",route="\/api\/v1\/units\/:id",status_code="200"\} 2$/m);
      assert.match(text, /^fep_http_requests_total\{method="GET",route="\/api\/v1\/units\/:id",status_code="404"\} 1$/m);
      assert.match(text, /^fep_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/units\/:id",status_code="200"\} \d+$/m);
      assert.match(text, /^fep_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/units\/:id",status_code="200"\} 2$/m);
      assert.match(text, /^nodejs_eventloop_lag_seconds \d/m);
      assert.match(text, /^nodejs_eventloop_lag_p99_seconds \d/m);
      assert.match(text, /^process_resident_memory_bytes \d/m);
      // SQLite's checkpoints run off the event loop (db/checkpointer.ts); PostgreSQL has none of its own to report.
      if (t.ctx.database.dialect === 'sqlite') assert.match(text, /^fep_sqlite_checkpointer_running 1$/m);
      else assert.doesNotMatch(text, /fep_sqlite_checkpointer_running/);
      // No record id, no made-up address: one series per route pattern.
      assert.ok(!text.includes(own) && !text.includes(foreign) && !text.includes('12345'), 'an address reached a label');
      assert.match(text, /route="unmatched"/);
    });

    test('/live answers without the database; /ready is 200 when the database answers and every migration ran, 503 otherwise', async () => {
      const live = await t.app.inject({ method: 'GET', url: '/live' });
      assert.equal(live.statusCode, 200);
      const ready = await t.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(ready.statusCode, 200, ready.body);
      assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', migrations: 'current' });

      // A store one migration behind this build (an older store, or a migration that failed): not ready.
      const { db } = t.ctx.database;
      const last = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
      const row = last.rows[0]!;
      await sql`delete from kysely_migration where name = ${row.name}`.execute(db);
      try {
        const behind = await t.app.inject({ method: 'GET', url: '/ready' });
        assert.equal(behind.statusCode, 503);
        assert.deepEqual(behind.json(), { status: 'not_ready', database: 'ok', migrations: 'pending' });
        assert.equal((await t.app.inject({ method: 'GET', url: '/live' })).statusCode, 200);
      } finally {
        await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(db);
      }
      const again = await t.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(again.statusCode, 200, `${row.name} ${again.body}`);
    });

    test('without a configured token /metrics is not served', async () => {
      const plain = await startTestApp(database);
      try {
        assert.equal((await plain.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
        assert.equal((await plain.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) })).statusCode, 404);
      } finally {
        await plain.close();
      }
    });
  });
}

test('a database that does not answer is reported unreachable by the readiness check', async () => {
  const t = await startTestApp('sqlite');
  const { readiness } = await import('./metrics.ts');
  try {
    const broken = { ...t.ctx, log: () => undefined, database: { ...t.ctx.database, db: t.ctx.database.db.withSchema('no_such_schema') } };
    assert.deepEqual(await readiness(broken as never), { database: 'unreachable', migrations: 'unknown' });
  } finally {
    await t.close();
  }
});
