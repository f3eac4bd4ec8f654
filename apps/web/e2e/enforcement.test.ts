import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../api/src/platform/context.ts';
import { type E2E, expectAccessible, expectOutcome, expectShown, PNG, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of penalty enforcement (ENF-01 … ENF-07, OVS-01) in Debian's headless Chromium: an inspector
 * opens a case from the engine's proposal, the approver files it, the inspector records evidence and serves
 * the prior notice, a legal reviewer returns it with an opinion; once decided, the unit sees the decision in
 * its portal on a phone (390×844), and the public 行政处罚公示 lists it.
 */
const PASSWORD = 'E2e-Enf@2026';
const VIOLATION = '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为（《中华人民共和国消防法》第六十条第一款第三项）';

describe('penalty enforcement in headless Chromium', () => {
  let e: E2E;
  let ctx: AppContext;
  let browser: Browser;
  let base: string;
  let usci = '';
  let caseId = '';
  before(async () => {
    e = await startE2E(PASSWORD);
    ({ ctx, browser, base } = e);
    usci = (await ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
  });
  after(async () => {
    await e?.close();
  });

  const desk = () => browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const signIn = async (page: Page, username: string) => {
    await e.login(page, '/admin/login', username);
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  };
  /** Presses a step button of the case page by its whole label (antd spaces out a two-character label: 立 案). */
  const step = async (page: Page, label: string) => {
    const name = new RegExp(`^${[...label].join('\\s*')}$`);
    await page.getByTestId('case-actions').getByRole('button', { name }).click();
  };

  test('ENF-01/02/04 an inspector opens a case from the engine, it is filed, noticed and returned by the legal reviewer', async () => {
    const page = await desk();
    await signIn(page, 'inspector.211000');
    await page.goto(`${base}/admin/cases`);
    await page.getByRole('button', { name: '新建案件' }).click();
    await page.getByLabel('单位名称').fill('辽阳市白塔区星光网吧');
    await page.getByLabel('统一社会信用代码').fill(usci);
    await page.getByLabel('违法行为（按现行裁量基准）').fill('疏散通道');
    await page.locator(`.ant-select-item-option[title="${VIOLATION}"]`).click();
    // The engine answers with its reasons as the circumstances are entered.
    const proposal = page.getByTestId('proposal');
    await proposal.getByText('18,500–36,500 元').first().waitFor();
    await page.getByLabel('占用疏散宽度比例').fill('40');
    await page.getByRole('checkbox', { name: '造成危害后果' }).click();
    await proposal.getByText('36,500–50,000 元').first().waitFor();
    // No harm was caused after all: the proposal goes back to the 一般 band.
    await page.getByRole('checkbox', { name: '造成危害后果' }).click();
    await proposal.getByText('18,500–36,500 元').first().waitFor();
    await proposal
      .getByText(/第六十条第一款第三项/)
      .first()
      .waitFor();
    await page.getByLabel('违法事实').fill('2026年12月检查发现营业期间二层安全出口被锁闭，经责令限期改正逾期未改正');
    await page.getByLabel('第二名承办人员').click();
    await page.locator('.ant-select-item-option').filter({ visible: true }).first().click();
    await page.screenshot({ path: `${SHOTS}enforcement-new-case.png`, fullPage: true });
    await expectAccessible(page, 'new case');
    await page.getByRole('button', { name: '提交立案申请' }).click();
    await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop()!;
    await page.getByText('待立案审批').first().waitFor();
    await page.close();

    // 立案 by the approver.
    const approver = await desk();
    await signIn(approver, 'approver.211000');
    await approver.goto(`${base}/admin/cases`);
    await approver.getByText('辽阳市白塔区星光网吧').first().waitFor();
    await approver.goto(`${base}/admin/cases/${caseId}`);
    await step(approver, '立案');
    await approver.getByRole('button', { name: /确\s*认/ }).click();
    await approver.getByText('已立案，调查取证中').first().waitFor();
    await approver.close();

    // Evidence and the prior notice by the inspector.
    const officer = await desk();
    await signIn(officer, 'inspector.211000');
    await officer.goto(`${base}/admin/cases/${caseId}`);
    await step(officer, '登记证据');
    await officer.getByRole('dialog').locator('input[type=file]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await officer.getByLabel('证据说明').fill('二层安全出口锁闭现场照片');
    await officer
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await officer.getByText('二层安全出口锁闭现场照片').waitFor();
    await step(officer, '送达行政处罚告知书');
    // The proposed fine is filled in; 27,500 is below the hearing threshold, so review may follow at once.
    assert.equal(await officer.getByLabel('罚款（元）').inputValue(), '27500');
    await officer
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await officer.getByText('已告知，待陈述申辩').first().waitFor();
    await step(officer, '提交法制审核');
    await officer.getByRole('button', { name: /确\s*认/ }).click();
    await expectShown(officer, officer.getByText('法制审核中').first(), 'enforcement-submit-review');
    await officer.close();

    // The legal reviewer finds the case in the review queue and returns it with an opinion.
    const reviewer = await desk();
    await signIn(reviewer, 'legal_reviewer.211000');
    await reviewer.goto(`${base}/admin/cases`);
    await reviewer
      .getByRole('link', { name: /消行罚立字/ })
      .first()
      .click();
    await reviewer.getByTestId('proposal').waitFor();
    await step(reviewer, '法制审核退回');
    await reviewer.getByLabel('退回意见').fill('证据不足：缺少对网吧负责人的询问笔录');
    await reviewer
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await reviewer.getByText('已立案，调查取证中').first().waitFor();
    await reviewer.getByText('证据不足：缺少对网吧负责人的询问笔录').first().waitFor();
    await reviewer.getByTestId('record-timeline').getByText('法制审核退回').waitFor();
    await reviewer.screenshot({ path: `${SHOTS}enforcement-case-returned.png`, fullPage: true });
    await expectAccessible(reviewer, 'case page');
    await reviewer.close();
  });

  test('ENF-04/07 once decided, the unit sees the decision on its phone and the public page lists it', async () => {
    assert.ok(caseId, 'the first test opened a case');
    // The rest of the procedure through the API as the same people would do it.
    const token = async (u: string) => {
      const r = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } });
      return (r.json() as { token: string }).token;
    };
    const post = async (u: string, path: string, payload?: unknown) => {
      const r = await e.app.inject({
        method: 'POST',
        url: `/api/v1/enforcement/cases/${caseId}/${path}`,
        headers: { authorization: `Bearer ${await token(u)}` },
        ...(payload ? { payload: payload as string } : {}),
      });
      assert.equal(r.statusCode, 200, `${path}: ${r.body}`);
    };
    await post('inspector.211000', 'notice', { outcome: 'fine', fine: 27500 });
    await post('inspector.211000', 'review-submission');
    await post('legal_reviewer.211000', 'review', { pass: true, opinion: '事实清楚，证据确凿，程序合法' });
    await post('approver.211000', 'decision', { outcome: 'fine', fine: 27500 });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await e.login(phone, '/login', 'applicant.211000');
    await phone.waitForURL((u) => !u.pathname.endsWith('/login'));
    await phone.goto(`${base}/portal/penalties`);
    await phone
      .getByRole('link', { name: /疏散通道/ })
      .first()
      .click();
    await phone.getByText('已决定，待送达').first().waitFor();
    await phone
      .getByText(/27,500(\.00)? 元/)
      .first()
      .waitFor();
    await phone.screenshot({ path: `${SHOTS}portal-penalty-phone.png`, fullPage: true });
    await expectAccessible(phone, 'portal penalty');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (${width} px)`);

    await phone.goto(`${base}/penalties`);
    await phone.getByText('辽阳市白塔区星光网吧').first().waitFor();
    await phone.getByText('2.75').first().waitFor();
    await phone.screenshot({ path: `${SHOTS}public-penalties-phone.png`, fullPage: true });
    await expectAccessible(phone, 'public penalties');
    // Part of the unit's name finds it (through the search index of published decisions).
    await phone.getByPlaceholder('当事人名称、统一社会信用代码或决定书文号').fill('星光网');
    await phone.getByPlaceholder('当事人名称、统一社会信用代码或决定书文号').press('Enter');
    await phone.getByText('辽阳市白塔区星光网吧').first().waitFor();
    await phone.close();
  });

  test('ENF-06 served, the unit asks on its phone to pay later; the head approves it in the back office', async () => {
    assert.ok(caseId, 'the first test opened a case');
    const r = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector.211000', password: PASSWORD } });
    const authorization = `Bearer ${(r.json() as { token: string }).token}`;
    const decided = await e.app.inject({ method: 'GET', url: `/api/v1/enforcement/cases/${caseId}`, headers: { authorization } });
    const decidedOn = (decided.json() as { decision: { decidedOn: string } }).decision.decidedOn;
    const served = await e.app.inject({
      method: 'POST',
      url: `/api/v1/enforcement/cases/${caseId}/service`,
      headers: { authorization },
      payload: { method: 'post', servedAt: decidedOn, trackingNumber: 'EMS2026112301' },
    });
    assert.equal(served.statusCode, 200, served.body);
    const due = (served.json() as { payment: { dueDate: string } }).payment.dueDate;
    const later = new Date(Date.parse(`${due}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await e.login(phone, '/login', 'applicant.211000');
    await phone.waitForURL((u) => !u.pathname.endsWith('/login'));
    await phone.goto(`${base}/portal/penalties/${caseId}`);
    await phone.getByText('邮件单号 EMS2026112301').first().waitFor();
    await phone.getByRole('button', { name: '申请暂缓或者分期缴纳' }).click();
    await phone
      .getByRole('dialog')
      .getByLabel(/暂缓至/)
      .fill(later);
    await phone
      .getByRole('dialog')
      .getByLabel(/申请理由/)
      .fill('受经营困难影响，请求暂缓一个月缴纳');
    await phone
      .getByRole('dialog')
      .getByRole('button', { name: /提交申请/ })
      .click();
    await expectOutcome(phone, '已提交申请', 'payment plan request');
    await phone.getByText('暂缓缴纳：待审批').first().waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (${width} px)`);
    await phone.close();

    const approver = await desk();
    await signIn(approver, 'approver.211000');
    await approver.goto(`${base}/admin/cases/${caseId}`);
    await step(approver, '审批暂缓或者分期缴纳申请');
    await approver.getByLabel('审批意见').fill('确有经济困难，同意暂缓');
    await approver
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await approver.getByText('已批准').first().waitFor();
    await approver.getByText(`${later} 前缴纳`).first().waitFor();
    await approver.close();
  });
});
