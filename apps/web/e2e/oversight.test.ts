import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chooseOptions, type E2E, expectAccessible, pickPlace, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of enforcement oversight in Debian's headless Chromium, on a desktop (1366×768) and a phone
 * (390×844): an inspector records an insider's approach about a case (ENF-08) and finds it in the list;
 * someone without an account complains about an officer (OVS-03) and keeps the tracking code; the
 * detachment's leader accepts the complaint and concludes it with a reply; the complainant reads the reply
 * with the code. Every page is scanned for internal codes (support.ts) and the main ones run axe-core.
 */
const PASSWORD = 'E2e-Ovs@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('enforcement oversight in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  /** Nothing may need horizontal scrolling on a phone. */
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const vp of VIEWPORTS) {
    test(`ENF-08, OVS-03 (${vp.name}) an interference is recorded; a public complaint about an officer is handled to its reply`, async () => {
      const { name: _n, ...options } = vp;
      const phone = vp.name === 'phone';
      const person = phone ? '吴某某' : '周某某';
      const account = phone ? '检查时要求我们购买指定品牌的灭火器，否则不予通过。' : '检查时暗示要找指定公司维保，并收取了所谓咨询费。';
      const reply = phone ? '经调查，反映问题部分属实，已对相关人员批评教育。' : '经调查，反映问题属实，已按规定严肃处理，感谢您的监督。';

      // ENF-08: the inspector records the approach; the record is in their list.
      const inspector = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await e.login(inspector, '/admin/login', 'inspector.211000');
      await inspector.getByText('需要关注的时限').waitFor();
      await inspector.goto(`${e.base}/admin/oversight/interference`);
      await inspector.getByRole('button', { name: '登记干预情况' }).click();
      await inspector.getByLabel('干预人姓名').fill(person);
      await inspector.getByLabel('单位及职务').fill('某区住建局副局长');
      await inspector.getByLabel('涉及案件（编号）').fill('辽阳消行罚决字〔2026〕第0012号');
      await inspector.getByLabel('过问或干预的具体内容').fill('来电询问某酒店消防处罚案件，希望从轻处理');
      await inspector.getByLabel('处理情况').fill('已告知依法办理，不予答应');
      await inspector.getByRole('button', { name: /^登\s*记$/ }).click();
      await inspector.getByRole('button', { name: '确认登记' }).click();
      await inspector.getByText('已登记', { exact: true }).waitFor();
      await inspector.getByText(`${person}（某区住建局副局长）`).first().waitFor();
      const rows = await e.ctx.database.db.selectFrom('interference_records').select('recorded_by').where('person_name', '=', person).execute();
      assert.equal(rows.length, 1, 'one record');
      await expectAccessible(inspector, `interference records (${vp.name})`);
      if (phone) assert.ok((await overflow(inspector)) <= 0, 'the interference list fits a 390 px phone');
      await inspector.screenshot({ path: `${SHOTS}oversight-interference-${vp.name}.png`, fullPage: true });
      await inspector.close();

      // OVS-03: a complaint about an officer, without login; the tracking code is shown once.
      const citizen = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await citizen.goto(`${e.base}/supervise`);
      await pickPlace(citizen, ['辽宁省', '辽阳市', '白塔区'], '发生地点');
      await citizen.getByLabel('被投诉人姓名（如知道）').fill('张某');
      await citizen.getByLabel('反映的问题').fill(account);
      await citizen.getByLabel('您的姓名（可匿名）').fill('李明');
      await citizen.getByLabel('联系电话（可不填；仅办理人员可见）').fill('13812345678');
      await expectAccessible(citizen, `officer complaint form (${vp.name})`);
      if (phone) assert.ok((await overflow(citizen)) <= 0, 'the complaint form fits a 390 px phone');
      await citizen.getByRole('button', { name: '提交投诉举报' }).click();
      const shown = citizen.getByTestId('tracking-code');
      await shown.waitFor();
      const code = /[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}/.exec((await shown.textContent()) ?? '')?.[0];
      assert.ok(code, 'a tracking code is shown');
      await citizen.screenshot({ path: `${SHOTS}oversight-complaint-receipt-${vp.name}.png`, fullPage: true });
      await citizen.close();

      // The detachment's leader: the complaint (complainant masked) is accepted, then concluded with a reply.
      const leader = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await e.login(leader, '/admin/login', 'leader.211000');
      await leader.getByText('需要关注的时限').waitFor();
      await leader.goto(`${e.base}/admin/oversight/complaints`);
      await leader.getByText(account).first().waitFor();
      await leader.getByText('李* 138****5678').first().waitFor();
      await expectAccessible(leader, `officer complaint queue (${vp.name})`);
      if (phone) assert.ok((await overflow(leader)) <= 0, 'the complaint queue fits a 390 px phone');
      await leader
        .getByRole('button', { name: /^受\s*理$/ })
        .first()
        .click();
      const accepted = leader.waitForResponse((r) => /\/officer-complaints\/[^/]+\/accept$/.test(r.url()));
      await leader.getByRole('button', { name: '确认受理' }).click();
      assert.equal((await accepted).status(), 200);
      await leader.getByText('办理中', { exact: true }).click();
      await leader.getByText(account).first().waitFor();
      await leader.getByRole('button', { name: '办结答复' }).first().click();
      if (phone) await leader.getByText('部分属实', { exact: true }).click();
      await leader.getByLabel('答复意见（投诉人凭查询码可见）').fill(reply);
      const concluded = leader.waitForResponse((r) => /\/officer-complaints\/[^/]+\/conclude$/.test(r.url()));
      await leader.getByRole('button', { name: /^办\s*结$/ }).click();
      assert.equal((await concluded).status(), 200);
      await leader.getByText('已办结，投诉人可凭查询码查看答复').waitFor();
      await leader.screenshot({ path: `${SHOTS}oversight-complaints-${vp.name}.png`, fullPage: true });

      // The monthly report counts the inspector's record.
      await leader.goto(`${e.base}/admin/oversight/interference/report`);
      await leader.getByText('按机构统计').waitFor();
      await leader.getByText(`${person}（某区住建局副局长）`).first().waitFor();
      if (phone) assert.ok((await overflow(leader)) <= 0, 'the monthly report fits a 390 px phone');
      await leader.close();

      // The complainant reads the reply with the code, still without login.
      const back = await e.browser.newPage({ ...options, locale: 'zh-CN' });
      await back.goto(`${e.base}/supervise`);
      await back.getByLabel('查询码').fill(code.toLowerCase());
      await back.getByRole('button', { name: /^查\s*询$/ }).click();
      await back.getByText('已办结', { exact: true }).waitFor();
      await back.getByText(reply).waitFor();
      await back.getByText(phone ? '部分属实' : '属实', { exact: true }).waitFor();
      assert.equal(await back.getByText('李明').count(), 0, 'nothing about the complainant on the public answer');
      await expectAccessible(back, `officer complaint lookup (${vp.name})`);
      await back.screenshot({ path: `${SHOTS}oversight-complaint-lookup-${vp.name}.png`, fullPage: true });
      await back.close();
    });
  }
});

describe('case file review and the officer file in headless Chromium', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E(PASSWORD);
  });
  after(async () => {
    await e?.close();
  });

  test('OVS-02 the detachment’s leader scores a case file item by item; the officer file shows the review and appended training', async () => {
    const db = e.ctx.database.db;
    const officer = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'inspector.211000').executeTakeFirstOrThrow();
    const page = await e.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    // Legal reviewers score files too; the demo's 'legal_reviewer…' login name would trip the raw-code scanner in the login field.
    await e.login(page, '/admin/login', 'leader.211000');
    await page.getByText('需要关注的时限').waitFor();
    await page.goto(`${e.base}/admin/oversight/reviews`);
    await page.getByRole('button', { name: '新建评查' }).click();
    await page.getByLabel('案卷编号').fill('辽阳消行罚决字〔2026〕第0031号');
    await chooseOptions(page, '承办人', [`${officer.display_name}（辽阳市消防救援支队）`]);
    await page.getByLabel('调查取证扣分', { exact: true }).fill('4');
    await page.getByLabel('调查取证扣分理由').fill('询问笔录未经当事人签名确认');
    await page.getByText('96').first().waitFor();
    await expectAccessible(page, 'case review form');
    await page.screenshot({ path: `${SHOTS}oversight-review-form-desktop.png`, fullPage: true });
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/oversight/case-reviews') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '保存评查结果' }).click();
    const answer = await saved;
    assert.equal(answer.status(), 201, await answer.text());
    await page.waitForURL(/\/admin\/oversight\/reviews$/);
    await page.getByText('辽阳消行罚决字〔2026〕第0031号').first().waitFor();
    await page.getByText('调查取证扣 4 分：询问笔录未经当事人签名确认').first().waitFor();
    await page.getByRole('link', { name: officer.display_name }).first().click();
    await page.waitForURL(new RegExp(`/admin/oversight/officers/${officer.id}$`));
    await page.getByText('2110000001').waitFor();
    await page.getByRole('button', { name: '登记培训' }).click();
    await page.getByLabel('课程').fill('消防行政处罚法律适用专题培训');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.getByText('消防行政处罚法律适用专题培训').waitFor();
    await expectAccessible(page, 'officer file');
    await page.screenshot({ path: `${SHOTS}oversight-officer-file-desktop.png`, fullPage: true });
    await page.close();

    // On a phone the review list and the officer file fit the width.
    const phone = await e.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await e.login(phone, '/admin/login', 'leader.211000');
    await phone.getByText('需要关注的时限').waitFor();
    for (const path of ['/admin/oversight/reviews', `/admin/oversight/officers/${officer.id}`]) {
      await phone.goto(`${e.base}${path}`);
      await phone.getByText('辽阳消行罚决字〔2026〕第0031号').first().waitFor();
      assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 0, `${path} fits a 390 px phone`);
    }
    await expectAccessible(phone, 'officer file (phone)');
    await phone.screenshot({ path: `${SHOTS}oversight-officer-file-phone.png`, fullPage: true });
    await phone.close();
  });
});
