import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { uploadImage } from '../../test-support/http.ts';

/** Who reads the enforcement record of a target: the staff of the agency owning it (行政执法全过程记录). */
for (const database of DATABASES) {
  describe(`enforcement record: read by the owning agency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('a Benxi leader reads and verifies the record of an application only submitted to Benxi; Liaoyang gets the 404 and the attempt is recorded', async () => {
      const applicant = await t.login('applicant.210502');
      const files = {
        safety_rules: [await uploadImage(t, applicant)],
        evacuation_plan: [await uploadImage(t, applicant)],
        floor_plan: [await uploadImage(t, applicant)],
        training_records: [await uploadImage(t, applicant)],
      };
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/licensing/applications',
        headers: bearer(applicant),
        payload: {
          regionCode: '210502',
          venueKind: 'restaurant',
          floorArea: 1280,
          investment: 3_000_000,
          companyName: '本溪平山餐饮有限公司',
          legalRepresentative: '王建华',
          contactName: '李敏',
          contactPhone: '13800138000',
          venueName: '平山大酒店',
          venueAddress: '平山路1号',
          path: 'inspection',
          materials: files,
          submit: true,
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { id: string }).id;
      // Every event of the application's chain so far was written by the applicant, who belongs to no agency.
      const events = await t.ctx.database.db.selectFrom('audit_events').select('actor_agency_id').where('chain_id', '=', `application:${id}`).execute();
      assert.ok(events.length > 0 && events.every((e) => e.actor_agency_id === null));

      const leader = await t.login('leader.210500');
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/audit/events?target=application:${id}`, headers: bearer(leader) });
      assert.equal(read.statusCode, 200, read.body);
      assert.ok((read.json() as { action: string }[]).some((e) => e.action.startsWith('application.')));
      const verify = await t.app.inject({ method: 'GET', url: `/api/v1/audit/verify?target=${id}`, headers: bearer(leader) });
      assert.equal(verify.statusCode, 200, verify.body);
      assert.equal(verify.json().ok, true);

      const other = await t.login('leader.211000');
      const refused = await t.app.inject({ method: 'GET', url: `/api/v1/audit/events?target=application:${id}`, headers: bearer(other) });
      assert.equal(refused.statusCode, 404);
      const denied = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('outcome')
        .where('action', '=', 'access.refused')
        .where('target_id', '=', `application:${id}`)
        .execute();
      assert.deepEqual(
        denied.map((d) => d.outcome),
        ['denied'],
      );
    });
  });
}
