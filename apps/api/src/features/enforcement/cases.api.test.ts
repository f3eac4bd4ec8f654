import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseView } from '@fep/contracts';
import { completeUsci } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * ENF-01 … ENF-07, OVS-01 over HTTP: a penalty case from an escalated rectification order to a published,
 * paid and finally revoked decision; the on-the-spot procedure; deviations and their alerts; the refusals
 * that keep a case inside the law (evidence, hearing window, legal review, art. 45, art. 51).
 */
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement: penalty cases [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      await logIn();
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());
    const USERS = [
      'clerk.211000',
      'inspector.211000',
      'inspector2.211000',
      'legal_reviewer.211000',
      'approver.211000',
      'leader.211000',
      'applicant.211000',
      'inspector.440106',
    ];
    async function logIn() {
      for (const u of USERS) tok[u] = await t.login(u);
    }
    /** Moves the clock; the sessions of the old day have ended, so everyone signs in again. */
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
    const caseUrl = (id: string, step = '') => `/api/v1/enforcement/cases/${id}${step ? `/${step}` : ''}`;
    const openCase = async (extra: Json = {}) =>
      (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
          violationCode: 'XFF-60-1-3',
          facts: '2026年11月20日检查发现营业期间二层安全出口被锁闭，经责令限期改正逾期未改正',
          circumstances: { harmfulConsequence: true },
          coOfficerId: ids['inspector2.211000'],
          ...extra,
        },
        201,
      )) as CaseView;
    const fileAndInvestigate = async (c: CaseView) => {
      const filed = (await ok('approver.211000', 'POST', caseUrl(c.id, 'filing'), { approve: true })) as CaseView;
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'evidence'), { fileId, kind: 'photo', description: '二层安全出口锁闭现场照片' });
      return filed;
    };

    test('ENF-01…ENF-07 a referral from an escalated order becomes a case: filed, evidence, notice, hearing, review returned then passed, decided, served, late fee, paid, published, revoked and withdrawn', async () => {
      // An escalated rectification order is referred to enforcement (supervision → enforcement by a domain event).
      const task = await ok(
        'clerk.211000',
        'POST',
        '/api/v1/supervision/tasks',
        {
          usci,
          trigger: 'complaint',
          reason: '群众举报安全出口被锁闭',
          inspectorIds: [ids['inspector.211000'], ids['inspector2.211000']],
        },
        201,
      );
      const detail = await ok('inspector.211000', 'GET', `/api/v1/inspection-tasks/${task.id}`);
      const sig = () => uploadImage(t, tok['inspector.211000']!, 'sig.png');
      const rec = await ok('inspector.211000', 'POST', `/api/v1/inspection-tasks/${task.id}/record`, {
        mode: 'remote',
        checklist: (detail.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: i.code !== 'escape' })),
        hazards: [{ description: '营业期间安全出口被锁闭', major: false, photoIds: [] }],
        findings: '安全出口被锁闭',
        signatures: { inspectors: [await sig(), await sig()], representative: null },
        order: { deadlineWorkingDays: 5, guidance: '立即拆除锁具' },
      });
      await ok('approver.211000', 'POST', `/api/v1/rectification-orders/${rec.orderId}/escalate`, { reason: '逾期未改正，移送执法办案' });
      await t.drain();
      const referrals = await ok('inspector.211000', 'GET', '/api/v1/enforcement/referrals');
      const referral = referrals.items.find((r: Json) => r.reason.includes('逾期未改正'));
      assert.ok(referral, JSON.stringify(referrals));
      assert.equal(referral.statusLabel, '待办理');

      const opened = await openCase({ referralId: referral.id });
      assert.equal(opened.status, 'referred');
      assert.equal(opened.statusLabel, '待立案审批');
      assert.deepEqual(opened.proposal.range, { min: 36500, max: 50000 });
      assert.equal(opened.proposal.proposedFine, 43300);
      assert.match(opened.proposal.policyVersion, /^enforcement\.discretion@/);
      assert.deepEqual(
        opened.officers.map((o) => o.userId),
        [ids['inspector.211000'], ids['inspector2.211000']],
      );
      // The referral is taken once: a second case from it is refused.
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
          violationCode: 'XFF-60-1-3',
          facts: '重复立案',
          circumstances: {},
          coOfficerId: ids['inspector2.211000'],
          referralId: referral.id,
        },
        409,
        'ENFORCEMENT.CASE_STATE',
      );

      // 立案: the approver files it; it gets its number and the 90-day decision clock.
      const filed = (await ok('approver.211000', 'POST', caseUrl(opened.id, 'filing'), { approve: true })) as CaseView;
      assert.equal(filed.status, 'investigating');
      assert.match(filed.number ?? '', /^辽阳消行罚立字〔2026〕第\d{4}号$/);
      assert.ok(filed.due?.dueDate, 'the decision clock runs');
      assert.equal(filed.due?.dueDate, '2027-02-21');

      // No notice without evidence; evidence is sealed by its digest.
      await refused('inspector.211000', caseUrl(opened.id, 'notice'), { outcome: 'fine', fine: 43000 }, 409, 'ENFORCEMENT.EVIDENCE_REQUIRED');
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      const withEvidence = (await ok('inspector.211000', 'POST', caseUrl(opened.id, 'evidence'), {
        fileId,
        kind: 'photo',
        description: '二层安全出口锁闭现场照片',
      })) as CaseView;
      assert.equal(withEvidence.evidence.length, 1);
      assert.match(withEvidence.evidence[0]!.sha256, /^[0-9a-f]{64}$/);
      assert.equal(withEvidence.evidence[0]!.kindLabel, '现场照片');
      // Only the case's officers investigate.
      await refused('leader.211000', caseUrl(opened.id, 'notice'), { outcome: 'fine', fine: 43000 }, 403, 'AUTH.FORBIDDEN');

      // 告知: a fine outside the law is refused; 43,000 is hearing-eligible (≥ 30,000 for a unit).
      await refused('inspector.211000', caseUrl(opened.id, 'notice'), { outcome: 'fine', fine: 60000 }, 422, 'ENFORCEMENT.FINE_OUTSIDE_LAW');
      const noticed = (await ok('inspector.211000', 'POST', caseUrl(opened.id, 'notice'), { outcome: 'fine', fine: 43000 })) as CaseView;
      assert.equal(noticed.status, 'notice_served');
      assert.equal(noticed.notice?.hearingEligible, true);
      assert.equal(noticed.notice?.hearingDeadline, '2026-11-30', '5 working days after 2026-11-23 (a Monday)');
      // While the party may still ask for a hearing, the case does not move on.
      await refused('inspector.211000', caseUrl(opened.id, 'review-submission'), undefined, 409, 'ENFORCEMENT.HEARING_WINDOW_OPEN');

      // The unit sees the case in its portal and asks for a hearing there.
      const mine = await ok('applicant.211000', 'GET', '/api/v1/portal/penalties');
      assert.ok(mine.items.some((c: Json) => c.id === opened.id));
      const requested = (await ok('applicant.211000', 'POST', `/api/v1/portal/penalties/${opened.id}/hearing-request`)) as CaseView;
      assert.equal(requested.status, 'hearing_requested');
      // A statement waits for the hearing while one is pending.
      await refused('inspector.211000', caseUrl(opened.id, 'statement'), { text: '当事人称锁闭系防盗需要' }, 409, 'ENFORCEMENT.CASE_STATE');

      // The hearing is scheduled with a host who did not investigate, and notified 7 working days before (art. 64 (2)).
      await refused(
        'inspector.211000',
        caseUrl(opened.id, 'hearing'),
        { hostUserId: ids['leader.211000'], heldOn: '2026-11-23', transcript: '听证笔录' },
        409,
        'ENFORCEMENT.CASE_STATE',
      );
      await refused(
        'inspector.211000',
        caseUrl(opened.id, 'hearing-schedule'),
        { hostUserId: ids['inspector2.211000'], hearingAt: '2026-12-02 09:30', place: '辽阳市消防救援支队听证室' },
        422,
        'ENFORCEMENT.HOST_NOT_INDEPENDENT',
      );
      // Monday 2026-11-23: the seventh working day after it is Wednesday 2026-12-02.
      const tooSoon = await refused(
        'inspector.211000',
        caseUrl(opened.id, 'hearing-schedule'),
        { hostUserId: ids['leader.211000'], hearingAt: '2026-12-01 09:30', place: '辽阳市消防救援支队听证室' },
        422,
        'ENFORCEMENT.HEARING_TOO_SOON',
      );
      assert.equal(tooSoon.details.field, 'hearingAt');
      assert.match(tooSoon.message, /最早可定于 2026-12-02/);
      const scheduled = (await ok('inspector.211000', 'POST', caseUrl(opened.id, 'hearing-schedule'), {
        hostUserId: ids['leader.211000'],
        hearingAt: '2026-12-02T09:30',
        place: '辽阳市消防救援支队听证室',
      })) as CaseView;
      assert.equal(scheduled.status, 'hearing_scheduled');
      assert.deepEqual([scheduled.hearing?.hearingAt, scheduled.hearing?.place], ['2026-12-02 09:30', '辽阳市消防救援支队听证室']);
      const hearingNotice = scheduled.documents.find((d) => d.kindLabel === '听证通知书');
      assert.ok(hearingNotice, JSON.stringify(scheduled.documents));
      assert.match(hearingNotice.number, /^辽阳消行罚听通字〔2026〕第\d{4}号$/);
      // The party sees it in the portal at once, with its own download route.
      const partyView = (await ok('applicant.211000', 'GET', `/api/v1/portal/penalties/${opened.id}`)) as CaseView;
      assert.ok(partyView.documents.some((d) => d.kindLabel === '听证通知书' && d.downloadUrl.startsWith('/api/v1/portal/')));
      // Not held before the day notified.
      await refused(
        'inspector.211000',
        caseUrl(opened.id, 'hearing'),
        { hostUserId: ids['leader.211000'], heldOn: '2026-11-23', transcript: '听证笔录' },
        400,
        'REQUEST.BAD_DATE',
      );
      await advance(9 * DAY);
      const heard = (await ok('inspector.211000', 'POST', caseUrl(opened.id, 'hearing'), {
        hostUserId: ids['leader.211000'],
        heldOn: '2026-12-02',
        transcript: '当事人对违法事实无异议，请求从轻处罚',
      })) as CaseView;
      assert.equal(heard.status, 'heard');
      assert.ok(heard.hearing?.hostName);
      await ok('inspector.211000', 'POST', caseUrl(opened.id, 'statement'), { text: '当事人称锁闭系防盗需要，已当场改正' });

      // No decision without legal review; review by an investigator is refused; returned once, then passed.
      await refused('inspector.211000', caseUrl(opened.id, 'decision-submission'), undefined, 409, 'ENFORCEMENT.REVIEW_REQUIRED');
      await ok('inspector.211000', 'POST', caseUrl(opened.id, 'review-submission'));
      const returned = (await ok('legal_reviewer.211000', 'POST', caseUrl(opened.id, 'review'), {
        pass: false,
        opinion: '证据不足：缺少询问笔录',
      })) as CaseView;
      assert.equal(returned.status, 'investigating');
      assert.equal(returned.review?.opinion, '证据不足：缺少询问笔录');
      const transcript = await uploadImage(t, tok['inspector2.211000']!, 'transcript.png');
      await ok('inspector2.211000', 'POST', caseUrl(opened.id, 'evidence'), { fileId: transcript, kind: 'transcript', description: '对网吧负责人的询问笔录' });
      await ok('inspector.211000', 'POST', caseUrl(opened.id, 'notice'), { outcome: 'fine', fine: 43000 });
      await ok('inspector.211000', 'POST', caseUrl(opened.id, 'review-submission'));
      const passed = (await ok('legal_reviewer.211000', 'POST', caseUrl(opened.id, 'review'), {
        pass: true,
        opinion: '事实清楚，证据确凿，程序合法，裁量适当',
      })) as CaseView;
      assert.equal(passed.status, 'awaiting_decision');

      // A major (hearing-eligible) case is decided after the heads' collective discussion (art. 57 ¶2).
      await refused('approver.211000', caseUrl(opened.id, 'decision'), { outcome: 'fine', fine: 43000 }, 409, 'ENFORCEMENT.DISCUSSION_REQUIRED');
      const discussed = (await ok('approver.211000', 'POST', caseUrl(opened.id, 'collective-discussion'), {
        heldOn: '2026-12-02',
        participants: '支队长、政治委员、副支队长、法制科科长',
        conclusion: '同意按告知的罚款 43,000 元作出处罚决定',
      })) as CaseView;
      assert.equal(discussed.discussion?.participants, '支队长、政治委员、副支队长、法制科科长');
      // The decision: not heavier than the notice (art. 45); outside the proposal only with a reason.
      await refused('approver.211000', caseUrl(opened.id, 'decision'), { outcome: 'fine', fine: 45000 }, 422, 'ENFORCEMENT.HEAVIER_THAN_NOTICE');
      const noReason = await refused(
        'approver.211000',
        caseUrl(opened.id, 'decision'),
        { outcome: 'fine', fine: 30000 },
        422,
        'ENFORCEMENT.DEVIATION_REASON_REQUIRED',
      );
      assert.equal(noReason.details.field, 'deviationReason');
      await refused('inspector.211000', caseUrl(opened.id, 'decision'), { outcome: 'fine', fine: 43000 }, 403, 'ENFORCEMENT.NOT_DECIDER');
      const decided = (await ok('approver.211000', 'POST', caseUrl(opened.id, 'decision'), { outcome: 'fine', fine: 43000 })) as CaseView;
      assert.equal(decided.status, 'decided');
      assert.equal(decided.deviation, false);
      assert.match(decided.decision?.number ?? '', /^辽阳消行罚决字〔2026〕第\d{4}号$/);
      assert.equal(decided.publicity?.until, '2027-12-02');
      assert.equal(decided.due?.label.includes('已停止') || decided.due?.alert === 'ok', true);

      // Published at once, in the national record's fields; fine in 万元.
      const pub = await ok('applicant.211000', 'GET', '/api/v1/public/penalties?region=2110');
      const row = pub.items.find((p: Json) => p.id === opened.id);
      assert.ok(row, 'published');
      assert.equal(row.fineWan, 4.3);
      assert.equal(row.usci, usci);
      assert.equal(row.decisionNumber, decided.decision?.number);
      assert.equal(row.category, '罚款');

      // Served on paper two days ago (recorded now, keeps its real date); due 15 days after service.
      await advance(2 * DAY);
      const served = (await ok('inspector.211000', 'POST', caseUrl(opened.id, 'service'), { method: 'in_person', servedAt: '2026-12-02' })) as CaseView;
      assert.equal(served.status, 'served');
      assert.equal(served.service?.servedOn, '2026-12-02');
      assert.equal(served.payment?.dueDate, '2026-12-17');
      assert.equal(served.payment?.lateFee, 0);

      // Two days late: 3 % a day of 43,000.
      await advance(15 * DAY);
      const late = (await ok('approver.211000', 'GET', caseUrl(opened.id))) as CaseView;
      assert.deepEqual([late.payment?.lateFeeDays, late.payment?.lateFee], [2, 2580]);
      const short = await refused(
        'clerk.211000',
        caseUrl(opened.id, 'payment'),
        { amount: 43000, paidOn: '2026-12-19', receiptNumber: 'FS2026-000123' },
        422,
        'ENFORCEMENT.PAYMENT_SHORT',
      );
      assert.equal(short.details.owed, 45580);
      const paid = (await ok('clerk.211000', 'POST', caseUrl(opened.id, 'payment'), {
        amount: 45580,
        paidOn: '2026-12-19',
        receiptNumber: 'FS2026-000123',
      })) as CaseView;
      assert.equal(paid.status, 'closed');
      assert.deepEqual([paid.payment?.paid, paid.payment?.paidAmount, paid.payment?.receiptNumber], [true, 45580, 'FS2026-000123']);

      // Changed on review: revoked, and withdrawn from the public page at once (art. 48).
      const revoked = (await ok('approver.211000', 'POST', caseUrl(opened.id, 'revocation'), { reason: '行政复议决定变更处罚' })) as CaseView;
      assert.equal(revoked.status, 'revoked');
      assert.ok(revoked.publicity?.withdrawnAt);
      const after = await ok('applicant.211000', 'GET', '/api/v1/public/penalties?region=2110');
      assert.ok(!after.items.some((p: Json) => p.id === opened.id), 'withdrawn');
      // The credit platform's export carries the publication and, later, its withdrawal.
      const records = await ok('approver.211000', 'GET', '/api/v1/enforcement/penalty-records?from=2026-11-01&to=2027-12-31');
      const record = records.records.find((r: Json) => r.cf_wsh === decided.decision?.number);
      assert.ok(record, JSON.stringify(records));
      assert.deepEqual([record.action, record.cf_nr_fk, record.cf_xdr_shxym, record.withdrawalReason], ['withdraw', 4.3, usci, '行政复议决定变更处罚']);

      // Every step is in the case's record, in order, in Chinese.
      const timeline = await ok('approver.211000', 'GET', `/api/v1/audit/timeline?target=enforcement_case:${opened.id}`);
      const labels = (timeline as unknown as Json[]).map((e) => e.actionLabel);
      for (const l of [
        '提出立案申请',
        '批准立案',
        '登记证据',
        '送达行政处罚告知书',
        '申请听证',
        '安排听证并送达听证通知书',
        '举行听证',
        '法制审核退回',
        '法制审核通过',
        '作出行政处罚决定',
        '送达行政处罚决定书',
        '登记罚款缴纳',
        '撤销行政处罚决定并撤回公示',
      ])
        assert.ok(labels.includes(l), `${l} in ${labels.join('、')}`);
    });

    test('ENF-01 an on-the-spot warning to a person; an on-the-spot fine above the art. 51 limit is refused', async () => {
      const person = (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'person', name: '张三丰', idNumber: '211002199001011234' },
          violationCode: 'XFF-60-2-3',
          facts: '在公共场所楼梯间堆放杂物，当场责令清除',
          circumstances: {},
          procedure: 'on_the_spot',
        },
        201,
      )) as CaseView;
      assert.equal(person.status, 'investigating');
      assert.equal(person.party.idNumber, '2110**********1234');
      const warned = (await ok('inspector.211000', 'POST', caseUrl(person.id, 'decision'), {
        outcome: 'warning',
        deviationReason: '当场改正，予以警告',
      })) as CaseView;
      assert.equal(warned.status, 'decided');
      assert.equal(warned.publicity, null, 'on-the-spot decisions are not published');
      const closed = (await ok('inspector.211000', 'POST', caseUrl(person.id, 'service'), {
        method: 'in_person',
        servedAt: t.clock.now.toISOString(),
      })) as CaseView;
      assert.equal(closed.status, 'closed');

      const unit = await openCase({ procedure: 'on_the_spot', coOfficerId: undefined });
      await refused(
        'inspector.211000',
        caseUrl(unit.id, 'decision'),
        { outcome: 'fine', fine: 2000, deviationReason: '当场处罚' },
        422,
        'ENFORCEMENT.FINE_OUTSIDE_LAW',
      );
      const limit = await openCase({ procedure: 'on_the_spot', coOfficerId: undefined, violationCode: 'XFF-60-1-3', circumstances: {} });
      await refused(
        'inspector.211000',
        caseUrl(limit.id, 'decision'),
        { outcome: 'fine', fine: 18500, deviationReason: '当场处罚' },
        422,
        'ENFORCEMENT.ON_THE_SPOT_LIMIT',
      );
    });

    test('ENF-02/OVS-01 a deviation with a written reason is accepted, marked and alerted to oversight', async () => {
      const c = await openCase();
      await fileAndInvestigate(c);
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'notice'), { outcome: 'fine', fine: 20000 });
      await advance(8 * DAY); // the hearing request period has passed (20,000 is not hearing-eligible anyway)
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'review-submission'));
      await ok('legal_reviewer.211000', 'POST', caseUrl(c.id, 'review'), { pass: true, opinion: '同意从轻' });
      const decided = (await ok('approver.211000', 'POST', caseUrl(c.id, 'decision'), {
        outcome: 'fine',
        fine: 20000,
        deviationReason: '当事人主动消除危害后果，经集体讨论决定从轻处罚',
      })) as CaseView;
      assert.equal(decided.deviation, true);
      assert.equal(decided.decision?.deviationReason, '当事人主动消除危害后果，经集体讨论决定从轻处罚');
      const alerts = await ok('leader.211000', 'GET', '/api/v1/oversight/alerts?kind=penalty_deviation');
      const alert = alerts.items.find((a: Json) => a.targetId === c.id);
      assert.ok(alert, JSON.stringify(alerts));
      assert.equal(alert.kind, 'penalty_deviation');
      assert.equal(alert.kindLabel, '处罚偏离裁量基准');
      assert.match(alert.message, /偏离裁量建议（36,500–50,000 元）/);
      // Not for the unit, nor for an inspector.
      assert.equal((await as('inspector.211000', 'GET', '/api/v1/oversight/alerts')).status, 403);
    });

    test('ENF-03/ENF-08 a repeat within 12 months is never a first violation; a recused officer cannot take the case; acting outside the jurisdiction is refused and alerted', async () => {
      // A decided case for the same party and violation makes the next one a repeat, whatever was typed.
      const person = { kind: 'person', name: '李四', idNumber: '211002198802021111' };
      const onTheSpot = { regionCode: '211000', party: person, violationCode: 'XFF-60-2-3', facts: '占用楼梯间堆放杂物', procedure: 'on_the_spot' };
      const first = (await ok('inspector.211000', 'POST', '/api/v1/enforcement/cases', { ...onTheSpot, circumstances: {} }, 201)) as CaseView;
      await ok('inspector.211000', 'POST', caseUrl(first.id, 'decision'), { outcome: 'warning', deviationReason: '当场改正，予以警告' });
      const repeat = (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/cases',
        { ...onTheSpot, circumstances: { firstViolation: true, correctedInTime: true } },
        201,
      )) as CaseView;
      assert.equal(repeat.circumstances.repeatWithin12Months, true);
      assert.equal(repeat.circumstances.firstViolation, false);
      assert.ok(
        repeat.proposal.explanation.some((l) => l.includes('不属于初次违法')),
        repeat.proposal.explanation.join('\n'),
      );
      assert.ok(
        repeat.history.some((h) => h.id === first.id),
        'the case file shows the party’s history',
      );

      // 行政处罚法 art. 36: a violation older than the limitation is not penalised.
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/cases',
        { ...onTheSpot, circumstances: {}, occurredOn: '2023-01-05' },
        422,
        'ENFORCEMENT.TIME_BARRED',
      );
      // A case for the police (detention is never decided here) is transferred by the head.
      const forPolice = await openCase({ circumstances: {} });
      const transferred = (await ok('approver.211000', 'POST', caseUrl(forPolice.id, 'transfer'), {
        to: '辽阳市公安局白塔分局',
        reason: '涉嫌消防法第六十四条规定的行为，依法移送',
      })) as CaseView;
      assert.equal(transferred.status, 'transferred');
      assert.equal(transferred.transfer?.to, '辽阳市公安局白塔分局');

      // ENF-08: a declared conflict with the party refuses the officer.
      const other = completeUsci('91211000MA0000011');
      await ok('inspector2.211000', 'POST', '/api/v1/inspector-conflicts', { usci: other, kind: 'declared' }, 201);
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'unit', usci: other, name: '回避测试单位' },
          violationCode: 'XFF-60-1-3',
          facts: '安全出口锁闭',
          circumstances: {},
          coOfficerId: ids['inspector2.211000'],
        },
        409,
        'ENFORCEMENT.OFFICER_RECUSED',
      );

      // OVS-01: a Liaoyang inspector opening a case in Guangzhou is refused, and Liaoyang's oversight sees it.
      await refused(
        'inspector.211000',
        '/api/v1/enforcement/cases',
        {
          regionCode: '440106',
          party: { kind: 'unit', usci, name: '越权测试' },
          violationCode: 'XFF-60-1-3',
          facts: '越权立案',
          circumstances: {},
          coOfficerId: ids['inspector2.211000'],
        },
        403,
        'ENFORCEMENT.OUTSIDE_JURISDICTION',
      );
      const alerts = await ok('leader.211000', 'GET', '/api/v1/oversight/alerts?kind=outside_jurisdiction');
      assert.ok(alerts.items.some((a: Json) => a.kindLabel === '超越管辖范围执法'));
      // Another agency's officers do not see Liaoyang's cases.
      const gz = await ok('inspector.440106', 'GET', '/api/v1/enforcement/cases');
      assert.ok(!gz.items.some((c: Json) => c.partyName === '辽阳市白塔区星光网吧'));
      assert.equal((await as('inspector.440106', 'GET', caseUrl(repeat.id))).status, 404);
    });
  });
}
