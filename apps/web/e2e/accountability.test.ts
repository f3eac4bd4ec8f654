import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerTo, type E2E, registerIncident, SHOTS, startE2E, tap } from './support.ts';

/**
 * Browser test of the FIR-04 back-office page (责任调查评估): the inspector records the accountability investigation of a
 * fatal fire on a desktop, then registers the one-year evaluation on a 390 px phone; the public page shows it.
 */
const PASSWORD = 'E2e-Accountability@2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;
const DESKTOP = { viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;

describe('fire accountability in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('FIR-04 [desktop + phone] an accountability investigation recorded, its one-year evaluation registered, both published', async () => {
    await registerIncident(e, PASSWORD, {
      place: '浏览器测试亡人火灾厂房',
      conditions: {
        factsClear: true,
        noObjection: true,
        noCompensationDispute: true,
        casualties: 2,
        arsonSuspected: false,
        insuranceClaim: false,
        directLoss: 900_000,
      },
      sealedAreas: ['厂房一层'],
    });

    const office = await e.browser.newContext(DESKTOP);
    const officer = await office.newPage();
    await e.login(officer, '/admin/login', 'inspector.211000');
    await officer.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await officer.getByRole('menuitem', { name: '责任调查评估' }).click();
    await officer.getByRole('heading', { name: '责任调查与整改评估' }).waitFor();
    await officer.getByRole('button', { name: '登记责任调查' }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByLabel('火灾').click();
    await dialog.getByLabel('火灾').fill('浏览器测试亡人火灾');
    await officer.locator('.ant-select-item-option', { hasText: '浏览器测试亡人火灾厂房' }).click();
    await dialog.getByLabel('死亡人数').fill('2');
    await dialog.getByLabel('牵头的人民政府').fill('辽阳市白塔区人民政府');
    await dialog.getByLabel('调查组成员单位').fill('区应急管理局');
    await dialog.getByLabel('调查组成员单位').press('Enter');
    await dialog.getByLabel('名称').fill('某厂房物业管理公司');
    await dialog.getByLabel('调查认定的责任').fill('消防控制室无人值守，疏散通道堵塞');
    await dialog.getByLabel('整改措施').fill('全区厂房开展专项整治，建立每日防火巡查制度');
    await answerTo(officer, /\/accountability$/, () => dialog.getByRole('button', { name: '登记并公布' }).click());
    await dialog.waitFor({ state: 'hidden' });
    await officer.locator('tr', { hasText: '浏览器测试亡人火灾厂房' }).getByText('已调查，整改评估中').waitFor();
    await officer.screenshot({ path: `${SHOTS}accountability-desktop.png`, fullPage: true });
    await office.close();

    const phone = await e.browser.newContext(PHONE);
    const page = await phone.newPage();
    await e.login(page, '/admin/login', 'inspector.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await page.goto(`${e.base}/admin/incident-accountability`);
    const card = page.locator('.ant-card', { hasText: '浏览器测试亡人火灾厂房' }).last();
    await card.getByText(/评估期限：\d{4}-\d{2}-\d{2}/).waitFor();
    await tap(card.getByRole('button', { name: '登记一年评估' }));
    const form = page.getByRole('dialog');
    await form.getByLabel('评估结论（公开）').fill('整改措施全部落实，复查合格');
    await answerTo(page, /\/evaluation$/, () => tap(form.getByRole('button', { name: '登记并公布' })));
    await form.waitFor({ state: 'hidden' });
    await card.getByText('整改措施已评估').waitFor();
    await page.screenshot({ path: `${SHOTS}accountability-phone.png`, fullPage: true });
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll! <= inner!, `no horizontal scrolling: ${scroll} > ${inner}`);

    await page.goto(`${e.base}/accountability`);
    await page.getByText('整改措施全部落实，复查合格').waitFor();
    await phone.close();
  });
});
