import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_CENTRE, ingestMessage } from '../../api/src/features/monitoring/index.ts';
import { type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of 远程监控报警 (MON-01) in Debian's headless Chromium: a fire alarm of the demo centre reaches the
 * inspector of 辽阳, who opens the unit's alarms from the notification's link on a 390 px phone — cards, Chinese labels.
 */
const PASSWORD = 'E2e-Monitoring@2026';
const PHONE = { width: 390, height: 844 };

describe('remote-monitoring alarms in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
    const r = await ingestMessage(e.ctx, {
      topic: `fep/v1/centres/${DEMO_CENTRE.code}/events`,
      payload: JSON.stringify({
        messageId: 'e2e-fire',
        deviceId: 'UITD-LY-0001',
        type: 'fire_alarm',
        occurredAt: e.ctx.now().toISOString(),
        detail: '三层东侧感烟探测器',
      }),
    });
    assert.equal(r.outcome, 'stored');
    await e.ctx.events.drain();
  });
  after(async () => {
    await e?.close();
  });

  test('MON-01 the inspector opens the fire alarm from its notification on a phone (390 px)', async () => {
    const page = await (await e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    await e.login(page, '/admin/login', 'inspector.211000');
    await page.getByText('需要关注的时限').waitFor();
    const { db } = e.ctx.database;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'inspector.211000').executeTakeFirstOrThrow();
    const told = await db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', user.id)
      .where('kind', '=', 'fire_alarm')
      .executeTakeFirstOrThrow();
    assert.match(told.title, /^【火警】/);
    await page.goto(`${e.base}${told.link}`);
    await page.getByText('三层东侧感烟探测器').waitFor();
    assert.ok(await page.getByText('火警', { exact: true }).first().isVisible());
    assert.ok(await page.getByText(/一层消防控制室（设备 UITD-LY-0001）/).isVisible());
    assert.equal(await page.locator('.ant-table').count(), 0, 'cards, not a table, on a phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `the page fits the phone (scroll width ${width})`);
    await page.screenshot({ path: `${SHOTS}monitoring-alarms-phone.png`, fullPage: true });
    await page.close();
  });
});
