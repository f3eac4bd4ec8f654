import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chinaDateOf, completeUsci } from '@fep/domain';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * Every new market transition under 20 parallel identical requests (MKT-01): an engineer registered once, a
 * status changed once, a report number recorded once, an art. 69 violation with one Idempotency-Key recorded
 * once (and one credit record per subject), a ban once. On SQLite one connection serialises them; PostgreSQL is
 * where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;

for (const database of DATABASES) {
  describe(`market concurrency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const post = async (token: string, url: string, payload: unknown, headers: Record<string, string> = {}) => {
      const r = await t.app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload: payload as string });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));
    const oneWins = (rs: { status: number; body: Json }[], ok: number) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.equal(r.status, 409, JSON.stringify(r.body));
    };

    test('MKT-01 20 parallel: engineer registered once, status changed once, report once, violation once per Idempotency-Key (one credit record per subject), ban once', async () => {
      const db = t.ctx.database.db;
      const inspector = await t.login('inspector.211000');
      const leader = await t.login('leader.211000');
      const today = chinaDateOf(t.clock.now);
      const org = (
        await post(inspector, '/api/v1/market/organisations', {
          usci: completeUsci('91211000MA7300001'),
          name: '并发测试消防检测有限公司',
          kind: 'maintenance_testing',
          declared: {
            enterpriseLegalPerson: true,
            workplaceSquareMetres: 260,
            firstClassEngineers: 1,
            secondClassEngineers: 1,
            operators: 8,
            intermediateOperators: 3,
            qualitySystem: true,
          },
        })
      ).body;

      const registered = await parallel(() =>
        post(inspector, `/api/v1/market/organisations/${org.id}/engineers`, { name: '并发工', certificateNo: 'ZC2026990001', class: 'first' }),
      );
      oneWins(registered, 201);
      const engineer = registered.find((r) => r.status === 201)!.body;
      assert.equal((await db.selectFrom('service_engineers').select('id').where('organisation_id', '=', org.id).execute()).length, 1);

      const statuses = await parallel(() => post(inspector, `/api/v1/market/engineers/${engineer.id}/status`, { status: 'suspended', version: 0 }));
      oneWins(statuses, 200);
      const back = await post(inspector, `/api/v1/market/engineers/${engineer.id}/status`, { status: 'practising', version: 1 });
      assert.equal(back.status, 200);

      const reports = await parallel(() =>
        post(inspector, `/api/v1/market/organisations/${org.id}/reports`, {
          reportNumber: 'BF-001',
          kind: 'maintenance',
          unitUsci: completeUsci('91211000MA7300002'),
          unitName: '并发测试单位',
          reportDate: today,
          engineerId: engineer.id,
          conclusion: 'rectify',
        }),
      );
      oneWins(reports, 201);

      const violation = { kind: 'inaccurate_document', severity: 'general', facts: '并发测试：报告数据失实', foundOn: today, engineerId: engineer.id };
      const violations = await parallel(() =>
        post(leader, `/api/v1/market/organisations/${org.id}/violations`, violation, { 'idempotency-key': `mkt-violation-${database}` }),
      );
      assert.deepEqual(
        violations.filter((r) => r.status >= 500),
        [],
      );
      for (const r of violations) assert.ok([201, 409].includes(r.status), JSON.stringify(r.body));
      const rows = await db.selectFrom('service_violations').select('id').where('organisation_id', '=', org.id).execute();
      assert.equal(rows.length, 1, 'one violation');
      assert.ok(
        violations.filter((r) => r.status === 201).every((r) => r.body.id === rows[0]!.id),
        'replays name the same violation',
      );
      await t.drain();
      const credit = await db.selectFrom('credit_events').select(['usci', 'points']).where('source_id', '=', rows[0]!.id).execute();
      assert.equal(credit.length, 2, 'one credit record for the organisation, one for the engineer');

      const bans = await parallel(() =>
        post(leader, `/api/v1/market/organisations/${org.id}/bans`, {
          subject: 'organisation',
          measure: 'suspension',
          startsOn: today,
          endsOn: '2027-12-31',
          reason: '并发测试：责令停止执业',
          legalBasis: '《中华人民共和国消防法》第六十九条第一款',
        }),
      );
      oneWins(bans, 201);
      assert.equal((await db.selectFrom('service_bans').select('id').where('organisation_id', '=', org.id).execute()).length, 1);
    });
  });
}
