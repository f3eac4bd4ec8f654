import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, multipartFile, startTestApp, type TestApp, TINY_PNG } from '../../test-support/harness.ts';
import { overridePolicy } from '../../test-support/policy.ts';

/**
 * LIC-01/LIC-07: the application reference and the permit number have the form of the handling agency's
 * licensing.numbering policy; the application keeps the version in its policy record and the record
 * events of the application and of the permit cite it.
 */
for (const database of DATABASES) {
  describe(`licensing: document numbers from policy [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const post = async (token: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
      return { status: r.statusCode, body: r.json() as Record<string, unknown> };
    };
    const upload = async (token: string) => {
      const mp = multipartFile('doc.png', Buffer.concat([TINY_PNG, Buffer.from(randomUUID())]), 'image/png');
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...bearer(token), ...mp.headers }, payload: mp.payload });
      assert.equal(r.statusCode, 201, r.body);
      return (r.json() as { id: string }).id;
    };
    const details = async (action: string, targetId: string) =>
      JSON.parse(
        (
          await t.ctx.database.db
            .selectFrom('audit_events')
            .select('details')
            .where('action', '=', action)
            .where('target_id', '=', targetId)
            .executeTakeFirstOrThrow()
        ).details,
      ) as { numbering?: string };

    test("LIC-01/07 a jurisdiction's licensing.numbering override sets the reference and the permit number, citing the version", async () => {
      const key = await overridePolicy(t, '440106', 'licensing.numbering', {
        permitTemplate: '穗{agency}消许〔{year}〕{seq}号',
        permitSeqDigits: 3,
        referenceTemplate: 'GZ-{region}-{year}-{seq}',
        referenceSeqDigits: 6,
      });
      assert.equal(key, 'licensing.numbering@440106v1');
      const version = 'licensing.numbering@national+440106v1';
      const applicant = await t.login('applicant.440106');
      const clerk = await t.login('clerk.440106');
      const materials = {
        safety_rules: [await upload(applicant)],
        evacuation_plan: [await upload(applicant)],
        floor_plan: [await upload(applicant)],
        training_records: [await upload(applicant)],
      };
      const created = await post(applicant, '/api/v1/licensing/applications', {
        regionCode: '440106',
        venueKind: 'restaurant',
        floorArea: 1280,
        investment: 3_000_000,
        companyName: '鑫垚餐饮管理有限公司',
        legalRepresentative: '王建华',
        contactName: '李敏',
        contactPhone: '13800138000',
        venueName: '鑫源大酒店',
        venueAddress: '人民路100号',
        path: 'commitment',
        materials,
        commitment: { signerName: '王建华', accepted: true },
        submit: true,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.match(String(created.body.referenceNo), /^GZ-440106-2026-\d{6}$/);
      const app = await t.ctx.database.db.selectFrom('applications').select('policy_json').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal((JSON.parse(app.policy_json) as Record<string, string>)['licensing.numbering'], version);
      assert.equal((await details('application.create', id)).numbering, version);

      const accepted = await post(clerk, `/api/v1/licensing/applications/${id}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const licence = accepted.body.licence as unknown as { id: string; number: string };
      assert.match(licence.number, /^穗天河消许〔2026〕\d{3}号$/);
      assert.equal((await details('licence.issue', licence.id)).numbering, version);
    });
  });
}
