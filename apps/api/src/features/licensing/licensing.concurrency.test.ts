import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf } from '@fep/domain';
import { verifyRowSeals } from '../../platform/audit/row-seals.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * Every state-changing licensing route under 20 parallel identical requests (DESIGN §2 compare-and-set):
 * exactly one effect, every other request a 409 with a stable code, never a 5xx; creating routes with one
 * Idempotency-Key create one record and replay the same answer. SQLite serialises on its one connection;
 * PostgreSQL (DATABASE_URL) is where races show.
 */
const N = 20;

type Res = Awaited<ReturnType<typeof call>>;

/** Fires the same request N times at once. */
function burst(t: TestApp, token: string, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res[]> {
  return Promise.all(Array.from({ length: N }, () => call(t, token, method, url, payload, headers)));
}

/** Exactly one request succeeded; all others are 409 with one of the stable `codes`. */
function oneWinner(rs: Res[], codes: string[]): Res {
  const fails = rs.filter((r) => r.status >= 500);
  assert.equal(fails.length, 0, `no 5xx: ${JSON.stringify(fails.map((f) => f.body))}`);
  const ok = rs.filter((r) => r.status < 300);
  assert.equal(ok.length, 1, `exactly one success, got ${ok.length}: ${JSON.stringify(rs.map((r) => [r.status, r.body.code]))}`);
  for (const r of rs.filter((x) => x.status >= 300)) {
    assert.equal(r.status, 409, JSON.stringify(r.body));
    assert.ok(codes.includes(r.body.code), `stable code, got ${r.body.code}`);
  }
  return ok[0]!;
}

/** All N replays of one Idempotency-Key answered alike (one created, the rest replayed). */
function oneReplayed(rs: Res[], status: number): Res {
  for (const r of rs) assert.equal(r.status, status, JSON.stringify(r.body));
  const bodies = new Set(rs.map((r) => JSON.stringify(r.body)));
  assert.equal(bodies.size, 1, 'every retry gets the same answer');
  return rs[0]!;
}

async function auditCount(t: TestApp, action: string, targetId: string): Promise<number> {
  const r = await t.ctx.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function clockEventCount(t: TestApp, clockId: string, type: string): Promise<number> {
  const r = await t.ctx.database.db
    .selectFrom('clock_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clock_id', '=', clockId)
    .where('type', '=', type as 'stop')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const fileN = 0;

function venue(regionCode: string, path: 'commitment' | 'inspection', materials: Record<string, string[]>, extra: Json = {}) {
  return {
    regionCode,
    venueKind: 'restaurant',
    floorArea: 1280,
    investment: 3_000_000,
    companyName: '鑫垚餐饮管理有限公司',
    legalRepresentative: '王建华',
    contactName: '李敏',
    contactPhone: '13800138000',
    venueName: `鑫源大酒店${fileN}`,
    venueAddress: '人民路100号',
    path,
    materials,
    ...extra,
  };
}

const ALL4 = ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records'];

for (const database of DATABASES) {
  describe(`licensing under 20 parallel identical requests [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const as = (u: string) => tok[u]!;
    const userId = async (username: string) =>
      (await t.ctx.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

    before(async () => {
      t = await startTestApp(database);
      // Hohhot requires legal review from tomorrow on (for the legal-review route).
      const admin = await t.login('admin.150100');
      const agency = await t.ctx.database.db.selectFrom('agencies').select('id').where('region_code', '=', '150100').executeTakeFirstOrThrow();
      const v = await call(t, admin, 'POST', '/api/v1/policies/versions', {
        agencyId: agency.id,
        kind: 'licensing.approval',
        effectiveFrom: chinaDateOf(new Date(t.clock.now.getTime() + 24 * 3600_000)),
        values: { legalReviewRequired: true },
        legalBasis: { document: '呼和浩特市消防救援支队重大执法决定法制审核目录', clause: '第三条' },
      });
      assert.equal(v.status, 201, JSON.stringify(v.body));
      t.clock.advance(24 * 3600_000);
      for (const u of [
        'applicant.440106',
        'clerk.440106',
        'approver.440106',
        'inspector.440106',
        'applicant.211002',
        'clerk.211000',
        'applicant.150102',
        'clerk.150102',
        'inspector.150102',
        'legal_reviewer.150102',
      ])
        tok[u] = await t.login(u);
    });
    after(() => t.close());

    async function files(applicant: string, codes = ALL4) {
      const out: Record<string, string[]> = {};
      for (const c of codes) out[c] = [await uploadImage(t, as(applicant))];
      return out;
    }

    /** A submitted application of the region (Guangdong unless told). */
    async function submitted(path: 'commitment' | 'inspection', region = '440106', codes = ALL4): Promise<string> {
      const applicant = `applicant.${region}`;
      const extra = path === 'commitment' ? { commitment: { signerName: '王建华', accepted: true } } : {};
      const r = await call(t, as(applicant), 'POST', '/api/v1/licensing/applications', {
        ...venue(region, path, await files(applicant, codes), extra),
        submit: true,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    }

    async function accepted(region = '440106'): Promise<string> {
      const id = await submitted('inspection', region);
      const clerk = region === '440106' ? 'clerk.440106' : `clerk.${region}`;
      const r = await call(t, as(clerk), 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return id;
    }

    async function inspecting(region = '440106'): Promise<{ id: string; checklist: { code: string }[] }> {
      const id = await accepted(region);
      const ids = [await userId(`inspector.${region}`), await userId(`inspector2.${region}`)];
      const r = await call(t, as(`clerk.${region}`), 'POST', `/api/v1/licensing/applications/${id}/assign`, { inspectorIds: ids });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return { id, checklist: r.body.tasks[0].checklist };
    }

    async function awaitingDecision(): Promise<string> {
      const { id, checklist } = await inspecting();
      const r = await call(t, as('inspector.440106'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: checklist.map((c) => ({ code: c.code, passed: true })),
        findings: '符合要求',
      });
      assert.equal(r.body.status, 'awaiting_decision', JSON.stringify(r.body));
      return id;
    }

    /** A commitment-path permit: the licence and its verification task. */
    async function commitmentPermit(): Promise<{ id: string; licenceId: string; taskId: string }> {
      const id = await submitted('commitment');
      const r = await call(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      assert.equal(r.body.status, 'granted', JSON.stringify(r.body));
      const task = r.body.tasks.find((x: Json) => x.purpose === 'commitment_verification');
      return { id, licenceId: r.body.licence.id, taskId: task.id };
    }

    async function assignedVerification(): Promise<{ licenceId: string; taskId: string; checklist: { code: string; passed: boolean }[] }> {
      const p = await commitmentPermit();
      const ids = [await userId('inspector.440106'), await userId('inspector2.440106')];
      const r = await call(t, as('clerk.440106'), 'POST', `/api/v1/inspection-tasks/${p.taskId}/assign`, { inspectorIds: ids });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const checklist = (r.body.checklist as { code: string }[]).map((c) => ({ code: c.code, passed: c.code !== 'escape' }));
      return { ...p, checklist };
    }

    const appRow = (id: string) => t.ctx.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('LIC-01 submission with one Idempotency-Key creates one application and replays it', async () => {
      const applicant = as('applicant.440106');
      const body = { ...venue('440106', 'inspection', await files('applicant.440106')), submit: true };
      const key = `conc-${randomUUID()}`;
      const rs = await burst(t, applicant, 'POST', '/api/v1/licensing/applications', body, { 'idempotency-key': key });
      const first = oneReplayed(rs, 201);
      const n = await t.ctx.database.db.selectFrom('applications').select('id').where('venue_name', '=', body.venueName).execute();
      assert.equal(n.length, 1);
      assert.equal(first.body.id, n[0]!.id);
      assert.equal(await auditCount(t, 'application.submit', first.body.id), 1);
    });

    test('LIC-01 submitting a draft: one submission, one clock', async () => {
      const applicant = as('applicant.440106');
      const body = venue('440106', 'inspection', await files('applicant.440106'));
      const draft = await call(t, applicant, 'POST', '/api/v1/licensing/applications', body);
      assert.equal(draft.body.status, 'draft');
      const rs = await burst(t, applicant, 'PUT', `/api/v1/licensing/applications/${draft.body.id}`, { ...body, submit: true });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      assert.equal(await auditCount(t, 'application.submit', draft.body.id), 1);
      const clocks = await t.ctx.database.db.selectFrom('clocks').select('id').where('target_id', '=', draft.body.id).execute();
      assert.equal(clocks.length, 1);
    });

    test('LIC-06 one-time notice: one notice, one pause of the clock', async () => {
      const id = await submitted('inspection');
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/notice`, {
        items: [{ target: 'field:contactPhone', reason: '联系电话无法接通' }],
      });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      const notices = await t.ctx.database.db.selectFrom('application_notices').select('id').where('application_id', '=', id).execute();
      assert.equal(notices.length, 1);
      assert.equal(await clockEventCount(t, (await appRow(id)).clock_id!, 'pause'), 1);
    });

    test('LIC-06 rejection at intake: one rejection, one stop of the clock', async () => {
      const id = await submitted('inspection');
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/reject`, { reasons: ['不属于本机构管辖'] });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      assert.equal(await auditCount(t, 'application.reject', id), 1);
      assert.equal(await clockEventCount(t, (await appRow(id)).clock_id!, 'stop'), 1);
    });

    test('LIC-05 acceptance on the inspection path: one acceptance', async () => {
      const id = await submitted('inspection');
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      assert.equal(await auditCount(t, 'application.accept', id), 1);
    });

    test('LIC-03 acceptance on the commitment path: one permit, one verification task', async () => {
      const id = await submitted('commitment');
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      const db = t.ctx.database.db;
      assert.equal((await db.selectFrom('licences').select('id').where('application_id', '=', id).execute()).length, 1);
      assert.equal((await db.selectFrom('inspection_tasks').select('id').where('application_id', '=', id).execute()).length, 1);
    });

    test('LIC-01 withdrawal: one withdrawal, one stop of the clock', async () => {
      const id = await submitted('inspection');
      const rs = await burst(t, as('applicant.440106'), 'POST', `/api/v1/licensing/applications/${id}/withdraw`, { reason: '暂不营业' });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      assert.equal(await auditCount(t, 'application.withdraw', id), 1);
      assert.equal(await clockEventCount(t, (await appRow(id)).clock_id!, 'stop'), 1);
    });

    test('LIC-05 supplying the pending documents: one supply', async () => {
      const id = await submitted('inspection', '211002', ['safety_rules', 'evacuation_plan', 'floor_plan']);
      const acc = await call(t, as('clerk.211000'), 'POST', `/api/v1/licensing/applications/${id}/accept`, { pendingDocuments: ['training_records'] });
      assert.equal(acc.status, 200, JSON.stringify(acc.body));
      const file = await uploadImage(t, as('applicant.211002'));
      const rs = await burst(t, as('applicant.211002'), 'POST', `/api/v1/licensing/applications/${id}/documents`, { materials: { training_records: [file] } });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ALREADY_SUPPLIED']);
      assert.equal(await auditCount(t, 'application.supply_documents', id), 1);
    });

    test('LIC-11 assigning the opening check: one task, one assignment', async () => {
      const id = await accepted();
      const ids = [await userId('inspector.440106'), await userId('inspector2.440106')];
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licensing/applications/${id}/assign`, { inspectorIds: ids });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ALREADY_ASSIGNED']);
      const tasks = await t.ctx.database.db.selectFrom('inspection_tasks').select('id').where('application_id', '=', id).execute();
      assert.equal(tasks.length, 1);
      assert.equal(await auditCount(t, 'inspection_task.assign', tasks[0]!.id), 1);
    });

    test('LIC-04 recording the opening check: one record, one stop, one decision clock', async () => {
      const { id, checklist } = await inspecting();
      const checkClock = (await appRow(id)).clock_id!;
      const rs = await burst(t, as('inspector.440106'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: checklist.map((c) => ({ code: c.code, passed: true })),
        findings: '符合要求',
      });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION', 'LICENSING.TASK_NOT_OPEN']);
      assert.equal(await auditCount(t, 'application.inspected', id), 1);
      assert.equal(await clockEventCount(t, checkClock, 'stop'), 1);
      const clocks = await t.ctx.database.db.selectFrom('clocks').select('id').where('target_id', '=', id).execute();
      assert.equal(clocks.length, 2, 'the check clock and one decision clock');
    });

    test('LIC-04 an opening check queued on a phone and replayed 20 times under its Idempotency-Key is one record', async () => {
      const { id, checklist } = await inspecting();
      const key = `field-${randomUUID()}`;
      const body = { checklist: checklist.map((c) => ({ code: c.code, passed: true })), findings: '符合要求' };
      const rs = await burst(t, as('inspector.440106'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, body, { 'idempotency-key': key });
      for (const r of rs) assert.deepEqual([r.status, r.body.status], [200, 'awaiting_decision'], JSON.stringify(r.body));
      assert.equal(await auditCount(t, 'application.inspected', id), 1);
      const late = await call(t, as('inspector.440106'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, body, {
        'idempotency-key': `field-${randomUUID()}`,
      });
      assert.equal(late.status, 409, JSON.stringify(late.body));
    });

    test('LIC-04 legal review: one review', async () => {
      const { id, checklist } = await inspecting('150102');
      const ins = await call(t, as('inspector.150102'), 'POST', `/api/v1/licensing/applications/${id}/inspection`, {
        checklist: checklist.map((c) => ({ code: c.code, passed: true })),
        findings: '符合要求',
      });
      assert.equal(ins.body.status, 'legal_review', JSON.stringify(ins.body));
      const rs = await burst(t, as('legal_reviewer.150102'), 'POST', `/api/v1/licensing/applications/${id}/legal-review`, { pass: true, opinion: '程序合法' });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      assert.equal(await auditCount(t, 'application.legal_review_pass', id), 1);
    });

    test('LIC-04 decision: one grant, one permit', async () => {
      const id = await awaitingDecision();
      const rs = await burst(t, as('approver.440106'), 'POST', `/api/v1/licensing/applications/${id}/decision`, { grant: true, reasons: [] });
      oneWinner(rs, ['LICENSING.STALE_VERSION', 'LICENSING.ILLEGAL_TRANSITION']);
      const licences = await t.ctx.database.db.selectFrom('licences').select('id').where('application_id', '=', id).execute();
      assert.equal(licences.length, 1);
      assert.equal(await clockEventCount(t, (await appRow(id)).clock_id!, 'stop'), 1);
    });

    test('LIC-08/09 change and reissue requests: one per Idempotency-Key, and a second pending one is refused', async () => {
      const p = await commitmentPermit();
      const applicant = as('applicant.440106');
      const materials = { change_request: [await uploadImage(t, applicant)], name_approval: [await uploadImage(t, applicant)] };
      const amend = { kind: 'amend', changes: { venueName: '鑫源酒楼' }, reason: '场所更名', materials };
      const key = `req-${randomUUID()}`;
      const rs = await burst(t, applicant, 'POST', `/api/v1/licences/${p.licenceId}/requests`, amend, { 'idempotency-key': key });
      const first = oneReplayed(rs, 201);
      const db = t.ctx.database.db;
      const count = async (kind: string) =>
        (
          await db
            .selectFrom('licence_requests')
            .select('id')
            .where('licence_id', '=', p.licenceId)
            .where('kind', '=', kind as 'amend')
            .execute()
        ).length;
      assert.equal(await count('amend'), 1);
      // Sent again without a key (one after another), the same request is refused while the first is pending.
      const again = await call(t, applicant, 'POST', `/api/v1/licences/${p.licenceId}/requests`, amend);
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.code, 'LICENSING.REQUEST_ALREADY_PENDING');
      assert.equal(await count('amend'), 1);
      // Without a key, 20 at once: one reissue request.
      const reissue = { kind: 'reissue', changes: {}, reason: '许可证遗失', materials: {} };
      oneWinner(await burst(t, applicant, 'POST', `/api/v1/licences/${p.licenceId}/requests`, reissue), ['LICENSING.REQUEST_ALREADY_PENDING']);
      assert.equal(await count('reissue'), 1);
      assert.ok(first.body.id);
    });

    test('LIC-08 deciding a change request: one new revision', async () => {
      const p = await commitmentPermit();
      const applicant = as('applicant.440106');
      const materials = { change_request: [await uploadImage(t, applicant)], name_approval: [await uploadImage(t, applicant)] };
      const req = await call(t, applicant, 'POST', `/api/v1/licences/${p.licenceId}/requests`, {
        kind: 'amend',
        changes: { venueName: '鑫源酒楼' },
        reason: '场所更名',
        materials,
      });
      assert.equal(req.status, 201, JSON.stringify(req.body));
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/licence-requests/${req.body.id}/decision`, { approve: true });
      oneWinner(rs, ['LICENSING.REQUEST_NOT_PENDING', 'LICENSING.LICENCE_NOT_VALID']);
      const licences = await t.ctx.database.db.selectFrom('licences').select(['id', 'revision']).where('application_id', '=', p.id).execute();
      assert.deepEqual(licences.map((l) => l.revision).sort(), [1, 2]);
    });

    test('LIC-09 revocation: one revocation, one public notice', async () => {
      const p = await commitmentPermit();
      const rs = await burst(t, as('approver.440106'), 'POST', `/api/v1/licences/${p.licenceId}/revoke`, {
        reason: '以欺骗手段取得许可',
        legalBasis: '《中华人民共和国行政许可法》第六十九条',
      });
      oneWinner(rs, ['LICENSING.LICENCE_NOT_VALID']);
      const notices = await t.ctx.database.db.selectFrom('public_notices').select('id').where('target_id', '=', p.licenceId).execute();
      assert.equal(notices.length, 1);
    });

    test('LIC-10 delivery: one record per Idempotency-Key, and the same delivery again is refused', async () => {
      const p = await commitmentPermit();
      const clerk = as('clerk.440106');
      const body = { method: 'post', recipient: '李敏', address: '广州市天河区人民路100号', trackingNo: `EMS${Date.now()}` };
      const key = `dlv-${randomUUID()}`;
      const rs = await burst(t, clerk, 'POST', `/api/v1/licences/${p.licenceId}/delivery`, body, { 'idempotency-key': key });
      oneReplayed(rs, 200);
      assert.equal(await auditCount(t, 'licence.deliver', p.licenceId), 1);
      const again = await call(t, clerk, 'POST', `/api/v1/licences/${p.licenceId}/delivery`, body);
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.code, 'LICENSING.ALREADY_DELIVERED');
      const other = { ...body, trackingNo: `${body.trackingNo}9` };
      oneWinner(await burst(t, clerk, 'POST', `/api/v1/licences/${p.licenceId}/delivery`, other), ['LICENSING.ALREADY_DELIVERED']);
      assert.equal(await auditCount(t, 'licence.deliver', p.licenceId), 2);
    });

    test('LIC-03 assigning a verification task: one assignment', async () => {
      const p = await commitmentPermit();
      const ids = [await userId('inspector.440106'), await userId('inspector2.440106')];
      const rs = await burst(t, as('clerk.440106'), 'POST', `/api/v1/inspection-tasks/${p.taskId}/assign`, { inspectorIds: ids });
      oneWinner(rs, ['LICENSING.TASK_NOT_OPEN', 'LICENSING.ALREADY_ASSIGNED']);
      assert.equal(await auditCount(t, 'inspection_task.assign', p.taskId), 1);
      // Re-assigning the assigned task to two other inspectors (its status stays "assigned"): the task's
      // version lets one of 20 identical requests apply; the rest find it already so assigned or changed.
      const others = [await userId('inspector.440100'), await userId('inspector2.440100')];
      const again = await burst(t, as('clerk.440106'), 'POST', `/api/v1/inspection-tasks/${p.taskId}/assign`, { inspectorIds: others });
      oneWinner(again, ['LICENSING.TASK_NOT_OPEN', 'LICENSING.ALREADY_ASSIGNED']);
      assert.equal(await auditCount(t, 'inspection_task.assign', p.taskId), 2);
      // The join rows ("my tasks") are the new inspectors' alone: the old rows were found by their key and removed.
      const joined = await t.ctx.database.db
        .selectFrom('inspection_task_inspectors')
        .select(['user_id', 'position'])
        .where('task_id', '=', p.taskId)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        joined.map((j) => j.user_id),
        others,
      );
    });

    test('LIC-03 verification ordering rectification: one numbered order', async () => {
      const v = await assignedVerification();
      const rs = await burst(t, as('inspector.440106'), 'POST', `/api/v1/inspection-tasks/${v.taskId}/verification`, {
        outcome: 'rectification',
        checklist: v.checklist,
        findings: '疏散指示标志损坏',
        rectification: { items: ['更换疏散指示标志'], deadlineWorkingDays: 5 },
      });
      const win = oneWinner(rs, ['LICENSING.TASK_NOT_OPEN']);
      const orders = await t.ctx.database.db.selectFrom('rectification_orders').selectAll().where('source_id', '=', v.taskId).execute();
      assert.equal(orders.length, 1);
      assert.match(orders[0]!.number ?? '', /消责改字〔\d{4}〕第\d{4}号/, 'the order has its document number');
      assert.equal(win.body.rectificationOrderId, orders[0]!.id);
    });

    test('LIC-03 verification finding a serious false commitment: one referral, one credit event, one revocation', async () => {
      const v = await assignedVerification();
      const rs = await burst(t, as('inspector.440106'), 'POST', `/api/v1/inspection-tasks/${v.taskId}/verification`, {
        outcome: 'false_commitment',
        checklist: v.checklist,
        findings: '安全出口被锁闭，与承诺不符',
        serious: true,
      });
      const win = oneWinner(rs, ['LICENSING.TASK_NOT_OPEN']);
      assert.equal(win.body.revoked, true);
      await t.drain();
      const db = t.ctx.database.db;
      assert.equal((await db.selectFrom('enforcement_referrals').select('id').where('source_id', '=', v.taskId).execute()).length, 1);
      assert.equal((await db.selectFrom('credit_events').select('id').where('source_id', '=', v.taskId).execute()).length, 1);
      assert.equal((await db.selectFrom('public_notices').select('id').where('target_id', '=', v.licenceId).execute()).length, 1);
    });

    // Last: it leaves a permit edited outside the record.
    test('LIC-07 every permit written above is sealed as its record left it; one edited outside the record is found', async () => {
      const db = t.ctx.database.db;
      const ids = (await db.selectFrom('licences').select('id').execute()).map((l) => l.id);
      assert.ok(ids.length >= 5, `${ids.length} permits`);
      assert.deepEqual(await verifyRowSeals(db, t.ctx.auditKey, { table: 'licences', ids }), []);
      const sealed = await db.selectFrom('audit_row_seals').select('row_id').where('table_name', '=', 'licences').execute();
      assert.equal(sealed.length, ids.length, 'every permit has its seal');
      await db.updateTable('licences').set({ holder_name: '冒名顶替有限公司' }).where('id', '=', ids[0]!).execute();
      assert.deepEqual(await verifyRowSeals(db, t.ctx.auditKey, { table: 'licences', ids }), [
        { table: 'licences', rowId: ids[0], reason: 'changed_without_record' },
      ]);
    });
  });
}
