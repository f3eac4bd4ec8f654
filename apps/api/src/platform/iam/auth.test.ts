import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { bearer, DATABASES, DEMO_PASSWORD, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { passwordStats } from './passwords.ts';

for (const database of DATABASES) {
  describe(`IAM: login, lockout, sessions [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('login returns a bearer token and an httpOnly session cookie; both authenticate', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.211000', password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 200);
      const body = r.json() as { token: string; user: { roles: string[]; agency: { regionCode: string } } };
      assert.deepEqual(body.user.roles, ['clerk']);
      assert.equal(body.user.agency.regionCode, '211000');
      const cookie = r.cookies.find((c) => c.name === 'fep_session');
      assert.ok(cookie?.httpOnly);
      const viaCookie = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { fep_session: cookie!.value } });
      assert.equal(viaCookie.statusCode, 200);
      const viaBearer = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body.token) });
      assert.equal(viaBearer.json().username, 'clerk.211000');
    });

    test('a wrong password and an unknown user get the same answer', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector.211000', password: 'nope' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody.000000', password: 'nope' } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json().code, 'AUTH.INVALID_CREDENTIALS');
      assert.equal(wrong.json().message, unknown.json().message);
      // a later success resets the counter
      await t.login('inspector.211000');
    });

    test('lockout after 5 failures: even the right password is refused for 30 minutes, then accepted', async () => {
      for (let i = 0; i < 4; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'approver.211000', password: 'wrong' } });
        assert.equal(r.json().code, 'AUTH.INVALID_CREDENTIALS');
      }
      const fifth = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'approver.211000', password: 'wrong' } });
      assert.equal(fifth.statusCode, 423);
      assert.equal(fifth.json().code, 'AUTH.LOCKED');
      const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'approver.211000', password: DEMO_PASSWORD } });
      assert.equal(right.statusCode, 423);
      t.clock.advance(29 * 60_000);
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'approver.211000', password: DEMO_PASSWORD } })).statusCode,
        423,
      );
      t.clock.advance(2 * 60_000);
      await t.login('approver.211000');
    });

    test('100 concurrent wrong passwords evaluate at most 5 hashes and lock the account', async () => {
      const before = passwordStats.evaluations;
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader.211000', password: 'wrong-password' } }),
        ),
      );
      const evaluated = passwordStats.evaluations - before;
      assert.ok(evaluated <= 5, `evaluated ${evaluated} password hashes`);
      assert.ok(results.every((r) => r.statusCode === 401 || r.statusCode === 423));
      assert.ok(results.filter((r) => r.statusCode === 423).length >= 95);
      const row = await t.ctx.database.db
        .selectFrom('users')
        .select(['failed_count', 'locked_until'])
        .where('username', '=', 'leader.211000')
        .executeTakeFirstOrThrow();
      assert.ok(row.locked_until, 'account is locked');
      assert.equal(row.failed_count, 5);
    });

    test('20 parallel correct sign-ins of one account all succeed: attempts in flight are not failures', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.150100', password: DEMO_PASSWORD } }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.statusCode),
        Array(20).fill(200),
      );
    });

    test('an unknown username is locked like an account after 5 failures: same status and body, so lockout reveals nothing', async () => {
      const attempt = (username: string, password = 'wrong') => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      const shape = (r: Awaited<ReturnType<typeof attempt>>) => ({
        status: r.statusCode,
        code: r.json().code,
        message: (r.json().message as string).replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/, 'T'),
        details: Object.keys(r.json().details ?? {}),
      });
      const real: ReturnType<typeof shape>[] = [];
      const unknown: ReturnType<typeof shape>[] = [];
      for (let i = 0; i < 7; i++) {
        real.push(shape(await attempt('legal_reviewer.211000')));
        unknown.push(shape(await attempt('no-such-user.211000')));
      }
      assert.deepEqual(unknown, real);
      assert.equal(real[4]!.status, 423);
      assert.equal(real[6]!.status, 423);
      // Another spelling of the unknown name's case counts against the same throttle; a fresh name starts at 401.
      assert.equal((await attempt('NO-SUCH-USER.211000')).statusCode, 423);
      assert.equal((await attempt('another-nobody.211000')).statusCode, 401);
      t.clock.advance(31 * 60_000);
      assert.equal((await attempt('no-such-user.211000')).statusCode, 401);
      await t.login('legal_reviewer.211000');
    });

    test('idle timeout (30 min) is enforced by the server', async () => {
      const token = await t.login('clerk.440100');
      t.clock.advance(29 * 60_000);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode, 200);
      t.clock.advance(31 * 60_000);
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().code, 'AUTH.SESSION_EXPIRED');
    });

    test('absolute timeout (12 h) ends even an active session', async () => {
      const token = await t.login('clerk.360100');
      for (let i = 0; i < 35; i++) {
        t.clock.advance(20 * 60_000);
        const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
        assert.equal(r.statusCode, 200, `still active after ${(i + 1) * 20} min`);
      }
      // 11 h 40 min so far; one more request at 11 h 59 min keeps the idle window fresh…
      t.clock.advance(19 * 60_000);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode, 200);
      // …so at 12 h 01 min only the absolute limit can end the session.
      t.clock.advance(2 * 60_000);
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
      assert.equal(r.statusCode, 401);
    });

    test('logout revokes the session', async () => {
      const token = await t.login('clerk.150100');
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })).statusCode, 204);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode, 401);
    });

    test('applicants are identified by a checked USCI and see their own unit only', async () => {
      const token = await t.login('applicant.211000');
      const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).json() as { usci: string; scope: string };
      assert.match(me.usci, /^[0-9A-HJ-NPQRTUWXY]{18}$/);
      assert.equal(me.scope, 'self');
      const units = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/my-units', headers: bearer(token) })).json() as { usci: string }[];
      assert.equal(units.length, 1);
      assert.equal(units[0]!.usci, me.usci);
    });
  });
}

describe('IAM: no default password outside demo mode', () => {
  test('demo mode is refused when NODE_ENV=production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', FEP_DEMO: 'true' }), /演示模式/);
    const keys = {
      FEP_AUDIT_KEY: 'a'.repeat(64),
      FEP_SEAL_MASTER_KEY: 'b'.repeat(64),
      FEP_CHECKPOINT_KEY: 'c'.repeat(64),
      FEP_CHECKPOINT_FILE: '/var/lib/fep-sink/checkpoints.jsonl',
    };
    assert.equal(loadConfig({ NODE_ENV: 'production', ...keys }).demo, false);
    // Keys beside the data, or the checkpoint sink inside the data folder, are refused in production.
    assert.throws(() => loadConfig({ NODE_ENV: 'production', ...keys, FEP_AUDIT_KEY: '' }), /生产环境不能把密钥存放在数据目录中：.*FEP_AUDIT_KEY/);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', ...keys, FEP_CHECKPOINT_KEY: '' }), /FEP_CHECKPOINT_KEY/);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', ...keys, DATA_DIR: '/var/lib/fep', FEP_CHECKPOINT_FILE: '/var/lib/fep/cp.jsonl' }),
      /数据目录之外/,
    );
  });

  test('without demo mode no user account exists after start', async () => {
    const t = await startTestApp('sqlite', { demo: false });
    try {
      const n = await t.ctx.database.db.selectFrom('users').select('id').execute();
      assert.equal(n.length, 0);
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin.440000', password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
