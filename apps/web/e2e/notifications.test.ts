import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { multipartFile } from '../../api/src/test-support/harness.ts';
import { applicationInput } from '../../api/src/test-support/licensing.ts';
import { type E2E, PNG, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of the notification centre (NTF) in Debian's headless Chromium, on a desktop (1366×768)
 * and a phone (390×844): an applicant submits; the clerk hears of it through the back office's bell and
 * accepts; the applicant sees the unread notification at the portal's bell, opens it (it leads to the
 * application and is marked read), and finds the channel settings with the phone number masked.
 */
const PASSWORD = 'E2e-Ntf@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('notification centre in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  async function token(username: string): Promise<string> {
    const r = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    return (r.json() as { token: string }).token;
  }

  /** The applicant of Liaoyang submits an application on the inspection path (through the API: the form has its own test). */
  async function submitted(venueName: string): Promise<string> {
    const t = await token('applicant.211002');
    const materials: Record<string, string[]> = {};
    for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) {
      const mp = multipartFile(`${code}.png`, Buffer.concat([PNG, Buffer.from(`${venueName}-${code}`)]), 'image/png');
      const up = await e.app.inject({ method: 'POST', url: '/api/v1/files', headers: { authorization: `Bearer ${t}`, ...mp.headers }, payload: mp.payload });
      materials[code] = [(up.json() as { id: string }).id];
    }
    const r = await e.app.inject({
      method: 'POST',
      url: '/api/v1/licensing/applications',
      headers: { authorization: `Bearer ${t}` },
      payload: applicationInput('211002', 'inspection', materials, { venueKind: 'ktv', floorArea: 860, venueName, submit: true }),
    });
    assert.equal(r.statusCode, 201, r.body);
    return (r.json() as { id: string }).id;
  }

  const bell = (page: Page) => page.getByTestId('notification-bell');
  /** The overflow of a page on a phone: nothing may need horizontal scrolling. */
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const vp of VIEWPORTS) {
    test(`NTF-01/02 (${vp.name}) the clerk is told of a submission and accepts it; the applicant sees the unread notification, opens it, and it is read`, async () => {
      const venue = vp.name === 'desktop' ? '星光KTV（通知测试）' : '月光KTV（通知测试）';
      const id = await submitted(venue);
      const { name: _n, ...options } = vp;

      // The clerk of the handling agency (the approval level of the Liaoning policy decides which): the bell counts
      // the new application; its notification opens the file, where the clerk accepts.
      const db = e.ctx.database.db;
      const owner = await db.selectFrom('applications').select('agency_id').where('id', '=', id).executeTakeFirstOrThrow();
      const clerkName = (
        await db
          .selectFrom('users')
          .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
          .select('users.username')
          .where('users.agency_id', '=', owner.agency_id)
          .where('user_roles.role', '=', 'clerk')
          .orderBy('users.username')
          .executeTakeFirstOrThrow()
      ).username;
      const clerk = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await e.login(clerk, '/admin/login', clerkName);
      await bell(clerk)
        .and(clerk.getByLabel(/条未读/))
        .waitFor();
      await bell(clerk).click();
      await clerk.waitForURL(/\/admin\/notifications$/);
      const told = clerk.getByTestId('notification-item').filter({ hasText: `新的许可申请：${venue}` });
      await told.waitFor();
      await clerk.screenshot({ path: `${SHOTS}notifications-backoffice-${vp.name}.png`, fullPage: true });
      await told.click();
      await clerk.waitForURL(new RegExp(`/admin/applications/${id}$`));
      await clerk.getByRole('button', { name: /^受\s*理$/ }).click();
      const accepted = clerk.waitForResponse((r) => r.url().endsWith(`/api/v1/licensing/applications/${id}/accept`));
      await clerk.getByRole('button', { name: '确认受理' }).click();
      const answer = await accepted;
      assert.equal(answer.status(), 200, await answer.text());
      await clerk.close();

      // The applicant: the portal's bell shows one unread notification.
      const page = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await e.login(page, '/login', 'applicant.211002');
      await page.getByLabel('通知，1 条未读').waitFor();
      await page.screenshot({ path: `${SHOTS}notifications-portal-bell-${vp.name}.png` });
      await bell(page).click();
      await page.waitForURL(/\/portal\/notifications$/);
      const item = page.getByTestId('notification-item').filter({ hasText: `申请已受理：${venue}` });
      await item.getByText('未读', { exact: true }).waitFor();
      await page.screenshot({ path: `${SHOTS}notifications-portal-list-${vp.name}.png`, fullPage: true });
      if (vp.name === 'phone') assert.ok((await overflow(page)) <= 0, 'the list fits a 390 px phone');

      // Opening it marks it read and leads to the application.
      const read = page.waitForResponse((r) => /\/api\/v1\/notifications\/[^/]+\/read$/.test(r.url()));
      await item.click();
      assert.equal((await read).status(), 200);
      await page.waitForURL(new RegExp(`/portal/applications/${id}$`));
      await page.getByText(venue).first().waitFor();
      await bell(page)
        .and(page.getByLabel('通知', { exact: true }))
        .waitFor();
      await bell(page).click();
      await page
        .getByTestId('notification-item')
        .filter({ hasText: `申请已受理：${venue}` })
        .getByText('已读', { exact: true })
        .waitFor();
      assert.equal(await page.getByRole('button', { name: '全部已读' }).isDisabled(), true, 'nothing left unread');

      // The channel settings: kinds of a business only, the phone number masked.
      await page.getByRole('tab', { name: '通知方式' }).click();
      await page.getByText('准予许可').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      assert.doesNotMatch(text, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no full phone number on the page');
      assert.doesNotMatch(text, /application_|permit_|sms/, 'no internal code on the page');
      await page.screenshot({ path: `${SHOTS}notifications-portal-settings-${vp.name}.png`, fullPage: true });
      if (vp.name === 'phone') assert.ok((await overflow(page)) <= 0, 'the settings fit a 390 px phone');
      await page.close();

      // An administrator reads the SMS delivery log (here a message the gateway refused once), numbers masked.
      const [n] = await db
        .selectFrom('notifications')
        .select(['id', 'user_id', 'created_at'])
        .where('target_id', '=', id)
        .where('kind', '=', 'application_accepted')
        .execute();
      await db
        .insertInto('notification_deliveries')
        .values({
          id: `0190${vp.name === 'desktop' ? 'a' : 'b'}000-0000-7000-8000-000000000000`,
          notification_id: n!.id,
          user_id: n!.user_id,
          channel: 'sms',
          recipient: '13912345678',
          status: 'failed',
          attempts: 1,
          next_attempt_at: new Date(Date.now() + 2000).toISOString(),
          last_error: '短信服务拒绝：isv.BUSINESS_LIMIT_CONTROL 触发流控',
          provider_message_id: null,
          sent_at: null,
          created_at: n!.created_at,
          updated_at: n!.created_at,
        })
        .execute();
      const admin = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await e.login(admin, '/admin/login', 'admin.211000');
      await admin.waitForURL((u) => !u.pathname.endsWith('/login'));
      await admin.goto(`${e.base}/admin/notifications?tab=deliveries`);
      await admin.getByText('139****5678').first().waitFor();
      await admin.getByText('发送失败，将重试').first().waitFor();
      const logText = (await admin.locator('main, .ant-layout-content').first().textContent()) ?? '';
      assert.doesNotMatch(logText, /13912345678/, 'the number is masked in the log');
      await admin.screenshot({ path: `${SHOTS}notifications-delivery-log-${vp.name}.png`, fullPage: true });
      if (vp.name === 'phone') assert.ok((await overflow(admin)) <= 0, 'the log fits a 390 px phone');
      await admin.close();
    });
  }
});
