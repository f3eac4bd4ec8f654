import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { answerTo, type E2E, expectAccessible, SHOTS, startE2E } from './support.ts';

/**
 * Browser test of temporary seals (ENF-05) in Debian's headless Chromium, on a desktop and on a 390 px phone:
 * two officers propose a seal; the approver decides it collectively in the back office; the unit sees it in
 * the portal and requests the lift online; an officer records the inspection and the approver lifts the seal.
 * Every page is scanned for internal codes (support.ts) and the main ones checked with axe-core.
 */
const PASSWORD = 'E2e-Seal@2026';
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1366, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

describe('temporary seals in headless Chromium', () => {
  let e: E2E;
  const ids: Record<string, string> = {};
  let usci = '';
  before(async () => {
    e = await startE2E(PASSWORD);
    for (const u of await e.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    usci = (await e.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
  });
  after(async () => {
    await e?.close();
  });

  /** Two officers propose a seal (as their field app does, through the API). */
  async function proposeSeal(scope: string): Promise<string> {
    const login = await e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'inspector.211000', password: PASSWORD } });
    const token = login.json().token as string;
    const today = new Date(e.ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const r = await e.app.inject({
      method: 'POST',
      url: '/api/v1/enforcement/seals',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        regionCode: '211000',
        usci,
        unitName: '辽阳市白塔区星光网吧',
        situation: 'exits_blocked',
        scope,
        photoIds: [],
        inspectedOn: today,
        termDays: 30,
        coOfficerId: ids['inspector2.211000'],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }

  async function assertFitsWidth(page: Page, width: number) {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `the page is ${scroll} px wide on a ${width} px screen`);
  }

  /** Waits until the login page has let the person in (it leaves the login address). */
  async function signedIn(page: Page) {
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  }

  /** Submits the open dialog's form and waits for the success message. */
  /**
   * Submits a dialog and waits for the server's answer and the dialog to close: the toast (`done`) lasts three
   * seconds, which a starved test process can miss; the answer names the refusal when there is one.
   */
  async function submitDialog(page: Page, button: RegExp, done: string) {
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: button }) });
    await answerTo(page, /^\/api\/v1\//, () => dialog.getByRole('button', { name: button }).click());
    await dialog.waitFor({ state: 'hidden' }).catch(async () => assert.fail(`${done}: the dialog stayed open`));
  }

  for (const vp of VIEWPORTS) {
    test(`[${vp.name}] ENF-05 a seal decided in the back office; the unit requests the lift in the portal; the agency lifts it`, async () => {
      const scope = vp.name === 'desktop' ? '二层营业区及其安全出口' : '一层仓库';
      const sealId = await proposeSeal(scope);

      // The approver finds the proposal in the 待集体研究 queue and decides it collectively.
      const approver = await e.browser.newPage({ ...vp, locale: 'zh-CN' });
      try {
        await e.login(approver, '/admin/login', 'approver.211000');
        await signedIn(approver);
        if (vp.name === 'desktop') {
          await approver.getByRole('menu', { name: '工作台菜单' }).getByText('临时查封').click();
          await approver.getByText('待集体研究').click();
          await approver.getByRole('link', { name: '（待决定）' }).first().click();
        } else await approver.goto(`${e.base}/admin/seals/${sealId}`);
        await approver.waitForURL(new RegExp(`/admin/seals/${sealId}$`));
        await approver.getByText(/临时查封决定书\s*（待集体研究决定）/).waitFor();
        await approver.getByText(scope).first().waitFor();
        await approver.getByText('待集体研究决定').first().waitFor();
        await expectAccessible(approver, `seal detail (${vp.name})`);
        await approver.getByRole('button', { name: '集体研究决定' }).click();
        await approver.getByLabel('集体研究记录').fill('安全出口被锁闭，已不具备安全疏散条件，经大队集体研究决定临时查封三十日');
        await approver.getByLabel('参加人员（以顿号或逗号分隔，至少二人）').fill('王建国（大队长）、李明（教导员）、赵强（法制员）');
        await submitDialog(approver, /提\s*交/, '已决定临时查封');
        await approver.getByText('查封中').first().waitFor();
        await approver
          .getByText(/辽阳消封字〔\d{4}〕第\d{4}号/)
          .first()
          .waitFor();
        if (vp.name === 'phone') await assertFitsWidth(approver, vp.viewport.width);
        await approver.screenshot({ path: `${SHOTS}seal-decided-${vp.name}.png`, fullPage: true });
      } finally {
        await approver.close();
      }

      // The unit sees its seal in the portal and asks online to lift it after rectifying.
      const unit = await e.browser.newPage({ ...vp, locale: 'zh-CN' });
      try {
        await unit.goto(`${e.base}/login`);
        await unit.getByLabel('用户名').fill('applicant.211000');
        await unit.getByLabel('密码').fill(PASSWORD);
        await unit.getByRole('button', { name: /登\s*录/ }).click();
        await signedIn(unit);
        if (vp.name === 'desktop') await unit.getByRole('navigation', { name: '办事大厅导航' }).getByText('临时查封').click();
        else await unit.goto(`${e.base}/portal/seals`);
        const card = unit.locator('.ant-card', { hasText: scope });
        await card.getByRole('button', { name: '查看详情和在线申请' }).click();
        await unit.getByText('查封期间不得擅自拆封').waitFor();
        await expectAccessible(unit, `portal seal (${vp.name})`);
        await unit.getByRole('button', { name: '整改后申请解除查封' }).click();
        await unit.getByLabel('申请说明（整改情况、拟进入的时间等）').fill('已拆除安全出口锁具，疏散通道畅通，申请解除查封');
        await submitDialog(unit, /提交申请/, '申请已提交');
        await unit.getByText('已提交，待检查').waitFor();
        await unit.getByText(/答复期限：/).waitFor();
        if (vp.name === 'phone') await assertFitsWidth(unit, vp.viewport.width);
        await unit.screenshot({ path: `${SHOTS}seal-lift-requested-${vp.name}.png`, fullPage: true });
      } finally {
        await unit.close();
      }

      // An officer of the seal records the inspection; the approver lifts the seal.
      const officer = await e.browser.newPage({ ...vp, locale: 'zh-CN' });
      try {
        await e.login(officer, '/admin/login', 'inspector.211000');
        await signedIn(officer);
        await officer.goto(`${e.base}/admin/seals/${sealId}`);
        await officer.getByRole('button', { name: '录入检查结果' }).click();
        await officer.getByLabel('检查情况').fill('锁具已拆除，安全出口畅通，疏散指示标志完好');
        await submitDialog(officer, /提\s*交/, '已录入检查结果');
        await officer.getByText('已检查，待决定').waitFor();
      } finally {
        await officer.close();
      }
      const lifter = await e.browser.newPage({ ...vp, locale: 'zh-CN' });
      try {
        await e.login(lifter, '/admin/login', 'approver.211000');
        await signedIn(lifter);
        await lifter.goto(`${e.base}/admin/seals/${sealId}`);
        await lifter.getByRole('button', { name: '作出决定' }).click();
        await lifter.getByRole('dialog').getByText('决定：检查合格，解除查封').waitFor();
        await lifter.getByLabel('决定理由').fill('经检查火灾隐患已消除');
        await submitDialog(lifter, /提\s*交/, '已解除查封');
        await lifter.getByText('已解除').first().waitFor();
        await lifter.getByText('解除临时查封').first().waitFor();
        if (vp.name === 'phone') await assertFitsWidth(lifter, vp.viewport.width);
        await lifter.screenshot({ path: `${SHOTS}seal-lifted-${vp.name}.png`, fullPage: true });
      } finally {
        await lifter.close();
      }
      const row = await e.ctx.database.db.selectFrom('enforcement_seals').select(['status', 'lift_reason']).where('id', '=', sealId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'lifted');
    });
  }

  test('[phone] ENF-05 an officer proposes a seal with the form (second officer picked from the certified officers); decided, its sealed 临时查封决定书 is listed', async () => {
    const officer = await e.browser.newPage({ ...VIEWPORTS[1], locale: 'zh-CN' });
    let sealId = '';
    try {
      await e.login(officer, '/admin/login', 'inspector.211000');
      await signedIn(officer);
      await officer.goto(`${e.base}/admin/seals`);
      await officer.getByRole('button', { name: '提出临时查封' }).click();
      const dialog = officer.getByRole('dialog');
      await dialog.getByLabel('单位名称').fill('辽阳市白塔区星光网吧');
      await dialog.getByLabel('统一社会信用代码').fill(usci);
      await dialog.getByLabel('所在地行政区划代码').fill('211000');
      await dialog.getByLabel('查封情形').click();
      await officer.locator('.ant-select-item-option').first().click();
      await dialog.getByLabel('查封的场所、部位').fill('三层包间区');
      const second = (await e.ctx.database.db.selectFrom('users').select('display_name').where('username', '=', 'inspector2.211000').executeTakeFirstOrThrow())
        .display_name;
      await dialog.getByLabel('第二名执法人员').click();
      await officer.locator('.ant-select-item-option').filter({ hasText: second }).first().click();
      await assertFitsWidth(officer, VIEWPORTS[1].viewport.width);
      await submitDialog(officer, /提\s*交/, '已提出临时查封');
      await officer.waitForURL(/\/admin\/seals\/[^/]+$/);
      await officer.getByText('三层包间区').first().waitFor();
      sealId = officer.url().split('/').at(-1)!;
    } finally {
      await officer.close();
    }
    const row = await e.ctx.database.db
      .selectFrom('enforcement_seals')
      .select(['status', 'officer_ids_json'])
      .where('id', '=', sealId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'proposed');
    assert.ok(row.officer_ids_json.includes(ids['inspector.211000']!));

    const approver = await e.browser.newPage({ ...VIEWPORTS[1], locale: 'zh-CN' });
    try {
      await e.login(approver, '/admin/login', 'approver.211000');
      await signedIn(approver);
      await approver.goto(`${e.base}/admin/seals/${sealId}`);
      await approver.getByRole('button', { name: '集体研究决定' }).click();
      await approver.getByLabel('集体研究记录').fill('经大队集体研究决定临时查封三十日');
      await approver.getByLabel('参加人员（以顿号或逗号分隔，至少二人）').fill('王建国（大队长）、李明（教导员）');
      await submitDialog(approver, /提\s*交/, '已决定临时查封');
      await approver.getByText('临时查封的场所、部位、理由、依据和期限').first().waitFor();
      await approver.getByRole('button', { name: /下载临时查封决定书/ }).waitFor();
      await assertFitsWidth(approver, VIEWPORTS[1].viewport.width);
    } finally {
      await approver.close();
    }
  });
});
