import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeTilePackage } from '../../api/src/test-support/tiles.ts';
import { type E2E, expectAccessible, expectOutcome, PNG, pickPlace, recordLockedExit, SHOTS, sign, startE2E } from './support.ts';

/**
 * Browser test of hazard reports (CMP-01 … CMP-04) in Debian's headless Chromium: an anonymous citizen on a
 * 390 px phone reports a locked exit with a photo (随手拍), the device's location corrected on the map (an offline
 * tile package as the basemap), and keeps the tracking
 * code; the intake clerk sees the report in the queue with its 24-hour clock, opens its file and sends two
 * inspectors; the inspector records the verification on the phone's field page (photo, three signatures);
 * the clerk concludes on the file and tells the citizen; the citizen reads the feedback by tracking code.
 */
const PASSWORD = 'E2e-Cmp@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } as const;

describe('hazard reports in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    // An offline tile package of central Liaoyang, served by the product (zoom 3 … 16).
    const tiles = join(mkdtempSync(join(tmpdir(), 'fep-e2e-tiles-')), 'liaoyang.mbtiles');
    writeTilePackage(tiles, { bounds: [123.15, 41.24, 123.3, 41.3], minZoom: 3, maxZoom: 16, attribution: '测试离线底图' });
    e = await startE2E(PASSWORD, { FEP_MAP_TILES: tiles });
  });
  after(async () => {
    await e?.close();
  });
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const api = async (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await e.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload ? { payload: payload as string } : {}),
    });
    assert.ok(r.statusCode < 300, `${url} → ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const token = async (username: string) =>
    (await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } })).json().token as string;

  test('CMP-01/02/04 an anonymous citizen reports a locked exit with a photo on a phone; the clerk sees the 24-hour clock and sends two inspectors; the inspector verifies on the phone; the clerk concludes and answers on the file; the citizen reads the feedback by tracking code', async () => {
    const citizen = await e.browser.newPage({ ...PHONE, permissions: ['geolocation'], geolocation: { latitude: 41.2689, longitude: 123.2372 } });
    await citizen.goto(`${e.base}/report`);
    await pickPlace(citizen, ['辽宁省', '辽阳市', '白塔区'], '隐患所在地');
    await citizen.getByLabel('隐患类别').click();
    await citizen.locator('.ant-select-item-option').filter({ hasText: '占用、堵塞、封闭疏散通道或安全出口' }).click();
    await citizen.getByLabel('隐患情况').fill('商场后门安全出口被铁链锁住，营业时间打不开');
    await citizen.getByTestId('photo-input').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await citizen.getByText('已上传 1 张照片').waitFor();
    await citizen.getByRole('button', { name: '使用当前位置' }).click();
    await citizen.getByTestId('location').filter({ hasText: '已定位' }).waitFor();
    // The device's fix is off by a shop front: the citizen opens the map (centred on the fix, zoom 16) and taps
    // 40 px east of it. At zoom 16 a pixel is 360 / (256 × 2¹⁶) degrees of longitude.
    await citizen.getByRole('button', { name: '在地图上选点' }).click();
    const map = citizen.getByRole('application', { name: '点选隐患位置的地图' });
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    await map.locator('.map-pin').waitFor();
    await map.scrollIntoViewIfNeeded();
    const pin = await map.locator('.map-pin').boundingBox();
    assert.ok(pin, 'the fix is drawn on the map');
    await citizen.touchscreen.tap(pin.x + pin.width / 2 + 40, pin.y + pin.height / 2);
    await citizen.getByTestId('location').filter({ hasText: '已选位置' }).waitFor();
    const east = 123.2372 + (40 * 360) / (256 * 2 ** 16);
    await citizen.screenshot({ path: `${SHOTS}complaints-report-map-phone.png`, fullPage: true });
    await citizen.getByLabel('地址或场所名称').fill('白塔区中华大街某商场');
    await citizen.getByText('完全匿名：不留任何个人信息', { exact: false }).waitFor();
    await expectAccessible(citizen, 'hazard report form (phone)');
    assert.ok((await overflow(citizen)) <= 0, 'the report form fits a 390 px phone');
    await citizen.screenshot({ path: `${SHOTS}complaints-report-phone.png`, fullPage: true });
    await citizen.getByRole('button', { name: '提交举报' }).click();
    const shown = citizen.getByTestId('tracking-code');
    await shown.waitFor();
    const code = /[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}/.exec((await shown.textContent()) ?? '')?.[0];
    assert.ok(code, 'a tracking code is shown');
    await citizen.screenshot({ path: `${SHOTS}complaints-receipt-phone.png`, fullPage: true });

    const row = await e.ctx.database.db.selectFrom('complaints').selectAll().where('description', 'like', '%铁链锁住%').executeTakeFirstOrThrow();
    assert.equal(row.channel, 'snapshot');
    assert.equal(row.anonymous, 1);
    assert.equal(row.identity_enc, null, 'nothing kept of an anonymous reporter');
    // Picked on the map, stored in WGS84 (a pixel or two of rounding allowed).
    assert.ok(row.lat != null && Math.abs(row.lat - 41.2689) < 5e-5, `the picked place, WGS84: ${row.lat}`);
    assert.ok(row.lng != null && Math.abs(row.lng - east) < 5e-5, `40 px east of the fix: ${row.lng} ≈ ${east}`);

    // The intake clerk: the queue shows the 24-hour clock; the file opens.
    const clerk = await e.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await e.login(clerk, '/admin/login', 'clerk.211000');
    // Signed in once the back office opens; going on before that lands on the sign-in page again.
    await clerk.waitForURL((u) => u.pathname === '/admin');
    await clerk.goto(`${e.base}/admin/complaints`);
    const clock = clerk.getByTestId('clock').filter({ hasText: '受理后 24 小时内核查' }).first();
    await clock.waitFor();
    await expectAccessible(clerk, 'complaints queue');
    await clerk.screenshot({ path: `${SHOTS}complaints-queue.png`, fullPage: true });
    await clerk.getByRole('link', { name: '分布与统计' }).click();
    const reports = clerk.getByRole('application', { name: '举报点位分布图' });
    await reports.locator('img.leaflet-tile-loaded').first().waitFor();
    await clerk.getByText('按来源').waitFor();
    assert.ok((await reports.locator('.map-point').count()) >= 1, 'the reports are points on the basemap');
    await clerk.screenshot({ path: `${SHOTS}complaints-map.png`, fullPage: true });
    // A point opens its file.
    await reports.locator('.map-point').first().click({ force: true });
    await clerk.waitForURL((u) => /^\/admin\/complaints\/[0-9a-f-]{36}$/.test(u.pathname));
    await clerk.goto(`${e.base}/admin/complaints/${row.id}`);
    await clerk.getByRole('application', { name: '举报位置地图' }).locator('.map-point').waitFor();
    await clerk.getByText('受理后 24 小时内核查', { exact: false }).first().waitFor();
    await clerk.getByText('派员核查', { exact: true }).first().waitFor();
    await clerk.screenshot({ path: `${SHOTS}complaints-file.png`, fullPage: true });

    // The clerk sends two inspectors from the file: the reported unit's USCI and two names from the detachment.
    const unit = await e.ctx.database.db.selectFrom('units').select('usci').where('region_code', '=', '211000').executeTakeFirstOrThrow();
    const inspectorNames = ((await api(await token('clerk.211000'), 'GET', '/api/v1/inspectors')) as { userId: string; name: string; username?: string }[])
      .map((i) => i.name)
      .slice(0, 2);
    assert.equal(inspectorNames.length, 2, 'two inspectors to choose from');
    await clerk.getByLabel('被举报单位统一社会信用代码').fill(unit.usci);
    await clerk.getByLabel('两名执法人员').click();
    for (const name of inspectorNames) await clerk.locator('.ant-select-item-option').filter({ hasText: name }).first().click();
    await clerk.keyboard.press('Escape');
    await clerk.getByRole('button', { name: /^派\s*员\s*核\s*查$/ }).click();
    await expectOutcome(clerk, '已派员核查', 'complaint-dispatch');
    const dispatched = await e.ctx.database.db.selectFrom('complaints').select(['task_id', 'status']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(dispatched.status, 'verifying');
    assert.ok(dispatched.task_id, 'the verification task is created from the file');

    // The inspector records the verification on the phone's field page: the locked exit, a photo, three signatures.
    const phone = await e.browser.newContext({ ...PHONE, deviceScaleFactor: 2 });
    const field = await phone.newPage();
    await e.login(field, '/admin/login', 'inspector.211000');
    await field.waitForURL((u) => u.pathname === '/admin');
    await field.goto(`${e.base}/field/tasks/${dispatched.task_id}`);
    await field.getByText('监督检查记录').waitFor();
    await recordLockedExit(field);
    await field.getByLabel('整改指导').fill('立即拆除锁具，保持安全出口畅通');
    await field.getByLabel('检查意见').fill('举报属实，后门安全出口营业期间被铁链锁闭，已责令改正');
    await field.getByLabel('单位代表姓名').fill('张店长');
    const pads = (await field.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')))) as string[];
    assert.equal(pads.length, 3, 'two inspectors and the representative sign');
    for (const n of pads) await sign(field, n);
    assert.ok((await overflow(field)) <= 0, 'the field record fits a 390 px phone');
    await field.screenshot({ path: `${SHOTS}complaints-verification-phone.png`, fullPage: true });
    await field.waitForTimeout(500); // the last signature is uploaded when its stroke ends
    await field.getByRole('button', { name: '提交检查记录' }).click();
    await field
      .getByText(/检查记录已提交|提交失败|须/)
      .first()
      .waitFor();
    assert.ok(
      await field.getByText('检查记录已提交').isVisible(),
      await field
        .locator('.ant-alert-message')
        .allInnerTexts()
        .then((x) => x.join('；')),
    );
    await phone.close();

    // The clerk concludes on the file (founded: the order issued in the field is linked) and tells the citizen.
    await clerk.reload();
    await clerk.getByText('须待两名执法人员在检查任务中录入核查记录后作出。').waitFor();
    await clerk.getByRole('radio', { name: '属实', exact: true }).check();
    await clerk.getByLabel('核查情况').fill('后门安全出口营业期间被铁链锁闭，现场已责令改正');
    await clerk.getByRole('button', { name: /^作\s*出\s*结\s*论$/ }).click();
    await expectOutcome(clerk, '已作出核查结论', 'complaint-outcome');
    await clerk.getByLabel(/告知举报人的处理情况/).fill('经核查，该商场后门安全出口曾被锁闭，已当场责令保持畅通。感谢您的举报。');
    await clerk.getByRole('button', { name: /^答\s*复\s*办\s*结$/ }).click();
    await expectOutcome(clerk, '已答复办结', 'complaint-feedback');
    await clerk.getByText('已当场责令保持畅通', { exact: false }).first().waitFor();
    await clerk.screenshot({ path: `${SHOTS}complaints-file-closed.png`, fullPage: true });
    const closed = await e.ctx.database.db
      .selectFrom('complaints')
      .select(['status', 'outcome', 'order_id'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'founded');
    assert.ok(closed.order_id, 'the rectification order issued in the field is linked');

    // The citizen reads the feedback with the tracking code.
    await citizen.goto(`${e.base}/report`);
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByRole('button', { name: /^查\s*询$/ }).click();
    await citizen.getByTestId('feedback').waitFor();
    assert.match((await citizen.getByTestId('feedback').textContent()) ?? '', /已当场责令保持畅通/);
    await citizen.getByText('属实', { exact: true }).waitFor();
    assert.ok((await overflow(citizen)) <= 0, 'the tracking page fits a 390 px phone');
    await expectAccessible(citizen, 'report tracking (phone)');
    await citizen.screenshot({ path: `${SHOTS}complaints-tracking-phone.png`, fullPage: true });
    await citizen.close();
    await clerk.close();
  });

  test('CMP-03 a clerk transfers a report taken for another city: the receiving agency has it with the same clock, the queue no longer lists it', async () => {
    const clerkToken = await token('clerk.211000');
    const report = await api(clerkToken, 'POST', '/api/v1/complaints', {
      channel: 'hotline_96119',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      regionCode: '211000',
      category: 'escape_route_blocked',
      description: '来电反映广州天河某商场疏散通道堆放货物（移交测试）',
      address: '广州市天河区某商场',
      anonymous: true,
    });
    const clerk = await e.browser.newPage({ ...PHONE });
    await e.login(clerk, '/admin/login', 'clerk.211000');
    await clerk.waitForURL((u) => u.pathname === '/admin');
    await clerk.goto(`${e.base}/admin/complaints/${report.id}`);
    await clerk.getByText('移交有管辖权的机构').waitFor();
    await pickPlace(clerk, ['广东省', '广州市', '天河区'], '被举报地点所在地区');
    await clerk.getByLabel('移交理由').fill('被举报场所位于广州市天河区，不属本支队管辖');
    assert.ok((await overflow(clerk)) <= 0, 'the file fits a 390 px phone');
    await clerk.getByRole('button', { name: /^移\s*交$/ }).click();
    await expectOutcome(clerk, '核查时限继续计算', 'complaint-transfer');
    await clerk.waitForURL((u) => u.pathname === '/admin/complaints');
    const moved = await e.ctx.database.db
      .selectFrom('complaints')
      .select(['region_code', 'due_at', 'clock_id'])
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    assert.equal(moved.region_code, '440106');
    const clock = await e.ctx.database.db.selectFrom('clocks').select(['region_code', 'due_at']).where('id', '=', moved.clock_id!).executeTakeFirstOrThrow();
    assert.equal(clock.due_at, report.clock.dueAt, 'the clock keeps counting from receipt');
    assert.match(clock.region_code, /^4401/, 'the clock is now a Guangzhou agency’s');
    await clerk.close();
  });
});
