import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci, hasPermission, ROLES, type Role } from '@fep/domain';
import Fastify from 'fastify';
import { installGuard, routeRegistry } from './platform/http/guard.ts';
import { agencyId, bearer, countEvents, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from './test-support/harness.ts';

/**
 * Authorization matrix: every registered API route × every role (and anonymous) × a record of the
 * user's own agency and one of another agency. The test fails when a route has no sample below, so a
 * new route cannot escape the matrix. Cross-agency canary records must never appear in any response.
 */
type Side = 'own' | 'other';
interface Fixture {
  unitId: string;
  clockId: string;
  fileId: string;
  agencyId: string;
  region: string;
}
interface Sample {
  url: (f: Fixture) => string;
  body?: (f: Fixture, n: number) => unknown;
  multipart?: boolean;
  /** The request concerns a record/agency: on the other side the answer must be this (scope refusal). */
  otherAgency?: 404 | 403;
  /** Needs a session of its own (it ends it). */
  freshSession?: boolean;
}

const CANARY_NAME = '金丝雀测试单位（不得越权可见）';
const CANARY_CLOCK = '金丝雀时限（不得越权可见）';

const SAMPLES: Record<string, Sample> = {
  'GET /api/health': { url: () => '/api/health' },
  'POST /api/v1/auth/login': { url: () => '/api/v1/auth/login', body: () => ({ username: 'nobody.000000', password: 'x' }) },
  'POST /api/v1/auth/logout': { url: () => '/api/v1/auth/logout', freshSession: true },
  'GET /api/v1/auth/me': { url: () => '/api/v1/auth/me' },
  'GET /api/v1/agencies': { url: () => '/api/v1/agencies' },
  'GET /api/v1/users': { url: () => '/api/v1/users' },
  'GET /api/v1/audit/verify': { url: (f) => `/api/v1/audit/verify?target=${f.clockId}`, otherAgency: 404 },
  'GET /api/v1/audit/events': { url: (f) => `/api/v1/audit/events?target=${f.clockId}`, otherAgency: 404 },
  'GET /api/v1/policies/kinds': { url: () => '/api/v1/policies/kinds' },
  'GET /api/v1/policies/resolved': { url: (f) => `/api/v1/policies/resolved?agency=${f.region}&at=2026-11-23` },
  'GET /api/v1/policies/versions': { url: (f) => `/api/v1/policies/versions?agency=${f.region}` },
  'POST /api/v1/policies/versions': {
    url: () => '/api/v1/policies/versions',
    body: (f) => ({
      agencyId: f.agencyId,
      kind: 'licensing.inspection',
      effectiveFrom: '2027-01-01',
      values: { checkWorkingDays: 7 },
      legalBasis: { document: '测试文件', clause: '第一条' },
    }),
    otherAgency: 404,
  },
  'GET /api/v1/calendar/working-days/add': { url: (f) => `/api/v1/calendar/working-days/add?from=2026-09-30&days=5&region=${f.region}` },
  'GET /api/v1/calendar/days': { url: (f) => `/api/v1/calendar/days?year=2026&region=${f.region}` },
  'GET /api/v1/calendar/years': { url: () => '/api/v1/calendar/years' },
  'GET /api/v1/calendar/is-working-day': { url: () => '/api/v1/calendar/is-working-day?date=2026-10-10' },
  'PUT /api/v1/calendar/years/:year': {
    url: () => '/api/v1/calendar/years/2028',
    body: (f) => ({ region: f.region, sourceNotice: '测试：地方补充安排', published: false, days: [] }),
    otherAgency: 403,
  },
  'GET /api/v1/clocks': { url: () => '/api/v1/clocks' },
  'GET /api/v1/clocks/:id': { url: (f) => `/api/v1/clocks/${f.clockId}`, otherAgency: 404 },
  'POST /api/v1/clocks': {
    url: () => '/api/v1/clocks',
    body: () => ({ targetType: 'order', targetId: 'x-1', title: '上级交办事项', unit: 'working_days', amount: 5, legalBasis: { document: '测试依据' } }),
  },
  'POST /api/v1/clocks/:id/pause': { url: (f) => `/api/v1/clocks/${f.clockId}/pause`, body: () => ({ reason: '等待补正材料' }), otherAgency: 404 },
  'POST /api/v1/clocks/:id/resume': { url: (f) => `/api/v1/clocks/${f.clockId}/resume`, body: () => ({}), otherAgency: 404 },
  'POST /api/v1/clocks/:id/extend': {
    url: (f) => `/api/v1/clocks/${f.clockId}/extend`,
    body: () => ({ reason: '案情复杂，经批准延长', amount: 1 }),
    otherAgency: 404,
  },
  'POST /api/v1/clocks/:id/stop': { url: (f) => `/api/v1/clocks/${f.clockId}/stop`, body: () => ({ reason: '已办结' }), otherAgency: 404 },
  'POST /api/v1/files': { url: () => '/api/v1/files', multipart: true },
  'GET /api/v1/files/:id': { url: (f) => `/api/v1/files/${f.fileId}`, otherAgency: 404 },
  'GET /api/v1/units': { url: () => '/api/v1/units?limit=200' },
  'GET /api/v1/units/:id': { url: (f) => `/api/v1/units/${f.unitId}`, otherAgency: 404 },
  'POST /api/v1/units': {
    url: () => '/api/v1/units',
    body: (f, n) => ({
      usci: completeUsci(`91${f.region}MA${String(1000000 + n).slice(-7)}`),
      name: `矩阵测试单位${n}`,
      address: '测试路1号',
      regionCode: f.region,
    }),
  },
  'GET /api/v1/portal/my-units': { url: () => '/api/v1/portal/my-units' },
  'GET /api/v1/services/guides': { url: (f) => `/api/v1/services/guides?agency=${f.region}` },
};

const DENIAL_CODES = new Set(['AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN', 'AUTH.SESSION_EXPIRED']);

async function makeFixture(t: TestApp, region: string, names: { unit: string; clock: string }): Promise<Fixture> {
  const token = await t.login(`clerk.${region}`);
  const unit = await t.app.inject({
    method: 'POST',
    url: '/api/v1/units',
    headers: bearer(token),
    payload: {
      usci: completeUsci(`91${region}MA7777777`),
      name: names.unit,
      address: '金丝雀路9号',
      regionCode: region,
      contactName: '测试人',
      contactPhone: '13800001234',
    },
  });
  assert.equal(unit.statusCode, 201, unit.body);
  const clock = await t.app.inject({
    method: 'POST',
    url: '/api/v1/clocks',
    headers: bearer(token),
    payload: { targetType: 'unit', targetId: unit.json().id, title: names.clock, unit: 'working_days', amount: 10, legalBasis: { document: '测试依据' } },
  });
  assert.equal(clock.statusCode, 201, clock.body);
  const mp = multipartFile('canary.png', Buffer.concat([TINY_PNG, Buffer.from(region)]), 'image/png');
  const file = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
  assert.equal(file.statusCode, 201, file.body);
  return { unitId: unit.json().id, clockId: clock.json().id, fileId: file.json().id, agencyId: await agencyId(t, region), region };
}

test('a route without a declared permission stops the start-up', async () => {
  const app = Fastify();
  installGuard(app);
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'x'), /declares no permission/);
  await app.close();
});

for (const database of DATABASES) {
  describe(`authorization matrix: every route × role × own/other agency [${database}]`, () => {
    let t: TestApp;
    let own: Fixture;
    let other: Fixture;
    const tokens = new Map<Role, string>();
    before(async () => {
      t = await startTestApp(database);
      own = await makeFixture(t, '211000', { unit: '辽阳矩阵测试单位', clock: '辽阳矩阵测试时限' });
      other = await makeFixture(t, '440100', { unit: CANARY_NAME, clock: CANARY_CLOCK });
      for (const role of ROLES) tokens.set(role, await t.login(`${role}.211000`));
    });
    after(() => t.close());

    test('every registered route has a sample in the matrix', () => {
      const missing = [...routeRegistry.keys()].filter((k) => !SAMPLES[k]);
      assert.deepEqual(missing, [], `routes missing from the authorization matrix: ${missing.join(', ')}`);
    });

    test('each role is allowed exactly what its permissions say, only inside its agency; every successful write leaves an enforcement record', async () => {
      let n = 0;
      const failures: string[] = [];
      for (const [key, route] of routeRegistry) {
        const sample = SAMPLES[key]!;
        for (const who of ['anonymous', ...ROLES] as const) {
          for (const side of ['own', 'other'] as Side[]) {
            n++;
            const f = side === 'own' ? own : other;
            let headers: Record<string, string> = {};
            if (who !== 'anonymous') headers = bearer(sample.freshSession ? await t.login(`${who}.211000`) : tokens.get(who)!);
            let payload: unknown;
            if (sample.multipart) {
              const mp = multipartFile('m.png', Buffer.concat([TINY_PNG, Buffer.from(String(n))]), 'image/png');
              headers = { ...headers, ...mp.headers };
              payload = mp.payload;
            } else if (sample.body) payload = sample.body(f, n);
            else if (route.method !== 'GET') payload = {};
            const eventsBefore = await countEvents(t);
            const r = await t.app.inject({
              method: route.method as 'GET',
              url: sample.url(f),
              headers,
              ...(payload !== undefined ? { payload: payload as string } : {}),
            });
            const code = (() => {
              try {
                return (r.json() as { code?: string }).code;
              } catch {
                return undefined;
              }
            })();
            const label = `${key} as ${who} (${side}) → ${r.statusCode} ${code ?? ''}`;
            const permitted =
              route.permission === 'public' || (who !== 'anonymous' && (route.permission === 'authenticated' || hasPermission([who], route.permission)));
            if (!permitted) {
              const expected = who === 'anonymous' ? 401 : 403;
              if (r.statusCode !== expected || !DENIAL_CODES.has(code ?? '')) failures.push(`${label}: expected ${expected}`);
              continue;
            }
            if (DENIAL_CODES.has(code ?? '')) {
              if (!(side === 'other' && sample.otherAgency === 403 && r.statusCode === 403)) failures.push(`${label}: permitted but refused`);
              continue;
            }
            if (side === 'other' && sample.otherAgency && r.statusCode !== sample.otherAgency)
              failures.push(`${label}: expected ${sample.otherAgency} outside the agency`);
            if (r.statusCode >= 500) failures.push(`${label}: server error ${r.body}`);
            if (route.method !== 'GET' && r.statusCode < 300 && (await countEvents(t)) <= eventsBefore)
              failures.push(`${label}: write without an enforcement record event`);
          }
        }
      }
      assert.ok(n > 400, `matrix ran ${n} requests`);
      assert.deepEqual(failures, []);
    });

    test('cross-agency canary records never appear in any response of another agency', async () => {
      const canaries = [CANARY_NAME, CANARY_CLOCK, other.unitId, other.clockId, other.fileId];
      for (const role of ROLES) {
        for (const [key, route] of routeRegistry) {
          if (route.method !== 'GET') continue;
          const r = await t.app.inject({ method: 'GET', url: SAMPLES[key]!.url(own), headers: bearer(tokens.get(role)!) });
          for (const c of canaries) assert.ok(!r.body.includes(c), `${key} as ${role} leaked canary ${c}`);
        }
      }
    });

    test('an out-of-scope read is a 404 like a missing record, and is logged as denied', async () => {
      const token = tokens.get('inspector')!;
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/units/${other.unitId}`, headers: bearer(token) });
      const missing = await t.app.inject({ method: 'GET', url: '/api/v1/units/00000000-0000-7000-8000-000000000000', headers: bearer(token) });
      assert.equal(r.statusCode, 404);
      assert.deepEqual(r.json(), missing.json());
      const denied = await t.ctx.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', other.unitId)
        .where('outcome', '=', 'denied')
        .execute();
      assert.ok(denied.length >= 1);
      assert.equal(denied.at(-1)!.action, 'unit.read');
    });

    test('a brigade sees its own records but not its detachment’s', async () => {
      const token = await t.login('clerk.211002');
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/units?limit=200', headers: bearer(token) })).json() as {
        items: { regionCode: string }[];
      };
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((u) => u.regionCode === '211002'));
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/units/${own.unitId}`, headers: bearer(token) })).statusCode, 404);
    });
  });
}
