import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * The back office's work queues (issue 11 item 5): server-side search, filters, sort and pages with the
 * total, the due date and 剩余工作日 from each matter's clock, the Excel export of the current view, and
 * the 流转记录 (timeline) of a file — on SQLite and PostgreSQL.
 */
const ALL4 = ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records'];

function venue(regionCode: string, venueName: string, materials: Record<string, string[]>) {
  return {
    regionCode,
    venueKind: 'restaurant',
    floorArea: 1280,
    investment: 3_000_000,
    companyName: '队列测试餐饮管理有限公司',
    legalRepresentative: '王建华',
    contactName: '李敏',
    contactPhone: '13800138000',
    venueName,
    venueAddress: '人民路100号',
    path: 'inspection',
    materials,
  };
}

async function xlsxRows(raw: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

for (const database of DATABASES) {
  describe(`work queues and timelines [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};

    async function submit(region: string, name: string): Promise<string> {
      const applicant = tok[`applicant.${region}`]!;
      const materials: Record<string, string[]> = {};
      for (const c of ALL4) materials[c] = [await uploadImage(t, applicant)];
      const r = await call(t, applicant, 'POST', '/api/v1/licensing/applications', { ...venue(region, name, materials), submit: true });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    }

    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'inspector.440106', 'applicant.211002', 'clerk.211000']) tok[u] = await t.login(u);
      ids.a = await submit('440106', '甲子火锅店');
      ids.b = await submit('440106', '乙丑茶餐厅');
      ids.c = await submit('440106', '丙寅酒楼');
      ids.other = await submit('211002', '辽阳金丝雀饭店');
      const accepted = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/licensing/applications/${ids.c}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const inspectors = await t.ctx.database.db.selectFrom('users').select('id').where('username', 'in', ['inspector.440106', 'inspector2.440106']).execute();
      const assigned = await call(t, tok['clerk.440106']!, 'POST', `/api/v1/licensing/applications/${ids.c}/assign`, {
        inspectorIds: inspectors.map((i) => i.id),
      });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    });
    after(() => t.close());

    const queue = (query: string, who = 'clerk.440106') => call(t, tok[who]!, 'GET', `/api/v1/licensing/application-queue?${query}`);

    test('the clerk filters the application queue by status, search text and path, with totals, only of the own jurisdiction', async () => {
      const all = await queue('');
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.equal(all.body.total, 3);
      assert.ok(!all.body.items.some((i: Json) => i.id === ids.other), 'another agency’s application is never listed');
      const waiting = await queue('status=submitted');
      assert.equal(waiting.body.total, 2);
      assert.deepEqual(new Set(waiting.body.items.map((i: Json) => i.id)), new Set([ids.a, ids.b]));
      const found = await queue(`status=submitted&q=${encodeURIComponent('茶餐')}`);
      assert.deepEqual(
        found.body.items.map((i: Json) => i.id),
        [ids.b],
      );
      assert.equal(found.body.total, 1);
      // LIKE's wildcards are taken literally.
      assert.equal((await queue(`q=${encodeURIComponent('%')}`)).body.total, 0);
      assert.equal((await queue('path=commitment')).body.total, 0);
      const liaoyang = await queue('', 'clerk.211000');
      assert.deepEqual(
        liaoyang.body.items.map((i: Json) => i.id),
        [ids.other],
      );
    });

    test('sorting and paging happen on the server: reference order both ways, pages of one, the total on each page', async () => {
      const asc = await queue('sort=referenceNo&order=ascend');
      const desc = await queue('sort=referenceNo&order=descend');
      const refs = asc.body.items.map((i: Json) => i.referenceNo as string);
      assert.deepEqual(refs, [...refs].sort());
      assert.deepEqual(
        desc.body.items.map((i: Json) => i.referenceNo),
        [...refs].reverse(),
      );
      const p1 = await queue('sort=referenceNo&order=ascend&page=1&pageSize=5');
      assert.equal(p1.body.pageSize, 5);
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const p = await queue(`sort=referenceNo&order=ascend&page=${page}&pageSize=5&status=submitted,inspecting`);
        assert.equal(p.body.total, 3);
        seen.push(...p.body.items.map((i: Json) => i.referenceNo as string));
      }
      assert.deepEqual(seen, refs, 'pages neither skip nor repeat');
      assert.equal((await queue('pageSize=1000')).status, 400, 'page size is bounded');
      assert.equal(p1.body.capped, false, 'the count is exact below the cap');
      const deep = await queue('page=600&pageSize=20');
      assert.equal(deep.status, 400, 'pages stop at the counted window (10 000 rows)');
      assert.match(deep.body.message, /缩小范围/);
      assert.equal((await queue('sort=contact_phone')).status, 400, 'only the offered columns sort');
    });

    test('the Excel export holds exactly the rows of the current view, with Chinese headers', async () => {
      const r = await call(t, tok['clerk.440106']!, 'GET', `/api/v1/licensing/application-queue/export?status=submitted&q=${encodeURIComponent('甲子')}`);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      assert.match(String(r.headers['content-disposition']), /attachment/);
      const rows = await xlsxRows(r.raw);
      assert.equal(rows[0]![0], '申请编号');
      assert.ok(rows[0]!.includes('剩余工作日'));
      assert.equal(rows.length, 2, JSON.stringify(rows));
      assert.ok(rows[1]!.includes('甲子火锅店'));
      assert.ok(rows[1]!.some((v) => /^剩余 \d+ 个工作日$/.test(v)));
      const everything = await xlsxRows((await call(t, tok['clerk.440106']!, 'GET', '/api/v1/licensing/application-queue/export')).raw);
      assert.equal(everything.length, 1 + 3);
      assert.ok(!everything.flat().includes('辽阳金丝雀饭店'));
    });

    test('the task list filters by purpose, status and the caller’s own tasks, pages with totals and exports the view', async () => {
      const mine = await call(t, tok['inspector.440106']!, 'GET', '/api/v1/inspection-task-queue?mine=true');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(mine.body.total, 1);
      const task = mine.body.items[0] as Json;
      assert.equal(task.applicationId, ids.c);
      assert.equal(task.purpose, 'opening_check');
      assert.match(task.createdAt, /^\d{4}-/);
      const clerk = tok['clerk.440106']!;
      assert.equal((await call(t, clerk, 'GET', '/api/v1/inspection-task-queue?purpose=opening_check&status=assigned')).body.total, 1);
      assert.equal((await call(t, clerk, 'GET', '/api/v1/inspection-task-queue?purpose=random')).body.total, 0);
      assert.equal((await call(t, clerk, 'GET', '/api/v1/inspection-task-queue?mine=true')).body.total, 0, 'the clerk inspects nothing');
      assert.equal((await call(t, clerk, 'GET', `/api/v1/inspection-task-queue?q=${encodeURIComponent('丙寅')}`)).body.total, 1);
      assert.equal((await call(t, tok['clerk.211000']!, 'GET', '/api/v1/inspection-task-queue?purpose=opening_check')).body.total, 0);
      const x = await call(t, tok['inspector.440106']!, 'GET', '/api/v1/inspection-task-queue/export?mine=true');
      assert.equal(x.status, 200);
      const rows = await xlsxRows(x.raw);
      assert.equal(rows.length, 2);
      assert.equal(rows[1]![0], '营业前现场检查');
      assert.ok(rows[1]!.some((v) => v.includes('丙寅酒楼')));
    });

    test('流转记录: who (name and role in Chinese), what (Chinese label, never the code) and when; out of scope is 404; applicants have no timeline', async () => {
      const r = await call(t, tok['clerk.440106']!, 'GET', `/api/v1/audit/timeline?target=application:${ids.c}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const entries = r.body as unknown as Json[];
      const labels = entries.map((e) => e.actionLabel as string);
      const steps = ['提交申请', '受理', '指派现场检查'].map((l) => labels.indexOf(l));
      assert.ok(
        steps.every((i, k) => i >= 0 && (k === 0 || i > steps[k - 1]!)),
        labels.join(' → '),
      );
      const accept = entries[steps[1]!]!;
      assert.equal(accept.actorRoleLabel, '窗口工作人员');
      const clerk = await t.ctx.database.db.selectFrom('users').select('display_name').where('username', '=', 'clerk.440106').executeTakeFirstOrThrow();
      assert.equal(accept.actorName, clerk.display_name);
      assert.ok(accept.agencyName);
      for (const e of entries) {
        assert.doesNotMatch(e.actionLabel, /^[a-z_.]+$/);
        assert.ok(!Number.isNaN(Date.parse(e.occurredAt)));
      }
      const sorted = entries.map((e) => e.occurredAt as string);
      assert.deepEqual(sorted, [...sorted].sort());
      assert.equal((await call(t, tok['clerk.211000']!, 'GET', `/api/v1/audit/timeline?target=application:${ids.c}`)).status, 404);
      assert.equal((await call(t, tok['applicant.440106']!, 'GET', `/api/v1/audit/timeline?target=application:${ids.c}`)).status, 403);
      assert.equal((await call(t, tok['clerk.440106']!, 'GET', '/api/v1/audit/timeline?target=application')).status, 400);
      const task = (await call(t, tok['inspector.440106']!, 'GET', '/api/v1/inspection-task-queue?mine=true')).body.items[0] as Json;
      const taskLine = await call(t, tok['inspector.440106']!, 'GET', `/api/v1/audit/timeline?target=inspection_task:${task.id}`);
      assert.equal(taskLine.status, 200);
      assert.ok((taskLine.body as unknown as Json[]).some((e) => e.actionLabel === '指派检查人员'));
    });

    test('each row carries its due date and 剩余工作日 from its clock; overdue shows as 已超期 N 个工作日 and filters', async () => {
      const r = await queue('status=submitted&sort=dueDate&order=ascend');
      const row = r.body.items[0] as Json;
      assert.ok(row.due, JSON.stringify(row));
      assert.match(row.due.dueDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(row.due.workingDaysLeft > 0);
      assert.equal(row.due.label, `剩余 ${row.due.workingDaysLeft} 个工作日`);
      assert.equal((await queue('due=overdue')).body.total, 0);
      // Thirty days on, every running clock of a 5- or 10-working-day limit is past its due date.
      // (Last test: the sessions opened before have timed out by then; the clerk signs in again.)
      t.clock.advance(30 * 24 * 3600_000);
      tok['clerk.440106'] = await t.login('clerk.440106');
      const late = await queue('due=overdue&status=submitted');
      assert.equal(late.body.total, 2);
      for (const i of late.body.items as Json[]) {
        assert.ok(i.due.workingDaysLeft < 0);
        assert.equal(i.due.alert, 'overdue');
        assert.equal(i.due.label, `已超期 ${-i.due.workingDaysLeft} 个工作日`);
      }
    });
  });
}
