import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addWorkingDays, chinaDateOf } from '@fep/domain';
import { loadCalendar } from '../../platform/calendar/calendar.repository.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, uploadImage } from '../../test-support/http.ts';

/**
 * ENF-04 scheduling a hearing under 20 parallel identical requests: one schedule, one 听证通知书, the others 409
 * ENFORCEMENT.CASE_STATE (never 5xx). On SQLite one writer serialises them; PostgreSQL is where races show.
 */
const N = 20;
for (const database of DATABASES) {
  describe(`enforcement hearing schedule concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.211000', 'inspector.211000', 'approver.211000']) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);

    test('ENF-04 a hearing scheduled by 20 parallel identical requests is scheduled and notified once', async () => {
      const db = t.ctx.database.db;
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const opened = await as('inspector.211000', '/api/v1/enforcement/cases', {
        regionCode: '211000',
        party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
        violationCode: 'XFF-60-1-3',
        facts: '营业期间安全出口被锁闭',
        circumstances: { harmfulConsequence: true },
        coOfficerId: ids['inspector2.211000'],
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const url = (step: string) => `/api/v1/enforcement/cases/${opened.body.id}/${step}`;
      assert.equal((await as('approver.211000', url('filing'), { approve: true })).status, 200);
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      assert.equal((await as('inspector.211000', url('evidence'), { fileId, kind: 'photo', description: '现场照片' })).status, 200);
      assert.equal((await as('inspector.211000', url('notice'), { outcome: 'fine', fine: 43000 })).status, 200);
      assert.equal((await as('applicant.211000', `/api/v1/portal/penalties/${opened.body.id}/hearing-request`)).status, 200);
      const day = addWorkingDays(await loadCalendar(db, '211000'), chinaDateOf(t.clock.now), 8).date;
      const body = { hostUserId: ids['leader.211000'], hearingAt: `${day} 09:30`, place: '辽阳市消防救援支队听证室' };
      const rs = await Promise.all(Array.from({ length: N }, () => as('inspector.211000', url('hearing-schedule'), body)));
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENFORCEMENT.CASE_STATE']);
      const notices = await db
        .selectFrom('enforcement_documents')
        .select('id')
        .where('case_id', '=', opened.body.id)
        .where('kind', '=', 'hearing_notice')
        .execute();
      assert.equal(notices.length, 1);
      const audits = await db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', opened.body.id)
        .where('action', '=', 'enforcement_case.hearing_schedule')
        .execute();
      assert.equal(audits.length, 1);
    });
  });
}
