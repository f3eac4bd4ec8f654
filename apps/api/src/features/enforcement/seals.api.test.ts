import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseView, SealView } from '@fep/contracts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { sweepSeals } from './index.ts';

/**
 * ENF-05 / OVS-01 over HTTP: a temporary seal proposed by two officers and decided collectively, served,
 * with the unit's online requests (enter to rectify, lift — inspected and kept —, re-inspection, lifted)
 * each answered inside its clock; an emergency seal not confirmed within 24 hours alerts oversight; a seal
 * left past its end date is marked and alerted, can no longer be extended, and is lifted.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
for (const database of DATABASES) {
  describe(`enforcement: temporary seals [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    const USERS = ['inspector.211000', 'inspector2.211000', 'approver.211000', 'leader.211000', 'applicant.211000', 'inspector.440106', 'applicant.440100'];
    const logIn = async () => {
      for (const u of USERS) tok[u] = await t.login(u);
    };
    before(async () => {
      t = await startTestApp(database);
      await logIn();
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());
    const advance = async (ms: number) => {
      t.clock.advance(ms);
      await logIn();
    };
    const as = (who: string, method: string, url: string, payload?: unknown) => call(t, tok[who]!, method, url, payload);
    const ok = async (who: string, method: string, url: string, payload?: unknown, status = 200): Promise<Json> => {
      const r = await as(who, method, url, payload);
      assert.equal(r.status, status, `${method} ${url} as ${who}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const refused = async (who: string, url: string, payload: unknown, status: number, code: string) => {
      const r = await as(who, 'POST', url, payload);
      assert.deepEqual([r.status, r.body.code], [status, code], JSON.stringify(r.body));
      return r.body;
    };
    const sealUrl = (id: string, step = '') => `/api/v1/enforcement/seals/${id}${step ? `/${step}` : ''}`;
    const requestUrl = (id: string, step: string) => `/api/v1/enforcement/seal-requests/${id}/${step}`;
    const propose = async (extra: Json = {}) => {
      const photo = await uploadImage(t, tok['inspector.211000']!, 'exit.png');
      return (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/seals',
        {
          regionCode: '211000',
          usci,
          unitName: '辽阳市白塔区星光网吧',
          situation: 'exits_blocked',
          scope: '二层营业区及其安全出口',
          photoIds: [photo],
          mapPoint: { lng: 123.17, lat: 41.27 },
          inspectedOn: '2026-11-23',
          termDays: 30,
          coOfficerId: ids['inspector2.211000'],
          ...extra,
        },
        201,
      )) as SealView;
    };
    const decide = async (id: string, approve = true) =>
      (await ok('approver.211000', 'POST', sealUrl(id, 'decision'), {
        approve,
        record: '经大队集体研究，二层安全出口被锁闭且无其他疏散出口，已不具备安全疏散条件，决定临时查封三十日',
        participants: ['王建国（大队长）', '李明（教导员）', '赵强（法制员）'],
      })) as SealView;
    const alertsOf = async (kind: string) => (await ok('leader.211000', 'GET', `/api/v1/oversight/alerts?kind=${kind}&pageSize=100`)).items as Json[];

    test('ENF-05 a seal decided collectively and served; the unit asks online to enter, to lift (kept) and for a re-inspection, each answered inside its clock; lifted', async () => {
      // A seal that comes from a penalty case: its case shows it.
      const opened = (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
          violationCode: 'XFF-60-1-3',
          facts: '营业期间二层安全出口被锁闭',
          circumstances: {},
          coOfficerId: ids['inspector2.211000'],
        },
        201,
      )) as CaseView;
      // The law's limits: at most 30 days; two officers; the case's party only.
      const tooLong = await as('inspector.211000', 'POST', '/api/v1/enforcement/seals', {
        regionCode: '211000',
        usci,
        unitName: '辽阳市白塔区星光网吧',
        situation: 'exits_blocked',
        scope: '二层',
        photoIds: [],
        inspectedOn: '2026-11-23',
        termDays: 31,
        coOfficerId: ids['inspector2.211000'],
      });
      assert.equal(tooLong.status, 400, JSON.stringify(tooLong.body));
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/seals',
        {
          regionCode: '211000',
          usci: '91211000MA0000022X',
          unitName: '别的单位',
          situation: 'other',
          scope: '仓库',
          photoIds: [],
          inspectedOn: '2026-11-23',
          termDays: 10,
          coOfficerId: ids['inspector2.211000'],
          caseId: opened.id,
        },
        422,
        'ENFORCEMENT.SEAL_PARTY_MISMATCH',
      );

      const proposed = await propose({ caseId: opened.id });
      assert.equal(proposed.status, 'proposed');
      assert.equal(proposed.statusLabel, '待集体研究决定');
      assert.equal(proposed.situationLabel, '疏散通道、安全出口数量不足或者严重堵塞，已不具备安全疏散条件');
      assert.match(proposed.legalBasis, /消防法》第五十四条.*第二十二条第一款第（一）项/);
      assert.deepEqual(proposed.mapPoint, { lng: 123.17, lat: 41.27 });
      const service = proposed.due.find((d) => d.title.startsWith('送达临时查封决定书'));
      assert.equal(service?.dueDate, '2026-11-26', '3 working days after the inspection on Monday 2026-11-23');
      // Not yet an act towards the unit: not in its portal.
      assert.ok(!(await ok('applicant.211000', 'GET', '/api/v1/portal/seals')).items.some((s: Json) => s.id === proposed.id));
      // An inspector does not decide; the collective discussion does (approver / head).
      assert.equal(
        (await as('inspector.211000', 'POST', sealUrl(proposed.id, 'decision'), { approve: true, record: '记录', participants: ['甲某', '乙某'] })).status,
        403,
      );

      const decided = await decide(proposed.id);
      assert.equal(decided.status, 'in_force');
      assert.match(decided.number ?? '', /^辽阳消封字〔2026〕第\d{4}号$/);
      assert.deepEqual([decided.startDate, decided.endDate], ['2026-11-23', '2026-12-23']);
      assert.ok(decided.collective?.record?.includes('集体研究'));
      assert.equal(decided.due.find((d) => d.title.startsWith('临时查封期限'))?.dueDate, '2026-12-23');
      const inCase = (await ok('approver.211000', 'GET', `/api/v1/enforcement/cases/${opened.id}`)) as CaseView;
      assert.deepEqual(inCase.seal, { id: proposed.id, startDate: '2026-11-23', endDate: '2026-12-23', status: 'in_force', statusLabel: '查封中' });

      // Served the next day by one of its two officers; the service clock stops.
      await advance(DAY);
      await refused('inspector.211000', sealUrl(proposed.id, 'service'), { method: 'in_person', servedAt: '2026-11-22' }, 400, 'REQUEST.BAD_DATE');
      const served = (await ok('inspector2.211000', 'POST', sealUrl(proposed.id, 'service'), { method: 'in_person', servedAt: '2026-11-24' })) as SealView;
      assert.equal(served.service?.servedOn, '2026-11-24');
      assert.ok(!served.due.some((d) => d.title.startsWith('送达')));

      // The unit sees its seal, not the internal deliberation, and the requests open to it now.
      const mine = (await ok('applicant.211000', 'GET', `/api/v1/portal/seals/${proposed.id}`)) as SealView;
      assert.equal(mine.collective?.record, null);
      assert.deepEqual(
        mine.actions.map((a) => a.action),
        ['enter', 'lift', 'resume'],
      );
      // Another unit does not see it.
      assert.equal((await as('applicant.440100', 'GET', `/api/v1/portal/seals/${proposed.id}`)).status, 404);

      // 1. Enter to rectify: it shall be allowed (art. 24); answered within the policy's hours.
      const entering = (await ok('applicant.211000', 'POST', `/api/v1/portal/seals/${proposed.id}/requests`, {
        kind: 'enter',
        note: '拟于明日上午拆除二层安全出口锁具并更换门禁',
      })) as SealView;
      const enter = entering.requests.find((r) => r.kind === 'enter')!;
      assert.equal(enter.statusLabel, '已提交，待检查');
      assert.ok(enter.due?.dueAt, 'a clock in hours');
      assert.equal(Date.parse(enter.due!.dueAt!) - t.clock.now.getTime(), 12 * HOUR);
      const task = await t.ctx.database.db
        .selectFrom('inspection_tasks')
        .selectAll()
        .where('id', '=', (await getRequest(enter.id)).task_id!)
        .executeTakeFirstOrThrow();
      assert.deepEqual([task.purpose, task.status, task.usci], ['seal_check', 'assigned', usci]);
      await refused('approver.211000', requestUrl(enter.id, 'decision'), { outcome: 'keep', reason: '不同意' }, 422, 'ENFORCEMENT.SEAL_OUTCOME');
      await advance(2 * HOUR);
      const allowed = (await ok('approver.211000', 'POST', requestUrl(enter.id, 'decision'), {
        outcome: 'allow',
        reason: '同意于 11 月 25 日 9 时至 12 时进入二层整改，由两名执法人员现场监督，期间不得营业',
      })) as SealView;
      assert.equal(allowed.requests.find((r) => r.id === enter.id)?.decision?.outcomeLabel, '同意进入查封部位整改');

      // 2. Lift after rectification: inspected within 3 working days, decided within 3 more.
      const lifting = (await ok('applicant.211000', 'POST', `/api/v1/portal/seals/${proposed.id}/requests`, {
        kind: 'lift',
        note: '锁具已拆除，申请解除查封',
      })) as SealView;
      const lift = lifting.requests.find((r) => r.kind === 'lift')!;
      assert.equal(lift.due?.dueDate, '2026-11-27', '3 working days after Tuesday 2026-11-24');
      assert.equal(lift.due?.dueAt, null, 'a day clock: due by the end of its date');
      await refused(
        'applicant.211000',
        `/api/v1/portal/seals/${proposed.id}/requests`,
        { kind: 'lift', note: '再次申请' },
        409,
        'ENFORCEMENT.SEAL_REQUEST_STATE',
      );
      await refused(
        'applicant.211000',
        `/api/v1/portal/seals/${proposed.id}/requests`,
        { kind: 'reinspect', note: '申请复查' },
        409,
        'ENFORCEMENT.SEAL_REQUEST_STATE',
      );
      await refused('approver.211000', requestUrl(lift.id, 'decision'), { outcome: 'lift', reason: '未检查先决定' }, 409, 'ENFORCEMENT.SEAL_REQUEST_STATE');
      await refused('inspector.440106', requestUrl(lift.id, 'inspection'), { passed: true, findings: '越权' }, 404, 'RESOURCE.NOT_FOUND');
      await advance(DAY);
      const inspected = (await ok('inspector.211000', 'POST', requestUrl(lift.id, 'inspection'), {
        passed: false,
        findings: '锁具已拆除，但疏散指示标志仍不亮',
      })) as SealView;
      const afterInspection = inspected.requests.find((r) => r.id === lift.id)!;
      assert.equal(afterInspection.statusLabel, '已检查，待决定');
      assert.equal(afterInspection.due?.dueDate, '2026-11-30', '3 working days after Wednesday 2026-11-25');
      await refused('approver.211000', requestUrl(lift.id, 'decision'), { outcome: 'lift', reason: '解除' }, 422, 'ENFORCEMENT.SEAL_OUTCOME');
      const kept = (await ok('approver.211000', 'POST', requestUrl(lift.id, 'decision'), {
        outcome: 'keep',
        reason: '疏散指示标志仍不亮，继续查封',
      })) as SealView;
      assert.equal(kept.status, 'in_force');
      assert.equal(kept.requests.find((r) => r.id === lift.id)?.decision?.outcomeLabel, '检查不合格，继续查封');

      // 3. Re-inspection after rectifying again: passed, the seal is lifted and the case shows it.
      const portalNow = (await ok('applicant.211000', 'GET', `/api/v1/portal/seals/${proposed.id}`)) as SealView;
      assert.ok(portalNow.actions.some((a) => a.action === 'reinspect' && a.label === '再次整改后申请复查'));
      const again = (await ok('applicant.211000', 'POST', `/api/v1/portal/seals/${proposed.id}/requests`, {
        kind: 'reinspect',
        note: '已更换疏散指示标志，申请复查',
      })) as SealView;
      const re = again.requests.find((r) => r.kind === 'reinspect')!;
      await ok('inspector2.211000', 'POST', requestUrl(re.id, 'inspection'), { passed: true, findings: '疏散指示标志完好，安全出口畅通' });
      const lifted = (await ok('approver.211000', 'POST', requestUrl(re.id, 'decision'), { outcome: 'lift', reason: '火灾隐患已消除' })) as SealView;
      assert.equal(lifted.status, 'lifted');
      assert.match(lifted.lift?.reason ?? '', /经检查火灾隐患已消除/);
      assert.deepEqual(lifted.due, [], 'no clock of the seal still counts');
      assert.deepEqual((await ok('approver.211000', 'GET', `/api/v1/enforcement/cases/${opened.id}`)).seal.status, 'lifted');

      // Every clock was stopped inside its limit: nothing overdue, no alert about the seal.
      const clocks = await t.ctx.database.db.selectFrom('clocks').selectAll().where('target_type', 'in', ['enforcement_seal', 'seal_request']).execute();
      const mineClocks = clocks.filter((c) => c.target_id === proposed.id || [enter.id, lift.id, re.id].includes(c.target_id));
      assert.equal(mineClocks.length, 7, 'service, term, and per request its inspection and decision clock (entry: one)');
      assert.ok(
        mineClocks.every((c) => c.status === 'stopped' && c.alert_state !== 'overdue'),
        JSON.stringify(mineClocks.map((c) => [c.title, c.status])),
      );
      const alerts = await ok('leader.211000', 'GET', '/api/v1/oversight/alerts?pageSize=100');
      assert.ok(!alerts.items.some((a: Json) => [proposed.id, enter.id, lift.id, re.id].includes(a.targetId)));
      const tasks = await t.ctx.database.db
        .selectFrom('inspection_tasks')
        .select(['status', 'result'])
        .where('purpose', '=', 'seal_check')
        .where('usci', '=', usci)
        .execute();
      assert.deepEqual(tasks.map((x) => x.status).sort(), ['done', 'done', 'done']);

      // Every step is in the seal's record, in Chinese.
      const timeline = (await ok('approver.211000', 'GET', `/api/v1/audit/timeline?target=enforcement_seal:${proposed.id}`)) as unknown as Json[];
      const labels = timeline.map((e) => e.actionLabel);
      for (const l of ['提请临时查封', '集体研究决定临时查封', '送达临时查封决定书', '解除临时查封'])
        assert.ok(labels.includes(l), `${l} in ${labels.join('、')}`);
      // Another agency's staff do not see it.
      assert.equal((await as('inspector.440106', 'GET', sealUrl(proposed.id))).status, 404);
      assert.ok(!(await ok('inspector.440106', 'GET', '/api/v1/enforcement/seals')).items.some((s: Json) => s.id === proposed.id));
    });

    test('ENF-05/OVS-01 an emergency seal not confirmed within 24 hours alerts oversight once; the collective discussion then releases it', async () => {
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/seals',
        {
          regionCode: '211000',
          usci,
          unitName: '辽阳市白塔区星光网吧',
          situation: 'flammables_in_crowded_place',
          scope: '一层仓库',
          photoIds: [],
          inspectedOn: chinaToday(),
          termDays: 30,
          coOfficerId: ids['inspector2.211000'],
          emergency: true,
        },
        400,
        'REQUEST.INVALID',
      );
      const sealed = await propose({
        situation: 'flammables_in_crowded_place',
        scope: '一层仓库（存放汽油）',
        inspectedOn: chinaToday(),
        emergency: true,
        oralApproval: '大队长王建国电话批准，当日 10 时',
      });
      assert.equal(sealed.status, 'emergency');
      assert.equal(sealed.statusLabel, '紧急查封，待24小时内确认');
      assert.equal(Date.parse(sealed.confirmBy!) - t.clock.now.getTime(), 24 * HOUR);
      assert.ok(sealed.due.some((d) => d.title.startsWith('紧急查封集体研究确认')));
      // Already in place: the unit sees it and may ask to enter to rectify.
      const mine = (await ok('applicant.211000', 'GET', `/api/v1/portal/seals/${sealed.id}`)) as SealView;
      assert.ok(mine.actions.some((a) => a.action === 'enter'));

      await advance(23 * HOUR);
      assert.equal((await sweepSeals(t.ctx, 'test')).unconfirmed, 0, 'not yet due');
      await advance(2 * HOUR);
      const swept = await sweepSeals(t.ctx, 'test');
      assert.equal(swept.unconfirmed, 1);
      assert.equal((await sweepSeals(t.ctx, 'test')).unconfirmed, 0, 'one alert per seal');
      const alert = (await alertsOf('seal_unconfirmed')).find((a) => a.targetId === sealed.id);
      assert.ok(alert);
      assert.equal(alert.kindLabel, '紧急查封未按时集体研究确认');
      assert.equal(alert.targetLabel, '临时查封');

      const released = await decide(sealed.id, false);
      assert.equal(released.status, 'lifted');
      assert.match(released.lift?.reason ?? '', /集体研究不同意紧急查封，立即解除/);
      assert.deepEqual(released.due, []);
    });

    test('ENF-05/OVS-01 a seal extended once, then left past its end date, is marked and alerted, can no longer be extended, and is lifted', async () => {
      const s = await propose({ termDays: 10, inspectedOn: chinaToday() });
      const decided = await decide(s.id);
      const start = decided.startDate!;
      await refused('approver.211000', sealUrl(s.id, 'extension'), { days: 31, reason: '检测鉴定' }, 400, 'REQUEST.VALIDATION');
      const extended = (await ok('approver.211000', 'POST', sealUrl(s.id, 'extension'), { days: 5, reason: '需委托检测机构检测消防设施' })) as SealView;
      assert.equal(extended.endDate, addDays(start, 15));
      assert.equal(extended.due.find((d) => d.title.startsWith('临时查封期限'))?.dueDate, addDays(start, 15), 'the term clock follows');
      await refused('approver.211000', sealUrl(s.id, 'extension'), { days: 5, reason: '再次延长' }, 409, 'ENFORCEMENT.SEAL_STATE');
      // The unit asks to lift; nobody answers; the end date passes.
      const asked = (await ok('applicant.211000', 'POST', `/api/v1/portal/seals/${s.id}/requests`, { kind: 'lift', note: '已整改，申请解除' })) as SealView;
      await advance(15 * DAY);
      assert.equal((await sweepSeals(t.ctx, 'test')).expired, 0, 'the end date is the last day in force');
      await advance(DAY);
      assert.equal((await sweepSeals(t.ctx, 'test')).expired, 1);
      assert.equal((await sweepSeals(t.ctx, 'test')).expired, 0);
      const expired = (await ok('approver.211000', 'GET', sealUrl(s.id))) as SealView;
      assert.equal(expired.status, 'expired_unlifted');
      assert.equal(expired.statusLabel, '期限届满未解除');
      const alert = (await alertsOf('seal_expired')).find((a) => a.targetId === s.id);
      assert.ok(alert);
      assert.equal(alert.kindLabel, '临时查封期满未解除');
      assert.match(alert.message, /查封期限已于 \d{4}-\d{2}-\d{2} 届满，未解除也未依法延长/);
      // The request's inspection clock is overdue and shows as such.
      assert.ok((await alertsOf('clock_overdue')).some((a) => a.targetId === asked.requests[0]!.id));
      await refused('approver.211000', sealUrl(s.id, 'extension'), { days: 5, reason: '补延' }, 409, 'ENFORCEMENT.SEAL_STATE');

      const lifted = (await ok('approver.211000', 'POST', sealUrl(s.id, 'lifting'), { reason: '查封期限届满，依法解除' })) as SealView;
      assert.equal(lifted.status, 'lifted');
      assert.equal(lifted.requests[0]?.statusLabel, '查封已解除，申请办结');
      assert.ok(!(await alertsOf('clock_overdue')).some((a) => a.targetId === asked.requests[0]!.id), 'its clock stopped with the seal');
      await refused('approver.211000', sealUrl(s.id, 'lifting'), { reason: '再次解除' }, 409, 'ENFORCEMENT.SEAL_STATE');
    });

    async function getRequest(id: string) {
      return t.ctx.database.db.selectFrom('enforcement_seal_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }
    function chinaToday(): string {
      return new Date(t.clock.now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    }
    function addDays(date: string, n: number): string {
      return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    }
  });
}
