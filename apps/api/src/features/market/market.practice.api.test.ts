import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf, completeUsci } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/**
 * Registered engineers, reports, art. 69 violations and bans on both databases (MKT-01, CRD-01): a report is
 * signed by a practising engineer of the organisation (others refused, in Chinese); a violation of 消防法
 * art. 69 becomes a credit record of the organisation (its level drops) and of the engineer (a person subject,
 * staff only); a banned engineer cannot sign; a banned organisation is listed publicly with period and reason
 * and left out of the spot-check draw.
 */
const facts = {
  enterpriseLegalPerson: true,
  workplaceSquareMetres: 260,
  firstClassEngineers: 0,
  secondClassEngineers: 0,
  operators: 8,
  intermediateOperators: 3,
  qualitySystem: true,
};

for (const database of DATABASES) {
  describe(`market: engineers, reports, violations and bans [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('MKT-01 CRD-01 engineer registered → report signed; unregistered and banned engineers refused; art. 69 violation → credit for organisation and engineer; ban listed publicly', async () => {
      const inspector = await t.login('inspector.211000');
      const leader = await t.login('leader.211000');
      const today = chinaDateOf(t.clock.now);
      const org = (
        await call(t, inspector, 'POST', '/api/v1/market/organisations', {
          usci: completeUsci('91211000MA7100001'),
          name: '辽阳签字测试消防检测有限公司',
          kind: 'maintenance_testing',
          declared: { ...facts, firstClassEngineers: 1, secondClassEngineers: 1 },
        })
      ).body;
      const other = (
        await call(t, inspector, 'POST', '/api/v1/market/organisations', {
          usci: completeUsci('91211000MA7100002'),
          name: '辽阳另一消防维保有限公司',
          kind: 'maintenance_testing',
          declared: facts,
        })
      ).body;
      const engineer = async (orgId: string, certificateNo: string, name: string, cls: 'first' | 'second') =>
        call(t, inspector, 'POST', `/api/v1/market/organisations/${orgId}/engineers`, { name, certificateNo, class: cls });
      const zhang = await engineer(org.id, 'ZC2021000101', '张工', 'first');
      assert.equal(zhang.status, 201, JSON.stringify(zhang.body));
      assert.equal((await engineer(org.id, 'ZC2021000102', '李工', 'second')).status, 201);
      assert.equal((await engineer(org.id, 'ZC2021000103', '王工', 'second')).status, 201);
      const elsewhere = (await engineer(other.id, 'ZC2021000201', '赵工', 'first')).body;
      const dup = await engineer(other.id, 'zc2021000101', '张工', 'first');
      assert.deepEqual([dup.status, dup.body.code], [409, 'REQUEST.CONFLICT'], 'a certificate number is on the register once');

      // The practice conditions count the registered engineers (1 first-class, 2 second-class) instead of the site numbers (0).
      const verified = await call(t, inspector, 'POST', `/api/v1/market/organisations/${org.id}/verification`, {
        verified: facts,
        engineersFromRegister: true,
      });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.deepEqual([verified.body.status, verified.body.verified.firstClassEngineers, verified.body.verified.secondClassEngineers], ['verified', 1, 2]);
      const siteCounts = await call(t, inspector, 'POST', `/api/v1/market/organisations/${other.id}/verification`, { verified: facts });
      assert.deepEqual(siteCounts.body.failures, ['registered_engineers', 'first_class_engineers'], 'the declared/verified counts still work');

      const report = (number: string, engineerId: string) =>
        call(t, inspector, 'POST', `/api/v1/market/organisations/${org.id}/reports`, {
          reportNumber: number,
          kind: 'testing',
          unitUsci: completeUsci('91211000MA7200001'),
          unitName: '辽阳某商场',
          reportDate: today,
          engineerId,
          conclusion: 'qualified',
        });
      const signed = await report('JC-2026-001', zhang.body.id);
      assert.equal(signed.status, 201, JSON.stringify(signed.body));
      assert.deepEqual([signed.body.engineerName, signed.body.organisationName], ['张工', org.name]);
      assert.equal((await report('JC-2026-001', zhang.body.id)).status, 409, 'a report number once per organisation');
      const foreign = await report('JC-2026-002', elsewhere.id);
      assert.deepEqual([foreign.status, foreign.body.code, foreign.body.message], [422, 'MARKET.SIGNING_REFUSED', '签字人不是本机构登记的注册消防工程师']);
      const unknown = await report('JC-2026-003', '0190f000-0000-7000-8000-000000000000');
      assert.deepEqual([unknown.status, unknown.body.message], [422, '签字人不是已登记的注册消防工程师']);
      const unitReports = await call(t, leader, 'GET', `/api/v1/market/reports?unitUsci=${completeUsci('91211000MA7200001')}`);
      assert.deepEqual(
        unitReports.body.items.map((r: Json) => r.reportNumber),
        ['JC-2026-001'],
      );

      // 消防法第六十九条: a false document, serious — the inspector may not record it, the leader may.
      const violation = {
        kind: 'false_document',
        severity: 'serious',
        facts: '检测报告未实地检测即出具合格结论',
        foundOn: today,
        engineerId: zhang.body.id,
        reportId: signed.body.id,
      };
      assert.equal((await call(t, inspector, 'POST', `/api/v1/market/organisations/${org.id}/violations`, violation)).status, 403);
      const recorded = await call(t, leader, 'POST', `/api/v1/market/organisations/${org.id}/violations`, violation);
      assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
      assert.equal(recorded.body.legalBasis, '《中华人民共和国消防法》第六十九条第一款');
      await t.drain();
      const orgCredit = await call(t, leader, 'GET', `/api/v1/credit/units/${org.usci}`);
      assert.equal(orgCredit.status, 200, JSON.stringify(orgCredit.body));
      assert.deepEqual(
        orgCredit.body.events.map((e: Json) => [e.kind, e.points]),
        [['false_document', -40]],
      );
      assert.deepEqual([orgCredit.body.score, orgCredit.body.level], [60, 'C'], 'the organisation level drops from A');
      const personCredit = await call(t, leader, 'GET', `/api/v1/market/engineers/${zhang.body.id}/credit`);
      assert.equal(personCredit.status, 200, JSON.stringify(personCredit.body));
      assert.deepEqual([personCredit.body.name, personCredit.body.score, personCredit.body.level, personCredit.body.records.length], ['张工', 60, 'C', 1]);
      assert.equal((await call(t, await t.login('applicant.211000'), 'GET', `/api/v1/market/engineers/${zhang.body.id}/credit`)).status, 403, 'staff only');
      assert.equal((await call(t, await t.login('leader.440106'), 'GET', `/api/v1/market/engineers/${zhang.body.id}/credit`)).status, 404);
      const db = t.ctx.database.db;
      const subjects = await db.selectFrom('credit_events').select('usci').where('source_id', '=', recorded.body.id).orderBy('usci').execute();
      assert.equal(subjects.length, 2);
      assert.ok(
        subjects.every((s) => !s.usci.includes('2021000101')),
        'no certificate number in the credit tables',
      );

      // The engineer suspended from today: refused as signer; the suspension is on the engineer's file.
      const badPeriod = await call(t, leader, 'POST', `/api/v1/market/organisations/${org.id}/bans`, {
        subject: 'organisation',
        measure: 'market_ban',
        startsOn: today,
        endsOn: '2030-01-01',
        reason: '造成重大损失',
        legalBasis: '《中华人民共和国消防法》第六十九条第一款',
      });
      assert.deepEqual([badPeriod.status, badPeriod.body.code], [400, 'MARKET.BAN_PERIOD_INVALID']);
      const suspended = await call(t, leader, 'POST', `/api/v1/market/organisations/${org.id}/bans`, {
        subject: 'engineer',
        engineerId: zhang.body.id,
        measure: 'suspension',
        startsOn: today,
        endsOn: '2027-06-30',
        reason: '出具虚假检测报告，情节严重',
        legalBasis: '《中华人民共和国消防法》第六十九条第一款',
      });
      assert.equal(suspended.status, 201, JSON.stringify(suspended.body));
      assert.equal(suspended.body.active, true);
      const refused = await report('JC-2026-004', zhang.body.id);
      assert.deepEqual([refused.status, refused.body.message], [422, '签字的注册消防工程师正被责令停止执业或禁入，不能签署报告']);
      const detail = await call(t, leader, 'GET', `/api/v1/market/organisations/${org.id}`);
      assert.deepEqual(detail.body.registeredEngineers, { firstClassEngineers: 0, secondClassEngineers: 2 }, 'a suspended engineer is not counted');
      assert.equal(detail.body.engineers.find((e: Json) => e.id === zhang.body.id).ban.measure, 'suspension');
      assert.deepEqual([detail.body.reports.length, detail.body.violations.length, detail.body.violations[0].reportNumber], [1, 1, 'JC-2026-001']);

      // The organisation's qualification revoked: listed publicly with the reason, out of the draw, no report.
      const revoked = await call(t, leader, 'POST', `/api/v1/market/organisations/${org.id}/bans`, {
        subject: 'organisation',
        measure: 'revocation',
        startsOn: today,
        endsOn: null,
        reason: '出具虚假文件情节严重，吊销相应资格',
        legalBasis: '《中华人民共和国消防法》第六十九条第一款',
      });
      assert.equal(revoked.status, 201, JSON.stringify(revoked.body));
      const directory = await call(t, null, 'GET', '/api/v1/public/organisations?region=211000');
      const listed = directory.body.items.find((o: Json) => o.id === org.id);
      assert.deepEqual(
        [listed.ban.measure, listed.ban.startsOn, listed.ban.endsOn, listed.ban.reason],
        ['revocation', today, null, '出具虚假文件情节严重，吊销相应资格'],
      );
      assert.equal(directory.body.items.find((o: Json) => o.id === other.id).ban, null);
      const byOrg = await report('JC-2026-005', detail.body.engineers.find((e: Json) => e.name === '李工').id);
      assert.deepEqual([byOrg.status, byOrg.body.message], [422, '该机构正被责令停止执业、吊销或禁入，不能出具报告']);
      const draw = await call(t, leader, 'POST', '/api/v1/market/spot-checks', { publicValue: '2026-12-01 3D 1 2 3', rate: 1 });
      assert.ok(!draw.body.drawn.some((d: Json) => d.usci === org.usci));
      assert.deepEqual(
        draw.body.excluded.map((x: Json) => [x.usci, x.measure]),
        [[org.usci, 'revocation']],
      );
      // Persons never appear in the public credit lists.
      const blacklist = await call(t, null, 'GET', '/api/v1/public/credit/blacklist?region=211000');
      assert.ok(!blacklist.body.items.some((b: Json) => String(b.usci).startsWith('person:')));

      // A second finding takes the engineer to D: a person is no unit to inspect, so no inspection task is triggered.
      const second = await call(t, leader, 'POST', `/api/v1/market/organisations/${org.id}/violations`, {
        kind: 'inaccurate_document',
        severity: 'serious',
        facts: '检测数据与现场不符，造成重大损失',
        foundOn: today,
        engineerId: zhang.body.id,
      });
      assert.equal(second.status, 201, JSON.stringify(second.body));
      await t.drain();
      const d = await call(t, leader, 'GET', `/api/v1/market/engineers/${zhang.body.id}/credit`);
      assert.deepEqual([d.body.score, d.body.level], [30, 'D']);
      assert.deepEqual(d.body.records.map((r: Json) => r.kind).sort(), ['false_document', 'inaccurate_document']);
      const personTasks = await db.selectFrom('inspection_tasks').select('id').where('trigger_key', 'like', '%person:%').execute();
      assert.deepEqual(personTasks, []);
    });
  });
}
