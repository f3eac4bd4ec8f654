import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerTo, type E2E, SHOTS, startE2E } from './support.ts';

/** Browser test of online training on a phone (390×844): a unit's account completes a course and sees its archive (SVC-04). */
const PASSWORD = 'E2e-Training@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

describe('online training in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('SVC-04 [phone] a unit account completes a course; its archive and the unit archive show it', async () => {
    const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk.440106', password: PASSWORD } });
    const token = (login.json() as { token: string }).token;
    const course = await e.app.inject({
      method: 'POST',
      url: '/api/v1/training/courses',
      headers: { authorization: `Bearer ${token}` },
      payload: { title: '消防安全四个能力培训', kind: 'video', resource: 'https://example.org/c.mp4', durationMinutes: 45, audience: '全体员工' },
    });
    assert.equal(course.statusCode, 201, course.body);

    const context = await e.browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/login', 'applicant.440106');
    await page.goto(`${e.base}/training`);
    await page.getByRole('heading', { name: '在线培训', exact: true }).waitFor();
    const card = page.locator('.ant-card', { hasText: '消防安全四个能力培训' });
    await answerTo(page, /\/completions$/, () => card.getByRole('button', { name: '我已学完，登记完成' }).click());
    await card.getByText('已完成，已记入培训档案').waitFor();
    await page.getByText('我的档案', { exact: true }).click();
    await page.getByText('累计学时').waitFor();
    assert.ok(await page.getByText('45 分钟').first().isVisible());
    await page.getByText('单位档案', { exact: true }).click();
    await page.getByText(/复训周期 12 个月/).waitFor();
    await page.screenshot({ path: `${SHOTS}training-unit-phone.png`, fullPage: true });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `no horizontal scroll on a phone: ${widths}`);
    await context.close();
  });
});
