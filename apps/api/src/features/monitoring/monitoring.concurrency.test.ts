import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { DEMO_CENTRE, ingestMessage, ingestMessages, sweepOfflineDevices } from './index.ts';

/**
 * Every state change of remote monitoring under 20 parallel identical calls (MON-01): a device registered once (the
 * others 409 REQUEST.CONFLICT), one fire alarm stored, recorded and notified once, and a silent device flagged
 * offline once; the consumer's batches, delivered 20 times at once, store each message once and leave each device at its
 * latest state by device time. On SQLite one connection serialises them; PostgreSQL is where races show.
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

    test('MON-01 the same batch written 20 times at once stores each message once and each device at its latest device time', async () => {
      const db = t.ctx.database.db;
      const topic = `fep/v1/centres/${DEMO_CENTRE.code}/events`;
      const ago = (s: number) => new Date(t.clock.now.getTime() - s * 1000).toISOString();
      const msg = (messageId: string, deviceId: string, type: string, occurredAt: string) => ({
        topic,
        payload: JSON.stringify({ messageId, deviceId, type, occurredAt }),
      });
      // Out of order within the batch: device 2's later fault comes first, its earlier supervisory alarm after;
      // a message repeated inside the batch; an unregistered device (a dead letter); a fire alarm.
      const batch = [
        msg('batch-1', 'UITD-LY-0002', 'fault', ago(10)),
        msg('batch-2', 'UITD-LY-0002', 'supervisory', ago(30)),
        msg('batch-3', 'UITD-LY-0003', 'heartbeat', ago(5)),
        msg('batch-1', 'UITD-LY-0002', 'fault', ago(10)),
        msg('batch-4', 'UITD-LY-9999', 'fault', ago(5)),
        msg('batch-5', 'UITD-LY-0003', 'fire_alarm', ago(2)),
      ];
      const rs = await Promise.all(Array.from({ length: N }, () => ingestMessages(t.ctx, batch)));
      for (const [i, m] of batch.entries()) {
        const outcomes = rs.map((r) => r[i]!.outcome);
        if (i === 4) assert.deepEqual(new Set(outcomes), new Set(['dead_letter']));
        else if (i === 3) assert.deepEqual(new Set(outcomes), new Set(['duplicate']));
        else assert.equal(outcomes.filter((o) => o === 'stored').length, 1, `${m.payload}: ${outcomes.join(',')}`);
      }
      const stored = await db.selectFrom('monitoring_events').select('message_id').where('message_id', 'like', 'batch-%').execute();
      assert.deepEqual(stored.map((r) => r.message_id).sort(), ['batch-1', 'batch-2', 'batch-3', 'batch-5']);
      assert.equal((await db.selectFrom('monitoring_dead_letters').select('id').where('payload', 'like', '%batch-4%').execute()).length, N);
      const d2 = await db.selectFrom('monitoring_devices').selectAll().where('device_code', '=', 'UITD-LY-0002').executeTakeFirstOrThrow();
      assert.deepEqual([d2.state, d2.state_at, d2.status], ['fault', ago(10), 'online']);
      const d3 = await db.selectFrom('monitoring_devices').selectAll().where('device_code', '=', 'UITD-LY-0003').executeTakeFirstOrThrow();
      assert.deepEqual([d3.state, d3.status], ['fire_alarm', 'online']);
      const records = await db.selectFrom('audit_events').select('id').where('target_id', '=', d3.id).where('action', '=', 'monitoring.fire_alarm').execute();
      assert.equal(records.length, 1);
    });
  });
}
