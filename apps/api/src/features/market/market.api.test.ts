import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/**
 * Fire technical service organisations on both databases (MKT-01): the register with self-declared conditions,
 * verification against 应急管理部令第7号 art. 5, the public directory listing a failing organisation with the
 * conditions it fails, and the verifiable spot-check draw that always draws it.
 */
const facts = {
  enterpriseLegalPerson: true,
  workplaceSquareMetres: 260,
  firstClassEngineers: 1,
  secondClassEngineers: 2,
  operators: 8,
  intermediateOperators: 3,
  qualitySystem: true,
};

for (const database of DATABASES) {
  describe(`market: technical service organisations [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    test('MKT-01 an organisation failing its conditions is listed with the failures and drawn for a spot check; compliant ones only at the rate', async () => {
      const inspector = await t.login('inspector.211000');
      const register = async (n: number, name: string, declared = facts) =>
        call(t, inspector, 'POST', '/api/v1/market/organisations', {
          usci: completeUsci(`91211000MA${String(7000000 + n)}`),
          name,
          kind: 'maintenance_testing',
          declared,
        });
      const good = await register(1, '辽阳合规消防检测有限公司');
      const bad = await register(2, '辽阳不达标消防维保有限公司');
      const other = await register(3, '辽阳另一合规消防检测有限公司');
      assert.equal(good.status, 201, JSON.stringify(good.body));
      assert.equal(bad.body.status, 'declared');
      assert.deepEqual(bad.body.failures, []);
      assert.equal((await register(1, '重复登记')).status, 409);

      // On site: 150 ㎡ and no first-class engineer, whatever was declared.
      const verified = await call(t, inspector, 'POST', `/api/v1/market/organisations/${bad.body.id}/verification`, {
        verified: { ...facts, workplaceSquareMetres: 150, firstClassEngineers: 0 },
        version: bad.body.version,
      });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.status, 'failing');
      assert.deepEqual(verified.body.failures, ['workplace', 'first_class_engineers']);
      const ok = await call(t, inspector, 'POST', `/api/v1/market/organisations/${good.body.id}/verification`, { verified: facts });
      assert.equal(ok.body.status, 'verified');
      const stale = await call(t, inspector, 'POST', `/api/v1/market/organisations/${bad.body.id}/verification`, {
        verified: facts,
        version: bad.body.version,
      });
      assert.equal(stale.status, 409, 'a verification on a stale version is refused');

      const directory = await call(t, null, 'GET', '/api/v1/public/organisations?region=211000');
      const listed = directory.body.items.find((o: Json) => o.id === bad.body.id);
      assert.deepEqual([listed.status, listed.failures], ['failing', ['workplace', 'first_class_engineers']]);
      assert.equal((await call(t, await t.login('leader.440106'), 'GET', '/api/v1/market/organisations')).body.items.length, 0, 'another agency sees none');

      const leader = await t.login('leader.211000');
      const draw = await call(t, leader, 'POST', '/api/v1/market/spot-checks', { publicValue: '2026-12-01 3D 4 4 7', rate: 0 });
      assert.equal(draw.status, 200, JSON.stringify(draw.body));
      assert.deepEqual(
        draw.body.drawn.map((d: Json) => [d.usci, d.reason]),
        [[bad.body.usci, 'failing_conditions']],
      );
      assert.match(draw.body.seed, /^[0-9a-f]{64}$/);
      const all = await call(t, leader, 'POST', '/api/v1/market/spot-checks', { publicValue: '2026-12-01 3D 4 4 7', rate: 1 });
      assert.deepEqual(all.body.drawn.map((d: Json) => d.usci).sort(), [good.body.usci, bad.body.usci, other.body.usci].sort());
      const again = await call(t, leader, 'POST', '/api/v1/market/spot-checks', { publicValue: '2026-12-01 3D 4 4 7', rate: 1 });
      assert.equal(again.body.seed, all.body.seed, 'the same inputs and public value give the same draw');
    });
  });
}
