import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../test-support/harness.ts';
import { createClock } from './clock.ts';

/** The FEP_NOW contract: the product's one clock starts at a given instant; in demo mode an administrator moves it forward. */
test('FEP_NOW starts the clock at that instant and it runs forward in real time', async () => {
  const config = loadConfig({ FEP_NOW: '2026-10-08T09:00:00+08:00', DATA_DIR: '/tmp/unused' });
  assert.equal(config.startAt?.toISOString(), '2026-10-08T01:00:00.000Z');
  const clock = createClock(config.startAt);
  const a = clock.now().getTime();
  assert.ok(Math.abs(a - Date.parse('2026-10-08T01:00:00Z')) < 1000);
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(clock.now().getTime() - a >= 25, 'it runs forward');
  assert.equal(clock.shifted, true);
  assert.equal(createClock().shifted, false);
  assert.equal(clock.moveTo(new Date('2026-10-01T00:00:00Z')), false, 'never back');
  assert.equal(clock.moveTo(new Date('2026-12-01T00:00:00Z')), true);
  assert.ok(Math.abs(clock.now().getTime() - Date.parse('2026-12-01T00:00:00Z')) < 1000);
});

test('FEP_NOW is refused in production and when it is not an ISO 8601 instant', () => {
  assert.throws(() => loadConfig({ FEP_NOW: '2026-10-08T09:00:00Z', NODE_ENV: 'production', FEP_DEMO: 'false' }), ConfigError);
  assert.throws(() => loadConfig({ FEP_NOW: 'next tuesday' }), ConfigError);
  assert.throws(() => loadConfig({ FEP_NOW: '2026-13-45T00:00:00Z' }), ConfigError);
  assert.equal(loadConfig({}).startAt, undefined);
});

for (const database of DATABASES) {
  describe(`demo clock [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('POST /api/v1/demo/clock moves the clock forward for an administrator, never back, and is recorded', async () => {
      const admin = await t.login('admin.000000');
      const clerk = await t.login('clerk.211000');
      // Ten minutes: sessions stay valid (their idle and absolute limits follow the same clock).
      const to = new Date(t.clock.now.getTime() + 10 * 60_000).toISOString();
      const denied = await t.app.inject({ method: 'POST', url: '/api/v1/demo/clock', headers: bearer(clerk), payload: { now: to } });
      assert.equal(denied.statusCode, 403);
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/demo/clock', headers: bearer(admin), payload: { now: to } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().now, to);
      assert.equal(t.ctx.now().toISOString(), to, 'every use case reads the moved clock');
      const back = await t.app.inject({ method: 'POST', url: '/api/v1/demo/clock', headers: bearer(admin), payload: { now: '2026-01-01T00:00:00Z' } });
      assert.equal(back.statusCode, 409);
      assert.equal(back.json().code, 'DEMO.CLOCK_BACKWARDS');
      const events = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events?target=system:clock', headers: bearer(admin) });
      assert.equal(events.statusCode, 200, events.body);
      assert.ok(JSON.stringify(events.json()).includes('demo.clock.move'));
    });
  });
}
