import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type ApiProcess, type Cluster, cluster, nginx, type ProxyServer } from '../test-support/processes.ts';

/**
 * Two API processes on one PostgreSQL behind nginx (issue 10 item 9; docs/operations.md “Scaling out”):
 * what a process keeps must not matter. Sessions, Idempotency-Keys, attempt limits and the scheduled jobs'
 * leases live in the database, so a request may land on either process; a process killed with requests in
 * flight loses nothing it acknowledged. PostgreSQL only: SQLite is one file for one process.
 */
const DEMO_PASSWORD = 'Demo@2026';

interface Answer {
  status: number;
  upstream: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies of several routes, read field by field below
  body: any;
}

async function call(base: string, method: string, path: string, opts: { token?: string; body?: unknown; key?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // nginx's own error pages (502) are HTML
  }
  return { status: r.status, upstream: r.headers.get('x-upstream') ?? '', body };
}

if (process.env.DATABASE_URL) {
  describe('two API processes behind nginx on one PostgreSQL', { timeout: 300_000 }, () => {
    let c: Cluster;
    let a: ApiProcess;
    let b: ApiProcess;
    let proxy: ProxyServer;
    let sql: pg.Client;
    let clerk: string;
    let unitId: string;

    before(async () => {
      // Both processes sweep clocks every second, so their scheduled jobs really meet.
      c = await cluster({ FEP_DEMO: 'true', FEP_SWEEP_CRON: '* * * * * *' });
      a = await c.start(); // migrates and loads the demo data
      b = await c.start();
      proxy = await nginx([a.port, b.port]);
      sql = new pg.Client({ connectionString: c.databaseUrl });
      await sql.connect();
      const login = await call(proxy.url, 'POST', '/api/v1/auth/login', { body: { username: 'clerk.211000', password: DEMO_PASSWORD } });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      clerk = login.body.token;
      const units = await call(proxy.url, 'GET', '/api/v1/units?limit=1', { token: clerk });
      assert.equal(units.status, 200, JSON.stringify(units.body));
      unitId = units.body.items[0].id;
    });
    after(async () => {
      await sql?.end();
      await proxy?.close();
      await c?.close();
    });

    const clockBody = (title: string) => ({
      targetType: 'unit',
      targetId: unitId,
      title,
      unit: 'working_days',
      amount: 10,
      legalBasis: { document: '《消防监督检查规定》', clause: '第二十条' },
    });

    test('a session opened on one process is honoured by both', async () => {
      const rs = await Promise.all(Array.from({ length: 20 }, () => call(proxy.url, 'GET', '/api/v1/auth/session', { token: clerk })));
      assert.ok(
        rs.every((r) => r.status === 200),
        JSON.stringify(rs.map((r) => r.status)),
      );
      assert.deepEqual(new Set(rs.map((r) => r.upstream)), new Set([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]));
      // Logging out on one process ends the session on both (the per-process session cache is left at once).
      const other = await call(proxy.url, 'POST', '/api/v1/auth/login', { body: { username: 'clerk.211000', password: DEMO_PASSWORD } });
      assert.equal((await call(proxy.url, 'POST', '/api/v1/auth/logout', { token: other.body.token })).status, 204);
      // The news travels when the logout commits; well within the 5 s a process keeps a resolved session.
      await new Promise((r) => setTimeout(r, 200));
      const after = await Promise.all(Array.from({ length: 6 }, () => call(proxy.url, 'GET', '/api/v1/units?limit=1', { token: other.body.token })));
      assert.deepEqual(
        after.map((r) => r.status),
        Array(6).fill(401),
      );
    });

    test('20 parallel requests with one Idempotency-Key on both processes make one record and get one answer', async () => {
      const rs = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(proxy.url, 'POST', '/api/v1/clocks', { token: clerk, key: 'two-processes-clock-1', body: clockBody('双进程幂等时限') }),
        ),
      );
      assert.ok(
        rs.every((r) => r.status === 201),
        JSON.stringify(rs.map((r) => [r.status, r.body.code])),
      );
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal(new Set(rs.map((r) => r.upstream)).size, 2);
      const rows = await sql.query("select id from clocks where title = '双进程幂等时限'");
      assert.equal(rows.rowCount, 1);
    });

    test('attempt limits count on both processes together', async () => {
      // 办件查询: five wrong codes lock a number, wherever each attempt lands.
      const tries = [];
      for (let i = 0; i < 7; i++)
        tries.push(await call(proxy.url, 'POST', '/api/v1/public/application-lookup', { body: { reference: 'SQ-TWO-PROCESSES', code: `WRONGX0${i}` } }));
      assert.equal(new Set(tries.map((r) => r.upstream)).size, 2);
      assert.deepEqual(
        tries.map((r) => r.body.code),
        [
          'LOOKUP.NOT_FOUND',
          'LOOKUP.NOT_FOUND',
          'LOOKUP.NOT_FOUND',
          'LOOKUP.NOT_FOUND',
          'LOOKUP.NOT_FOUND',
          'LOOKUP.TOO_MANY_ATTEMPTS',
          'LOOKUP.TOO_MANY_ATTEMPTS',
        ],
      );
    });

    test('scheduled jobs and event deliveries run once though both processes run them', async () => {
      // Both processes sweep every second and dispatch events every second; give them a few rounds together.
      await new Promise((r) => setTimeout(r, 4000));
      const alerts = await sql.query('select clock_id, kind, count(*)::int as n from clock_alerts group by clock_id, kind');
      assert.ok(alerts.rowCount! > 0, 'the demo data has clocks due soon or overdue: the sweep raised alerts');
      assert.deepEqual(
        alerts.rows.filter((r) => r.n !== 1),
        [],
      );
      // Every delivery of an event to a subscriber was handled by one process, in one attempt.
      const deliveries = await sql.query('select status, attempts, count(*)::int as n from event_deliveries group by status, attempts');
      assert.ok(deliveries.rows.some((r) => r.status === 'done'));
      assert.deepEqual(
        deliveries.rows.filter((r) => r.status !== 'done' && r.status !== 'pending'),
        [],
        'no delivery died',
      );
      assert.deepEqual(
        deliveries.rows.filter((r) => r.status === 'done' && r.attempts !== 1),
        [],
        'no delivery needed a second attempt',
      );
      const notified = await sql.query(
        'select source_event_id, user_id, count(*)::int as n from notifications group by source_event_id, user_id having count(*) > 1',
      );
      assert.equal(notified.rowCount, 0);
    });

    test('a process killed with requests in flight loses nothing it acknowledged', async () => {
      const titles = Array.from({ length: 60 }, (_, i) => `中断测试时限${String(i).padStart(2, '0')}`);
      const sent = titles.map(async (title, i) => {
        // Spread the requests over about a second; the kill lands in the middle of them.
        await new Promise((r) => setTimeout(r, i * 15));
        return { title, answer: await call(proxy.url, 'POST', '/api/v1/clocks', { token: clerk, body: clockBody(title) }) };
      });
      await new Promise((r) => setTimeout(r, 400));
      await b.kill('SIGKILL');
      const results = await Promise.all(sent);
      const acknowledged = results.filter((r) => r.answer.status === 201);
      const lost = results.filter((r) => r.answer.status !== 201);
      // Requests in flight on the killed process fail (nginx does not resend a POST it has sent); the others land on the living one.
      assert.ok(acknowledged.length >= titles.length / 2, `acknowledged ${acknowledged.length} of ${titles.length}`);
      for (const r of lost) assert.ok(r.answer.status === 502 || r.answer.status === 504, `a failed request is a proxy error: ${r.answer.status}`);
      const stored = await sql.query('select id, title from clocks where title like $1', ['中断测试时限%']);
      const byTitle = new Map(stored.rows.map((r) => [r.title as string, r.id as string]));
      for (const r of acknowledged) assert.equal(byTitle.get(r.title), r.answer.body.id, `acknowledged ${r.title} is stored`);
      // Each title is stored at most once (no half-written or doubled record).
      assert.equal(new Set(stored.rows.map((r) => r.title)).size, stored.rowCount);
      // The living process goes on answering.
      const next = await call(proxy.url, 'POST', '/api/v1/clocks', { token: clerk, body: clockBody('中断之后的时限') });
      assert.equal(next.status, 201, JSON.stringify(next.body));
      assert.equal(next.upstream.split(',').pop()?.trim(), `127.0.0.1:${a.port}`);
    });
  });
} else {
  test('two API processes behind nginx: runs on PostgreSQL only (set DATABASE_URL; CI does)', () => {
    // SQLite is one embedded file for one process; scaling out is a PostgreSQL deployment.
    assert.equal(process.env.DATABASE_URL, undefined);
  });
}
