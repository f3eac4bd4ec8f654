import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { answerTo, chooseOptions, type E2E, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of fire product spot checks (MKT-02), on a desktop (1366×768) and a phone (390×844): a plan drawn
 * through the API, the inspector records an unqualified extinguisher on the 消防产品抽查 page and sees it transferred
 * to market regulation; the public 消防产品抽查公示 page shows the draw and the result.
 */
const PASSWORD = 'E2e-Products@2026';
const VIEWPORTS = [
  { name: 'desktop', label: '电脑', viewport: { width: 1366, height: 768 } },
  { name: 'phone', label: '手机', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('fire product spot checks in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  for (const [i, { name, label, ...device }] of VIEWPORTS.entries()) {
    test(`MKT-02 [${name}] an unqualified product recorded on the page is transferred to market regulation and published`, async () => {
      const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leader.211000', password: PASSWORD } });
      const headers = { authorization: `Bearer ${login.json().token}` };
      const title = `浏览器测试：流通领域灭火器抽查（${label}）`;
      const plan = await e.app.inject({
        method: 'POST',
        url: '/api/v1/products/plans',
        headers,
        payload: {
          title,
          field: 'distribution',
          categoryCodes: ['extinguisher'],
          sampleCount: 1,
          publicValueSource: '浏览器测试公开随机数',
          candidates: [{ usci: completeUsci(`91211000MA830000${i}`), name: `辽阳浏览器测试经销部${i}`, crowdedPlace: false }],
        },
      });
      assert.equal(plan.statusCode, 201, plan.body);
      const drawn = await e.app.inject({ method: 'POST', url: `/api/v1/products/plans/${plan.json().id}/draw`, headers, payload: { publicValue: '5 2 0' } });
      assert.equal(drawn.statusCode, 200, drawn.body);

      const context = await e.browser.newContext({ ...device, locale: 'zh-CN' });
      const page = await context.newPage();
      await e.login(page, '/admin/login', 'inspector.211000');
      await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
      await page.goto(`${e.base}/admin/products`);
      await page.getByText(`抽样产品：${title}`).waitFor();
      await page.getByRole('button', { name: '录入结果' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('不合格', { exact: true }).click();
      await dialog.getByLabel('产品名称').fill('手提式干粉灭火器');
      await dialog.getByLabel('规格型号').fill('MFZ/ABC4');
      await dialog.getByLabel('生产者').fill('某某消防器材有限公司');
      await chooseOptions(page, '不合格情形', ['未取得强制性产品认证']);
      await answerTo(page, /\/result$/, () => dialog.getByRole('button', { name: /保存结果/ }).click());
      await page.getByText('移送市场监管部门（待移送）').first().waitFor();
      await page.screenshot({ path: `${SHOTS}products-admin-${name}.png`, fullPage: true });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling on ${name}: ${widths.join(' > ')}`);

      await page.goto(`${e.base}/product-checks`);
      const card = page.locator('.ant-card', { hasText: title });
      await card.getByText('5 2 0').waitFor();
      await card.getByText(/不合格情形：未取得强制性产品认证/).waitFor();
      await page.screenshot({ path: `${SHOTS}products-public-${name}.png`, fullPage: true });
      const publicWidths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(publicWidths[0]! <= publicWidths[1]!, `no horizontal scrolling on the public page on ${name}: ${publicWidths.join(' > ')}`);
      await context.close();
    });
  }
});
