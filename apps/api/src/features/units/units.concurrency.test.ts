import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completeUsci } from '@fep/domain';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * SUP-01 unit registration under races and retries (PREAMBLE "Concurrency tests"), on SQLite and
 * PostgreSQL: one USCI, one unit; a retried request is answered from its Idempotency-Key.
 */
const N = 20;

for (const database of DATABASES) {
  describe(`units: concurrent and retried registration [${database}]`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await startTestApp(database);
      clerk = await t.login('clerk.211000');
    });
    after(() => t.close());

    const body = (usci: string) => ({
      usci,
      name: '辽阳并发测试商贸有限公司',
      address: '白塔区测试路1号',
      regionCode: '211002',
      contactName: '张三',
      contactPhone: '13800001111',
    });
    const post = (usci: string, key?: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { ...bearer(clerk), ...(key ? { 'idempotency-key': key } : {}) }, payload: body(usci) });
    const count = async (usci: string) => (await t.ctx.database.db.selectFrom('units').select('id').where('usci', '=', usci).execute()).length;

    test('a retry with the same Idempotency-Key after the first attempt committed gets the stored 201, not UNIT.DUPLICATE', async () => {
      const usci = completeUsci('91211002MA1000001');
      const first = await post(usci, 'unit-create-retry-01');
      assert.equal(first.statusCode, 201, first.body);
      const retry = await post(usci, 'unit-create-retry-01');
      assert.equal(retry.statusCode, 201, retry.body);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.deepEqual(retry.json(), first.json());
      // Without the key the same USCI is a duplicate.
      const again = await post(usci);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'UNIT.DUPLICATE');
      assert.equal(await count(usci), 1);
    });

    test('20 identical registrations with one Idempotency-Key: one unit, the same 201 for all', async () => {
      const usci = completeUsci('91211002MA1000002');
      const rs = await Promise.all(Array.from({ length: N }, () => post(usci, 'unit-create-race-01')));
      assert.ok(
        rs.every((r) => r.statusCode === 201),
        rs.map((r) => r.statusCode).join(','),
      );
      assert.equal(new Set(rs.map((r) => r.json().id)).size, 1);
      assert.equal(await count(usci), 1);
    });

    test('20 identical registrations without a key: one 201, the others 409 UNIT.DUPLICATE, never a 5xx', async () => {
      const usci = completeUsci('91211002MA1000003');
      const rs = await Promise.all(Array.from({ length: N }, () => post(usci)));
      const codes = rs.map((r) => (r.statusCode === 201 ? '201' : `${r.statusCode} ${r.json().code}`));
      assert.equal(codes.filter((c) => c === '201').length, 1, codes.join(','));
      assert.ok(
        codes.every((c) => c === '201' || c === '409 UNIT.DUPLICATE'),
        codes.join(','),
      );
      assert.equal(await count(usci), 1);
      const records = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'unit.create')
        .where('target_id', '=', rs.find((r) => r.statusCode === 201)!.json().id)
        .execute();
      assert.equal(records.length, 1);
    });

    test('name search finds a substring through the trigram index, and short terms still match', async () => {
      const q = async (term: string) =>
        (await t.app.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(term)}&limit=200`, headers: bearer(clerk) })).json() as {
          items: { name: string }[];
        };
      const long = await q('并发测试商贸');
      assert.ok(long.items.length >= 1 && long.items.every((u) => u.name.includes('并发测试商贸')));
      const short = await q('并发');
      assert.ok(short.items.length >= long.items.length && short.items.every((u) => u.name.includes('并发')));
      const quoted = await q('"并发');
      assert.equal(quoted.items.length, 0, 'quotes in the term are matched literally, not as FTS syntax');
    });
  });
}
