import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type E2E, fillCommitmentApplication, pickPlace, SHOTS, startE2E } from './support.ts';

/**
 * The portal as its users live in it (issue 11.2, 11.3), on a desktop and on a phone in Debian's headless
 * Chromium: the session is the cookie (a second tab is signed in), a session that times out in the middle
 * of a form sends the person to the login page with the reason and back to the form with what they typed;
 * the venue's place is picked as 省 → 市 → 区, the handling agency is shown before submitting and the
 * application reaches that agency's clerk; a blank investment is unknown, never 0 CNY (LIC-01, LIC-02).
 */
const PASSWORD = 'E2e-Portal@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('portal sessions and places in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  /** Every page of this test fits the viewport's width (nothing wider than a phone). */
  async function assertFitsWidth(page: Page, width: number) {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `the page is ${scroll} px wide on a ${width} px screen`);
  }

  async function signIn(page: Page, username: string) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  }

  for (const vp of VIEWPORTS) {
    test(`[${vp.name}] a session opened in a second tab is signed in; the home shows the guide of the business's place`, async () => {
      const context = await e.browser.newContext({ ...vp, locale: 'zh-CN' });
      try {
        const first = await context.newPage();
        await e.login(first, '/login', 'applicant.440106');
        await first.getByText('我的单位').waitFor();
        // The guide shown is the place's: Tianhe (Guangdong: 500 ㎡ or 100 万元), not Nanchang's 300 ㎡.
        await first.getByText('办事指南 · 广东省 广州市 天河区').waitFor();
        await first.getByText('当地消防救援机构：广州市天河区消防救援大队', { exact: false }).waitFor();
        assert.equal(await first.getByText('建筑面积300平方米以下').count(), 0, "no other place's guide");
        // The place picker stays after login (waited for: a starved runner draws the header late).
        await first.getByLabel('场所所在地').waitFor({ timeout: 30_000 });
        await first.screenshot({ path: `${SHOTS}portal-home-place-${vp.name}.png`, fullPage: true });

        // A second tab (and a bookmark) of the same browser is signed in: the cookie is the session.
        const second = await context.newPage();
        await second.goto(`${e.base}/portal/applications`);
        await second.getByRole('heading', { name: '我的办件' }).waitFor();
        assert.ok(!second.url().includes('/login'), `the second tab is at ${second.url()}`);
        await second.screenshot({ path: `${SHOTS}session-second-tab-${vp.name}.png`, fullPage: false });

        // Choosing another place shows that place's guide, and the choice is remembered on this browser.
        await pickPlace(first, ['江西省', '南昌市', '东湖区']);
        await first.getByText('办事指南 · 江西省 南昌市 东湖区').waitFor();
        await first.getByText('当地消防救援机构：南昌市东湖区消防救援大队', { exact: false }).waitFor();
      } finally {
        await context.close();
      }
    });

    test(`[${vp.name}] a session that times out mid-form: 登录已超时, back to the form with its content; the Tianhe clerk gets the application`, async () => {
      const context = await e.browser.newContext({ ...vp, locale: 'zh-CN' });
      try {
        const page = await context.newPage();
        await e.login(page, '/login', 'applicant.440106');
        await page.getByText('我的单位').waitFor();
        await page.goto(`${e.base}/portal/applications/new`);
        await page.getByText('一、场所信息').waitFor();
        await pickPlace(page, ['广东省', '广州市', '天河区']);
        // The handling agency is derived from the place and shown before submitting.
        await page.getByText('受理机构：广州市天河区消防救援大队').waitFor();
        const venue = `天河嘉禾酒楼${vp.name === 'phone' ? '二店' : ''}`;
        // 工程投资额 is left blank: unknown, not 0 CNY.
        await fillCommitmentApplication(page, {
          venueName: venue,
          venueAddress: '天河路200号',
          floorArea: '1280',
          representative: '陈明',
          tag: `portal-${vp.name}`,
        });
        await page.screenshot({ path: `${SHOTS}session-form-before-timeout-${vp.name}.png`, fullPage: true });
        await assertFitsWidth(page, vp.viewport.width);

        // 31 minutes without a request: the server ends the session (idle timeout, 30 min).
        assert.ok(e.ctx.clock.moveTo(new Date(e.ctx.now().getTime() + 31 * 60_000)));
        await page.getByRole('button', { name: /提交申请/ }).click();
        await page.getByText('登录已超时，请重新登录').waitFor();
        assert.match(page.url(), /\/login$/);
        await page.screenshot({ path: `${SHOTS}session-expired-login-${vp.name}.png`, fullPage: false });

        await signIn(page, 'applicant.440106');
        await page.getByText('已恢复您在本机未提交的填写内容', { exact: false }).waitFor();
        assert.match(page.url(), /\/portal\/applications\/new$/);
        assert.equal(await page.getByLabel('场所名称').inputValue(), venue);
        assert.equal(await page.getByLabel('建筑面积（㎡）').inputValue(), '1280');
        assert.equal(await page.getByLabel('工程投资额（元，选填）').inputValue(), '', 'a blank investment stays blank');
        assert.ok(await page.getByText('材料4.png').isVisible(), 'uploaded files are restored');
        await page.getByText('受理机构：广州市天河区消防救援大队').waitFor();
        await page.screenshot({ path: `${SHOTS}session-form-restored-${vp.name}.png`, fullPage: true });

        await page.getByRole('button', { name: /提交申请/ }).click();
        await page.getByText('待受理').first().waitFor();

        // The clerk of the Tianhe brigade sees it in the queue.
        const clerk = await e.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
        try {
          await e.login(clerk, '/admin/login', 'clerk.440106');
          await clerk.getByRole('menu', { name: '工作台菜单' }).getByText('许可办件').click();
          await clerk.getByRole('cell', { name: venue }).waitFor();
          await clerk.screenshot({ path: `${SHOTS}tianhe-clerk-queue-${vp.name}.png`, fullPage: false });
        } finally {
          await clerk.close();
        }
      } finally {
        await context.close();
      }
    });

    test(`[${vp.name}] LIC-02 a blank investment is unknown: the exemption check does not decide on it`, async () => {
      const page = await e.browser.newPage({ ...vp, locale: 'zh-CN' });
      try {
        await page.goto(`${e.base}/check`);
        await page.getByRole('heading', { name: '营业前消防安全检查免检范围查询' }).waitFor();
        await pickPlace(page, ['广东省', '广州市', '天河区']);
        await page.getByLabel('建筑面积（㎡）').fill('1280');
        await page.getByRole('button', { name: /查\s*询/ }).click();
        await page.getByText('尚不能确定是否免检', { exact: true }).waitFor();
        await page.getByText('未填写工程投资额（视为未知，不按 0 计算）', { exact: false }).waitFor();
        assert.equal(await page.getByText('工程投资额 0 元').count(), 0);
        await page.screenshot({ path: `${SHOTS}investment-blank-unknown-${vp.name}.png`, fullPage: true });
        await assertFitsWidth(page, vp.viewport.width);
      } finally {
        await page.close();
      }
    });
  }
});
