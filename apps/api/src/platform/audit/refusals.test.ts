import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RefusalPage } from '@fep/contracts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { unitOfAgency } from '../../test-support/targets.ts';
import { flushRefusals } from './refusals.ts';

/**
 * Refused requests are security events (等保 2.0 8.1.4.3 a/b): counted per account, route and code in each
 * window, the first of each row also on the enforcement record, readable by an auditor of the agency.
 */
for (const database of DATABASES) {
  describe(`security events of refused requests [${database}]`, () => {
    let t: TestApp;
    let foreignUnit: string;
    let clerk: string;
    let clerkId: string;
    before(async () => {
      t = await startTestApp(database);
      foreignUnit = await unitOfAgency(t, '440100');
      clerk = await t.login('clerk.211000');
      clerkId = (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'clerk.211000').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    const rowsOf = (userId: string) => t.ctx.database.db.selectFrom('security_refusals').selectAll().where('actor_user_id', '=', userId).execute();

    test('a flood of 200 out-of-scope reads is one row counting 200 and one denied event on the record, not 200', async () => {
      for (let round = 0; round < 10; round++) {
        const rs = await Promise.all(
          Array.from({ length: 20 }, () => t.app.inject({ method: 'GET', url: `/api/v1/units/${foreignUnit}`, headers: bearer(clerk) })),
        );
        for (const r of rs) assert.equal(r.statusCode, 404, r.body);
      }
      await flushRefusals(t.ctx);
      const rows = (await rowsOf(clerkId)).filter((r) => r.route === 'GET /api/v1/units/:id');
      assert.equal(rows.length, 1);
      assert.equal(Number(rows[0]!.count), 200);
      assert.equal(rows[0]!.reason, 'out_of_scope');
      assert.equal(rows[0]!.code, 'RESOURCE.NOT_FOUND');
      assert.equal(rows[0]!.last_target, `unit:${foreignUnit}`);
      const events = await t.ctx.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', `unit:${foreignUnit}`)
        .where('outcome', '=', 'denied')
        .execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.action, 'access.refused');
      assert.equal(events[0]!.actor_user_id, clerkId);
    });

    test('a missing permission is recorded on the account’s own chain; requests without a session are not refusals of an account', async () => {
      const inspector = await t.login('inspector.211000');
      const inspectorId = (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'inspector.211000').executeTakeFirstOrThrow()).id;
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/events/dead-letters', headers: bearer(inspector) });
      assert.equal(r.statusCode, 403);
      const rows = await rowsOf(inspectorId);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.reason, 'permission');
      assert.equal(rows[0]!.code, 'AUTH.FORBIDDEN');
      const events = await t.ctx.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', `user:${inspectorId}`)
        .where('outcome', '=', 'denied')
        .execute();
      assert.deepEqual(
        events.map((e) => [e.action, e.outcome]),
        [['access.refused', 'denied']],
      );
      const before = await t.ctx.database.db.selectFrom('security_refusals').select('id').execute();
      const anon = await t.app.inject({ method: 'GET', url: '/api/v1/events/dead-letters' });
      assert.equal(anon.statusCode, 401);
      await flushRefusals(t.ctx);
      assert.equal((await t.ctx.database.db.selectFrom('security_refusals').select('id').execute()).length, before.length);
    });

    test('in one window a refusal on another record adds to the row; the next window starts a new row and a new event on the record', async () => {
      const other = await unitOfAgency(t, '440100', 1);
      const first = await t.app.inject({ method: 'GET', url: `/api/v1/units/${other}`, headers: bearer(clerk) });
      assert.equal(first.statusCode, 404);
      await flushRefusals(t.ctx);
      let rows = (await rowsOf(clerkId)).filter((r) => r.route === 'GET /api/v1/units/:id');
      assert.deepEqual(
        rows.map((r) => [Number(r.count), r.last_target]),
        [[201, `unit:${other}`]],
      );
      const deniedOn = async (id: string) =>
        (await t.ctx.database.db.selectFrom('audit_events').select('id').where('chain_id', '=', `unit:${id}`).where('outcome', '=', 'denied').execute()).length;
      assert.equal(await deniedOn(other), 0);

      t.clock.advance(t.ctx.config.refusalWindowSeconds * 1000);
      // A new session: the old one may have gone idle across the window.
      clerk = await t.login('clerk.211000');
      const second = await t.app.inject({ method: 'GET', url: `/api/v1/units/${other}`, headers: bearer(clerk) });
      assert.equal(second.statusCode, 404);
      await flushRefusals(t.ctx);
      rows = (await rowsOf(clerkId)).filter((r) => r.route === 'GET /api/v1/units/:id');
      assert.deepEqual(
        rows.map((r) => Number(r.count)).sort((a, b) => a - b),
        [1, 201],
      );
      assert.equal(new Set(rows.map((r) => r.window_start)).size, 2);
      assert.equal(await deniedOn(other), 1);
    });

    test('an auditor of the agency pages through them in Chinese; another agency’s auditor does not see them; others may not read them', async () => {
      const leader = await t.login('leader.211000');
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/audit/refusals?pageSize=5', headers: bearer(leader) });
      assert.equal(r.statusCode, 200, r.body);
      const page = r.json() as RefusalPage;
      assert.ok(page.total >= 3, `total ${page.total}`);
      const flood = page.items.find((i) => i.count === 201);
      assert.ok(flood, JSON.stringify(page.items));
      assert.equal(flood.operation, '一个社会单位');
      assert.equal(flood.reasonLabel, '超出管辖或数据范围');
      assert.equal(flood.targetLabel, '社会单位');
      assert.equal(flood.actorRoleLabel, '窗口工作人员');
      assert.equal(flood.actorUsername, 'clerk.211000');
      // Nothing internal reaches the page: no route, no code, no id of the record tried.
      assert.ok(!r.body.includes('/api/v1') && !r.body.includes('RESOURCE.') && !r.body.includes(foreignUnit), r.body);

      const filtered = (
        await t.app.inject({ method: 'GET', url: '/api/v1/audit/refusals?reason=permission&q=inspector', headers: bearer(leader) })
      ).json() as RefusalPage;
      assert.ok(filtered.items.length >= 1 && filtered.items.every((i) => i.reason === 'permission' && i.actorUsername?.startsWith('inspector')));
      const second = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/refusals?pageSize=5&page=2', headers: bearer(leader) })).json() as RefusalPage;
      assert.equal(second.page, 2);
      assert.ok(second.items.every((i) => !page.items.some((p) => p.id === i.id)));

      const elsewhere = (
        await t.app.inject({ method: 'GET', url: '/api/v1/audit/refusals', headers: bearer(await t.login('leader.440100')) })
      ).json() as RefusalPage;
      assert.ok(elsewhere.items.every((i) => i.actorUsername !== 'clerk.211000' && i.actorUsername !== 'inspector.211000'));

      const refused = await t.app.inject({ method: 'GET', url: '/api/v1/audit/refusals', headers: bearer(clerk) });
      assert.equal(refused.statusCode, 403);
    });
  });
}
