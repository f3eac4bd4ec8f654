import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { systemActor } from '../../platform/actor.ts';
import { findAgency } from '../../platform/org/agencies.repository.ts';
import { transact } from '../../platform/transact.ts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { overridePolicy } from '../../test-support/policy.ts';
import { enterUnitFromApplication } from './index.ts';

/**
 * SUP-01: a new unit's risk and credit level are its agency's units.defaults policy — registered by a
 * clerk or entered by licensing when a permit is granted — and the unit's record event names the version.
 */
for (const database of DATABASES) {
  describe(`units: default levels from policy [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const levels = (usci: string) =>
      t.ctx.database.db.selectFrom('units').select(['id', 'risk_level', 'credit_level']).where('usci', '=', usci).executeTakeFirstOrThrow();
    const recordVersion = async (unitId: string) =>
      (
        await t.ctx.database.db
          .selectFrom('audit_events')
          .select('policy_version')
          .where('action', '=', 'unit.create')
          .where('target_id', '=', unitId)
          .executeTakeFirstOrThrow()
      ).policy_version;
    const register = async (token: string, usci: string, regionCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: bearer(token),
        payload: { usci, name: '默认等级测试商贸有限公司', address: '测试路1号', regionCode },
      });
    const input = (usci: string, agencyId: string, regionCode = '211002') => ({
      applicationId: `app-${usci}`,
      usci,
      name: '许可录入测试餐饮有限公司',
      address: '人民路100号',
      regionCode,
      agencyId,
      venueKind: 'restaurant',
      floorArea: 1280,
      ownerUserId: null,
      contactName: '李敏',
      contactPhone: '13800138000',
    });
    const enter = (usci: string, regionCode: string) =>
      transact(t.ctx, systemActor(), async (trx, audit) => {
        const agency = (await findAgency(trx, regionCode))!;
        return enterUnitFromApplication(trx, t.ctx, audit, input(usci, agency.id, regionCode));
      });

    test("SUP-01 a jurisdiction's units.defaults override sets a registered and a licensing-entered unit's levels; elsewhere the national default", async () => {
      assert.equal(await overridePolicy(t, '211000', 'units.defaults', { riskLevel: 'high', creditLevel: 'B' }), 'units.defaults@211000v1');
      const liaoyang = await t.login('clerk.211000');
      const guangzhou = await t.login('clerk.440106');
      const registered = completeUsci('91211002MA2000001');
      const r1 = await register(liaoyang, registered, '211002');
      assert.equal(r1.statusCode, 201, r1.body);
      assert.equal(r1.json().riskLevel, 'high');
      assert.equal(r1.json().creditLevel, 'B');
      const entered = completeUsci('91211002MA2000002');
      const e = await enter(entered, '211002');
      assert.equal(e.created, true);
      const national = completeUsci('91440106MA2000003');
      const r2 = await register(guangzhou, national, '440106');
      assert.equal(r2.statusCode, 201, r2.body);
      const table: Array<[string, string, string, string, string]> = [
        ['registered by a Liaoyang clerk', registered, 'high', 'B', 'units.defaults@national+211000v1'],
        ['entered by licensing in Liaoyang', entered, 'high', 'B', 'units.defaults@national+211000v1'],
        ['registered in Guangzhou', national, 'medium', 'A', 'units.defaults@national'],
      ];
      for (const [what, usci, risk, credit, version] of table) {
        const u = await levels(usci);
        assert.equal(u.risk_level, risk, what);
        assert.equal(u.credit_level, credit, what);
        assert.equal(await recordVersion(u.id), version, `${what}: the record event cites the version`);
      }
      // A unit already in the directory is left as it is (no second entry, no second record event).
      let recorded = 0;
      const agency = (await findAgency(t.ctx.database.db, '211002'))!;
      const again = await t.ctx.database.db.transaction().execute((trx) =>
        enterUnitFromApplication(
          trx,
          t.ctx,
          async () => {
            recorded++;
          },
          { ...input(entered, agency.id), name: '另一个名称' },
        ),
      );
      assert.deepEqual(again, { id: e.id, created: false });
      assert.equal(recorded, 0);
    });
  });
}
