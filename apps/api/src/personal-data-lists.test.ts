import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from './test-support/harness.ts';
import { unitOfAgency } from './test-support/targets.ts';

/**
 * Personal data typed into free text never reaches a list or public page unmasked (PIPL art. 51; DESIGN §4;
 * issue 10 item 7): an ID number and a mobile number are typed into every free-text field a person fills in —
 * a venue's name, a change request's reason, a clock's title, a task's reason, findings and hazards, an order's
 * guidance, an extension's reason, a plan's title — and every list the product serves (and the Excel exports of
 * the queues) is read by each role: the numbers appear only masked.
 */
const PHONE = '13912345678';
const ID = '110105194912310021';
const PII = `（经办人身份证${ID}，电话${PHONE}）`;
const MASKED_PHONE = '139****5678';
const MASKED_ID = '1101**********0021';
const REGION = '211000';

const LISTS = [
  '/api/v1/licence-requests',
  '/api/v1/clocks',
  '/api/v1/inspection-tasks',
  '/api/v1/inspection-task-queue',
  '/api/v1/licensing/applications',
  '/api/v1/licensing/application-queue?status=',
  '/api/v1/licences',
  `/api/v1/licences/register?agency=${REGION}`,
  '/api/v1/units?limit=200',
  '/api/v1/rectification-orders',
  '/api/v1/order-extensions',
  '/api/v1/portal/orders',
  '/api/v1/supervision/listed',
  '/api/v1/supervision/plans',
  `/api/v1/public/plans?agency=${REGION}`,
  '/api/v1/inspector-conflicts',
  '/api/v1/notifications?limit=50',
  '/api/v1/notifications/deliveries',
];
const EXPORTS = ['/api/v1/inspection-task-queue/export', '/api/v1/licensing/application-queue/export?status='];

for (const database of DATABASES) {
  describe(`ID and mobile numbers typed into free text are masked on every list [${database}]`, () => {
    let t: TestApp;
    const post = async (token: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
      assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
      return r.json();
    };
    const upload = async (token: string, name: string) => {
      const mp = multipartFile(`${name}.png`, Buffer.concat([TINY_PNG, Buffer.from(`${name}-${Math.random()}`)]), 'image/png');
      return (await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload })).json()
        .id as string;
    };

    before(async () => {
      t = await startTestApp(database);
      const applicant = await t.login(`applicant.${REGION}`);
      const clerk = await t.login(`clerk.${REGION}`);
      const inspector = await t.login(`inspector.${REGION}`);
      const leader = await t.login(`leader.${REGION}`);
      const inspectorIds = (
        await t.ctx.database.db
          .selectFrom('users')
          .select('id')
          .where('username', 'in', [`inspector.${REGION}`, `inspector2.${REGION}`])
          .orderBy('username')
          .execute()
      ).map((u) => u.id);

      // An application whose venue name carries the numbers, taken to a permit; a reissue request giving them as its reason.
      const materials: Record<string, string[]> = {};
      for (const code of ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records']) materials[code] = [await upload(applicant, code)];
      const application = await post(applicant, '/api/v1/licensing/applications', {
        regionCode: REGION,
        venueKind: 'hotel',
        floorArea: 2600,
        investment: 5_000_000,
        companyName: '脱敏测试酒店管理有限公司',
        legalRepresentative: '赵强',
        contactName: '钱芳',
        contactPhone: '13700137000',
        venueName: `脱敏测试酒店${PII}`,
        venueAddress: `脱敏路1号${PII}`,
        path: 'inspection',
        materials,
        submit: true,
      });
      await post(clerk, `/api/v1/licensing/applications/${application.id}/accept`, {});
      const assigned = await post(clerk, `/api/v1/licensing/applications/${application.id}/assign`, { inspectorIds });
      await post(inspector, `/api/v1/licensing/applications/${application.id}/inspection`, {
        checklist: (assigned.tasks[0].checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true, note: `复核${PII}` })),
        findings: `符合要求${PII}`,
      });
      const granted = await post(await t.login(`approver.${REGION}`), `/api/v1/licensing/applications/${application.id}/decision`, {
        grant: true,
        reasons: [],
      });
      await post(applicant, `/api/v1/licences/${granted.licence.id}/requests`, { kind: 'reissue', changes: {}, reason: `许可证遗失${PII}`, materials: {} });

      // A clock whose title carries them.
      await post(clerk, '/api/v1/clocks', {
        targetType: 'unit',
        targetId: await unitOfAgency(t, REGION),
        title: `上级交办事项${PII}`,
        unit: 'working_days',
        amount: 5,
        legalBasis: { document: '测试依据' },
      });

      // A complaint task, its record with a hazard and an order, an extension request: each text carries them.
      const usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', `applicant.${REGION}`).executeTakeFirstOrThrow()).usci!;
      const task = await post(clerk, '/api/v1/supervision/tasks', { usci, trigger: 'complaint', reason: `群众举报${PII}`, inspectorIds });
      const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/inspection-tasks/${task.id}`, headers: bearer(inspector) })).json();
      const record = await post(inspector, `/api/v1/inspection-tasks/${task.id}/record`, {
        mode: 'remote',
        checklist: (detail.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [{ description: `疏散指示标志损坏${PII}`, major: true, photoIds: [] }],
        findings: `检查发现${PII}`,
        signatures: { inspectors: [await upload(inspector, 's1'), await upload(inspector, 's2')], representative: null },
        order: { deadlineWorkingDays: 5, guidance: `更换疏散指示标志${PII}` },
      });
      await post(applicant, `/api/v1/portal/orders/${record.orderId}/extension`, { days: 3, reason: `配件采购中${PII}` });

      // A plan whose title carries them, published.
      const plan = await post(leader, '/api/v1/supervision/plans', {
        title: `脱敏抽查计划${PII}`,
        purpose: '脱敏测试',
        periodStart: '2027-01-01',
        periodEnd: '2027-03-31',
        defaultRate: 0.05,
      });
      await post(leader, `/api/v1/supervision/plans/${plan.id}/publish`, { publicValueSource: '测试公开随机数' });
      await t.drain();
    });
    after(() => t.close());

    test('every list, as every role, shows the numbers only masked; the licence request list shows its reason masked', async () => {
      const leaks: string[] = [];
      let masked = 0;
      for (const who of ['clerk', 'inspector', 'legal_reviewer', 'approver', 'leader', 'admin', 'applicant'] as const) {
        const token = await t.login(`${who}.${REGION}`);
        for (const url of LISTS) {
          const r = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
          if (r.statusCode !== 200) continue;
          for (const secret of [PHONE, ID]) if (r.body.includes(secret)) leaks.push(`${url} as ${who} shows ${secret}`);
          if (r.body.includes(MASKED_PHONE) && r.body.includes(MASKED_ID)) masked++;
        }
        for (const url of EXPORTS) {
          const r = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
          if (r.statusCode !== 200) continue;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
          const cells: string[] = [];
          for (const ws of wb.worksheets) ws.eachRow((row) => cells.push(...(row.values as unknown[]).map((v) => String(v ?? ''))));
          const text = cells.join('\n');
          for (const secret of [PHONE, ID]) if (text.includes(secret)) leaks.push(`${url} as ${who} exports ${secret}`);
        }
      }
      assert.deepEqual(leaks, []);
      assert.ok(masked >= 10, `the masked numbers appear on only ${masked} lists: the texts did not reach the lists`);

      const clerk = await t.login(`clerk.${REGION}`);
      const requests = (await t.app.inject({ method: 'GET', url: '/api/v1/licence-requests', headers: bearer(clerk) })).json() as { reason: string }[];
      assert.deepEqual(
        requests.map((r) => r.reason),
        [`许可证遗失（经办人身份证${MASKED_ID}，电话${MASKED_PHONE}）`],
      );
    });

    test('the record views of those in scope still show what was typed', async () => {
      const clerk = await t.login(`clerk.${REGION}`);
      const apps = (await t.app.inject({ method: 'GET', url: '/api/v1/licensing/applications', headers: bearer(clerk) })).json() as {
        items: { id: string; venueName: string }[];
      };
      const mine = apps.items.find((a) => a.venueName.startsWith('脱敏测试酒店'))!;
      const full = (await t.app.inject({ method: 'GET', url: `/api/v1/licensing/applications/${mine.id}`, headers: bearer(clerk) })).json() as {
        venueName: string;
        venueAddress: string;
      };
      assert.equal(full.venueName, `脱敏测试酒店${PII}`);
      assert.equal(full.venueAddress, `脱敏路1号${PII}`);
    });
  });
}
