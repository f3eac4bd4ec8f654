import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/** Inputs that used to reach the database or the multipart parser and come back as 500: now a 4xx with a stable code. */
for (const database of DATABASES) {
  describe(`malformed input is refused, never a 500 [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
    });
    after(() => t.close());

    test('a multipart body with a wrong boundary → 400 REQUEST.MULTIPART_INVALID on uploads, imports and the public permit check', async () => {
      for (const [url, auth] of [
        ['/api/v1/files', true],
        ['/api/v1/units/import', true],
        ['/api/v1/licences/verify', false],
      ] as const) {
        const r = await t.app.inject({
          method: 'POST',
          url,
          headers: { ...(auth ? bearer(clerk) : {}), 'content-type': 'multipart/form-data; boundary=x' },
          payload: '--wrong\r\n\r\n',
        });
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
        assert.equal(r.json().code, 'REQUEST.MULTIPART_INVALID');
        assert.doesNotMatch(r.body, /busboy|Dicer|node_modules|at /);
      }
    });

    test('limit=1e309 (Infinity after coercion) → 400 naming the field, on public and staff lists', async () => {
      for (const [url, auth] of [
        ['/api/v1/licences/register?limit=1e309', false],
        ['/api/v1/units?limit=1e309', true],
        ['/api/v1/licensing/applications?limit=1e309', true],
      ] as const) {
        const r = await t.app.inject({ method: 'GET', url, headers: auth ? bearer(clerk) : {} });
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
        assert.equal(r.json().code, 'REQUEST.VALIDATION');
        assert.equal(r.json().details.problems[0].field, 'limit');
      }
    });

    test('a JSON number too large for a double (Infinity) in a body → 400 naming the field', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/licensing/exemption-check',
        headers: { 'content-type': 'application/json' },
        payload: '{"regionCode":"211002","venueKind":"hotel","floorArea":1e309}',
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().details.problems[0].field, 'floorArea');
    });

    test('a NUL character in a query or a body → 400 naming the field (PostgreSQL text cannot hold it)', async () => {
      const q = await t.app.inject({ method: 'GET', url: '/api/v1/licensing/applications?status=%00', headers: bearer(clerk) });
      assert.equal(q.statusCode, 400, q.body);
      assert.equal(q.json().details.problems[0].field, 'status');
      const b = await t.app.inject({
        method: 'POST',
        url: '/api/v1/licensing/exemption-check',
        headers: { 'content-type': 'application/json' },
        payload: { regionCode: '211002', venueKind: 'hotel\u0000', floorArea: 10 },
      });
      assert.equal(b.statusCode, 400, b.body);
    });

    test('a name search for % or _ matches those characters, not every unit', async () => {
      for (const q of ['%', '_', '%%']) {
        const r = await t.app.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(q)}`, headers: bearer(clerk) });
        assert.equal(r.statusCode, 200);
        assert.deepEqual(r.json().items, [], q);
      }
      const all = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(clerk) });
      assert.ok(all.json().items.length > 0, 'the directory is not empty');
    });
  });
}
