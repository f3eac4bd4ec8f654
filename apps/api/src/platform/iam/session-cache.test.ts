import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { sessionCacheSettings } from './sessions.ts';

/** The in-process session cache (docs/decisions.md "Read path caches"): fast reads, bounded staleness. */
for (const database of DATABASES) {
  describe(`session cache [${database}]`, () => {
    let t: TestApp;
    const ttl = sessionCacheSettings.ttlMs;
    before(async () => {
      t = await startTestApp(database);
      sessionCacheSettings.ttlMs = 300;
    });
    after(async () => {
      sessionCacheSettings.ttlMs = ttl;
      await t.close();
    });
    const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

    test('a session revoked by another process is honoured until the cache time ends, then refused', async () => {
      const token = await t.login('clerk.211000');
      assert.equal((await me(token)).statusCode, 200);
      // Another process revokes it: only the database changes.
      await t.ctx.database.db.updateTable('sessions').set({ revoked_at: t.clock.now.toISOString() }).where('revoked_at', 'is', null).execute();
      assert.equal((await me(token)).statusCode, 200, 'still cached here');
      await sleep(sessionCacheSettings.ttlMs + 50);
      assert.equal((await me(token)).statusCode, 401);
    });

    test('idle and absolute timeouts are checked on every request, cached or not', async () => {
      const token = await t.login('clerk.211000');
      assert.equal((await me(token)).statusCode, 200);
      t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
      const r = await me(token);
      assert.equal(r.statusCode, 401);
    });
  });
}
