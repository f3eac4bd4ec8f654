import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { systemActor } from '../../platform/actor.ts';
import type { DomainEventInput } from '../../platform/events/outbox.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import { decidedFine } from '../../test-support/penalties.ts';
import { creditDistribution, creditLevelCounts, recordCreditEvent } from '../credit/index.ts';
import { DEMO_CENTRE, ingestMessage } from '../monitoring/index.ts';

/**
 * MON-02 / SUP-13: the leaders' dashboard and map read from the rollups the domain events keep current.
 * Each figure moves when its fact happens (through the use case where a short one exists, otherwise the
 * feature's own event as its use case emits it); a brigade's leader sees its brigade only; the tables
 * export as workbooks with a row per agency below; the live stream announces a change; the map clusters.
 */
const BOUNDARIES = join(tmpdir(), `fep-boundaries-${process.pid}.geojson`);
writeFileSync(
  BOUNDARIES,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '合成测试区划' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [123.0, 41.1],
              [123.5, 41.1],
              [123.5, 41.4],
              [123.0, 41.4],
              [123.0, 41.1],
            ],
          ],
        },
      },
    ],
  }),
);

for (const database of DATABASES) {
  describe(`dashboard: figures, tables, live updates and map [${database}]`, () => {
    let t: TestApp;
    let leader: string;
    let brigadeLeader: string;
    let detachment: { id: string; path: string };
    let brigade: { id: string; path: string };
    let alarmUsci: string;
    before(async () => {
      t = await startTestApp(database, { env: { FEP_MAP_BOUNDARIES: BOUNDARIES, FEP_MAP_BOUNDARIES_ATTRIBUTION: '合成测试数据' } });
      leader = await t.login('leader.211000');
      brigadeLeader = await t.login('leader.211002');
      const db = t.ctx.database.db;
      detachment = await db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211000').executeTakeFirstOrThrow();
      brigade = await db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', '211002').executeTakeFirstOrThrow();
      alarmUsci = (await db.selectFrom('monitoring_devices').select('usci').where('device_code', '=', 'UITD-LY-0001').executeTakeFirstOrThrow()).usci;
    });
    after(() => t.close());

    const figure = (body: Json, key: string) => (body.figures as Json[]).find((f) => f.key === key)!;
    const view = async (token: string, qs = '') => {
      const r = await call(t, token, 'GET', `/api/v1/dashboard${qs}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const emit = (events: DomainEventInput[]) =>
      transact(t.ctx, systemActor(), async (_trx, audit, e) => {
        await audit({ action: 'test.emit', targetType: 'test', targetId: 'dashboard' });
        for (const ev of events) e(ev);
      });

    test('MON-02 only leaders read the dashboard; a brigade leader cannot look at its detachment', async () => {
      const inspector = await t.login('inspector.211000');
      assert.equal((await call(t, inspector, 'GET', '/api/v1/dashboard')).status, 403);
      const own = await view(brigadeLeader);
      assert.equal(own.agency.id, brigade.id);
      assert.equal(own.agency.hasChildren, false);
      assert.equal((await call(t, brigadeLeader, 'GET', `/api/v1/dashboard?agencyId=${detachment.id}`)).status, 404);
      const far = await t.login('leader.440100');
      assert.equal((await call(t, far, 'GET', `/api/v1/dashboard?agencyId=${brigade.id}`)).status, 404);
      const mine = await view(leader);
      assert.deepEqual(
        mine.children.map((c: Json) => c.agency.id),
        [brigade.id],
      );
      assert.equal(mine.periods.length, 5);
      assert.equal(mine.tables.length, 6);
      // Credit and risk distribution: every unit of the detachment and below counted once.
      const units = await t.ctx.database.db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agency_path', 'like', `${detachment.path}%`)
        .executeTakeFirstOrThrow();
      assert.equal(
        mine.creditLevels.reduce((s: number, c: Json) => s + c.n, 0),
        Number(units.n),
      );
      assert.equal(
        mine.riskLevels.reduce((s: number, c: Json) => s + c.n, 0),
        Number(units.n),
      );
      // The index-only count equals the credit page's distribution, with units that have a standing (CRD-04).
      for (const [i, usci] of (
        await t.ctx.database.db.selectFrom('units').select('usci').where('agency_path', 'like', `${brigade.path}%`).limit(3).execute()
      ).entries())
        await recordCreditEvent(t.ctx, systemActor(), {
          usci: usci.usci,
          agencyId: brigade.id,
          kind: i === 0 ? 'commendation' : 'false_commitment',
          severity: 'serious',
          reason: '驾驶舱统计测试',
          sourceType: 'commendation',
          sourceId: `dash-${database}-${i}`,
          occurredAt: t.clock.now.toISOString(),
        });
      const scope = { kind: 'agency_and_below' as const, agencyPath: detachment.path };
      const key = (c: { level: string; risk: string; units: number }) => `${c.level}|${c.risk}|${c.units}`;
      const full = (await creditDistribution(t.ctx.database.db, { ...systemActor(), scope })).cells.map(key).sort();
      assert.ok((await t.ctx.database.db.selectFrom('credit_standings').select('usci').execute()).length > 0);
      assert.deepEqual((await creditLevelCounts(t.ctx.database.db, scope)).map(key).sort(), full);
      // Running clocks of the demo data are counted by matter.
      assert.ok(mine.clocks.length > 0, JSON.stringify(mine.clocks));
    });

    test('MON-02 a fire alarm received moves the alarms figure of its agency (not before the event is dispatched) and puts it on the map', async () => {
      const before = figure(await view(leader), 'fire_alarms').current;
      const stored = await ingestMessage(t.ctx, {
        topic: `fep/v1/centres/${DEMO_CENTRE.code}/events`,
        payload: JSON.stringify({
          messageId: `dash-${database}-1`,
          deviceId: 'UITD-LY-0001',
          unitUsci: alarmUsci,
          type: 'fire_alarm',
          occurredAt: t.clock.now.toISOString(),
        }),
      });
      assert.equal(stored.outcome, 'stored');
      assert.equal(figure(await view(leader), 'fire_alarms').current, before, 'the rollup follows the event, dispatched after the commit');
      await t.drain();
      assert.equal(figure(await view(leader), 'fire_alarms').current, before + 1);
      // Redelivering the same event changes nothing (the rollup's claim).
      await t.ctx.database.db.updateTable('event_deliveries').set({ status: 'pending' }).where('subscriber', '=', 'dashboard.rollup').execute();
      await t.drain();
      assert.equal(figure(await view(leader), 'fire_alarms').current, before + 1);
      const points = await call(t, leader, 'GET', '/api/v1/dashboard/map/points?layers=alarm&west=122&south=40&east=125&north=42&zoom=16');
      assert.equal(points.status, 200, JSON.stringify(points.body));
      assert.equal(points.body.mode, 'point');
      assert.equal(points.body.items.length, 1);
      assert.equal(points.body.items[0].layerLabel, '火警');
      // 广州's leader sees nothing of 辽阳 on the map.
      const far = await t.login('leader.440100');
      const none = await call(t, far, 'GET', '/api/v1/dashboard/map/points?layers=alarm&west=122&south=40&east=125&north=42&zoom=16');
      assert.equal(none.body.items.length, 0);
    });

    test('MON-02 a penalty decided adds to the cases and the fines of the deciding agency', async () => {
      const before = await view(leader);
      await decidedFine(t, 20000);
      await t.drain();
      const after = await view(leader);
      assert.equal(figure(after, 'penalties').current, figure(before, 'penalties').current + 1);
      assert.equal(figure(after, 'fines').current, figure(before, 'fines').current + 20000);
    });

    test('MON-02 every counted fact moves its own figure, at the agency it belongs to and its parents only (drill-down)', async () => {
      const facts: [string, DomainEventInput][] = [
        [
          'applications_submitted',
          {
            type: 'licensing.application_submitted',
            agencyId: brigade.id,
            payload: { applicationId: 'a1', agencyId: brigade.id, agencyPath: brigade.path, resubmitted: false },
          },
        ],
        [
          'permits_granted',
          { type: 'licensing.permit_granted', agencyId: brigade.id, payload: { applicationId: 'a1', agencyId: brigade.id, agencyPath: brigade.path } },
        ],
        [
          'applications_refused',
          { type: 'licensing.application_refused', agencyId: brigade.id, payload: { applicationId: 'a2', agencyId: brigade.id, agencyPath: brigade.path } },
        ],
        [
          'duties_overdue',
          {
            type: 'clocks.alert_raised',
            agencyId: brigade.id,
            payload: { kind: 'overdue', targetType: 'complaint', agencyId: brigade.id, agencyPath: brigade.path },
          },
        ],
        [
          'orders_issued',
          {
            type: 'supervision.order_issued',
            agencyId: brigade.id,
            payload: { orderId: 'o1', usci: alarmUsci, subjectName: '测试单位', agencyId: brigade.id, agencyPath: brigade.path },
          },
        ],
        [
          'major_hazards',
          {
            type: 'supervision.major_hazard_listed',
            agencyId: brigade.id,
            payload: { orderId: 'o1', usci: alarmUsci, subjectName: '测试单位', agencyId: brigade.id, agencyPath: brigade.path },
          },
        ],
        [
          'complaints_received',
          {
            type: 'complaints.received',
            agencyId: brigade.id,
            payload: {
              complaintId: 'c1',
              agencyId: brigade.id,
              agencyPath: brigade.path,
              categoryName: '安全出口',
              channelLabel: '随手拍',
              lat: 41.27,
              lng: 123.17,
            },
          },
        ],
        [
          'complaints_verified_in_time',
          {
            type: 'complaints.verified',
            agencyId: brigade.id,
            payload: { complaintId: 'c1', agencyId: brigade.id, agencyPath: brigade.path, outcome: 'founded', inTime: true },
          },
        ],
        [
          'devices_offline',
          { type: 'monitoring.device_went_offline', agencyId: brigade.id, payload: { deviceId: 'd1', usci: alarmUsci, agencyId: brigade.id } },
        ],
        ['inspections_triggered', { type: 'credit.inspection_triggered', agencyId: brigade.id, payload: { usci: alarmUsci, agencyId: brigade.id } }],
      ];
      for (const [metric, event] of facts) {
        const [d0, b0, g0] = [await view(leader), await view(brigadeLeader), await view(await t.login('leader.440100'))];
        await emit([event]);
        await t.drain();
        const [d1, b1, g1] = [await view(leader), await view(brigadeLeader), await view(await t.login('leader.440100'))];
        assert.equal(figure(b1, metric).current, figure(b0, metric).current + 1, `${metric} at the brigade`);
        assert.equal(figure(d1, metric).current, figure(d0, metric).current + 1, `${metric} at the detachment`);
        const child = (v: Json) => (v.children as Json[]).find((c) => c.agency.id === brigade.id)!.figures.find((f: Json) => f.key === metric).current;
        assert.equal(child(d1), child(d0) + 1, `${metric} in the detachment's row of its brigade`);
        assert.equal(figure(g1, metric).current, figure(g0, metric).current, `${metric} not in 广州`);
        // No other figure moved.
        for (const f of b1.figures as Json[])
          if (f.key !== metric && !(metric === 'complaints_verified_in_time' && f.key === 'complaints_verified'))
            assert.equal(f.current, figure(b0, f.key).current, `${f.key} moved with ${metric}`);
      }
      // A resubmission is the same application; a due-soon alert is no overdue duty.
      const before = await view(brigadeLeader);
      await emit([
        { type: 'licensing.application_submitted', agencyId: brigade.id, payload: { applicationId: 'a1', agencyPath: brigade.path, resubmitted: true } },
        { type: 'clocks.alert_raised', agencyId: brigade.id, payload: { kind: 'due_soon', targetType: 'complaint', agencyPath: brigade.path } },
      ]);
      await t.drain();
      const after = await view(brigadeLeader);
      assert.equal(figure(after, 'applications_submitted').current, figure(before, 'applications_submitted').current);
      assert.equal(figure(after, 'duties_overdue').current, figure(before, 'duties_overdue').current);
      // The verified report's point turned to handled; the order's point is a major hazard.
      const closed = await call(
        t,
        brigadeLeader,
        'GET',
        '/api/v1/dashboard/map/points?layers=complaint&status=closed&west=123&south=41&east=124&north=42&zoom=15',
      );
      assert.equal(closed.body.items.length, 1, JSON.stringify(closed.body));
      const major = await call(t, brigadeLeader, 'GET', '/api/v1/dashboard/map/points?layers=hazard&status=major&west=122&south=40&east=125&north=42&zoom=16');
      assert.equal(major.body.items.length, 1, JSON.stringify(major.body));
    });

    test('MON-02 period comparison: a fact of last month counts in the previous month, not this one', async () => {
      const b0 = await view(brigadeLeader, '?period=month');
      const lastMonth = new Date('2026-10-15T02:00:00Z');
      const real = t.clock.now;
      t.clock.now = lastMonth;
      await emit([{ type: 'licensing.permit_granted', agencyId: brigade.id, payload: { applicationId: 'old', agencyPath: brigade.path } }]);
      await t.drain();
      t.clock.now = real;
      const b1 = await view(brigadeLeader, '?period=month');
      assert.equal(b1.period.from, '2026-11-01');
      assert.equal(b1.period.previousFrom, '2026-10-01');
      assert.equal(b1.period.previousTo, '2026-10-31');
      assert.equal(figure(b1, 'permits_granted').current, figure(b0, 'permits_granted').current);
      assert.equal(figure(b1, 'permits_granted').previous, figure(b0, 'permits_granted').previous + 1);
      const year = await view(brigadeLeader, '?period=year');
      assert.ok(figure(year, 'permits_granted').current >= figure(b1, 'permits_granted').current + 1);
      assert.equal((await call(t, brigadeLeader, 'GET', '/api/v1/dashboard?period=decade')).status, 400);
    });

    test('SUP-13 each standard table exports as a workbook: a row per agency below and a total, this period beside the previous', async () => {
      for (const table of ['overview', 'licensing', 'supervision', 'enforcement', 'complaints', 'monitoring']) {
        const r = await call(t, leader, 'GET', `/api/v1/dashboard/tables/${table}?period=month`);
        assert.equal(r.status, 200, `${table}: ${Buffer.from(r.raw).toString()}`);
        assert.match(String(r.headers['content-type']), /spreadsheetml/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(r.raw) as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
        assert.equal(rows.length, 5, `${table}: title, scope, header, the brigade, the total`);
        assert.equal(rows[3]![1], '辽阳市白塔区消防救援大队');
        assert.match(String(rows[4]![1]), /辽阳市消防救援支队（合计）/);
      }
      const monitoring = await call(t, leader, 'GET', '/api/v1/dashboard/tables/monitoring?period=month');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(monitoring.raw) as unknown as ArrayBuffer);
      const header = wb.worksheets[0]!.getRow(3).values as unknown[];
      assert.equal(header[2], '火警（本期）');
      const total = wb.worksheets[0]!.getRow(5).values as unknown[];
      assert.equal(total[2], figure(await view(leader), 'fire_alarms').current);
      assert.equal((await call(t, brigadeLeader, 'GET', `/api/v1/dashboard/tables/overview?agencyId=${detachment.id}`)).status, 404);
      assert.equal((await call(t, leader, 'GET', '/api/v1/dashboard/tables/unknown')).status, 400);
    });

    test('MON-02 the live stream pushes an update when a fact is counted', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const ac = new AbortController();
      const res = await fetch(`${address}/api/v1/dashboard/stream`, { headers: { authorization: `Bearer ${leader}` }, signal: ac.signal });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const until = async (re: RegExp) => {
        const deadline = Date.now() + 5000;
        while (!re.test(text)) {
          if (Date.now() > deadline) throw new Error(`no ${re} in ${text}`);
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      await until(/event: figures\ndata: \{"version":(\d+)\}/);
      const first = Number(/"version":(\d+)/.exec(text)![1]);
      await emit([
        {
          type: 'monitoring.fire_alarm_received',
          agencyId: brigade.id,
          payload: { eventId: 'sse-1', usci: alarmUsci, unitName: '测试', location: '1F', agencyId: brigade.id },
        },
      ]);
      await t.drain();
      await until(new RegExp(`"version":${first + 1}\\}`));
      ac.abort();
      const inspector = await t.login('inspector.211000');
      const refused = await fetch(`${address}/api/v1/dashboard/stream`, { headers: { authorization: `Bearer ${inspector}` } });
      assert.equal(refused.status, 403);
    });

    test('MON-02 map: grid clusters at a city view sum to the units placed, filters by layer, risk and kind; boundaries from the configured file', async () => {
      const db = t.ctx.database.db;
      const placed = await db
        .selectFrom('map_points')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('layer', '=', 'unit')
        .where('agency_path', 'like', `${detachment.path}%`)
        .executeTakeFirstOrThrow();
      const at = async (qs: string) => {
        const r = await call(t, leader, 'GET', `/api/v1/dashboard/map/points?west=122.5&south=40.8&east=124&north=41.8&${qs}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      };
      const city = await at('layers=unit&zoom=12');
      assert.equal(city.mode, 'cluster');
      assert.ok(city.items.length > 1 && city.items.length < Number(placed.n), `${city.items.length} clusters`);
      // A wider view: fewer, larger cells over the same units.
      const region = await at('layers=unit&zoom=6');
      assert.ok(region.items.length < city.items.length);
      assert.equal(
        region.items.reduce((s: number, c: Json) => s + c.n, 0),
        Number(placed.n),
      );
      assert.equal(
        city.items.reduce((s: number, c: Json) => s + c.n, 0),
        Number(placed.n),
      );
      for (const c of city.items as Json[]) assert.ok(c.lat > 40.8 && c.lat < 41.8 && c.lng > 122.5 && c.lng < 124, JSON.stringify(c));
      const high = await at('layers=unit&zoom=9&risk=high');
      const highCount = await db
        .selectFrom('map_points')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('layer', '=', 'unit')
        .where('risk', '=', 'high')
        .where('agency_path', 'like', `${detachment.path}%`)
        .executeTakeFirstOrThrow();
      assert.equal(
        high.items.reduce((s: number, c: Json) => s + c.n, 0),
        Number(highCount.n),
      );
      const hotels = await at('layers=unit&zoom=9&kind=hotel');
      assert.ok(hotels.items.reduce((s: number, c: Json) => s + c.n, 0) < Number(placed.n));
      const close = await at('layers=unit&zoom=15');
      assert.equal(close.mode, 'point');
      assert.ok(close.items.every((p: Json) => p.n === 1 && p.id && p.label));
      // The brigade's leader sees its own units only.
      const mine = await call(t, brigadeLeader, 'GET', '/api/v1/dashboard/map/points?layers=unit&zoom=9&west=122.5&south=40.8&east=124&north=41.8');
      const brigadeUnits = await db
        .selectFrom('map_points')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('layer', '=', 'unit')
        .where('agency_path', 'like', `${brigade.path}%`)
        .executeTakeFirstOrThrow();
      assert.equal(
        mine.body.items.reduce((s: number, c: Json) => s + c.n, 0),
        Number(brigadeUnits.n),
      );
      assert.ok(Number(brigadeUnits.n) < Number(placed.n));
      assert.equal(
        (await call(t, leader, 'GET', '/api/v1/dashboard/map/points?west=124&south=40&east=123&north=42&zoom=9')).body.code,
        'DASHBOARD.INVALID_BOUNDS',
      );
      assert.equal((await call(t, leader, 'GET', '/api/v1/dashboard/map/points?layers=seal,x&west=122&south=40&east=123&north=42&zoom=9')).status, 400);
      // Every layer switched off: nothing, on both databases (an empty `in ()` is no SQL on PostgreSQL).
      assert.equal((await at('layers=,&zoom=9')).items.length, 0);
      assert.equal((await at('layers=&zoom=15')).items.length, 0);
      const b = await call(t, leader, 'GET', '/api/v1/dashboard/map/boundaries');
      assert.equal(b.status, 200);
      assert.equal(b.body.configured, true);
      assert.equal(b.body.attribution, '合成测试数据');
      assert.equal(b.body.geojson.features[0].properties.name, '合成测试区划');
    });
  });
}
