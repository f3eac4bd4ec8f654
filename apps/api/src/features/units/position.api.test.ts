import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { sql } from 'kysely';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call } from '../../test-support/http.ts';
import { cellOf } from '../dashboard/map-points.ts';

/**
 * MON-02: a unit's position (WGS84), set by staff of its agency on the unit, and the leaders' map following it:
 * a unit with no position is not on the map and appears where it is placed; moved, its point and its share of
 * the grid cells move; the same place sent again changes nothing; bad coordinates are a 400 with a stable
 * code and nothing written; another agency's unit is a 404; 20 parallel identical placements take effect once.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`units: the position on the map [${database}]`, () => {
    let t: TestApp;
    let clerk = '';
    let leader = '';
    let farClerk = '';
    let unitId = '';
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
      leader = await t.login('leader.211000');
      farClerk = await t.login('clerk.440106');
      const u = await call(t, clerk, 'POST', '/api/v1/units', {
        usci: completeUsci('91211002MA1000077'),
        name: '辽阳位置测试商贸有限公司',
        address: '白塔区测试路9号',
        regionCode: '211002',
      });
      assert.equal(u.status, 201, JSON.stringify(u.body));
      unitId = u.body.id as string;
      usci = u.body.usci as string;
    });
    after(() => t.close());

    const put = (token: string, lat: number, lng: number, id = unitId) => call(t, token, 'PUT', `/api/v1/units/${id}/position`, { lat, lng });
    const point = () => t.ctx.database.db.selectFrom('map_points').selectAll().where('layer', '=', 'unit').where('ref_id', '=', usci).executeTakeFirst();
    const cell = async (lat: number, lng: number) => {
      const { cx, cy } = cellOf(12, lat, lng);
      return Number(
        (
          await t.ctx.database.db
            .selectFrom('map_cells')
            .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
            .where('layer', '=', 'unit')
            .where('z', '=', 12)
            .where('cx', '=', cx)
            .where('cy', '=', cy)
            .executeTakeFirstOrThrow()
        ).n,
      );
    };
    const audits = async () =>
      (await t.ctx.database.db.selectFrom('audit_events').select('id').where('target_id', '=', unitId).where('action', '=', 'unit.position').execute()).length;

    test('MON-02 a unit placed by staff appears on the map; moved, its point and cells follow; the same place again changes nothing', async () => {
      assert.equal(await point(), undefined, 'no position, not on the map');
      const a = { lat: 41.2612, lng: 123.1733 };
      const ca = await cell(a.lat, a.lng);
      const r = await put(clerk, a.lat, a.lng);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual({ lat: (r.body.position as { lat: number }).lat, lng: (r.body.position as { lng: number }).lng }, a);
      await t.drain();
      const p = await point();
      assert.deepEqual([Number(p?.lat), Number(p?.lng), p?.status], [a.lat, a.lng, 'normal']);
      assert.equal(await cell(a.lat, a.lng), ca + 1);
      const shown = await call(t, leader, 'GET', '/api/v1/dashboard/map/points?layers=unit&west=123.1&south=41.2&east=123.3&north=41.3&zoom=16');
      assert.ok(
        (shown.body.items as { id: string }[]).some((m) => m.id === usci),
        'drawn for the leader',
      );

      const b = { lat: 41.2801, lng: 123.2402 };
      const cb = await cell(b.lat, b.lng);
      assert.equal((await put(clerk, b.lat, b.lng)).status, 200);
      await t.drain();
      const moved = await point();
      assert.deepEqual([Number(moved?.lat), Number(moved?.lng)], [b.lat, b.lng]);
      assert.deepEqual([await cell(a.lat, a.lng), await cell(b.lat, b.lng)], [ca, cb + 1]);

      const before = await audits();
      const again = await put(clerk, b.lat, b.lng);
      assert.equal(again.status, 200);
      assert.equal(await audits(), before, 'nothing written');
      const got = await call(t, clerk, 'GET', `/api/v1/units/${unitId}`);
      assert.equal((got.body.position as { lat: number }).lat, b.lat);
    });

    test('MON-02 bad coordinates are refused with a stable code and nothing written; another agency gets a 404', async () => {
      const before = await audits();
      for (const [lat, lng] of [
        [91, 123],
        [41, 200],
        [41, 12],
      ] as const) {
        const r = await put(clerk, lat, lng);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(typeof r.body.code, 'string');
        assert.match(String(r.body.message), /[\u4e00-\u9fff]/, 'a Chinese message');
      }
      assert.equal(await audits(), before);
      assert.equal((await put(farClerk, 41.1, 123.1)).status, 404);
    });

    test('MON-02 20 parallel identical placements take effect once: one record, one event, one point', async () => {
      const c = { lat: 41.3003, lng: 123.3004 };
      const before = await audits();
      const events0 = (
        await t.ctx.database.db.selectFrom('domain_events').select('id').where('type', '=', 'units.position_set').where('target_id', '=', unitId).execute()
      ).length;
      const cc = await cell(c.lat, c.lng);
      const rs = await Promise.all(Array.from({ length: N }, () => put(clerk, c.lat, c.lng)));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.ok(rs.some((r) => r.status === 200));
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'REQUEST.CONFLICT']);
      assert.equal(await audits(), before + 1);
      const events = await t.ctx.database.db
        .selectFrom('domain_events')
        .select('id')
        .where('type', '=', 'units.position_set')
        .where('target_id', '=', unitId)
        .execute();
      assert.equal(events.length, events0 + 1);
      await t.drain();
      assert.equal(await cell(c.lat, c.lng), cc + 1);
      const total = await t.ctx.database.db.selectFrom('map_points').select('ref_id').where('layer', '=', 'unit').where('ref_id', '=', usci).execute();
      assert.equal(total.length, 1);
    });
  });
}
