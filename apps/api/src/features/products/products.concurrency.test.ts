import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * Every products transition under 20 parallel identical requests (MKT-02): the draw, the result of a sampled
 * product (with its referrals and enforcement event), and the market referral's send and reply. One applies, the
 * others get 409 with a stable code (never a 5xx, never a second sample, referral or event). PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`products concurrency [${database}]`, () => {
    let t: TestApp;
    let leader = '';
    let inspector = '';
    before(async () => {
      t = await startTestApp(database);
      leader = await t.login('leader.211000');
      inspector = await t.login('inspector.211000');
    });
    after(() => t.close());

    const post = async (token: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const par = (fn: () => ReturnType<typeof post>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof post>>[], code: string) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, code]);
      return rs.find((r) => r.status === 200)!.body;
    };

    test('MKT-02 20 parallel draws, results and referral moves: exactly one effect each', async () => {
      const plan = await post(leader, '/api/v1/products/plans', {
        title: '并发测试：使用领域灭火器抽查',
        field: 'use',
        categoryCodes: ['extinguisher'],
        sampleCount: 1,
        publicValueSource: '并发测试公开随机数',
        candidates: [{ usci: completeUsci('91211000MA8200001'), name: '并发测试商场', crowdedPlace: true }],
      });
      assert.equal(plan.status, 201, JSON.stringify(plan.body));

      const drawn = oneWins(await par(() => post(leader, `/api/v1/products/plans/${plan.body.id}/draw`, { publicValue: '7 7 7' })), 'PRODUCTS.PLAN_STATE');
      assert.equal(drawn.samples.length, 1);
      const samples = await t.ctx.database.db.selectFrom('product_check_samples').select('id').where('plan_id', '=', plan.body.id).execute();
      assert.equal(samples.length, 1, 'one set of samples');
      const sampleId = drawn.samples[0].id as string;

      const result = {
        verdict: 'unqualified',
        categoryCode: 'extinguisher',
        productName: '手提式干粉灭火器',
        model: 'MFZ/ABC4',
        manufacturer: '并发测试消防器材厂',
        certificateNo: null,
        findings: ['no_certificate'],
        findingsNote: '',
      };
      oneWins(await par(() => post(inspector, `/api/v1/products/samples/${sampleId}/result`, result)), 'PRODUCTS.SAMPLE_STATE');
      const db = t.ctx.database.db;
      const refs = await db.selectFrom('product_market_referrals').selectAll().where('sample_id', '=', sampleId).execute();
      assert.equal(refs.length, 1, 'one market referral');
      const events = await db.selectFrom('domain_events').select('type').where('target_id', '=', sampleId).execute();
      assert.equal(events.filter((e) => e.type === 'products.use_unqualified').length, 1, 'one enforcement event');
      await t.drain();
      assert.equal(
        (await db.selectFrom('enforcement_referrals').select('id').where('source_id', '=', sampleId).execute()).length,
        1,
        'one enforcement referral',
      );

      const refId = refs[0]!.id;
      oneWins(await par(() => post(inspector, `/api/v1/products/referrals/${refId}/status`, { action: 'send', note: '函' })), 'PRODUCTS.REFERRAL_STATE');
      const replied = oneWins(
        await par(() => post(inspector, `/api/v1/products/referrals/${refId}/status`, { action: 'reply', note: '已查处' })),
        'PRODUCTS.REFERRAL_STATE',
      );
      assert.equal(replied.status, 'replied');
    });
  });
}
