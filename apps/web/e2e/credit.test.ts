import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordCreditEvent } from '../../api/src/features/credit/index.ts';
import { systemActor } from '../../api/src/platform/actor.ts';
import { answerTo, type E2E, expectOutcome, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of credit (CRD-01 … CRD-04), on a desktop (1366×768) and a phone (390×844): the unit sees its
 * credit level with the records and rule behind it and what the level means for inspections, and applies for
 * repair of a penalty past its minimum publicity period; a leader sees the distribution by level and risk.
 */
const PASSWORD = 'E2e-Credit@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;
const DAY = 86_400_000;

describe('credit in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  for (const { name, ...device } of VIEWPORTS) {
    test(`CRD-01/CRD-03 [${name}] a unit sees its credit level with the reasons and applies for repair`, async () => {
      const db = e.ctx.database.db;
      const user = await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow();
      const agency = await db.selectFrom('agencies').select('id').where('region_code', '=', '211000').executeTakeFirstOrThrow();
      // A serious penalty decided 13 months ago: C level now, and past the fire sector's 1-year minimum period.
      await recordCreditEvent(e.ctx, systemActor(), {
        usci: user.usci!,
        agencyId: agency.id,
        kind: 'penalty',
        severity: 'serious',
        reason: `行政处罚决定（辽阳消罚决字〔2025〕第00${name === 'phone' ? 2 : 1}号）：罚款 200,000 元`,
        sourceType: 'enforcement_case',
        sourceId: `e2e-credit-${name}`,
        occurredAt: new Date(e.ctx.now().getTime() - 400 * DAY).toISOString(),
        subjectName: '辽阳信用测试单位',
      });
      const context = await e.browser.newContext({ ...device, locale: 'zh-CN' });
      const page = await context.newPage();
      await e.login(page, '/login', 'applicant.211000');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${e.base}/portal/credit`);
      await page.getByRole('heading', { name: '信用信息', exact: true }).waitFor();
      await page.getByText(/评定依据：[BCD]级/).waitFor();
      await page.getByText('对监督检查的影响').waitFor();
      await page.getByText(/抽查频次提高/).waitFor();
      await page.getByText(`罚款 200,000 元`, { exact: false }).first().waitFor();
      await page.screenshot({ path: `${SHOTS}credit-portal-${name}.png`, fullPage: true });
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(widths[0]! <= widths[1]!, `no horizontal scrolling on ${name}: ${widths.join(' > ')}`);

      const item = page.locator('.ant-list-item', { hasText: `第00${name === 'phone' ? 2 : 1}号` });
      await item.getByRole('button', { name: '申请信用修复' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('失信行为已纠正（隐患已整改）').click();
      await dialog.getByText('行政处罚已履行完毕（罚款已缴纳）').click();
      await dialog.getByText('已签署信用承诺书').click();
      await dialog.getByLabel('修复理由').fill('罚款已缴清，隐患已整改并签署信用承诺书');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await expectOutcome(page, '信用修复申请已提交', `credit-repair-${name}`);
      await page
        .getByText(/办理期限：\d{4}-\d{2}-\d{2} 前/)
        .first()
        .waitFor();
      await page.screenshot({ path: `${SHOTS}credit-repair-requested-${name}.png`, fullPage: true });
      const pending = await db
        .selectFrom('credit_requests')
        .select(['kind', 'status'])
        .where('usci', '=', user.usci!)
        .where('status', '=', 'pending')
        .execute();
      assert.ok(pending.some((p) => p.kind === 'repair'));
      await context.close();
    });
  }

  test('CRD-04 a leader sees the distribution by credit level and risk, and a unit’s factors', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'leader.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await page.goto(`${e.base}/admin/credit`);
    await page.getByText('按信用等级和风险等级分布（单位数）').waitFor();
    await page.getByRole('columnheader', { name: '高风险' }).waitFor();
    await page.getByText('风险最高的单位').waitFor();
    await page.screenshot({ path: `${SHOTS}credit-distribution-desktop.png`, fullPage: true });
    await page.locator('.ant-card', { hasText: '风险最高的单位' }).getByRole('link').first().click();
    await page.getByText('主要风险因素').waitFor();
    await page.getByText('信用等级变动').waitFor();
    await page.screenshot({ path: `${SHOTS}credit-unit-desktop.png`, fullPage: true });
    // CRD-02 守信激励: the head records a commendation; it appears among the unit's records.
    await page.getByLabel('表彰、奖励文件文号').fill('辽阳市消防安全委员会〔2026〕12号');
    await page.getByLabel('事由').fill('2026 年度消防安全工作先进单位');
    await answerTo(page, /\/api\/v1\/credit\/commendations$/, () => page.getByRole('button', { name: /^登\s*记$/ }).click());
    await page.getByText('2026 年度消防安全工作先进单位（辽阳市消防安全委员会〔2026〕12号）').first().waitFor();
    await context.close();
  });

  test('CRD-01 a clerk registers the unit’s responsible persons on a phone; a serious record then shows under their names', async () => {
    const db = e.ctx.database.db;
    const unit = await db
      .selectFrom('units')
      .select(['usci', 'agency_id', 'name'])
      .where('region_code', '=', '211000')
      .orderBy('id')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    const context = await e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await e.login(page, '/admin/login', 'clerk.211000');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/login'));
    await page.goto(`${e.base}/admin/credit/units/${unit.usci}`);
    const card = page.locator('.ant-card', { hasText: '责任人员信用' });
    await card.getByText('尚未登记消防安全责任人').waitFor();
    await card.getByRole('button', { name: '登记责任人员' }).click();
    await page.getByLabel('消防安全责任人姓名').fill('赵一');
    // A wrong check character: the server's Chinese message, nothing saved.
    await page.getByLabel('消防安全责任人身份证号码').fill('110105194912310021');
    const put = () => page.waitForResponse((r) => r.url().endsWith('/responsible-persons') && r.request().method() === 'PUT');
    // Submitted from the keyboard's 前往 key in the last field (no tap to land on a moving button).
    const save = () => page.getByLabel('消防安全责任人身份证号码').press('Enter');
    let answer = put();
    await save();
    assert.equal((await answer).status(), 400);
    await page.getByText('消防安全责任人的居民身份证号码不正确，请核对').first().waitFor();
    await page.getByLabel('消防安全责任人身份证号码').fill('11010519491231002X');
    await page.getByLabel('消防安全管理人姓名').fill('钱二');
    await page.getByLabel('消防安全管理人身份证号码').fill('440106199003070036');
    answer = put();
    await save();
    assert.equal((await answer).status(), 200);
    await card.getByText('赵一').waitFor();
    await card.getByText('消防安全管理人').waitFor();
    await recordCreditEvent(e.ctx, systemActor(), {
      usci: unit.usci,
      agencyId: unit.agency_id,
      kind: 'penalty',
      severity: 'serious',
      reason: '行政处罚决定（辽阳消行罚决字〔2026〕9号）：责令停产停业',
      sourceType: 'enforcement_case',
      sourceId: 'e2e-persons',
      occurredAt: e.ctx.now().toISOString(),
    });
    await page.reload();
    await card.getByText(`作为${unit.name}的消防安全责任人：行政处罚决定（辽阳消行罚决字〔2026〕9号）`, { exact: false }).first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}credit-persons-phone.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scroll on a phone (${overflow}px)`);
    await context.close();
  });
});
