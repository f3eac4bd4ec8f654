import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registrationInput } from '../../test-support/engineers.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * LIC-12 transitions under 20 parallel identical requests: one application per person, one decision, one
 * dispatch; the others a 409, never a 5xx. PostgreSQL is where races show.
 */
const N = 20;

for (const database of DATABASES) {
  describe(`engineer registration concurrency [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'approver.440106']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));
    const noServerError = (rs: { status: number; body: Json }[]) =>
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );

    test('LIC-12 20 parallel applications, decisions and dispatches each have exactly one effect', async () => {
      const app = tok['applicant.440106']!;
      const file = await uploadImage(t, app, 'q.png');
      const applied = await parallel(() => call(t, app, 'POST', '/api/v1/engineers/registrations', registrationInput([file], '44010619950505567X')));
      noServerError(applied);
      assert.equal(applied.filter((r) => r.status === 201).length, 1, JSON.stringify(applied.map((r) => [r.status, r.body.code])));
      for (const r of applied.filter((x) => x.status !== 201)) assert.equal(r.status, 409);
      const db = t.ctx.database.db;
      const rows = await db.selectFrom('engineer_registrations').selectAll().where('id_number', '=', '44010619950505567X').execute();
      assert.equal(rows.length, 1);
      const id = rows[0]!.id;

      const decided = await parallel(() =>
        call(t, tok['approver.440106']!, 'POST', `/api/v1/engineers/registrations/${id}/decision`, { outcome: 'approve', version: 0 }),
      );
      noServerError(decided);
      assert.equal(decided.filter((r) => r.status === 200).length, 1);
      for (const r of decided.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENGINEER.STATE']);
      const events = await db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', id)
        .where('action', '=', 'engineer.registration.approve')
        .execute();
      assert.equal(events.length, 1);

      const dispatched = await parallel(() =>
        call(t, tok['clerk.440106']!, 'POST', `/api/v1/engineers/registrations/${id}/dispatch`, {
          courier: '顺丰速运',
          trackingNo: 'SF1234567890',
          version: 1,
        }),
      );
      noServerError(dispatched);
      assert.equal(dispatched.filter((r) => r.status === 200).length, 1);
      for (const r of dispatched.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'ENGINEER.STATE']);
      const row = await db.selectFrom('engineer_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.version], ['dispatched', 2]);
    });
  });
}
