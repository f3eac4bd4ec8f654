import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { recordCreditEvent, sweepCredit } from '../credit/index.ts';
import { DEMO_CENTRE, ingestMessage, sweepOfflineDevices } from './index.ts';

/**
 * Remote monitoring without the broker (MON-01): the ingestion use case called directly (as the MQTT consumer
 * calls it), the routes, the fire alarm's notifications, placement by device time and the offline sweep.
 */
const TOPIC = `fep/v1/centres/${DEMO_CENTRE.code}/events`;
const at = (t: TestApp, secondsAgo: number) => new Date(t.clock.now.getTime() - secondsAgo * 1000).toISOString();

for (const database of DATABASES) {
  describe(`monitoring: alarm ingestion [${database}]`, () => {
    let t: TestApp;
    let usci: string;
    before(async () => {
      t = await startTestApp(database);
      const d = await t.ctx.database.db.selectFrom('monitoring_devices').selectAll().where('device_code', '=', 'UITD-LY-0001').executeTakeFirstOrThrow();
      usci = d.usci;
    });
    after(() => t.close());
    const send = (m: Json, topic = TOPIC) => ingestMessage(t.ctx, { topic, payload: JSON.stringify(m) });

    test('MON-01 a fire alarm is stored once, tells the unit and the agency at once, and is listed in scope', async () => {
      const alarm = { messageId: 'api-1', deviceId: 'UITD-LY-0001', unitUsci: usci, type: 'fire_alarm', occurredAt: at(t, 5), detail: '3F 感烟探测器' };
      const first = await send(alarm);
      assert.equal(first.outcome, 'stored');
      assert.equal((await send(alarm)).outcome, 'duplicate');
      // The notifications and the leaders' dashboard rollup (MON-02) each take the event once.
      assert.equal(await t.drain(), 2);

      const applicant = await t.login('applicant.211000');
      const told = await call(t, applicant, 'GET', '/api/v1/notifications');
      assert.equal(told.status, 200, JSON.stringify(told.body));
      const mine = told.body.items.filter((n: Json) => n.kind === 'unit_fire_alarm');
      assert.equal(mine.length, 1);
      assert.match(mine[0].body, /火警信号.*119/);
      const inspector = await t.login('inspector.211000');
      const duty = await call(t, inspector, 'GET', '/api/v1/notifications');
      assert.equal(duty.body.items.filter((n: Json) => n.kind === 'fire_alarm').length, 1);

      const list = await call(t, inspector, 'GET', `/api/v1/monitoring/alarms?usci=${usci}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.items.length, 1);
      assert.equal(list.body.items[0].typeLabel, '火警');
      assert.equal(list.body.items[0].detail, '3F 感烟探测器');
      const far = await t.login('inspector.440100');
      assert.equal((await call(t, far, 'GET', `/api/v1/monitoring/alarms?usci=${usci}`)).status, 404);
      assert.equal((await call(t, far, 'GET', '/api/v1/monitoring/alarms')).body.items.length, 0);
    });

    test('MON-01/CRD-04 a unit’s faults in the policy’s window weigh in its risk score at the nightly recomputation, shown as a factor to staff', async () => {
      const leader = await t.login('leader.211000');
      const agency = await t.ctx.database.db.selectFrom('agencies').select('id').where('region_code', '=', '211000').executeTakeFirstOrThrow();
      // A stored standing (a commendation), so the risk shown is the one the sweep stores.
      await recordCreditEvent(t.ctx, systemActor(), {
        usci,
        agencyId: agency.id,
        kind: 'commendation',
        severity: 'general',
        reason: '风险测试',
        sourceType: 'commendation',
        sourceId: `risk-${database}`,
        occurredAt: t.clock.now.toISOString(),
      });
      const monitoringOf = (b: Json) => (b.risk.factors as Json[]).find((f) => f.factor === 'monitoring');
      const before = await call(t, leader, 'GET', `/api/v1/credit/units/${usci}`);
      assert.equal(before.status, 200, JSON.stringify(before.body));
      const had = monitoringOf(before.body)?.points ?? 0;
      for (let i = 0; i < 3; i++)
        assert.equal((await send({ messageId: `risk-fault-${i}`, deviceId: 'UITD-LY-0001', type: 'fault', occurredAt: at(t, 60 + i) })).outcome, 'stored');
      const run = await sweepCredit(t.ctx, 'risk-test');
      assert.ok(run.ran);
      const after = await call(t, leader, 'GET', `/api/v1/credit/units/${usci}`);
      const factor = monitoringOf(after.body);
      assert.ok(factor, JSON.stringify(after.body.risk.factors));
      assert.equal(factor.points, had + 3, 'one point a fault (national default)');
    });

    test('MON-01 malformed, unknown device, unknown centre and a unit mismatch become dead letters with reasons', async () => {
      const cases: [Json | string, string, RegExp][] = [
        ['{not json', TOPIC, /不是有效的 JSON/],
        [{ messageId: 'api-x1', deviceId: 'NO-SUCH', type: 'fault', occurredAt: at(t, 1) }, TOPIC, /未登记的设备：NO-SUCH/],
        [{ messageId: 'api-x2', deviceId: 'UITD-LY-0001', type: 'fault', occurredAt: at(t, 1) }, 'fep/v1/centres/XX-00/events', /未登记的监控中心：XX-00/],
        [
          { messageId: 'api-x3', deviceId: 'UITD-LY-0001', unitUsci: '91110000MA00000000', type: 'fault', occurredAt: at(t, 1) },
          TOPIC,
          /与设备登记的单位.*不符/,
        ],
      ];
      for (const [m, topic, reason] of cases) {
        const r = await ingestMessage(t.ctx, { topic, payload: typeof m === 'string' ? m : JSON.stringify(m) });
        assert.equal(r.outcome, 'dead_letter');
        if (r.outcome === 'dead_letter') assert.match(r.reason, reason);
      }
      const admin = await t.login('admin.211000');
      const letters = await call(t, admin, 'GET', '/api/v1/monitoring/dead-letters');
      assert.equal(letters.status, 200, JSON.stringify(letters.body));
      assert.equal(letters.body.items.length, 4);
      assert.ok(letters.body.items.some((l: Json) => l.payload === '{not json'));
      const inspector = await t.login('inspector.211000');
      assert.equal((await call(t, inspector, 'GET', '/api/v1/monitoring/dead-letters')).status, 403);
    });

    test('MON-01 a device state is placed by device time; a silent device is flagged offline by the sweep', async () => {
      const db = t.ctx.database.db;
      const state = () => db.selectFrom('monitoring_devices').selectAll().where('device_code', '=', 'UITD-LY-0002').executeTakeFirstOrThrow();
      assert.equal((await send({ messageId: 'api-o2', deviceId: 'UITD-LY-0002', type: 'fault', occurredAt: at(t, 10) })).outcome, 'stored');
      // Older, arriving later: stored, but the state stays the newer fault.
      assert.equal((await send({ messageId: 'api-o1', deviceId: 'UITD-LY-0002', type: 'start', occurredAt: at(t, 60) })).outcome, 'stored');
      assert.equal((await send({ messageId: 'api-o3', deviceId: 'UITD-LY-0002', type: 'heartbeat', occurredAt: at(t, 1) })).outcome, 'stored');
      let d = await state();
      assert.equal(d.state, 'fault');
      assert.equal(d.state_at, at(t, 10));
      assert.equal(d.status, 'online');

      assert.deepEqual(await sweepOfflineDevices(t.ctx, 'test'), { ran: true, flagged: 0 });
      // Silent past the 300 s heartbeat but within the 5 s `last_seen_at` may lag behind: not yet.
      t.clock.advance(301_000);
      assert.equal((await sweepOfflineDevices(t.ctx, 'test')).flagged, 0);
      t.clock.advance(5_000);
      const swept = await sweepOfflineDevices(t.ctx, 'test');
      assert.equal(swept.flagged, 2, 'UITD-LY-0001 and UITD-LY-0002 were online');
      d = await state();
      assert.equal(d.status, 'offline');
      assert.equal((await sweepOfflineDevices(t.ctx, 'test')).flagged, 0);
      await send({ messageId: 'api-o4', deviceId: 'UITD-LY-0002', type: 'heartbeat', occurredAt: t.clock.now.toISOString() });
      assert.equal((await state()).status, 'online');
    });

    test('MON-01 an administrator registers a device to a unit of the area once', async () => {
      const admin = await t.login('admin.211000');
      const body = { centreCode: DEMO_CENTRE.code, deviceId: 'UITD-LY-0100', usci, kind: 'electrical_fire', location: '配电室', heartbeatSeconds: 600 };
      const r = await call(t, admin, 'POST', '/api/v1/monitoring/devices', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.statusLabel, '离线');
      assert.equal(r.body.kindLabel, '电气火灾监控');
      assert.equal((await call(t, admin, 'POST', '/api/v1/monitoring/devices', body)).status, 409);
      const other = await call(t, await t.login('admin.440000'), 'POST', '/api/v1/monitoring/devices', { ...body, deviceId: 'UITD-GD-1' });
      assert.equal(other.status, 404);
      assert.equal((await call(t, admin, 'POST', '/api/v1/monitoring/devices', { ...body, deviceId: 'X', centreCode: 'NOPE' })).status, 404);
      assert.equal((await send({ messageId: 'api-n1', deviceId: 'UITD-LY-0100', type: 'heartbeat', occurredAt: at(t, 1) })).outcome, 'stored');
    });
  });
}
