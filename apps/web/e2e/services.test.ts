import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerTo, type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of public services on a phone (390×844): a citizen books a station open day (SVC-03), evaluates
 * the visit afterwards with a bad review (SVC-02), and a clerk handles it in the follow-up queue with its clock.
 */
const PASSWORD = 'E2e-Services@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const DAY = 86_400_000;

describe('public services in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('SVC-02/SVC-03 [phone] a citizen books an open day and evaluates it; a clerk handles the bad review', async () => {
    const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.440106', password: PASSWORD } });
    const token = (login.json() as { token: string }).token;
    const startsAt = new Date(e.ctx.now().getTime() + 2 * DAY);
    const slot = await e.app.inject({
      method: 'POST',
      url: '/api/v1/appointments/slots',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        kind: 'open_day',
        title: '天河消防站开放日',
        place: '天河区消防救援站',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
        capacity: 30,
      },
    });
    assert.equal(slot.statusCode, 201, slot.body);
    const slotId = (slot.json() as { id: string }).id;

    const context = await e.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${e.base}/appointments`);
    await page.getByRole('heading', { name: '预约参观', exact: true }).waitFor();
    const card = page.locator('.ant-card', { hasText: '天河消防站开放日' });
    await card.getByRole('button', { name: /预\s*约/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('联系人').fill('张小明');
    await dialog.getByLabel('联系电话').fill('13912345678');
    await answerTo(page, /\/bookings$/, () => dialog.getByRole('button', { name: '确认预约' }).click());
    const code = ((await page.getByTestId('booking-code').textContent()) ?? '').trim();
    await page.screenshot({ path: `${SHOTS}services-booked-phone.png`, fullPage: true });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling: ${widths.join(' > ')}`);

    // The open day takes place (its start moved into the past) and the station closes it.
    await e.ctx.database.db
      .updateTable('appointment_slots')
      .set({ starts_at: new Date(e.ctx.now().getTime() - 3600_000).toISOString() })
      .where('id', '=', slotId)
      .execute();
    const done = await e.app.inject({ method: 'POST', url: `/api/v1/appointments/slots/${slotId}/complete`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(done.statusCode, 200, done.body);

    await page.getByLabel('预约码').fill(code);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('已参观').waitFor();
    await page.getByRole('button', { name: '评价本次参观' }).click();
    await page.getByRole('heading', { name: '服务评价', exact: true }).waitFor();
    await page.getByText('不满意', { exact: false }).first().waitFor();
    await page.getByRole('radio', { name: /★★ 不满意/ }).check();
    await page.getByText('超时限').click();
    await page.getByLabel('意见建议').fill('讲解时间比预约时间晚了一个小时');
    await answerTo(page, /\/api\/v1\/evaluations$/, () => page.getByRole('button', { name: '提交评价' }).click());
    await page.getByText('感谢您的评价').waitFor();
    await page.screenshot({ path: `${SHOTS}services-evaluated-phone.png`, fullPage: true });
    await context.close();

    const staff = await e.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const admin = await staff.newPage();
    await e.login(admin, '/admin/login', 'clerk.440106');
    await admin.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await admin.goto(`${e.base}/admin/evaluations/follow-ups`);
    await admin.getByRole('heading', { name: '差评整改', exact: true }).waitFor();
    const item = admin.locator('.ant-list-item', { hasText: '天河消防站开放日' });
    await item.getByText('实名差评，须回访').waitFor();
    await item.getByRole('button', { name: /^核\s*实$/ }).click();
    await admin.getByRole('dialog').getByLabel('情况说明').fill('已电话联系评价人，核实讲解推迟属实');
    await answerTo(admin, /\/steps$/, () =>
      admin
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定/ })
        .click(),
    );
    await item.getByText('整改中').waitFor();
    await admin.screenshot({ path: `${SHOTS}services-follow-up-phone.png`, fullPage: true });

    // SVC-06: the disclosure queue on the same phone, with the statutory due date.
    const d = await e.app.inject({
      method: 'POST',
      url: '/api/v1/disclosure/requests',
      payload: { regionCode: '440106', name: '李四', contact: '13700000000', content: '申请公开本区消防站开放日安排' },
    });
    assert.equal(d.statusCode, 201, d.body);
    await admin.goto(`${e.base}/admin/disclosure`);
    const req = admin.locator('.ant-list-item', { hasText: '申请公开本区消防站开放日安排' });
    await req.getByText((d.json() as { dueDate: string }).dueDate).waitFor();
    await req.getByRole('button', { name: /^答\s*复$/ }).waitFor();
    await admin.screenshot({ path: `${SHOTS}services-disclosure-queue-phone.png`, fullPage: true });
    await staff.close();
  });
});
