import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agencyId, bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../test-support/harness.ts';
import { unitOfAgency } from '../test-support/targets.ts';

/**
 * Races on the platform's state-changing routes (PREAMBLE "Concurrency tests"): 20 parallel identical
 * requests make exactly one change; the others get a 409 with a stable code, never a 5xx. Creating
 * routes with one Idempotency-Key make one record and answer all 20 alike. On SQLite one connection
 * serialises the requests; PostgreSQL is where they really race.
 */
const N = 20;

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many routes, read field by field in the assertions
type Reply = { statusCode: number; json(): any; headers: Record<string, unknown> };

function tally(rs: Reply[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const k = r.statusCode >= 400 ? `${r.statusCode} ${r.json().code}` : String(r.statusCode);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** One success with `ok`, every other answer a 409 with one of `codes`. */
function assertOneWins(rs: Reply[], ok: number, codes: string[]): void {
  const t = tally(rs);
  assert.equal(rs.filter((r) => r.statusCode === ok).length, 1, JSON.stringify(t));
  for (const r of rs) if (r.statusCode !== ok) assert.ok(r.statusCode === 409 && codes.includes(r.json().code), JSON.stringify(t));
}

for (const database of DATABASES) {
  describe(`platform: concurrent identical requests [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    let approver: string;
    let unitId: string;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
      approver = await t.login('approver.211000');
      unitId = await unitOfAgency(t, '211000');
    });
    after(() => t.close());
    const parallel = (req: () => Promise<Reply>) => Promise.all(Array.from({ length: N }, req));

    async function registerClock(title: string, key?: string) {
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: { ...bearer(clerk), ...(key ? { 'idempotency-key': key } : {}) },
        payload: {
          targetType: 'unit',
          targetId: unitId,
          title,
          unit: 'working_days',
          amount: 10,
          legalBasis: { document: '《消防监督检查规定》', clause: '第二十条' },
        },
      });
    }

    test('clock register: 20 requests with one Idempotency-Key make one clock and all get its answer', async () => {
      const rs = await parallel(() => registerClock('并发登记时限', 'clock-register-0001'));
      assert.ok(
        rs.every((r) => r.statusCode === 201),
        JSON.stringify(tally(rs)),
      );
      assert.equal(new Set(rs.map((r) => r.json().id)).size, 1);
      const rows = await t.ctx.database.db.selectFrom('clocks').select('id').where('title', '=', '并发登记时限').execute();
      assert.equal(rows.length, 1);
      const again = await registerClock('并发登记时限', 'clock-register-0001');
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.json().id, rows[0]!.id);
    });

    test('clock register on a record of another agency is the 404 of a missing record and is recorded; a missing target is 404; an unknown kind 400', async () => {
      const foreign = await unitOfAgency(t, '440100');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: { targetType: 'unit', targetId: foreign, title: '越权登记', unit: 'working_days', amount: 5, legalBasis: { document: '测试依据' } },
      });
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().code, 'RESOURCE.NOT_FOUND');
      const refusals = await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['outcome', 'action'])
        .where('target_id', '=', foreign)
        .where('outcome', '=', 'denied')
        .execute();
      assert.equal(refusals.length, 1);
      const clocks = await t.ctx.database.db.selectFrom('clocks').select('id').where('target_id', '=', foreign).where('title', '=', '越权登记').execute();
      assert.equal(clocks.length, 0);
      // With an Idempotency-Key the refusal keeps no answer under the key: a retry is refused again.
      for (let i = 0; i < 2; i++) {
        const keyed = await t.app.inject({
          method: 'POST',
          url: '/api/v1/clocks',
          headers: { ...bearer(clerk), 'idempotency-key': 'clock-foreign-0001' },
          payload: { targetType: 'unit', targetId: foreign, title: '越权登记', unit: 'working_days', amount: 5, legalBasis: { document: '测试依据' } },
        });
        assert.equal(keyed.statusCode, 404, keyed.body);
      }
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: { targetType: 'unit', targetId: 'no-such-unit', title: '无此单位', unit: 'working_days', amount: 5, legalBasis: { document: '测试依据' } },
      });
      assert.equal(missing.statusCode, 404);
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/clocks',
        headers: bearer(clerk),
        payload: { targetType: 'complaint', targetId: 'C-1', title: '未知事项', unit: 'hours', amount: 24, legalBasis: { document: '测试依据' } },
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().code, 'CLOCK.UNKNOWN_TARGET_TYPE');
    });

    test('clock pause, resume, extend and stop: of 20 identical requests exactly one applies, the others get 409', async () => {
      const id = (await registerClock('并发变更时限')).json().id as string;
      const change = (verb: string, token: string, payload: unknown) => () =>
        t.app.inject({ method: 'POST', url: `/api/v1/clocks/${id}/${verb}`, headers: bearer(token), payload: payload as Record<string, unknown> });
      const events = async (type: string) =>
        (
          await t.ctx.database.db
            .selectFrom('clock_events')
            .select('seq')
            .where('clock_id', '=', id)
            .where('type', '=', type as 'pause')
            .execute()
        ).length;

      assertOneWins(await parallel(change('pause', clerk, { reason: '等待申请人补正' })), 200, ['CLOCK.ILLEGAL_TRANSITION', 'CLOCK.CONFLICT']);
      assert.equal(await events('pause'), 1);
      assertOneWins(await parallel(change('resume', clerk, {})), 200, ['CLOCK.ILLEGAL_TRANSITION', 'CLOCK.CONFLICT']);
      assert.equal(await events('resume'), 1);
      // Extending twice is legal, so identical extensions name the version they were decided on.
      const seen = (await t.app.inject({ method: 'GET', url: `/api/v1/clocks/${id}`, headers: bearer(clerk) })).json();
      assert.equal(seen.version, 2);
      assertOneWins(await parallel(change('extend', approver, { reason: '经负责人批准延长', amount: 5, version: seen.version })), 200, [
        'CLOCK.STALE_VERSION',
        'CLOCK.CONFLICT',
      ]);
      assert.equal(await events('extend'), 1);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/clocks/${id}`, headers: bearer(clerk) })).json().amount, 15);
      assertOneWins(await parallel(change('stop', clerk, { reason: '已办结' })), 200, ['CLOCK.ILLEGAL_TRANSITION', 'CLOCK.CONFLICT']);
      assert.equal(await events('stop'), 1);
      const chain = await t.ctx.database.db.selectFrom('audit_events').select('action').where('chain_id', '=', `clock:${id}`).orderBy('seq').execute();
      assert.deepEqual(
        chain.map((e) => e.action),
        ['clock.create', 'clock.pause', 'clock.resume', 'clock.extend', 'clock.stop'],
      );
    });

    test('calendar year: 20 identical entries make one change; the rest are 409 CALENDAR.UNCHANGED', async () => {
      const admin = await t.login('admin.211000');
      const payload = {
        region: '211000',
        sourceNotice: '辽阳市2029年补充安排（测试）',
        published: false,
        days: [{ date: '2029-03-05', kind: 'holiday', name: '地方纪念日' }],
      };
      const rs = await parallel(() => t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2029', headers: bearer(admin), payload }));
      assertOneWins(rs, 200, ['CALENDAR.UNCHANGED']);
      const records = await t.ctx.database.db.selectFrom('audit_events').select('id').where('chain_id', '=', 'calendar:211000/2029').execute();
      assert.equal(records.length, 1);
      const day = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/is-working-day?date=2029-03-05&region=211000' });
      assert.equal(day.json().working, false, 'the edit is read at once in this process (the cache follows the version)');
    });

    test('policy version: 20 identical versions make one; with one Idempotency-Key all 20 get the same answer', async () => {
      const admin = await t.login('admin.211000');
      const payload = {
        agencyId: await agencyId(t, '211000'),
        kind: 'licensing.inspection',
        effectiveFrom: '2028-01-01',
        values: { checkWorkingDays: 8 },
        legalBasis: { document: '辽阳市消防救援支队便民服务措施（测试）' },
      };
      const post = (key?: string) => () =>
        t.app.inject({ method: 'POST', url: '/api/v1/policies/versions', headers: { ...bearer(admin), ...(key ? { 'idempotency-key': key } : {}) }, payload });
      assertOneWins(await parallel(post()), 201, ['POLICY.UNCHANGED', 'POLICY.CONCURRENT_VERSION']);
      const count = async () =>
        (
          await t.ctx.database.db
            .selectFrom('policy_versions')
            .select('id')
            .where('effective_from', '=', '2028-01-01')
            .where('kind', '=', 'licensing.inspection')
            .execute()
        ).length;
      assert.equal(await count(), 1);
      const keyed = await parallel(post('policy-version-0001').bind(null));
      // The version now equals the latest: one keyed answer (the 409), stored and replayed to all 20.
      assert.equal(new Set(keyed.map((r) => `${r.statusCode} ${r.json().code ?? r.json().id}`)).size, 1, JSON.stringify(tally(keyed)));
      const changed = { ...payload, values: { checkWorkingDays: 6 } };
      const fresh = await parallel(() =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/policies/versions',
          headers: { ...bearer(admin), 'idempotency-key': 'policy-version-0002' },
          payload: changed,
        }),
      );
      assert.ok(
        fresh.every((r) => r.statusCode === 201),
        JSON.stringify(tally(fresh)),
      );
      assert.equal(new Set(fresh.map((r) => r.json().id)).size, 1);
      assert.equal(await count(), 2);
      const resolved = await t.app.inject({ method: 'GET', url: '/api/v1/policies/resolved?agency=211002&at=2028-01-02&kind=licensing.inspection' });
      assert.equal(resolved.json().policies[0].values.checkWorkingDays, 6, 'a new version is resolved at once in this process');
    });

    // Parallel uploads of the same bytes also race on the content store: storeBlob writes each under a
    // temporary name of its own and accepts a target that already exists (content-addressed).
    test('file upload: 20 uploads with one Idempotency-Key make one file record', async () => {
      const mp = multipartFile('scan.png', Buffer.concat([TINY_PNG, Buffer.from('concurrent-upload')]), 'image/png');
      const rs = await parallel(() =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/files',
          headers: { ...bearer(clerk), ...mp.headers, 'idempotency-key': 'file-upload-0001' },
          payload: mp.payload,
        }),
      );
      assert.ok(
        rs.every((r) => r.statusCode === 201),
        JSON.stringify(tally(rs)),
      );
      assert.equal(new Set(rs.map((r) => r.json().id)).size, 1);
      const rows = await t.ctx.database.db.selectFrom('files').select('id').where('id', '=', rs[0]!.json().id).execute();
      assert.equal(rows.length, 1);
      const all = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'file.upload')
        .where('target_id', 'in', [rs[0]!.json().id])
        .execute();
      assert.equal(all.length, 1);
    });

    test('logout: 20 at once end the session once; the others are refused (401 or 409), and the session is refused at once after', async () => {
      const token = await t.login('clerk.211002');
      const rs = await parallel(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) }));
      const tl = tally(rs);
      assert.equal(rs.filter((r) => r.statusCode === 204).length, 1, JSON.stringify(tl));
      for (const r of rs) if (r.statusCode !== 204) assert.ok([401, 409].includes(r.statusCode), JSON.stringify(tl));
      const user = await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'clerk.211002').executeTakeFirstOrThrow();
      const logouts = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'auth.logout')
        .where('target_id', '=', user.id)
        .execute();
      assert.equal(logouts.length, 1);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
      assert.equal(me.statusCode, 401, 'the cached session left the cache with the logout');
    });
  });
}
