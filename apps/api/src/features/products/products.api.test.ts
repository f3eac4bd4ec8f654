import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/**
 * Fire products under supervision on both databases (MKT-02): a plan in distribution is published with its inputs,
 * drawn with the announced public value (replayable by anyone), an unqualified extinguisher is transferred to
 * market regulation and the transfer moves to sent and replied; a plan in use draws a crowded place whose
 * unqualified alarm detector becomes an enforcement referral (消防法 art. 65 ¶2) through the domain event.
 */
const usci = (n: number) => completeUsci(`91211000MA${String(8100000 + n)}`);
const extinguisher = {
  verdict: 'unqualified',
  categoryCode: 'extinguisher',
  productName: '手提式干粉灭火器',
  model: 'MFZ/ABC4',
  manufacturer: '某某消防器材有限公司',
  certificateNo: null,
  findings: ['no_certificate', 'quality_nonconforming'],
  findingsNote: '灭火剂充装量不足',
};

for (const database of DATABASES) {
  describe(`products: fire product spot checks [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('MKT-02 categories flag compulsory certification; a distribution plan is drawn verifiably and an unqualified product is transferred to market regulation', async () => {
      const leader = await t.login('leader.211000');
      const inspector = await t.login('inspector.211000');
      const cats = await call(t, inspector, 'GET', '/api/v1/products/categories');
      assert.equal(cats.status, 200);
      const ccc = cats.body.items.filter((c: Json) => c.ccc).map((c: Json) => c.code);
      assert.deepEqual(ccc, ['fire_alarm', 'extinguisher', 'emergency_lighting', 'escape_device', 'self_rescue_respirator']);

      const plan = await call(t, leader, 'POST', '/api/v1/products/plans', {
        title: '2026 年流通领域灭火器抽查',
        field: 'distribution',
        categoryCodes: ['extinguisher', 'fire_alarm'],
        sampleCount: 2,
        publicValueSource: '2026-12-08 福利彩票 3D 开奖号码',
        candidates: [1, 2, 3, 4, 5].map((n) => ({ usci: usci(n), name: `辽阳消防器材经销部${n}`, crowdedPlace: false })),
      });
      assert.equal(plan.status, 201, JSON.stringify(plan.body));
      assert.deepEqual([plan.body.status, plan.body.candidateCount, plan.body.seed], ['published', 5, null]);
      assert.match(plan.body.inputsHash, /^[0-9a-f]{64}$/);
      const published = await call(t, null, 'GET', '/api/v1/public/product-checks?region=211000');
      assert.ok(published.body.items.some((p: Json) => p.id === plan.body.id && p.inputsHash === plan.body.inputsHash && p.publicValue === null));
      const inputs = await t.app.inject({ method: 'GET', url: `/api/v1/public/product-checks/${plan.body.id}/inputs` });
      assert.match(inputs.body, /^FEP-DRAW-INPUT v1\n/);
      assert.equal((await call(t, null, 'GET', `/api/v1/public/product-checks/${plan.body.id}/replay`)).status, 409, 'nothing to replay before the draw');

      assert.equal((await call(t, inspector, 'POST', `/api/v1/products/plans/${plan.body.id}/draw`, { publicValue: '4 4 7' })).status, 403);
      const drawn = await call(t, leader, 'POST', `/api/v1/products/plans/${plan.body.id}/draw`, { publicValue: '4 4 7' });
      assert.equal(drawn.status, 200, JSON.stringify(drawn.body));
      assert.equal(drawn.body.status, 'drawn');
      assert.equal(drawn.body.samples.length, 2);
      assert.match(drawn.body.seed, /^[0-9a-f]{64}$/);
      assert.equal((await call(t, leader, 'POST', `/api/v1/products/plans/${plan.body.id}/draw`, { publicValue: '9 9 9' })).body.code, 'PRODUCTS.PLAN_STATE');
      const replay = await call(t, null, 'GET', `/api/v1/public/product-checks/${plan.body.id}/replay`);
      assert.equal(replay.status, 200, JSON.stringify(replay.body));
      assert.equal(replay.body.matches, true);
      assert.deepEqual(replay.body.recomputedDrawn, drawn.body.samples.map((s: Json) => s.usci).sort());

      const [first, second] = drawn.body.samples as [Json, Json];
      const bad = await call(t, inspector, 'POST', `/api/v1/products/samples/${first.id}/result`, { ...extinguisher, categoryCode: 'fire_hose' });
      assert.equal(bad.body.code, 'PRODUCTS.RESULT_INVALID', 'a category outside the plan is refused');
      const noFindings = await call(t, inspector, 'POST', `/api/v1/products/samples/${first.id}/result`, { ...extinguisher, findings: [] });
      assert.equal(noFindings.body.code, 'PRODUCTS.RESULT_INVALID');
      const result = await call(t, inspector, 'POST', `/api/v1/products/samples/${first.id}/result`, { ...extinguisher, version: first.version });
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal(result.body.statusLabel, '不合格');
      assert.deepEqual(result.body.followUps, ['移送市场监管部门（待移送）']);
      assert.equal((await call(t, inspector, 'POST', `/api/v1/products/samples/${first.id}/result`, extinguisher)).body.code, 'PRODUCTS.SAMPLE_STATE');
      const ok = await call(t, inspector, 'POST', `/api/v1/products/samples/${second.id}/result`, {
        ...extinguisher,
        verdict: 'qualified',
        findings: [],
        findingsNote: '',
        certificateNo: '2026081801000123',
      });
      assert.deepEqual(ok.body.followUps, []);

      const referrals = await call(t, inspector, 'GET', '/api/v1/products/referrals');
      const ref = referrals.body.items.find((r: Json) => r.sampleId === first.id);
      assert.deepEqual([ref.kindLabel, ref.statusLabel], ['移送市场监管部门', '待移送']);
      assert.match(ref.reason, /流通领域抽查发现灭火器“手提式干粉灭火器”.*未取得强制性产品认证/);
      assert.equal(
        (await call(t, inspector, 'POST', `/api/v1/products/referrals/${ref.id}/status`, { action: 'reply', note: '' })).body.code,
        'PRODUCTS.REFERRAL_STATE',
      );
      const sent = await call(t, inspector, 'POST', `/api/v1/products/referrals/${ref.id}/status`, {
        action: 'send',
        note: '辽市监函〔2026〕12 号',
        version: 0,
      });
      assert.equal(sent.body.status, 'sent', JSON.stringify(sent.body));
      const replied = await call(t, inspector, 'POST', `/api/v1/products/referrals/${ref.id}/status`, { action: 'reply', note: '已立案查处经销商' });
      assert.deepEqual([replied.body.status, replied.body.replyNote], ['replied', '已立案查处经销商']);
      assert.equal((await call(t, await t.login('leader.440106'), 'GET', '/api/v1/products/referrals')).body.items.length, 0, 'another agency sees none');
      assert.equal((await call(t, await t.login('leader.440106'), 'GET', `/api/v1/products/plans/${plan.body.id}`)).status, 404);

      const pub = (await call(t, null, 'GET', '/api/v1/public/product-checks?region=211000')).body.items.find((p: Json) => p.id === plan.body.id);
      assert.equal(pub.publicValue, '4 4 7');
      assert.deepEqual(pub.samples.map((s: Json) => s.statusLabel).sort(), ['不合格', '合格']);
      assert.ok(pub.samples.some((s: Json) => s.findingLabels.includes('未取得强制性产品认证')));
      assert.ok(!JSON.stringify(pub).includes(usci(1)), 'no USCI on the public page');
    });

    test('MKT-02 a crowded place using an unqualified product in the use field becomes an enforcement referral (消防法 art. 65 ¶2); another user only a notification', async () => {
      const leader = await t.login('leader.211000');
      const inspector = await t.login('inspector.211000');
      const plan = await call(t, leader, 'POST', '/api/v1/products/plans', {
        title: '2026 年使用领域火灾报警产品抽查',
        field: 'use',
        categoryCodes: ['fire_alarm'],
        sampleCount: 2,
        publicValueSource: '2026-12-08 福利彩票 3D 开奖号码',
        candidates: [
          { usci: usci(11), name: '辽阳欢乐KTV', crowdedPlace: true },
          { usci: usci(12), name: '辽阳某仓储公司', crowdedPlace: false },
        ],
      });
      assert.equal(plan.status, 201, JSON.stringify(plan.body));
      const drawn = await call(t, leader, 'POST', `/api/v1/products/plans/${plan.body.id}/draw`, { publicValue: '1 2 3' });
      const byUsci = new Map((drawn.body.samples as Json[]).map((s) => [s.usci, s]));
      const detector = {
        ...extinguisher,
        categoryCode: 'fire_alarm',
        productName: '点型光电感烟火灾探测器',
        model: 'JTY-GD-01',
        findings: ['quality_nonconforming'],
      };
      const ktv = await call(t, inspector, 'POST', `/api/v1/products/samples/${byUsci.get(usci(11))!.id}/result`, detector);
      assert.equal(ktv.status, 200, JSON.stringify(ktv.body));
      assert.deepEqual(ktv.body.followUps, ['通报市场监管部门（待移送）', '使用单位为人员密集场所，已移送执法（消防法第六十五条第二款）']);
      const store = await call(t, inspector, 'POST', `/api/v1/products/samples/${byUsci.get(usci(12))!.id}/result`, detector);
      assert.deepEqual(store.body.followUps, ['通报市场监管部门（待移送）']);

      await t.drain();
      await t.drain();
      const refs = (await call(t, inspector, 'GET', '/api/v1/enforcement/referrals')).body.items.filter(
        (r: Json) => r.usci === usci(11) || r.usci === usci(12),
      );
      assert.equal(refs.length, 1, 'one referral, for the crowded place only');
      assert.deepEqual([refs[0].usci, refs[0].subjectName, refs[0].sourceLabel], [usci(11), '辽阳欢乐KTV', '人员密集场所使用不合格消防产品']);
      assert.match(refs[0].reason, /人员密集场所使用不合格的消防产品：火灾报警产品“点型光电感烟火灾探测器”/);
    });
  });
}
