import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadMaterials } from '../../test-support/http.ts';

/**
 * The place of a venue on the portal (issue 11.3): picked as 省 → 市 → 区 from GB/T 2260, the handling
 * agency derived from it (the deepest level with an agency, moved up by the approval authority policy),
 * and a blank optional investment read as unknown, never as 0 CNY (LIC-01, LIC-02).
 */
for (const database of DATABASES) {
  describe(`portal jurisdiction: place, handling agency, unknown investment [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('LIC-01 the place picker: served provinces as 省 → 市 → 区 (GB/T 2260), public, without development-zone codes', async () => {
      const r = await call(t, null, 'GET', '/api/v1/regions');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const tree = r.body as unknown as {
        code: string;
        name: string;
        children: { code: string; name: string; children: { code: string; name: string }[] }[];
      }[];
      // The demo serves Jiangxi, Guangdong, Inner Mongolia and Liaoning; no other province is offered.
      assert.deepEqual(
        tree.map((p) => p.code),
        ['150000', '210000', '360000', '440000'],
      );
      const gd = tree.find((p) => p.code === '440000')!;
      assert.equal(gd.name, '广东省');
      const gz = gd.children.find((c) => c.code === '440100')!;
      assert.equal(gz.name, '广州市');
      assert.deepEqual(
        gz.children.find((c) => c.code === '440106'),
        { code: '440106', name: '天河区' },
      );
      // Every county lies in its city, and none is a statistical development zone (71–79).
      for (const p of tree)
        for (const c of p.children) {
          assert.equal(c.code.slice(0, 2), p.code.slice(0, 2));
          for (const k of c.children) {
            assert.equal(k.code.slice(0, 4), c.code.slice(0, 4));
            const n = Number(k.code.slice(4));
            assert.ok(n < 71 || n > 79, `${k.code} ${k.name} is a development-zone code`);
          }
        }
    });

    test('LIC-01 the handling agency is derived from the place at the deepest level that has an agency', async () => {
      const cases: Array<[string, string]> = [
        ['440106', '广州市天河区消防救援大队'], // Tianhe has its brigade
        ['440103', '广州市消防救援支队'], // Liwan has none on the platform: the city detachment
        ['440300', '广东省消防救援总队'], // Shenzhen has no agency on the platform: the province's corps
        ['360102', '南昌市东湖区消防救援大队'],
      ];
      for (const [region, name] of cases) {
        const g = await call(t, null, 'GET', `/api/v1/licensing/guide?region=${region}`);
        assert.equal(g.status, 200, JSON.stringify(g.body));
        assert.equal(g.body.agency.name, name, `place ${region}`);
      }
      // The guide of a place is that place's: Guangzhou's exemption (500 ㎡ or 100 万元), not Nanchang's 300 ㎡.
      const tianhe = await call(t, null, 'GET', '/api/v1/services/guides?agency=440106');
      assert.equal(tianhe.body.agency.name, '广州市天河区消防救援大队');
      const exemptionGuide = (tianhe.body.guides as Json[]).find((g) => g.code === 'licensing.exemption_query')!;
      assert.match(exemptionGuide.summary, /500/);
      assert.doesNotMatch(exemptionGuide.summary, /300平方米/);
      // A place outside the provinces served is refused with a reason, not sent to some agency.
      const outside = await call(t, null, 'GET', '/api/v1/licensing/guide?region=110105');
      assert.equal(outside.status, 400);
      assert.match(outside.body.message, /不在本平台服务的辖区内/);
    });

    test('LIC-02 a blank investment is unknown, never 0 CNY: the check says it cannot judge that rule and does not exempt on it', async () => {
      for (const investment of [null, undefined]) {
        const body: Json = { regionCode: '440106', venueKind: 'mall', floorArea: 1280 };
        if (investment === null) body.investment = null;
        const r = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', body);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.exempt, false);
        assert.equal(r.body.undetermined, true);
        const text = (r.body.reasons as string[]).join('；');
        assert.match(text, /未填写工程投资额（视为未知，不按 0 计算）/);
        assert.doesNotMatch(text, /0 元/);
      }
      const zero = await call(t, null, 'POST', '/api/v1/licensing/exemption-check', {
        regionCode: '440106',
        venueKind: 'mall',
        floorArea: 1280,
        investment: 0,
      });
      assert.deepEqual([zero.body.exempt, zero.body.undetermined], [true, false]);
    });

    test('LIC-01/02 an application for a Tianhe venue with a blank investment is submitted, kept blank and reaches the Tianhe clerk', async () => {
      const applicant = await t.login('applicant.440106');
      const files = await uploadMaterials(t, applicant);
      const r = await call(
        t,
        applicant,
        'POST',
        '/api/v1/licensing/applications',
        {
          regionCode: '440106',
          venueKind: 'restaurant',
          floorArea: 1280,
          investment: null,
          companyName: '嘉禾酒店有限公司',
          legalRepresentative: '陈明',
          contactName: '李敏',
          contactPhone: '13800138000',
          venueName: '天河嘉禾酒楼',
          venueAddress: '天河路200号',
          path: 'commitment',
          materials: files,
          commitment: { signerName: '陈明', accepted: true },
          submit: true,
        },
        { 'idempotency-key': `jur-${Date.now()}` },
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.status, 'submitted');
      assert.equal(r.body.investment, null, 'a blank investment stays unknown');
      assert.equal(r.body.exemption.exempt, false);
      assert.equal(r.body.exemption.undetermined, true);

      const tianhe = await call(t, await t.login('clerk.440106'), 'GET', '/api/v1/licensing/applications');
      assert.ok(
        (tianhe.body.items as Json[]).some((a) => a.id === r.body.id),
        'the application is in the Tianhe brigade clerk’s queue',
      );
      const detail = await call(t, await t.login('clerk.440106'), 'GET', `/api/v1/licensing/applications/${r.body.id}`);
      assert.equal(detail.status, 200);
      const tianheAgency = (await call(t, null, 'GET', '/api/v1/licensing/guide?region=440106')).body.agency.id;
      assert.equal(detail.body.agencyId, tianheAgency);
    });
  });
}
