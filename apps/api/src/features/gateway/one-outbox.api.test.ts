import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { deliverPushes } from '../../platform/partners/outbox.ts';
import { transact } from '../../platform/transact.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { Hotline12345Simulator } from '../../test-support/hotline12345.ts';
import { call, type Json } from '../../test-support/http.ts';
import { moveWaitingWorkOrderReports } from '../complaints/index.ts';
import { configureCreditPlatform, signBody } from '../credit/index.ts';
import { PENALTY_DECIDED, type PenaltyDecided } from '../enforcement/index.ts';

/**
 * Every outbound push goes through the one outbox (MON-03, CRD-03, CMP-01): a 双公示 record to the credit platform
 * and a 12345 report to its platform, both receivers down at first, are retried with backoff, listed in the
 * administrator's delivery log with their attempts, and a replay by an administrator sends again once — of twenty
 * parallel replays one takes effect. Each receiver still checks the signature it has always checked.
 */
const MIN = 60_000;
const REGION = '211000';

for (const database of DATABASES) {
  describe(`one delivery outbox for every outbound push [${database}]`, () => {
    let t: TestApp;
    let server: Server;
    let creditDown = true;
    const creditReceived: Json[] = [];

    before(async () => {
      t = await startTestApp(database);
      server = createServer((req: IncomingMessage, res) => {
        let raw = '';
        req.on('data', (c) => {
          raw += c;
        });
        req.on('end', () => {
          if (creditDown) return void res.writeHead(503).end();
          // The credit platform's receiving end checks HMAC-SM3 of the body, as since CRD-03.
          if (signBody(raw, 'credit-secret') !== req.headers['x-fep-signature']) return void res.writeHead(401).end();
          creditReceived.push(JSON.parse(raw) as Json);
          res.writeHead(200).end('{}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      server.close();
      await t.close();
    });

    test('MON-03 CRD-03 CMP-01 a credit push and a 12345 report to receivers that are down are retried, listed in the delivery log with their attempts, and 20 parallel replays send again once', async () => {
      const db = t.ctx.database.db;
      const admin = await t.login('admin.000000');
      const clerk = await t.login(`clerk.${REGION}`);
      // The credit platform of the configuration, and a 12345 platform with a callback address.
      await configureCreditPlatform(t.ctx, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shuanggongshi`, secret: 'credit-secret' });
      const issued = await call(t, admin, 'POST', '/api/v1/partners/12345/keys', {
        name: '辽阳市12345热线（一个发件箱）',
        regionCode: REGION,
        callbackUrl: Hotline12345Simulator.CALLBACK,
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const hotline = new Hotline12345Simulator(t, issued.body.key, issued.body.secret);
      hotline.down = true;
      const send: typeof fetch = (input, init) =>
        String(input).startsWith(Hotline12345Simulator.CALLBACK) ? hotline.receive(input, init) : fetch(input, init);
      const deliver = () => deliverPushes(t.ctx, 'test-sender', send);

      // A penalty decided (the credit record and its 双公示 push) ...
      const agency = await db.selectFrom('agencies').select(['id', 'path']).where('region_code', '=', REGION).executeTakeFirstOrThrow();
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', `applicant.${REGION}`).executeTakeFirstOrThrow()).usci!;
      await transact(t.ctx, systemActor(), async (_trx, audit, emit) => {
        await audit({ action: 'outbox_test.fact', targetType: 'enforcement_case', targetId: 'case-outbox-0001' });
        emit({
          type: PENALTY_DECIDED,
          targetType: 'enforcement_case',
          targetId: 'case-outbox-0001',
          agencyId: agency.id,
          payload: {
            caseId: 'case-outbox-0001',
            decisionNumber: '辽阳消罚决字〔2026〕第0001号',
            agencyId: agency.id,
            agencyPath: agency.path,
            partyKind: 'unit',
            usci,
            partyName: '推送测试单位',
            violationCode: 'fire_law_60_1_1',
            outcome: 'fine',
            fine: 20_000,
            decidedOn: '2026-11-23',
          } satisfies PenaltyDecided as never,
        });
      });
      await t.drain();
      // ... and a step of a 12345 order (the category corrected at intake: a progress report).
      const pushed = await hotline.pushOrder({
        workOrderNo: 'LY12345-OUTBOX-0001',
        regionCode: REGION,
        category: 'other',
        content: '市民来电：某商场疏散通道堆放杂物',
        receivedAt: t.clock.now.toISOString(),
      });
      assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
      const step = await call(t, clerk, 'POST', `/api/v1/complaints/${pushed.body.complaintId}/category`, {
        category: 'escape_route_blocked',
        reason: '来电所述为疏散通道堆物',
      });
      assert.equal(step.status, 200, JSON.stringify(step.body));

      // Both receivers are down: each push fails once and waits for its backoff.
      const first = await deliver();
      assert.deepEqual([first.delivered, first.failed], [0, 2]);
      assert.deepEqual([(await deliver()).failed], [0], 'not retried before its time');
      const log = async (topic: string) => {
        const r = await call(t, admin, 'GET', `/api/v1/gateway/deliveries?topic=${topic}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.items as Json[];
      };
      const [credit] = await log('credit.publicity');
      const [report] = await log('hotline.report');
      assert.ok(credit && report, 'both pushes are in the administrator’s delivery log');
      assert.deepEqual([credit.status, credit.attempts, credit.topicLabel, credit.lastError], ['failed', 1, '双公示信息推送', '对方平台答复错误（状态 503）']);
      assert.deepEqual([report.status, report.attempts, report.topicLabel], ['failed', 1, '12345 工单进度和结果回报']);
      assert.match(report.subject, /LY12345-OUTBOX-0001/);

      // The receivers return; the retry delivers both, each with the signature its receiver checks.
      creditDown = false;
      hotline.down = false;
      t.clock.advance(MIN);
      const retried = await deliver();
      assert.deepEqual([retried.delivered, retried.failed], [2, 0]);
      assert.equal(creditReceived.length, 1);
      assert.equal(creditReceived[0]!.cf_xdr_shxym, usci);
      assert.equal(creditReceived[0]!.cf_nr_fk, 2, '20,000 yuan is 2 万元');
      assert.equal(hotline.received.length, 1);
      assert.deepEqual([hotline.received[0]!.workOrderNo, hotline.received[0]!.kind], ['LY12345-OUTBOX-0001', 'progress']);
      assert.deepEqual(hotline.refused, []);
      for (const d of [credit, report]) {
        const detail = await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${d.id}`);
        assert.equal(detail.body.status, 'delivered');
        assert.deepEqual(
          detail.body.log.map((l: Json) => l.outcomeLabel),
          ['失败', '送达'],
        );
      }

      // The administrator replays both: of twenty parallel replays of each, one takes effect, and each is sent once more.
      t.clock.advance(1000);
      for (const topic of ['credit.publicity', 'hotline.report']) {
        const [d] = await log(topic);
        const replays = await Promise.all(
          Array.from({ length: 20 }, () => call(t, admin, 'POST', `/api/v1/gateway/deliveries/${d!.id}/replay`, { version: d!.version })),
        );
        assert.equal(replays.filter((r) => r.status === 200).length, 1, JSON.stringify(replays.map((r) => r.status)));
        assert.ok(replays.every((r) => r.status === 200 || r.body.code === 'GATEWAY.DELIVERY_STATE'));
      }
      t.clock.advance(1000);
      assert.deepEqual([(await deliver()).delivered], [2]);
      assert.deepEqual([(await deliver()).delivered], [0], 'a delivered replay is not sent again');
      assert.equal(creditReceived.length, 2);
      assert.equal(hotline.received.length, 2);
      for (const topic of ['credit.publicity', 'hotline.report']) {
        const [d] = await log(topic);
        const detail = await call(t, admin, 'GET', `/api/v1/gateway/deliveries/${d!.id}`);
        assert.deepEqual(
          detail.body.log.map((l: Json) => l.outcomeLabel),
          ['失败', '送达', '管理员重新推送', '送达'],
        );
      }

      // Pushes still waiting in the two former tables (a deployment from before the one outbox) are queued in the
      // outbox once on start, in their order, and sent with the receivers' own signatures.
      const record = await db.selectFrom('credit_events').select('id').where('source_id', '=', 'case-outbox-0001').executeTakeFirstOrThrow();
      const nowIso = t.clock.now.toISOString();
      await db
        .insertInto('credit_deliveries')
        .values({
          id: 'legacy-credit-0001',
          record_id: record.id,
          action: 'withdraw',
          payload_json: JSON.stringify({ cf_xdr_shxym: usci, fep_action: 'withdraw', fep_record_id: record.id }),
          signature: '',
          status: 'failed',
          attempts: 3,
          last_error: 'HTTP 503',
          next_attempt_at: nowIso,
          delivered_at: null,
          created_at: nowIso,
        })
        .execute();
      const progress = { workOrderNo: 'LY12345-OUTBOX-0001', kind: 'progress', status: 'verifying', statusLabel: '核查中', progress: [], result: null };
      await db
        .insertInto('work_order_reports')
        .values(
          [2, 3].map((seq) => ({
            id: `legacy-report-${seq}`,
            partner_id: issued.body.id as string,
            complaint_id: pushed.body.complaintId as string,
            work_order_no: 'LY12345-OUTBOX-0001',
            seq,
            kind: 'progress' as const,
            payload_json: JSON.stringify({ ...progress, statusLabel: `第${seq}次` }),
            signature: '',
            status: 'pending' as const,
            attempts: 0,
            last_error: null,
            next_attempt_at: nowIso,
            delivered_at: null,
            created_at: nowIso,
          })),
        )
        .execute();
      const target = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shuanggongshi`, secret: 'credit-secret' };
      assert.equal((await configureCreditPlatform(t.ctx, target)).adopted, 1);
      assert.equal(await moveWaitingWorkOrderReports(t.ctx), 2);
      assert.equal((await configureCreditPlatform(t.ctx, target)).adopted, 0, 'a second start copies nothing');
      assert.equal(await moveWaitingWorkOrderReports(t.ctx), 0, 'a second start copies nothing');
      assert.deepEqual([(await deliver()).delivered], [3]);
      assert.equal(creditReceived.at(-1)!.fep_action, 'withdraw');
      assert.deepEqual(
        hotline.received.slice(2).map((r) => r.statusLabel),
        ['第2次', '第3次'],
        'in their order',
      );
    });
  });
}
