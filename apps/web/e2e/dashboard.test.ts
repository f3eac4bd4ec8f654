import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { centreEventsTopic } from '@fep/domain';
import ExcelJS from 'exceljs';
import { DEMO_DEVICES, type MonitoringConsumer } from '../../api/src/features/monitoring/index.ts';
import { publishToBroker, startTestMonitoring } from '../../api/src/test-support/broker.ts';
import { type E2E, expectAccessible, SHOTS, settledBox, startE2E } from './support.ts';

/**
 * Browser test of the leaders' dashboard and map (MON-02, SUP-13) in Debian's headless Chromium: 辽阳's leader
 * opens the dashboard, drills down to the brigade, exports a statistical table, opens the map over a synthetic
 * boundaries file (the product ships none), and sees a fire alarm published to the real MQTT broker (Mosquitto,
 * consumed by a consumer of this test's own group and centre) appear on it without reloading; then both pages
 * on a 390 px phone.
 */
const PASSWORD = 'E2e-Dashboard@2026';
const PHONE = { width: 390, height: 844 };
const BOUNDARIES = join(tmpdir(), `fep-e2e-boundaries-${process.pid}.geojson`);
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
              [123.5, 41.45],
              [123.0, 41.45],
              [123.0, 41.1],
            ],
          ],
        },
      },
    ],
  }),
);

describe('leaders’ dashboard and map in headless Chromium', () => {
  let e: E2E;
  let monitoring: { consumer: MonitoringConsumer; centre: string; deviceId: string };
  before(async () => {
    e = await startE2E(PASSWORD, { FEP_MAP_BOUNDARIES: BOUNDARIES, FEP_MAP_BOUNDARIES_ATTRIBUTION: '合成测试数据（非真实边界）' });
    // A 辽阳 unit on the map with a monitoring device: the demo's first device's unit, under this test's centre.
    const demo = await e.ctx.database.db
      .selectFrom('monitoring_devices')
      .select('usci')
      .where('device_code', '=', DEMO_DEVICES[0]!.code)
      .executeTakeFirstOrThrow();
    monitoring = await startTestMonitoring(e.ctx, demo.usci);
  });
  after(async () => {
    await monitoring?.consumer.stop();
    await e?.close();
  });

  test('MON-02 a leader drills down to the brigade, exports a table, and sees a new fire alarm appear on the map', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'leader.211000');
    await page.getByText('需要关注的时限').waitFor();
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await page.getByTestId('figure-fire_alarms').waitFor();
    await page.getByText('下级机构（辽阳市消防救援支队）').waitFor();
    await page.screenshot({ path: `${SHOTS}dashboard-desktop.png`, fullPage: true });
    await expectAccessible(page, 'dashboard');

    // Drill down to the brigade: its figures, no agency below it.
    await page.getByRole('button', { name: '查看大队 辽阳市白塔区消防救援大队' }).click();
    await page.getByText('下级机构（辽阳市白塔区消防救援大队）').waitFor();
    await page.getByText('本机构没有下级机构').waitFor();
    assert.equal(await page.locator('[aria-current="page"]').textContent(), '辽阳市白塔区消防救援大队');

    // Export the complaints table of the brigade.
    await page.getByLabel('统计报表').click();
    await page.getByTitle('投诉举报核查统计表').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    assert.match(download.suggestedFilename(), /^投诉举报核查统计表-辽阳市白塔区消防救援大队\.xlsx$/);
    const file = join(e.dataDir, 'table.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('A1').value, '投诉举报核查统计表');
    assert.equal(ws.getCell('B3').value, '受理投诉举报（本期）');
    assert.equal(ws.getCell('A4').value, '辽阳市白塔区消防救援大队（合计）');

    // The map: only the fire-alarm layer, over 辽阳; an alarm published to the broker appears without a reload.
    await page.getByRole('link', { name: '查看一张图' }).click();
    await page.getByRole('heading', { name: '一张图' }).waitFor();
    await page.getByText('行政区划：合成测试数据（非真实边界）').waitFor();
    await page
      .getByTestId('map-summary')
      .getByText(/视野内 [\d,]+ 处/)
      .waitFor();
    for (const layer of ['社会单位', '火灾隐患', '投诉举报', '临时查封']) await page.getByRole('checkbox', { name: layer }).uncheck();
    await page.getByTestId('map-summary').getByText('视野内 0 处', { exact: false }).waitFor();
    await publishToBroker(
      centreEventsTopic(monitoring.centre),
      JSON.stringify({
        messageId: 'e2e-map-fire',
        deviceId: monitoring.deviceId,
        type: 'fire_alarm',
        occurredAt: e.ctx.now().toISOString(),
        detail: '二层感烟探测器',
      }),
    );
    // Stored by the consumer when it took the message from the broker; then the map's rollup is dispatched.
    const deadline = Date.now() + 20_000;
    while (monitoring.consumer.stats.stored < 1) {
      assert.ok(Date.now() < deadline, `the consumer stored the alarm (${JSON.stringify(monitoring.consumer.stats)})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await e.ctx.events.drain();
    await page
      .getByTestId('map-summary')
      .getByText(/视野内 1 处/)
      .waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.map-view .leaflet-interactive, .map-view .map-cluster').count(), 1, 'one marker: the alarm');
    await page.screenshot({ path: `${SHOTS}dashboard-map-desktop.png`, fullPage: true });
    await page.close();
  });

  test('MON-02 the dashboard and the map on a phone (390 px)', async () => {
    const page = await (await e.browser.newContext({ viewport: PHONE, locale: 'zh-CN', hasTouch: true, isMobile: true })).newPage();
    await e.login(page, '/admin/login', 'leader.211000');
    await page.getByText('需要关注的时限').waitFor();
    await page.goto(`${e.base}/admin/dashboard`);
    await page.getByTestId('figure-fire_alarms').waitFor();
    await page.getByText('下级机构（辽阳市消防救援支队）').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the dashboard fits the phone (scroll width ${width})`);
    await page.screenshot({ path: `${SHOTS}dashboard-phone.png`, fullPage: true });
    await page.goto(`${e.base}/admin/dashboard/map`);
    await page
      .getByTestId('map-summary')
      .getByText(/视野内 [\d,]+ 处/)
      .waitFor();
    const mapWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(mapWidth <= PHONE.width + 1, `the map fits the phone (scroll width ${mapWidth})`);
    await page.screenshot({ path: `${SHOTS}dashboard-map-phone.png`, fullPage: true });
    await page.close();
  });
  test('MON-02 staff place a unit on the map on a phone (390 px); the leaders’ map draws it there', async () => {
    const db = e.ctx.database.db;
    const unit = await db
      .selectFrom('units')
      .select(['id', 'usci', 'lat', 'lng'])
      .where('region_code', '=', '211002')
      .orderBy('usci')
      .executeTakeFirstOrThrow();
    const page = await (await e.browser.newContext({ viewport: PHONE, locale: 'zh-CN', hasTouch: true, isMobile: true })).newPage();
    await e.login(page, '/admin/login', 'clerk.211000');
    await page.getByText('需要关注的时限').waitFor();
    await page.goto(`${e.base}/admin/units`);
    await page.getByPlaceholder('单位名称或统一社会信用代码').fill(unit.usci);
    await page.getByPlaceholder('单位名称或统一社会信用代码').press('Enter');
    const place = page.getByRole('button', { name: /^标注位置：/ });
    await place.first().waitFor();
    assert.equal(await place.count(), 1, 'the unit found by its USCI');
    await place.scrollIntoViewIfNeeded();
    let box = await place.boundingBox();
    assert.ok(box);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    // The map opens at the unit's present place (its pin); a tap 40 px east of it picks the new place.
    const map = page.getByRole('application', { name: '点选单位位置的地图' });
    await map.locator('.map-pin').waitFor();
    await map.scrollIntoViewIfNeeded();
    // Where the pin is once the map has settled on it (it may still be panning or zooming to it).
    const pin = await settledBox(map.locator('.map-pin'));
    await page.touchscreen.tap(pin.x + pin.width / 2 + 40, pin.y + pin.height / 2);
    await page.getByTestId('unit-position').filter({ hasText: '已选位置' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the units page and its map fit the phone (scroll width ${width})`);
    await page.screenshot({ path: `${SHOTS}unit-position-phone.png`, fullPage: true });
    const save = page.getByRole('button', { name: '保存位置' });
    await save.scrollIntoViewIfNeeded();
    box = await save.boundingBox();
    assert.ok(box);
    const answered = page.waitForResponse((r) => /\/api\/v1\/units\/[^/]+\/position$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const r = await answered;
    assert.ok(r.ok(), `${r.status()} ${await r.text()}`);
    const moved = await db.selectFrom('units').select(['lat', 'lng']).where('id', '=', unit.id).executeTakeFirstOrThrow();
    // A tap 40 px east at street zoom: a few tens of metres east (not a pixel-exact figure: the map may settle a
    // zoom level closer to the pin), the same latitude.
    const east = Number(moved.lng) - Number(unit.lng);
    assert.ok(east > 0.0003 && east < 0.003, `moved east: ${moved.lng} from ${unit.lng}`);
    assert.ok(Math.abs(Number(moved.lat) - Number(unit.lat)) < 0.0002);
    await e.ctx.events.drain();
    const point = await db
      .selectFrom('map_points')
      .select(['lat', 'lng'])
      .where('layer', '=', 'unit')
      .where('ref_id', '=', unit.usci)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(point.lat), Number(point.lng)], [Number(moved.lat), Number(moved.lng)], 'the map’s unit point follows');
    await page.close();
  });
});
