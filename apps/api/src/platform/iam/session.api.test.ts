import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, DEMO_PASSWORD, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * The session is the HttpOnly cookie (issue 11.2): every tab of the browser asks the server who is signed in
 * (GET /api/v1/auth/session), a timed-out session keeps saying so, and a state-changing request authenticates
 * by cookie only with the web client's header (cross-site requests carry the cookie but cannot add it).
 */
for (const database of DATABASES) {
  describe(`IAM: the cookie is the session [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    async function cookieOf(username: string): Promise<string> {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 200);
      const c = r.cookies.find((x) => x.name === 'fep_session');
      assert.ok(c?.httpOnly && c.path === '/' && c.sameSite?.toLowerCase() === 'lax', 'HttpOnly, whole site, SameSite=Lax');
      return c.value;
    }
    /** A logout by cookie, with the web client's header unless other headers are given. */
    const logout = (cookie: string, headers: Record<string, string> = { 'x-requested-with': 'fep-web' }) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { fep_session: cookie }, headers });
    const session = (cookie: string | null) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/session', ...(cookie ? { cookies: { fep_session: cookie } } : {}) });

    test('a request with the cookie alone (a new tab, a bookmark) is signed in; without it, signed out — never a 401', async () => {
      const cookie = await cookieOf('applicant.440106');
      const signedIn = await session(cookie);
      assert.equal(signedIn.statusCode, 200);
      assert.equal(signedIn.json().user.username, 'applicant.440106');
      assert.equal(signedIn.json().ended, null);
      const anonymous = await session(null);
      assert.equal(anonymous.statusCode, 200);
      assert.deepEqual(anonymous.json(), { user: null, ended: null });
      // Bearer tokens keep working for API clients.
      const token = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.440106', password: DEMO_PASSWORD } })).json()
        .token as string;
      const viaBearer = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
      assert.equal(viaBearer.json().user.username, 'clerk.440106');
    });

    test('an idle-expired session says 登录已超时 on every later request, not only the first; a logged-out one says it ended', async () => {
      const cookie = await cookieOf('applicant.360102');
      t.clock.advance(31 * 60_000);
      const first = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { fep_session: cookie } });
      assert.equal(first.statusCode, 401);
      assert.equal(first.json().code, 'AUTH.SESSION_EXPIRED');
      assert.equal(first.json().message, '登录已超时，请重新登录');
      // The session is revoked now; a second tab asking later is still told why.
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/licensing/applications',
        cookies: { fep_session: cookie },
        headers: { 'x-requested-with': 'fep-web', 'idempotency-key': 'expired-1' },
        payload: {},
      });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().code, 'AUTH.SESSION_EXPIRED');
      assert.deepEqual((await session(cookie)).json(), { user: null, ended: 'expired' });

      const other = await cookieOf('applicant.150102');
      assert.equal((await logout(other)).statusCode, 204);
      assert.deepEqual((await session(other)).json(), { user: null, ended: 'unknown' });
      const afterLogout = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { fep_session: other } });
      assert.equal(afterLogout.json().code, 'AUTH.UNAUTHENTICATED');
    });

    test('a state-changing request authenticates by cookie only with the client header (cross-site requests cannot add it)', async () => {
      const cookie = await cookieOf('applicant.211002');
      const forged = await logout(cookie, {});
      assert.equal(forged.statusCode, 401, 'a cookie without the header is no session for a POST');
      assert.equal((await session(cookie)).json().user?.username, 'applicant.211002', 'the forged logout ended nothing');
      assert.equal((await logout(cookie)).statusCode, 204);
      assert.equal((await session(cookie)).json().user, null);
    });
  });
}
