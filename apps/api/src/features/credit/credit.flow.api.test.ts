import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseDrawInput, rateOf, stratumOf } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import { deliverPushes } from '../../platform/partners/outbox.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';
import {
  DECISION_REVOKED,
  type DecisionRevoked,
  FALSE_COMMITMENT_FOUND,
  type FalseCommitmentFound,
  ORDER_ESCALATED,
  type OrderEscalated,
  PENALTY_DECIDED,
  type PenaltyDecided,
} from '../enforcement/index.ts';
import { configureCreditPlatform, recordCreditEvent, signBody, sweepCredit } from './index.ts';

/**
 * Credit over HTTP on both databases (CRD-01 … CRD-03, SUP-04): events from enforcement and supervision make
 * credit records, the level moves and the next plan's stratum rate with it; repair after the minimum period,
 * objections, withdrawal on revocation, the blacklist and the push to the credit platform with retries.
 */
const DAY = 86_400_000;
const REGION = '211000';

for (const database of DATABASES) {
  describe(`credit: records, levels and their effects [${database}]`, () => {
    let t: TestApp;
    let usci = '';
    let agencyId = '';
    let agencyPath = '';
    let n = 0;
    before(async () => {
      t = await startTestApp(database);
      const db = t.ctx.database.db;
      usci = (await db.selectFrom('users').select('usci').where('username', '=', `applicant.${REGION}`).executeTakeFirstOrThrow()).usci!;
      const a = await db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', REGION).executeTakeFirstOrThrow();
      agencyId = a.id;
      agencyPath = a.path;
      // The fixture: the applicant's unit starts as the directory's A, medium risk, a general unit.
      await db.updateTable('units').set({ credit_level: 'A', risk_level: 'medium', key_unit: 0 }).where('usci', '=', usci).execute();
    });
    after(() => t.close());

    async function emit(type: string, targetType: string, targetId: string, payload: object) {
      await transact(t.ctx, systemActor(), async (_trx, audit, emit) => {
        await audit({ action: 'credit_test.fact', targetType, targetId });
        emit({ type, targetType, targetId, agencyId, payload: payload as never });
      });
      await t.drain();
    }
    const penalty = (caseId: string, fine: number, subject = usci) =>
      emit(PENALTY_DECIDED, 'enforcement_case', caseId, {
        caseId,
        decisionNumber: `辽阳消罚决字〔2026〕第${caseId.slice(-4)}号`,
        agencyId,
        agencyPath,
        partyKind: 'unit',
        usci: subject,
        partyName: '信用测试单位',
        violationCode: 'fire_law_60_1_1',
        outcome: 'fine',
        fine,
        decidedOn: '2026-11-23',
      } satisfies PenaltyDecided);
    const credit = async (token: string, who = usci) => call(t, token, 'GET', `/api/v1/credit/units/${who}`);

    /** Publishes a plan of the agency and returns the unit's stratum and rate as the published input reads. */
    async function nextPlan(leader: string) {
      const created = await call(t, leader, 'POST', '/api/v1/supervision/plans', {
        title: `信用联动测试计划${++n}`,
        purpose: '信用联动',
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const published = await call(t, leader, 'POST', `/api/v1/supervision/plans/${created.body.id}/publish`, { publicValueSource: '测试公开随机数' });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const inputs = await call(t, null, 'GET', `/api/v1/public/plans/${created.body.id}/inputs`);
      const input = parseDrawInput(Buffer.from(inputs.raw).toString('utf8'));
      const unit = input.units.find((u) => u.usci === usci)!;
      const stratum = stratumOf(unit, input.plan);
      return { id: created.body.id as string, creditLevel: unit.creditLevel, stratum, rate: rateOf(stratum, input.plan) };
    }

    test('CRD-01/CRD-02/SUP-04 a penalty decided lowers the level and raises the unit’s stratum rate in the next plan; repair after the minimum period restores it', async () => {
      let leader = await t.login(`leader.${REGION}`);
      const first = await nextPlan(leader);
      assert.equal(first.creditLevel, 'A');

      await penalty('case-credit-0001', 200_000);
      const after = await credit(leader);
      assert.equal(after.status, 200, JSON.stringify(after.body));
      assert.equal(after.body.level, 'C', 'a serious penalty deducts 30 points: 70 is C under the national bands');
      assert.equal(after.body.score, 70);
      assert.equal(after.body.events.length, 1);
      assert.deepEqual(
        [after.body.events[0].kind, after.body.events[0].points, after.body.events[0].source],
        ['penalty', -30, { type: 'enforcement_case', id: 'case-credit-0001' }],
      );
      assert.equal(after.body.effects.stratumRateFactor, 1.5);
      assert.equal(after.body.effects.blacklisted, false);
      assert.match(after.body.policyVersion, /credit\.levels@national/);
      assert.match(after.body.rule, /C级/);

      const applicant = await t.login(`applicant.${REGION}`);
      assert.equal((await credit(applicant)).body.level, 'C', 'the unit sees its own credit');
      assert.equal((await credit(await t.login('leader.440106'))).status, 404, 'another agency does not');

      const second = await nextPlan(leader);
      assert.equal(second.creditLevel, 'C');
      assert.ok(second.rate > first.rate, `the unit's stratum rate rises: ${first.stratum} ${first.rate} → ${second.stratum} ${second.rate}`);
      const drawn = await call(t, leader, 'POST', `/api/v1/supervision/plans/${second.id}/draw`, { publicValue: '2026-12-01 3D 1 2 3' });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      const stratum = drawn.body.summary.strata.find((s: Json) => s.key === second.stratum);
      assert.equal(stratum.rate, second.rate, 'the plan shows the stratum key and its rate');

      const early = await call(t, applicant, 'POST', '/api/v1/credit/requests', {
        kind: 'repair',
        recordId: after.body.events[0].id,
        reason: '已按期足额缴纳罚款并完成整改',
        evidenceFileIds: [],
        conditions: { corrected: true, penaltyFulfilled: true, commitmentSigned: true },
      });
      assert.equal(early.status, 422, JSON.stringify(early.body));
      assert.equal(early.body.code, 'CREDIT.NOT_ELIGIBLE');
      assert.match(early.body.message, /最短公示期未满/);

      t.clock.advance(366 * DAY);
      leader = await t.login(`leader.${REGION}`);
      const unit = await t.login(`applicant.${REGION}`);
      const filed = await call(t, unit, 'POST', '/api/v1/credit/requests', {
        kind: 'repair',
        recordId: after.body.events[0].id,
        reason: '已按期足额缴纳罚款并完成整改，签署信用承诺书',
        evidenceFileIds: [],
        conditions: { corrected: true, penaltyFulfilled: true, commitmentSigned: true },
      });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.match(filed.body.dueOn, /^\d{4}-\d{2}-\d{2}$/);
      // The decision runs on a platform clock: the staff's 我的时限 lists it, due on the request's day.
      const clocks = await call(t, leader, 'GET', '/api/v1/clocks?limit=200');
      const clock = (clocks.body as Json[]).find((c) => c.targetType === 'credit_request' && c.targetId === filed.body.id);
      assert.ok(clock, 'the request has a running clock');
      assert.equal(clock.dueDate, filed.body.dueOn);
      assert.equal(clock.unit, 'working_days');
      assert.match(clock.legalBasis.document, /国家发展改革委令第58号/);
      const queue = await call(t, leader, 'GET', '/api/v1/credit/requests?status=pending');
      assert.ok(queue.body.items.some((r: Json) => r.id === filed.body.id));
      const granted = await call(t, leader, 'POST', `/api/v1/credit/requests/${filed.body.id}/decision`, { approve: true, reason: '符合修复条件' });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      assert.equal(granted.body.status, 'granted');
      const stopped = await t.ctx.database.db.selectFrom('clocks').select('status').where('id', '=', clock.id).executeTakeFirstOrThrow();
      assert.equal(stopped.status, 'stopped', 'the decision stops the clock');
      const restored = await credit(leader);
      assert.equal(restored.body.level, 'A');
      assert.equal(restored.body.events[0].status, 'repaired');
      assert.deepEqual(
        restored.body.history.map((h: Json) => [h.from, h.to]),
        [
          ['C', 'A'],
          [null, 'C'],
        ],
      );
      const third = await nextPlan(leader);
      assert.equal(third.creditLevel, 'A');
      assert.ok(third.rate < second.rate, 'the repaired unit is inspected less again');
    });

    test('CRD-03 an objection upheld corrects the record; one dismissed keeps it with the reason', async () => {
      const leader = await t.login(`leader.${REGION}`);
      const applicant = await t.login(`applicant.${REGION}`);
      for (const taskId of ['task-objection-1', 'task-objection-2'])
        await emit(FALSE_COMMITMENT_FOUND, 'inspection_task', taskId, {
          taskId,
          licenceId: null,
          applicationId: null,
          agencyId,
          agencyPath,
          usci,
          subjectName: '信用测试单位',
          findings: '安全出口锁闭',
          serious: true,
        } satisfies FalseCommitmentFound);
      const before = await credit(applicant);
      assert.equal(before.body.score, 60, 'two serious false commitments: 100 − 20 − 20');
      const [second, first] = before.body.events.filter((e: Json) => e.kind === 'false_commitment');
      const object = async (recordId: string) =>
        call(t, applicant, 'POST', '/api/v1/credit/requests', {
          kind: 'objection',
          recordId,
          reason: '核查时安全出口未锁闭，有监控录像为证',
          evidenceFileIds: [],
        });
      const o1 = await object(first.id);
      const o2 = await object(second.id);
      assert.equal(o1.status, 201, JSON.stringify(o1.body));
      assert.equal((await object(first.id)).status, 409, 'one open objection per record');
      const upheld = await call(t, leader, 'POST', `/api/v1/credit/requests/${o1.body.id}/decision`, {
        approve: true,
        reason: '经复核，录像显示出口未锁闭，记录有误',
      });
      assert.equal(upheld.body.status, 'upheld');
      const dismissed = await call(t, leader, 'POST', `/api/v1/credit/requests/${o2.body.id}/decision`, { approve: false, reason: '现场照片证实出口锁闭' });
      assert.equal(dismissed.body.status, 'dismissed');
      const after = await credit(applicant);
      assert.equal(after.body.score, 80);
      assert.equal(after.body.events.find((e: Json) => e.id === first.id).status, 'corrected');
      assert.equal(after.body.events.find((e: Json) => e.id === second.id).status, 'active');
      assert.equal(after.body.requests.find((r: Json) => r.id === o2.body.id).decisionReason, '现场照片证实出口锁闭');
      const pub = await call(t, null, 'GET', `/api/v1/public/credit?usci=${usci}`);
      assert.equal(pub.status, 200);
      assert.equal(pub.body.records.filter((r: Json) => r.kind === 'false_commitment').length, 1, 'the corrected record is off the portal');
    });

    test('CRD-02 a commendation recorded by the head raises the score by the policy’s points, once per document; outside the area 404, a clerk 403', async () => {
      const leader = await t.login(`leader.${REGION}`);
      const before = await credit(leader);
      const doc = '辽阳市消防安全委员会〔2026〕12号';
      const r = await call(t, leader, 'POST', '/api/v1/credit/commendations', { usci, kind: 'commendation', documentNo: doc, reason: '消防安全工作先进单位' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const record = (r.body.events as Json[]).find((e) => e.source.type === 'commendation' && e.source.id === doc);
      assert.ok(record, 'the commendation is a credit record of the unit');
      assert.equal(record.kind, 'commendation');
      assert.ok(record.points > 0, 'good conduct adds points');
      assert.equal(r.body.score, Math.min(100, before.body.score + record.points));
      const again = await call(t, leader, 'POST', '/api/v1/credit/commendations', { usci, kind: 'commendation', documentNo: doc, reason: '重复登记' });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'CREDIT.COMMENDATION_EXISTS');
      assert.equal(again.body.details.recordId, record.id);
      const guangzhou = await t.login('leader.440100');
      assert.equal(
        (await call(t, guangzhou, 'POST', '/api/v1/credit/commendations', { usci, kind: 'reward', documentNo: '穗消〔2026〕1号', reason: '跨辖区' })).status,
        404,
      );
      const clerk = await t.login(`clerk.${REGION}`);
      assert.equal(
        (await call(t, clerk, 'POST', '/api/v1/credit/commendations', { usci, kind: 'reward', documentNo: '辽消〔2026〕2号', reason: '无权登记' })).status,
        403,
      );
      const bad = await call(t, leader, 'POST', '/api/v1/credit/commendations', { usci: 'not-a-usci', kind: 'reward', documentNo: 'x', reason: '' });
      assert.equal(bad.status, 400);
    });

    test('CRD-02 an escalated order with a major hazard lists the unit as seriously dishonest (D, non-random trigger); public list shows it', async () => {
      const db = t.ctx.database.db;
      const other = (
        await db.selectFrom('units').select('usci').where('region_code', '=', REGION).where('usci', '!=', usci).orderBy('usci').executeTakeFirstOrThrow()
      ).usci;
      await emit(ORDER_ESCALATED, 'rectification_order', 'order-credit-1', {
        orderId: 'order-credit-1',
        orderNumber: '辽阳消责改字〔2026〕第0099号',
        agencyId,
        agencyPath,
        usci: other,
        subjectName: '挂牌督办单位',
        reason: '重大火灾隐患逾期未整改',
        majorHazard: true,
      } satisfies OrderEscalated);
      const leader = await t.login(`leader.${REGION}`);
      const c = await credit(leader, other);
      assert.equal(c.body.level, 'D');
      assert.equal(c.body.effects.blacklisted, true);
      assert.equal(c.body.effects.nonRandomTrigger, true);
      assert.deepEqual(
        c.body.effects.blacklistReasons.map((r: Json) => r.criterion),
        ['major_hazard_unrectified'],
      );
      const list = await call(t, null, 'GET', `/api/v1/public/credit/blacklist?region=${REGION}`);
      assert.ok(list.body.items.some((i: Json) => i.usci === other));
      const dist = await call(t, leader, 'GET', '/api/v1/credit/distribution');
      assert.equal(dist.status, 200);
      assert.ok(dist.body.blacklisted >= 1);
      assert.ok(dist.body.cells.some((x: Json) => x.level === 'D' && x.units >= 1));
    });

    test('CRD-01/CRD-03 the nightly sweep ends a record’s effect at the end of its publicity period and recomputes the level', async () => {
      const db = t.ctx.database.db;
      const subject = (
        await db
          .selectFrom('units')
          .select('usci')
          .where('region_code', '=', REGION)
          .where('usci', '!=', usci)
          .orderBy('usci')
          .limit(1)
          .offset(1)
          .executeTakeFirstOrThrow()
      ).usci;
      await recordCreditEvent(t.ctx, systemActor(), {
        usci: subject,
        agencyId,
        kind: 'penalty',
        severity: 'serious',
        reason: '处罚（公示期届满测试）',
        sourceType: 'enforcement_case',
        sourceId: 'case-sweep-1',
        // Decided 3 years ago less one day: still published today.
        occurredAt: new Date(t.clock.now.getTime() - (3 * 365 - 1) * DAY).toISOString(),
      });
      const standing = () => db.selectFrom('credit_standings').select(['level', 'score']).where('usci', '=', subject).executeTakeFirstOrThrow();
      assert.deepEqual(await standing(), { level: 'C', score: 70 });
      const unchanged = await sweepCredit(t.ctx, 'test-sweep');
      assert.equal(unchanged.ran, true);
      assert.deepEqual(await standing(), { level: 'C', score: 70 });
      t.clock.advance(3 * DAY);
      const swept = await sweepCredit(t.ctx, 'test-sweep');
      assert.ok(swept.changed >= 1);
      assert.deepEqual(await standing(), { level: 'A', score: 100 }, 'off the portal and out of the score');
      const pub = await call(t, null, 'GET', `/api/v1/public/credit?usci=${subject}`);
      assert.deepEqual(pub.body.records, []);
    });

    test('CRD-03 the push to the credit platform is signed and a failed delivery is retried; a revoked decision is withdrawn and the withdrawal pushed', async () => {
      const received: { body: Json; signature: string }[] = [];
      let failNext = true;
      const server = createServer((req: IncomingMessage, res) => {
        let raw = '';
        req.on('data', (c) => {
          raw += c;
        });
        req.on('end', () => {
          if (failNext) {
            failNext = false;
            res.writeHead(503).end();
            return;
          }
          received.push({ body: JSON.parse(raw) as Json, signature: String(req.headers['x-fep-signature']) });
          if (signBody(raw, 'receiver-secret') !== req.headers['x-fep-signature']) res.writeHead(401).end();
          else res.writeHead(200).end('{}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const target = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shuanggongshi`, secret: 'receiver-secret' };
        const db = t.ctx.database.db;
        const subject = (
          await db
            .selectFrom('units')
            .select('usci')
            .where('region_code', '=', REGION)
            .where('usci', '!=', usci)
            .orderBy('usci', 'desc')
            .executeTakeFirstOrThrow()
        ).usci;
        // The configured credit platform becomes a partner of the gateway; its pushes go through the one outbox.
        await configureCreditPlatform(t.ctx, target);
        const deliveries = () =>
          db
            .selectFrom('gateway_deliveries')
            .innerJoin('gateway_partners', 'gateway_partners.id', 'gateway_deliveries.partner_id')
            .selectAll('gateway_deliveries')
            .where('gateway_partners.kind', '=', 'credit_platform')
            .orderBy('gateway_deliveries.created_at')
            .execute();
        const send = () => deliverPushes(t.ctx, 'test-holder');
        await penalty('case-credit-0777', 50_000, subject);
        assert.equal((await credit(await t.login(`leader.${REGION}`), subject)).body.score, 90);
        const first = await send();
        assert.deepEqual([first.delivered, first.failed], [0, 1]);
        const [row] = await deliveries();
        assert.equal(row!.status, 'failed');
        assert.equal(row!.last_error, 'HTTP 503');
        assert.deepEqual([(await send()).delivered], [0], 'not before its backoff');
        t.clock.advance(2 * 60_000);
        const retried = await send();
        assert.deepEqual([retried.delivered, retried.failed], [1, 0]);
        assert.equal(received.length, 1);
        assert.equal(received[0]!.body.cf_xdr_shxym, subject);
        assert.equal(received[0]!.body.cf_nr_fk, 5, '50,000 yuan is 5 万元');
        assert.equal(received[0]!.body.fep_action, 'publish');

        await emit(DECISION_REVOKED, 'enforcement_case', 'case-credit-0777', {
          caseId: 'case-credit-0777',
          decisionNumber: null,
          agencyId,
          usci: subject,
          reason: '复议决定撤销',
        } satisfies DecisionRevoked);
        const c = await credit(await t.login(`leader.${REGION}`), subject);
        assert.equal(c.body.score, 100);
        assert.equal(c.body.events[0].status, 'withdrawn');
        await send();
        assert.equal(received.at(-1)!.body.fep_action, 'withdraw');
        const statuses = await deliveries();
        assert.deepEqual(
          statuses.map((s) => [s.dedupe_key.split(':')[2], s.status, s.attempts]),
          [
            ['publish', 'delivered', 2],
            ['withdraw', 'delivered', 1],
          ],
        );
      } finally {
        server.close();
      }
    });
  });
}
