import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CaseReviewChecklistView,
  CaseReviewPage,
  CaseReviewSummaryView,
  CaseReviewView,
  InterferencePage,
  InterferenceReportView,
  OfficerComplaintPage,
  OfficerFileView,
  OfficerPage,
} from '@fep/contracts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * Oversight over HTTP on SQLite and PostgreSQL: interference records (ENF-08), the public channel for
 * complaints about officers (OVS-03), case file review and the officer's enforcement file (OVS-02) — full
 * journeys, the scope of each agency (a neighbour's staff cannot read), append-only tables.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;

const INTERFERENCE = {
  personName: '周某某',
  personPosition: '某区住建局副局长',
  role: 'leading_cadre',
  channel: 'phone',
  act: 'influence',
  occurredAt: '2026-11-20T02:30:00Z',
  caseReference: '辽阳消行罚决字〔2026〕第0012号',
  content: '来电询问某酒店消防处罚案件，希望从轻处理',
  response: '已告知依法办理，不予答应',
};

for (const database of DATABASES) {
  describe(`oversight: interference, officer complaints, case reviews [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      const users = [
        'inspector.211000',
        'inspector2.211000',
        'legal_reviewer.211000',
        'leader.211000',
        'leader.210000',
        'leader.211002',
        'inspector.211002',
        'inspector2.211002',
        'leader.440100',
        'legal_reviewer.440100',
        'clerk.211000',
        'applicant.211000',
      ];
      for (const u of users) tok[u] = await t.login(u);
      const rows = await t.ctx.database.db.selectFrom('users').select(['id', 'username']).where('username', 'in', users).execute();
      for (const r of rows) ids[r.username] = r.id;
    });
    after(() => t.close());

    const call = async (
      who: string | null,
      method: 'GET' | 'POST',
      url: string,
      payload?: unknown,
      extra: Record<string, string> = {},
      remoteAddress?: string,
    ) => {
      const r = await t.app.inject({
        method,
        url,
        headers: { ...(who ? bearer(tok[who]!) : {}), ...extra },
        ...(payload !== undefined ? { payload: payload as string } : {}),
        ...(remoteAddress ? { remoteAddress } : {}),
      });
      return { status: r.statusCode, body: (r.body ? r.json() : {}) as Json, headers: r.headers };
    };

    test('ENF-08 an officer records an approach about a case; the record is append-only in the database', async () => {
      const r = await call('inspector.211000', 'POST', '/api/v1/oversight/interference', INTERFERENCE, { 'idempotency-key': 'interference-0001' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.roleLabel, '领导干部');
      assert.equal(r.body.channelLabel, '电话');
      assert.equal(r.body.actLabel, '说情打招呼');
      assert.equal(r.body.recordedBy.id, ids['inspector.211000']);
      assert.match(r.body.agency.name, /辽阳/);
      ids.interference = r.body.id;
      // The same Idempotency-Key replays the answer: one record.
      const again = await call('inspector.211000', 'POST', '/api/v1/oversight/interference', INTERFERENCE, { 'idempotency-key': 'interference-0001' });
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.body.id, ids.interference);
      const db = t.ctx.database.db;
      assert.equal((await db.selectFrom('interference_records').select('id').execute()).length, 1);
      await assert.rejects(db.updateTable('interference_records').set({ content: '改写' }).where('id', '=', ids.interference!).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('interference_records').where('id', '=', ids.interference!).execute(), /append-only/);
      const timeline = await call('leader.211000', 'GET', `/api/v1/audit/timeline?target=interference_record:${ids.interference}`);
      assert.equal(timeline.status, 200);
      assert.deepEqual(
        timeline.body.map((e: Json) => e.actionLabel),
        ['登记干预、插手案件情况'],
      );
    });

    test('ENF-08 a record of the future, or with a role the list does not know, is refused naming the field', async () => {
      const future = await call('inspector.211000', 'POST', '/api/v1/oversight/interference', { ...INTERFERENCE, occurredAt: '2026-12-01T00:00:00Z' });
      assert.equal(future.status, 400);
      assert.deepEqual([future.body.code, future.body.details.field], ['OVERSIGHT.INVALID_RECORD', 'occurredAt']);
      const role = await call('inspector.211000', 'POST', '/api/v1/oversight/interference', { ...INTERFERENCE, role: 'mayor' });
      assert.equal(role.status, 400);
    });

    test('ENF-08 oversight staff of the agency and of its parents read the record; the recorder sees their own; others do not', async () => {
      const list = async (who: string, q = '') => (await call(who, 'GET', `/api/v1/oversight/interference?pageSize=20${q}`)).body as InterferencePage;
      const seen = (p: InterferencePage) => p.items.some((i) => i.id === ids.interference);
      assert.ok(seen(await list('inspector.211000')), 'the recorder');
      assert.ok(seen(await list('legal_reviewer.211000')), 'the agency’s legal reviewer');
      assert.ok(seen(await list('leader.211000')), 'the agency’s leader');
      assert.ok(seen(await list('leader.210000')), 'the province’s corps above it');
      assert.ok(!seen(await list('inspector2.211000')), 'a colleague without oversight sees only their own');
      assert.ok(!seen(await list('leader.211002')), 'the brigade below does not see the detachment’s record');
      assert.ok(!seen(await list('leader.440100')), 'another province');
      assert.ok(!seen(await list('leader.211000', '&mine=true')), 'mine: only what the leader recorded');
      assert.ok(seen(await list('leader.211000', '&month=2026-11&channel=phone&role=leading_cadre&q=%E9%85%92%E5%BA%97')));
      assert.ok(!seen(await list('leader.211000', '&month=2026-10')));
      assert.equal((await call('applicant.211000', 'GET', '/api/v1/oversight/interference')).status, 403);
      assert.equal((await call('inspector.211000', 'GET', '/api/v1/oversight/interference/report?month=2026-11')).status, 403);
    });

    test('ENF-08 the monthly report counts per agency by channel and by role and lists the records', async () => {
      await call('inspector.211002', 'POST', '/api/v1/oversight/interference', {
        ...INTERFERENCE,
        personName: '吴某',
        role: 'internal_staff',
        channel: 'in_person',
        act: 'inquiry',
        occurredAt: '2026-11-03T01:00:00Z',
      });
      await call('inspector.211002', 'POST', '/api/v1/oversight/interference', { ...INTERFERENCE, occurredAt: '2026-10-30T01:00:00Z' });
      const r = await call('leader.211000', 'GET', '/api/v1/oversight/interference/report?month=2026-11');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const report = r.body as InterferenceReportView;
      assert.equal(report.total, 2);
      assert.deepEqual(
        report.agencies.map((a) => [a.agency.name, a.total]),
        [
          ['辽阳市消防救援支队', 1],
          ['辽阳市白塔区消防救援大队', 1],
        ],
      );
      const brigade = report.agencies[1]!;
      assert.deepEqual(
        brigade.byChannel.find((c) => c.key === 'in_person'),
        { key: 'in_person', label: '当面', count: 1 },
      );
      assert.deepEqual(
        brigade.byRole.find((c) => c.key === 'internal_staff'),
        { key: 'internal_staff', label: '本机构内部人员', count: 1 },
      );
      assert.equal(report.items.length, 2);
      const province = (await call('leader.210000', 'GET', '/api/v1/oversight/interference/report?month=2026-11')).body as InterferenceReportView;
      assert.equal(province.total, 2, 'the corps above counts its detachments and brigades');
      const other = (await call('leader.440100', 'GET', '/api/v1/oversight/interference/report?month=2026-11')).body as InterferenceReportView;
      assert.equal(other.total, 0);
      assert.ok(other.agencies.every((a) => !a.agency.name.includes('辽阳')));
    });

    const complaint = {
      regionCode: '211002',
      officerName: '张某',
      officerBadge: '21100200017',
      occurredOn: '2026-11-18',
      account: '检查时暗示要我们找指定公司维保，否则不予通过，并收取了所谓咨询费。',
      complainantName: '李明',
      complainantPhone: '13812345678',
    };

    test('OVS-03 anyone complains about an officer without login, follows it by tracking code, and reads the reply after handling', async () => {
      const sent = await call(null, 'POST', '/api/v1/public/officer-complaints', complaint, { 'idempotency-key': 'officer-complaint-01' }, '10.1.0.1');
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.match(sent.body.trackingCode, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      assert.equal(sent.body.agencyName, '辽阳市白塔区消防救援大队');
      const code = sent.body.trackingCode as string;
      // Only the HMAC of the code is in the complaint's row.
      const stored = await t.ctx.database.db.selectFrom('officer_complaints').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.ok(!JSON.stringify(stored).includes(code.replaceAll('-', '')));
      ids.complaint = stored[0]!.id;

      const look = async (c: string) => call(null, 'GET', `/api/v1/public/officer-complaints/${encodeURIComponent(c)}`, undefined, {}, '10.1.0.2');
      const first = await look(code.toLowerCase());
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.statusLabel, '已收到，待受理');
      assert.equal(first.body.reply, null);
      assert.ok(!JSON.stringify(first.body).includes('李明') && !JSON.stringify(first.body).includes('13812345678'));

      // The queue: the brigade's leader and the detachment above see it, masked; a neighbour does not.
      const queue = async (who: string) => (await call(who, 'GET', '/api/v1/oversight/officer-complaints?status=submitted')).body as OfficerComplaintPage;
      const row = (await queue('leader.211002')).items.find((i) => i.id === ids.complaint);
      assert.ok(row);
      assert.equal(row.complainantName, '李*');
      assert.equal(row.complainantPhone, '138****5678');
      assert.ok((await queue('legal_reviewer.211000')).items.some((i) => i.id === ids.complaint));
      assert.ok(!(await queue('legal_reviewer.440100')).items.some((i) => i.id === ids.complaint));
      assert.equal((await call('inspector.211002', 'GET', '/api/v1/oversight/officer-complaints')).status, 403);

      // Another province's handler cannot touch it: 404, recorded as denied.
      const foreign = await call('leader.440100', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/accept`);
      assert.equal(foreign.status, 404);
      const denied = await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['action', 'outcome'])
        .where('target_id', '=', ids.complaint!)
        .where('outcome', '=', 'denied')
        .execute();
      assert.deepEqual(denied, [{ action: 'access.refused', outcome: 'denied' }]);

      // Conclusion before acceptance is refused; acceptance, then conclusion with the reply.
      const early = await call('leader.211002', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/conclude`, {
        finding: 'substantiated',
        reply: '经查属实',
      });
      assert.deepEqual([early.status, early.body.code], [409, 'OVERSIGHT.COMPLAINT_STATE']);
      const accepted = await call('leader.211002', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/accept`);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.statusLabel, '已受理，正在调查处理');
      assert.equal(accepted.body.handler.id, ids['leader.211002']);
      assert.equal((await look(code)).body.statusLabel, '已受理，正在调查处理');
      const contact = await call('leader.211002', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/contact`);
      assert.deepEqual(contact.body, { complainantName: '李明', complainantPhone: '13812345678' });
      const reply = '经调查，反映的张某在检查中推荐维保单位的问题属实，已按规定给予处理，感谢您的监督。';
      const concluded = await call('leader.211002', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/conclude`, {
        finding: 'substantiated',
        reply,
      });
      assert.equal(concluded.status, 200, JSON.stringify(concluded.body));
      assert.equal(concluded.body.findingLabel, '属实');
      const done = await look(code);
      assert.equal(done.body.statusLabel, '已办结');
      assert.equal(done.body.findingLabel, '属实');
      assert.equal(done.body.reply, reply);
      const again = await call('leader.211002', 'POST', `/api/v1/oversight/officer-complaints/${ids.complaint}/decline`, { reply: '不予受理' });
      assert.deepEqual([again.status, again.body.code], [409, 'OVERSIGHT.COMPLAINT_STATE']);
      const timeline = await call('leader.211000', 'GET', `/api/v1/audit/timeline?target=officer_complaint:${ids.complaint}`);
      assert.deepEqual(
        (timeline.body as Json[]).filter((e) => e.outcome === 'success').map((e) => e.actionLabel),
        ['收到对执法人员的投诉举报', '受理投诉举报', '查看投诉人联系方式', '办结投诉举报并答复'],
      );
    });

    test('OVS-03 a submission that is not about an officer is declined with a reply; an anonymous one is accepted', async () => {
      const sent = await call(
        null,
        'POST',
        '/api/v1/public/officer-complaints',
        { regionCode: '211000', account: '楼下饭店的安全出口被杂物堵住了，请尽快处理。' },
        {},
        '10.1.0.3',
      );
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const row = ((await call('leader.211000', 'GET', '/api/v1/oversight/officer-complaints?status=submitted')).body as OfficerComplaintPage).items[0]!;
      assert.equal(row.anonymous, true);
      assert.equal(row.complainantName, '匿名');
      const declined = await call('leader.211000', 'POST', `/api/v1/oversight/officer-complaints/${row.id}/decline`, {
        reply: '您反映的是火灾隐患，请通过96119或“随手拍”举报，我们已转交核查。',
      });
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      const look = await call(null, 'GET', `/api/v1/public/officer-complaints/${sent.body.trackingCode}`, undefined, {}, '10.1.0.3');
      assert.equal(look.body.statusLabel, '不予受理');
      assert.match(look.body.reply, /96119/);
    });

    test('OVS-03 unknown codes, unknown places and too many attempts are refused', async () => {
      const unknown = await call(null, 'GET', '/api/v1/public/officer-complaints/ABCD-EFGH-JKLM-NPQR', undefined, {}, '10.2.0.1');
      assert.deepEqual([unknown.status, unknown.body.code], [404, 'OVERSIGHT.COMPLAINT_NOT_FOUND']);
      const malformed = await call(null, 'GET', '/api/v1/public/officer-complaints/%25%25', undefined, {}, '10.2.0.1');
      assert.deepEqual([malformed.status, malformed.body.code], [404, 'OVERSIGHT.COMPLAINT_NOT_FOUND']);
      const place = await call(null, 'POST', '/api/v1/public/officer-complaints', { ...complaint, regionCode: '990000' }, {}, '10.2.0.2');
      assert.deepEqual([place.status, place.body.code, place.body.details.field], [422, 'OVERSIGHT.REGION_NOT_SERVED', 'regionCode']);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++)
        statuses.push((await call(null, 'GET', '/api/v1/public/officer-complaints/ABCD-EFGH-JKLM-NPQ2', undefined, {}, '10.2.0.3')).status);
      assert.deepEqual(statuses.slice(0, 30), Array(30).fill(404));
      assert.equal(statuses[30], 429);
      const sends: number[] = [];
      for (let i = 0; i < 11; i++)
        sends.push((await call(null, 'POST', '/api/v1/public/officer-complaints', { ...complaint, regionCode: '999999' }, {}, '10.2.0.4')).status);
      assert.deepEqual(sends, [...Array(10).fill(422), 429]);
    });

    test('OVS-02 a reviewer scores a case file item by item; the total and grade come from the checklist; averages per agency and officer', async () => {
      const checklist = (await call('legal_reviewer.211000', 'GET', '/api/v1/oversight/case-reviews/checklist')).body as CaseReviewChecklistView;
      assert.equal(
        checklist.items.reduce((s, i) => s + i.points, 0),
        100,
      );
      assert.match(checklist.policyVersion, /^oversight\.case_review@national/);
      const body = (deduct: Record<string, number>, failed: string[] = []) => ({
        caseReference: '白塔消行罚决字〔2026〕第0003号',
        fileKind: 'penalty',
        officerIds: [ids['inspector.211002'], ids['inspector2.211002']],
        veto: checklist.vetoItems.map((v) => ({
          code: v.code,
          passed: !failed.includes(v.code),
          ...(failed.includes(v.code) ? { remark: '仅一人签名' } : {}),
        })),
        items: checklist.items.map((i) => ({ code: i.code, deducted: deduct[i.code] ?? 0, ...(deduct[i.code] ? { remark: '询问笔录缺少当事人签名' } : {}) })),
        // The client's own total is not part of the contract: the server computes it.
      });
      const good = await call('legal_reviewer.211000', 'POST', '/api/v1/oversight/case-reviews', body({ evidence: 4, filing_order: 2 }));
      assert.equal(good.status, 201, JSON.stringify(good.body));
      const view = good.body as CaseReviewView;
      assert.equal(view.total, 94);
      assert.equal(view.gradeLabel, '优秀');
      assert.equal(view.agency.name, '辽阳市白塔区消防救援大队');
      assert.deepEqual(
        view.lines.find((l) => l.code === 'evidence'),
        {
          code: 'evidence',
          section: '调查取证',
          text: checklist.items.find((i) => i.code === 'evidence')!.text,
          points: 20,
          deducted: 4,
          score: 16,
          remark: '询问笔录缺少当事人签名',
        },
      );
      const failed = await call('legal_reviewer.211000', 'POST', '/api/v1/oversight/case-reviews', body({}, ['two_officers']));
      assert.equal(failed.body.total, 0);
      assert.equal(failed.body.gradeLabel, '不合格');

      const missing = await call('legal_reviewer.211000', 'POST', '/api/v1/oversight/case-reviews', { ...body({}), items: body({}).items.slice(1) });
      assert.deepEqual([missing.status, missing.body.code, missing.body.details.field], [422, 'OVERSIGHT.REVIEW_INVALID', 'items.filing']);
      const noRemark = await call('legal_reviewer.211000', 'POST', '/api/v1/oversight/case-reviews', {
        ...body({}),
        items: body({}).items.map((i) => (i.code === 'facts' ? { code: 'facts', deducted: 3 } : i)),
      });
      assert.deepEqual([noRemark.status, noRemark.body.details.field], [422, 'items.facts']);
      const foreignOfficer = await call('legal_reviewer.211000', 'POST', '/api/v1/oversight/case-reviews', {
        ...body({}),
        officerIds: [ids['legal_reviewer.440100']],
      });
      assert.deepEqual([foreignOfficer.status, foreignOfficer.body.code], [422, 'OVERSIGHT.OFFICER_INVALID']);

      const summary = (await call('leader.211000', 'GET', '/api/v1/oversight/case-reviews/summary')).body as CaseReviewSummaryView;
      assert.deepEqual(summary.agencies, [{ agency: { id: view.agency.id, name: '辽阳市白塔区消防救援大队' }, reviews: 2, average: 47, failed: 1 }]);
      assert.deepEqual(
        summary.officers.map((o) => [o.officer.id, o.reviews, o.average, o.failed]).sort(),
        [
          [ids['inspector.211002'], 2, 47, 1],
          [ids['inspector2.211002'], 2, 47, 1],
        ].sort(),
      );
      const empty = (await call('leader.211000', 'GET', '/api/v1/oversight/case-reviews/summary?from=2026-12-01')).body as CaseReviewSummaryView;
      assert.deepEqual(empty, { agencies: [], officers: [] });
      const list = (await call('leader.211000', 'GET', `/api/v1/oversight/case-reviews?officerId=${ids['inspector.211002']}&grade=excellent`))
        .body as CaseReviewPage;
      assert.deepEqual(
        list.items.map((r) => r.id),
        [view.id],
      );
      const neighbour = (await call('leader.440100', 'GET', '/api/v1/oversight/case-reviews')).body as CaseReviewPage;
      assert.equal(neighbour.total, 0);
      const neighbourSummary = (await call('leader.440100', 'GET', '/api/v1/oversight/case-reviews/summary')).body as CaseReviewSummaryView;
      assert.deepEqual(neighbourSummary, { agencies: [], officers: [] });
    });

    test('OVS-02 the officer’s enforcement file: certificate, reviews, interference records and appended training', async () => {
      const officer = ids['inspector.211002']!;
      const trained = await call('leader.211002', 'POST', `/api/v1/oversight/officers/${officer}/training`, {
        course: '消防行政处罚法律适用专题培训',
        hours: 16,
        completedOn: '2026-11-10',
      });
      assert.equal(trained.status, 201, JSON.stringify(trained.body));
      await call('leader.211002', 'POST', `/api/v1/oversight/officers/${officer}/training`, {
        course: '执法记录仪使用',
        hours: 2.5,
        completedOn: '2026-09-01',
      });
      const future = await call('leader.211002', 'POST', `/api/v1/oversight/officers/${officer}/training`, {
        course: '未来课程',
        hours: 2,
        completedOn: '2027-01-01',
      });
      assert.deepEqual([future.status, future.body.details.field], [400, 'completedOn']);
      await assert.rejects(t.ctx.database.db.deleteFrom('officer_training').execute(), /append-only/);

      const r = await call('leader.211000', 'GET', `/api/v1/oversight/officers/${officer}/file`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const file = r.body as OfficerFileView;
      assert.equal(file.officer.agency.name, '辽阳市白塔区消防救援大队');
      assert.deepEqual(file.officer.roleLabels, ['监督检查员']);
      assert.deepEqual(file.certification, { certificateNo: '2110020001', certifiedUntil: '2028-12-31', active: true, valid: true });
      assert.equal(file.reviews.count, 2);
      assert.equal(file.reviews.average, 47);
      assert.equal(file.interference.length, 2);
      assert.equal(file.training.totalHours, 18.5);
      assert.deepEqual(
        file.training.items.map((i) => i.course),
        ['消防行政处罚法律适用专题培训', '执法记录仪使用'],
      );

      // A neighbour's file is a 404 (recorded); the brigade cannot read the detachment's officers.
      assert.equal((await call('leader.440100', 'GET', `/api/v1/oversight/officers/${officer}/file`)).status, 404);
      assert.equal((await call('leader.211002', 'GET', `/api/v1/oversight/officers/${ids['inspector.211000']}/file`)).status, 404);
      assert.equal(
        (await call('leader.440100', 'POST', `/api/v1/oversight/officers/${officer}/training`, { course: '越权登记', hours: 1, completedOn: '2026-11-01' }))
          .status,
        404,
      );
      assert.equal((await call('inspector.211002', 'GET', `/api/v1/oversight/officers/${officer}/file`)).status, 403);

      const officers = (await call('leader.211002', 'GET', '/api/v1/oversight/officers?pageSize=50')).body as OfficerPage;
      const row = officers.items.find((o) => o.id === officer);
      assert.ok(row);
      assert.equal(row.average, 47);
      assert.equal(row.certification?.valid, true);
      assert.ok(officers.items.every((o) => o.agency.name === '辽阳市白塔区消防救援大队'));
    });
  });
}
