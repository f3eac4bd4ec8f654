import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepClocks } from '../../platform/clocks/sweep.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';
import { deliverNotifications } from './delivery.ts';
import { MAX_DELIVERY_ATTEMPTS, TestSmsSender } from './index.ts';

/**
 * NTF: the notification centre fed by domain events — an applicant submits, the clerk is told; the clerk
 * accepts, the applicant is told (in-app, and by SMS through the test double where wanted); unread count,
 * keyset pages, mark read (one / all), channel choices; the SMS delivery log with retries, backoff and dead
 * letters. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
 */
const N = 20;
const ALL4 = ['safety_rules', 'evacuation_plan', 'floor_plan', 'training_records'];

for (const database of DATABASES) {
  describe(`notification centre [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const sms = new TestSmsSender();
    let appIds: string[] = [];

    /** The product clock moves a second per step, so newest-first is the order of the acts. */
    const tick = () => t.clock.advance(1000);
    async function submit(name: string): Promise<string> {
      tick();
      const materials: Record<string, string[]> = {};
      for (const c of ALL4) materials[c] = [await uploadImage(t, tok.applicant!)];
      const r = await call(
        t,
        tok.applicant!,
        'POST',
        '/api/v1/licensing/applications',
        applicationInput('440106', 'inspection', materials, { venueName: name, submit: true }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    }
    const list = async (who: string, query = '') =>
      (await call(t, tok[who]!, 'GET', `/api/v1/notifications${query}`)).body as { items: Json[]; nextCursor: string | null };
    const unread = async (who: string) => (await call(t, tok[who]!, 'GET', '/api/v1/notifications/unread-count')).body.count as number;

    before(async () => {
      t = await startTestApp(database, { env: { FEP_SMS_PROVIDER: 'test' } });
      tok.applicant = await t.login('applicant.440106');
      tok.clerk = await t.login('clerk.440106');
      tok.otherClerk = await t.login('clerk.211000');
      tok.admin = await t.login('admin.440000');
      appIds = [await submit('通知测试酒店一号'), await submit('通知测试酒店二号'), await submit('通知测试酒店三号')];
      await t.drain();
    });
    after(() => t.close());

    test('NTF-01 a submitted application tells the clerks of the handling agency, linking to its file in the back office', async () => {
      const page = await list('clerk');
      const mine = page.items.filter((n) => n.kind === 'application_submitted');
      assert.equal(mine.length, 3);
      assert.match(mine[0]!.title, /^新的许可申请：通知测试酒店三号$/);
      assert.equal(mine[0]!.link, `/admin/applications/${appIds[2]}`);
      assert.equal(mine[0]!.kindLabel, '新的许可申请');
      assert.equal(mine[0]!.readAt, null);
      // Another agency's clerk hears nothing of it; the applicant is not told of their own act.
      assert.equal((await list('otherClerk')).items.filter((n) => n.kind === 'application_submitted').length, 0);
      assert.equal(await unread('applicant'), 0);
    });

    test('NTF-02 the clerk accepts: the applicant sees one unread notification in Chinese linking to the application; redelivery adds none', async () => {
      tick();
      const r = await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${appIds[0]}/accept`, {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(await unread('applicant'), 0, 'nothing before the event is dispatched');
      await t.drain();
      assert.equal(await unread('applicant'), 1);
      const [n] = (await list('applicant', '?unread=true')).items;
      assert.equal(n!.kind, 'application_accepted');
      assert.equal(n!.title, '申请已受理：通知测试酒店一号');
      assert.match(n!.body, /已受理/);
      assert.equal(n!.link, `/portal/applications/${appIds[0]}`);
      // A redelivered event (its delivery put back in line) replays through the claim: still one notification.
      await t.ctx.database.db.updateTable('event_deliveries').set({ status: 'pending' }).where('subscriber', '=', 'notifications.notify').execute();
      await t.drain();
      assert.equal(await unread('applicant'), 1);
    });

    test('NTF-03 notice issued and permit refused each reach the applicant; keyset pages walk the list without gaps or repeats', async () => {
      tick();
      let r = await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${appIds[1]}/notice`, {
        items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      r = await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${appIds[2]}/reject`, { reasons: ['不属于本机构受理范围'] });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      await t.drain();
      const all = (await list('applicant')).items;
      assert.deepEqual(
        all.map((n) => n.kind),
        ['notice_issued', 'application_accepted'],
        'rejection at intake is not a decision: no permit notification',
      );
      assert.match(all[0]!.body, /需补正 1 项内容/);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Json = (await call(t, tok.clerk!, 'GET', `/api/v1/notifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).body;
        assert.ok(page.items.length <= 1);
        seen.push(...page.items.map((n: Json) => n.id as string));
        cursor = page.nextCursor;
      } while (cursor);
      const whole = (await list('clerk', '?limit=100')).items.map((n) => n.id);
      assert.deepEqual(seen, whole);
      assert.equal(new Set(seen).size, seen.length);
    });

    test('NTF-04 mark read: 20 parallel identical requests, one effect and the rest 409; another user\u2019s notification is 404', async () => {
      const [n] = (await list('applicant', '?unread=true')).items;
      const before = await unread('applicant');
      const rs = await Promise.all(Array.from({ length: N }, () => call(t, tok.applicant!, 'POST', `/api/v1/notifications/${n!.id}/read`)));
      const ok = rs.filter((x) => x.status === 200);
      assert.equal(ok.length, 1, JSON.stringify(rs.map((x) => [x.status, x.body.code])));
      for (const x of rs.filter((y) => y.status !== 200)) {
        assert.equal(x.status, 409);
        assert.equal(x.body.code, 'NOTIFICATION.ALREADY_READ');
      }
      assert.ok(ok[0]!.body.readAt);
      assert.equal(await unread('applicant'), before - 1);
      const records = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'notification.read')
        .where('target_id', '=', n!.id)
        .execute();
      assert.equal(records.length, 1, 'one enforcement record for the one effect');
      const foreign = await call(t, tok.clerk!, 'POST', `/api/v1/notifications/${n!.id}/read`);
      assert.equal(foreign.status, 404);
    });

    test('NTF-05 mark all read: 20 parallel, one effect; then nothing unread (409)', async () => {
      assert.ok((await unread('clerk')) > 0);
      const rs = await Promise.all(Array.from({ length: N }, () => call(t, tok.clerk!, 'POST', '/api/v1/notifications/read-all')));
      const ok = rs.filter((x) => x.status === 200);
      assert.equal(ok.length, 1, JSON.stringify(rs.map((x) => [x.status, x.body.code])));
      assert.ok(ok[0]!.body.marked >= 3);
      assert.ok(rs.filter((x) => x.status !== 200).every((x) => x.status === 409 && x.body.code === 'NOTIFICATION.NOTHING_UNREAD'));
      assert.equal(await unread('clerk'), 0);
    });

    test('NTF-06 channel choice: 20 parallel identical changes, one effect; SMS off means no SMS is queued for that kind; a staff kind is refused to a business', async () => {
      const prefs = (await call(t, tok.applicant!, 'GET', '/api/v1/notifications/preferences')).body;
      assert.match(prefs.phone, /^\d{3}\*{4}\d{4}$/, 'the phone number is masked');
      assert.equal(prefs.smsAvailable, true);
      assert.ok(
        prefs.items.every((i: Json) => i.kind !== 'application_submitted'),
        'a business sees only its own kinds',
      );
      assert.equal(prefs.items.find((i: Json) => i.kind === 'permit_granted').label, '准予许可');
      const rs = await Promise.all(
        Array.from({ length: N }, () => call(t, tok.applicant!, 'PUT', '/api/v1/notifications/preferences/notice_issued', { sms: false })),
      );
      const ok = rs.filter((x) => x.status === 200);
      assert.equal(ok.length, 1, JSON.stringify(rs.map((x) => [x.status, x.body.code])));
      assert.ok(rs.filter((x) => x.status !== 200).every((x) => x.status === 409 && x.body.code === 'NOTIFICATION.PREFERENCE_UNCHANGED'));
      const refused = await call(t, tok.applicant!, 'PUT', '/api/v1/notifications/preferences/application_submitted', { sms: true });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, 'NOTIFICATION.KIND_NOT_YOURS');
      // A second notice: in-app yes, SMS no (acceptance earlier queued one, its default being on).
      const id = await submit('通知测试酒店四号');
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${id}/notice`, { items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }] });
      await t.drain();
      const rows = await t.ctx.database.db
        .selectFrom('notification_deliveries')
        .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
        .select(['notifications.kind', 'notifications.target_id'])
        .execute();
      assert.ok(rows.some((r) => r.kind === 'application_accepted'));
      assert.ok(!rows.some((r) => r.kind === 'notice_issued' && r.target_id === id));
      assert.ok((await list('applicant')).items.some((n) => n.kind === 'notice_issued' && n.link === `/portal/applications/${id}`));
    });

    test('NTF-07 SMS delivery: sent through the adapter; a failure is retried after 2ⁿ s; repeated failures end dead; the log masks numbers', async () => {
      const db = t.ctx.database.db;
      const [pending] = await db
        .selectFrom('notification_deliveries')
        .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
        .selectAll('notification_deliveries')
        .where('status', '=', 'pending')
        .where('notifications.kind', '=', 'application_accepted')
        .execute();
      assert.ok(pending, 'acceptance queued an SMS');
      // Everything else queued so far goes first, so that the steps below see this one delivery.
      await db.updateTable('notification_deliveries').set({ next_attempt_at: '2000-01-01T00:00:00.000Z' }).where('id', '!=', pending.id).execute();
      await deliverNotifications(t.ctx, sms, 'test-a');
      await db.updateTable('notification_deliveries').set({ status: 'pending', attempts: 0, sent_at: null }).where('id', '=', pending.id).execute();
      sms.sent.length = 0;
      sms.failNext = 1;
      let r = await deliverNotifications(t.ctx, sms, 'test-a');
      assert.deepEqual({ sent: r.sent, failed: r.failed }, { sent: 0, failed: 1 });
      let row = await db.selectFrom('notification_deliveries').selectAll().where('id', '=', pending.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /按设定失败/);
      assert.equal(new Date(row.next_attempt_at).getTime() - t.clock.now.getTime(), 2000, 'first retry after 2 s');
      r = await deliverNotifications(t.ctx, sms, 'test-a');
      assert.equal(r.sent + r.failed, 0, 'not due yet');
      t.clock.advance(2000);
      r = await deliverNotifications(t.ctx, sms, 'test-a');
      assert.equal(r.sent, 1);
      row = await db.selectFrom('notification_deliveries').selectAll().where('id', '=', pending.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.attempts], ['sent', 2]);
      assert.match(row.provider_message_id ?? '', /^test-\d+$/);
      assert.equal(sms.sent[0]!.phone, pending.recipient);
      assert.equal(sms.sent[0]!.title, '申请已受理：通知测试酒店一号');

      // A new SMS that always fails: retried with growing backoff, dead after the last attempt.
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${appIds[1]}/reject`, { reasons: ['逾期未补正'] });
      const before = await db.selectFrom('notification_deliveries').select('id').execute();
      const id = await submit('通知测试酒店五号');
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${id}/accept`, {});
      await t.drain();
      const fresh = (await db.selectFrom('notification_deliveries').selectAll().execute()).filter((d) => !before.some((b) => b.id === d.id));
      assert.equal(fresh.length, 1);
      sms.failAll = 'temporary';
      const waits: number[] = [];
      for (let i = 1; i <= MAX_DELIVERY_ATTEMPTS; i++) {
        await deliverNotifications(t.ctx, sms, 'test-a');
        const d = await db.selectFrom('notification_deliveries').selectAll().where('id', '=', fresh[0]!.id).executeTakeFirstOrThrow();
        assert.equal(d.attempts, i);
        assert.equal(d.status, i < MAX_DELIVERY_ATTEMPTS ? 'failed' : 'dead');
        waits.push(new Date(d.next_attempt_at).getTime() - t.clock.now.getTime());
        t.clock.advance(waits[waits.length - 1]!);
      }
      assert.deepEqual(waits.slice(0, 3), [2000, 4000, 8000]);
      r = await deliverNotifications(t.ctx, sms, 'test-a');
      assert.equal(r.sent + r.failed + r.dead, 0, 'a dead delivery is not tried again');
      sms.failAll = false;

      const log = await call(t, tok.admin!, 'GET', '/api/v1/notifications/deliveries');
      assert.equal(log.status, 200, JSON.stringify(log.body));
      assert.ok(log.body.items.length >= 2);
      for (const d of log.body.items) assert.match(d.recipient, /^\d{3}\*{4}\d{4}$/);
      const dead = (await call(t, tok.admin!, 'GET', '/api/v1/notifications/deliveries?status=dead')).body.items as Json[];
      assert.equal(dead.length, 1);
      assert.equal(dead[0]!.statusLabel, '多次失败，已停止');
      assert.equal((await call(t, tok.applicant!, 'GET', '/api/v1/notifications/deliveries')).status, 403);
    });

    test('NTF-08 a permanent refusal by the provider is dead at once; two processes never send one message twice', async () => {
      const db = t.ctx.database.db;
      const id = await submit('通知测试酒店六号');
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${id}/notice`, { items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }] });
      await t.drain();
      // notice_issued SMS is off for this applicant (NTF-06); switch it back on and issue a new one on another file.
      await call(t, tok.applicant!, 'PUT', '/api/v1/notifications/preferences/notice_issued', { sms: true });
      const id2 = await submit('通知测试酒店七号');
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${id2}/notice`, { items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }] });
      const id3 = await submit('通知测试酒店八号');
      await call(t, tok.clerk!, 'POST', `/api/v1/licensing/applications/${id3}/notice`, { items: [{ target: 'material:floor_plan', reason: '平面图不清晰' }] });
      await t.drain();
      const due = await db
        .selectFrom('notification_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .orderBy('next_attempt_at')
        .orderBy('id')
        .execute();
      assert.equal(due.length, 2);
      sms.failAll = 'permanent';
      await deliverNotifications(t.ctx, sms, 'test-a', 1);
      sms.failAll = false;
      const deadNow = await db.selectFrom('notification_deliveries').selectAll().where('id', '=', due[0]!.id).executeTakeFirstOrThrow();
      assert.deepEqual([deadNow.status, deadNow.attempts], ['dead', 1]);
      const sentBefore = sms.sent.length;
      const results = await Promise.all([deliverNotifications(t.ctx, sms, 'process-a'), deliverNotifications(t.ctx, sms, 'process-b')]);
      assert.equal(
        results.reduce((s, x) => s + x.sent, 0),
        1,
      );
      assert.equal(sms.sent.length, sentBefore + 1);
    });

    test('NTF-09 a rectification order is told to the unit; its extension request to the agency\u2019s approvers; the decision back to the unit', async () => {
      const region = '211000';
      for (const u of ['clerk', 'inspector', 'applicant', 'approver']) tok[`${u}.${region}`] = await t.login(`${u}.${region}`);
      const as = (u: string) => tok[`${u}.${region}`]!;
      const db = t.ctx.database.db;
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', `applicant.${region}`).executeTakeFirstOrThrow()).usci!;
      const inspectorIds = (
        await db
          .selectFrom('users')
          .select('id')
          .where('username', 'in', [`inspector.${region}`, `inspector2.${region}`])
          .orderBy('username')
          .execute()
      ).map((u) => u.id);
      tick();
      const task = await call(t, as('clerk'), 'POST', '/api/v1/supervision/tasks', {
        usci,
        trigger: 'complaint',
        reason: '群众举报疏散通道堵塞',
        inspectorIds,
      });
      assert.equal(task.status, 201, JSON.stringify(task.body));
      const detail = (await call(t, as('inspector'), 'GET', `/api/v1/inspection-tasks/${task.body.id}`)).body;
      const rec = await call(t, as('inspector'), 'POST', `/api/v1/inspection-tasks/${task.body.id}/record`, {
        mode: 'remote',
        checklist: (detail.checklist as { code: string }[]).map((i) => ({ code: i.code, passed: true })),
        hazards: [{ description: '疏散指示标志损坏', major: false, photoIds: [] }],
        findings: '发现隐患一处',
        signatures: { inspectors: [await uploadImage(t, as('inspector')), await uploadImage(t, as('inspector'))], representative: null },
        order: { deadlineWorkingDays: 5, guidance: '更换疏散指示标志' },
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      await t.drain();
      const issued = (await list(`applicant.${region}`)).items.find((n) => n.kind === 'order_issued');
      assert.ok(issued, 'the unit is told of the order');
      assert.match(issued.body, /责令限期改正通知书（.+）/);
      assert.equal(issued.link, '/portal/orders');

      tick();
      const ext = await call(t, as('applicant'), 'POST', `/api/v1/portal/orders/${rec.body.orderId}/extension`, { days: 3, reason: '配件采购中' });
      assert.equal(ext.status, 201, JSON.stringify(ext.body));
      await t.drain();
      const asked = (await list(`approver.${region}`)).items.find((n) => n.kind === 'extension_requested');
      assert.ok(asked, 'the approvers of the agency are told');
      assert.match(asked.body, /延长 3 个工作日/);
      assert.equal(asked.link, '/admin/orders');

      tick();
      const decided = await call(t, as('approver'), 'POST', `/api/v1/order-extensions/${ext.body.id}/decision`, { approve: true, reason: '情况属实' });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      await t.drain();
      const told = (await list(`applicant.${region}`)).items[0]!;
      assert.equal(told.kind, 'extension_decided');
      assert.match(told.title, /^延期申请已批准：/);
      assert.match(told.body, new RegExp(`新的整改期限为 ${decided.body.deadline}`));
    });

    test('OVS-01 a clock alert raised by the sweep becomes a notification of the clock’s assignee or the agency’s clerks', async () => {
      const before = await t.ctx.database.db.selectFrom('notifications').select('id').where('kind', 'in', ['clock_due_soon', 'clock_overdue']).execute();
      t.clock.advance(40 * 24 * 3600_000);
      const swept = await sweepClocks(t.ctx, 'sweeper');
      assert.ok(swept.dueSoon + swept.overdue > 0);
      await t.drain();
      const after = await t.ctx.database.db.selectFrom('notifications').selectAll().where('kind', 'in', ['clock_due_soon', 'clock_overdue']).execute();
      assert.ok(after.length > before.length);
      tok.clerk = await t.login('clerk.440106');
      const mine = (await list('clerk', '?unread=true&limit=100')).items.filter((n) => n.kind === 'clock_overdue');
      assert.ok(mine.length > 0, 'the clerks of 440106 hear of their overdue intake clocks');
      assert.match(mine[0]!.title, /^【已超期】/);
      assert.match(mine[0]!.body, /依据/);
      assert.match(mine[0]!.link, /^\/admin\//);
    });
  });
}
