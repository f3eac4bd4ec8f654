import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { authorizationMatrix } from './authz-matrix.suite.ts';
import { installGuard } from './platform/http/guard.ts';

/**
 * Authorization matrix on SQLite (the suite is in authz-matrix.suite.ts; PostgreSQL runs in
 * authz-matrix-postgres.test.ts, so the two databases are two files and may run side by side).
 */
test('a route without a declared permission stops the start-up', async () => {
  const app = Fastify();
  installGuard(app);
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'x'), /declares no permission/);
  await app.close();
});

authorizationMatrix('sqlite');
