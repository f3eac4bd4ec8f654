import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { DomainEvent } from '../../platform/events/outbox.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { dashboardSubscribers } from './index.ts';

/**
 * The rollup under parallel deliveries (MON-02): 20 deliveries of one event at once (a redelivery racing the first,
 * a second process) count it once; 20 different events of one agency, day and cell at once all count (no lost
 * increment of the shared rows). On SQLite one connection serialises them; PostgreSQL is where races show.
 */
const N = 20;

for (const database of DATABASES) {
  describe(`dashboard rollup concurrency [${database}]`, () => {
    let t: TestApp;
    let brigade: { id: string; path: string };
    let usci: string;
    before(async () => {
      t = await startTestApp(database);
      brigade = await t.ctx.database.db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211002').executeTakeFirstOrThrow();
      usci = (
        await t.ctx.database.db
          .selectFrom('map_points')
          .select('usci')
          .where('layer', '=', 'unit')
          .where('agency_path', '=', brigade.path)
          .executeTakeFirstOrThrow()
      ).usci!;
    });
    after(() => t.close());
    const rollup = dashboardSubscribers[0]!;
    const alarm = (id: string): DomainEvent => ({
      id,
      type: 'monitoring.fire_alarm_received',
      targetType: 'monitoring_device',
      targetId: 'd',
      agencyId: brigade.id,
      payload: { eventId: id, usci, unitName: '并发测试', location: '1F', agencyId: brigade.id },
      actorUserId: null,
      occurredAt: t.clock.now.toISOString(),
    });
    const counted = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('dashboard_counts')
            .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
            .where('metric', '=', 'fire_alarms')
            .where('agency_path', '=', brigade.path)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const cells = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('map_cells')
            .select(sql<number>`coalesce(sum(n), 0)`.as('n'))
            .where('layer', '=', 'alarm')
            .where('z', '=', 12)
            .where('agency_path', '=', brigade.path)
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('MON-02 20 parallel deliveries of one event count it once, and draw one point', async () => {
      const [n0, c0] = [await counted(), await cells()];
      const event = alarm(`race-one-${database}`);
      const rs = await Promise.allSettled(Array.from({ length: N }, () => rollup.handle({ ...t.ctx }, event)));
      assert.deepEqual(
        rs.filter((r) => r.status === 'rejected'),
        [],
      );
      assert.equal(await counted(), n0 + 1);
      assert.equal(await cells(), c0 + 1);
    });

    test('MON-02 20 parallel different events of one agency, day and place all count', async () => {
      const [n0, c0] = [await counted(), await cells()];
      const rs = await Promise.allSettled(Array.from({ length: N }, (_, i) => rollup.handle({ ...t.ctx }, alarm(`race-many-${database}-${i}`))));
      assert.deepEqual(
        rs.filter((r) => r.status === 'rejected'),
        [],
      );
      assert.equal(await counted(), n0 + N);
      assert.equal(await cells(), c0 + N);
      const points = await t.ctx.database.db
        .selectFrom('map_points')
        .select('ref_id')
        .where('layer', '=', 'alarm')
        .where('ref_id', 'like', `race-many-${database}-%`)
        .execute();
      assert.equal(points.length, N);
    });
  });
}
