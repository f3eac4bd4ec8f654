import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { DEMO_CENTRE, ingestMessage, sweepOfflineDevices } from './index.ts';

/**
 * Every state change of remote monitoring under 20 parallel identical calls (MON-01): a device registered once (the
 * others 409 REQUEST.CONFLICT), one fire alarm stored, recorded and notified once, and a silent device flagged
 * offline once. On SQLite one connection serialises them; PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`monitoring concurrency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('MON-01 20 parallel registrations of one device register it once', async () => {
      const db = t.ctx.database.db;
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const admin = await t.login('admin.211000');
      const body = { centreCode: DEMO_CENTRE.code, deviceId: 'UITD-RACE-1', usci, kind: 'transmission_device', location: '消防控制室', heartbeatSeconds: 300 };
      const rs = await Promise.all(
        Array.from({ length: N }, async () => {
          const r = await t.app.inject({ method: 'POST', url: '/api/v1/monitoring/devices', headers: bearer(admin), payload: body });
          return { status: r.statusCode, body: r.json() as Json };
        }),
      );
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
      );
      assert.equal(rs.filter((r) => r.status === 201).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 201)) assert.deepEqual([r.status, r.body.code], [409, 'REQUEST.CONFLICT']);
      assert.equal((await db.selectFrom('monitoring_devices').select('id').where('device_code', '=', 'UITD-RACE-1').execute()).length, 1);
    });

    test('MON-01 the same fire alarm delivered 20 times at once is stored, recorded and notified once; a silent device is flagged offline once', async () => {
      const db = t.ctx.database.db;
      const payload = JSON.stringify({ messageId: 'race-fire', deviceId: 'UITD-LY-0001', type: 'fire_alarm', occurredAt: t.clock.now.toISOString() });
      const rs = await Promise.all(Array.from({ length: N }, () => ingestMessage(t.ctx, { topic: `fep/v1/centres/${DEMO_CENTRE.code}/events`, payload })));
      assert.equal(rs.filter((r) => r.outcome === 'stored').length, 1);
      assert.equal(rs.filter((r) => r.outcome === 'duplicate').length, N - 1);
      const device = await db.selectFrom('monitoring_devices').select('id').where('device_code', '=', 'UITD-LY-0001').executeTakeFirstOrThrow();
      const records = await db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', device.id)
        .where('action', '=', 'monitoring.fire_alarm')
        .execute();
      assert.equal(records.length, 1);
      await t.drain();
      const owner = await db.selectFrom('users').select('id').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow();
      const told = await db.selectFrom('notifications').select('id').where('user_id', '=', owner.id).where('kind', '=', 'unit_fire_alarm').execute();
      assert.equal(told.length, 1);

      t.clock.advance(306_000);
      const sweeps = await Promise.all(Array.from({ length: N }, (_, i) => sweepOfflineDevices(t.ctx, `sweeper-${i}`)));
      assert.equal(
        sweeps.reduce((n, s) => n + s.flagged, 0),
        1,
      );
      const offline = await db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', device.id)
        .where('action', '=', 'monitoring.device_offline')
        .execute();
      assert.equal(offline.length, 1);
    });
  });
}
