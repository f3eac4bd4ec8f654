import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { sweepSeals } from '../enforcement/index.ts';

/**
 * MON-02: temporary seals (临时查封, ENF-05) as a layer of the leaders' map, kept current by the seal's own
 * event (`enforcement.seal_changed`, emitted in each step's transaction): a seal made appears where the
 * officers placed it, decided it is 查封中, lifted it is 已解除 and its cells move with it; a declined proposal
 * leaves the map; the status filter selects them; 20 parallel identical liftings move the map once; a seal past its
 * term is marked 期满未解除 by the sweep, on the map too.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`dashboard map: the seals layer [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    let leader = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['inspector.211000', 'approver.211000']) tok[u] = await t.login(u);
      leader = await t.login('leader.211000');
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);
    const propose = async (mapPoint: { lat: number; lng: number }, termDays = 30) => {
      const r = await as('inspector.211000', '/api/v1/enforcement/seals', {
        regionCode: '211000',
        usci,
        unitName: '辽阳市白塔区星光网吧',
        situation: 'exits_blocked',
        scope: '二层营业区',
        photoIds: [],
        inspectedOn: new Date(t.clock.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
        termDays,
        coOfficerId: ids['inspector2.211000'],
        mapPoint,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const decision = (approve: boolean) => ({ approve, record: '经集体研究', participants: ['王建国（大队长）', '李明（教导员）'] });
    const point = async (id: string) =>
      t.ctx.database.db.selectFrom('map_points').selectAll().where('layer', '=', 'seal').where('ref_id', '=', id).executeTakeFirst();
    /** The seals counted in the finest cells, by the map's status. */
    const cellCount = async (status: string) =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('map_cells')
            .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
            .where('layer', '=', 'seal')
            .where('z', '=', 12)
            .where('status', '=', status)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const markers = async (status: string) => {
      const r = await call(t, leader, 'GET', `/api/v1/dashboard/map/points?layers=seal&status=${status}&west=123&south=41&east=124&north=42&zoom=16`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items as Json[];
    };

    test('MON-02 a seal made appears on the map; decided it is 查封中, lifted 已解除, and its cells move with it', async () => {
      const [proposed0, sealed0, lifted0] = [await cellCount('seal_proposed'), await cellCount('sealed'), await cellCount('lifted')];
      const id = await propose({ lat: 41.27, lng: 123.17 });
      assert.equal(await point(id), undefined, 'drawn by the event, dispatched after the commit');
      await t.drain();
      const p = await point(id);
      assert.equal(p?.status, 'seal_proposed');
      assert.deepEqual([Number(p.lat), Number(p.lng)], [41.27, 123.17]);
      assert.equal(await cellCount('seal_proposed'), proposed0 + 1);

      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/decision`, decision(true))).status, 200);
      await t.drain();
      assert.equal((await point(id))?.status, 'sealed');
      assert.deepEqual([await cellCount('seal_proposed'), await cellCount('sealed')], [proposed0, sealed0 + 1]);
      const shown = (await markers('sealed')).find((m) => m.id === id);
      assert.equal(shown?.statusLabel, '查封中');
      assert.equal(shown?.layerLabel, '临时查封');
      assert.match(String(shown?.label), /星光网吧（.+）/, 'the unit and the decision number');

      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/lifting`, { reason: '火灾隐患已消除' })).status, 200);
      await t.drain();
      assert.equal((await point(id))?.status, 'lifted');
      assert.deepEqual([await cellCount('sealed'), await cellCount('lifted')], [sealed0, lifted0 + 1]);
      assert.equal(
        (await markers('sealed')).find((m) => m.id === id),
        undefined,
        'the filter by status',
      );
      assert.equal((await markers('lifted')).find((m) => m.id === id)?.statusLabel, '已解除');
    });

    test('MON-02 a proposal declined by the collective discussion leaves the map with its cells', async () => {
      const proposed0 = await cellCount('seal_proposed');
      const id = await propose({ lat: 41.28, lng: 123.18 });
      await t.drain();
      assert.equal(await cellCount('seal_proposed'), proposed0 + 1);
      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/decision`, decision(false))).status, 200);
      await t.drain();
      assert.equal(await point(id), undefined);
      assert.equal(await cellCount('seal_proposed'), proposed0);
    });

    test('MON-02 20 parallel identical liftings of one seal move the map once', async () => {
      const id = await propose({ lat: 41.29, lng: 123.19 });
      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/decision`, decision(true))).status, 200);
      await t.drain();
      const [sealed0, lifted0] = [await cellCount('sealed'), await cellCount('lifted')];
      const events0 = (
        await t.ctx.database.db.selectFrom('domain_events').select('id').where('type', '=', 'enforcement.seal_changed').where('target_id', '=', id).execute()
      ).length;
      const rs = await Promise.all(
        Array.from({ length: N }, () => as('approver.211000', `/api/v1/enforcement/seals/${id}/lifting`, { reason: '火灾隐患已消除' })),
      );
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      const changed = await t.ctx.database.db
        .selectFrom('domain_events')
        .select('id')
        .where('type', '=', 'enforcement.seal_changed')
        .where('target_id', '=', id)
        .execute();
      assert.equal(changed.length, events0 + 1, 'one event: one lifting');
      await t.drain();
      assert.equal((await point(id))?.status, 'lifted');
      assert.deepEqual([await cellCount('sealed'), await cellCount('lifted')], [sealed0 - 1, lifted0 + 1]);
    });

    // Last: it moves the clock past the term.
    test('MON-02 a seal past its term, marked by the sweep, is 期满未解除 on the map until it is lifted', async () => {
      const id = await propose({ lat: 41.3, lng: 123.2 }, 3);
      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/decision`, decision(true))).status, 200);
      await t.drain();
      assert.equal((await point(id))?.status, 'sealed');
      t.clock.advance(4 * 86_400_000 + 60_000);
      for (const u of Object.keys(tok)) tok[u] = await t.login(u);
      leader = await t.login('leader.211000');
      assert.equal((await sweepSeals(t.ctx, 'map-test')).expired, 1);
      await t.drain();
      assert.equal((await point(id))?.status, 'seal_expired');
      assert.equal((await markers('seal_expired')).find((m) => m.id === id)?.statusLabel, '期满未解除');
      assert.equal((await as('approver.211000', `/api/v1/enforcement/seals/${id}/lifting`, { reason: '期限届满，解除查封' })).status, 200);
      await t.drain();
      assert.equal((await point(id))?.status, 'lifted');
    });
  });
}
