import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

const N = 20;

for (const database of DATABASES) {
  describe(`expert guidance [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.440106', 'clerk.440106', 'clerk.211000']) tok[u] = await t.login(u);
    });
    after(() => t.close());

    const ask = (key: string) =>
      call(
        t,
        tok['applicant.440106']!,
        'POST',
        '/api/v1/guidance/requests',
        { regionCode: '440106', subject: '天河区某重点建设项目', mode: 'on_site', topic: '消防设施施工质量和消防控制室设置', contact: '13800001234' },
        { 'idempotency-key': key },
      );
    const wins = (rs: { status: number; body: Json }[], ok: number) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) assert.deepEqual([r.status, r.body.code], [409, 'GUIDANCE.STATE']);
    };
    const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));

    test('SVC-05 a unit requests guidance; staff assign an expert group, record a visit, follow each advice item to done, then close', async () => {
      const clerk = tok['clerk.440106']!;
      const r = await ask('guid-req-000001');
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual([r.body.modeLabel, r.body.statusLabel], ['现场指导', '待指派专家']);
      assert.equal((await call(t, tok['applicant.440106']!, 'GET', '/api/v1/guidance/requests/mine')).body.items.length, 1);
      // Another agency does not see it.
      assert.equal(
        (await call(t, tok['clerk.211000']!, 'POST', `/api/v1/guidance/requests/${r.body.id}/assign`, { experts: ['甲工', '乙工'], version: 0 })).status,
        404,
      );
      const one = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/assign`, { experts: ['张工', '张工'], version: 0 });
      assert.deepEqual([one.status, one.body.code], [400, 'GUIDANCE.INVALID']);
      const a = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/assign`, { experts: ['张工', '李工'], version: 0 });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.deepEqual(a.body.experts, ['张工', '李工']);
      const early = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/close`, { version: a.body.version });
      assert.deepEqual([early.status, early.body.code], [409, 'GUIDANCE.ADVICE_OPEN']);
      const v = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/visits`, {
        visitedOn: '2026-11-23',
        advice: ['消防控制室值班人员持证上岗', '补设室内消火栓'],
        version: a.body.version,
      });
      assert.equal(v.status, 200, JSON.stringify(v.body));
      assert.equal(v.body.advice.length, 2);
      const first = v.body.advice[0];
      const d = await call(t, clerk, 'POST', `/api/v1/guidance/advice/${first.id}/done`, { note: '已取得证书', version: first.version });
      assert.equal(d.status, 200);
      assert.deepEqual(
        d.body.advice.map((x: Json) => x.statusLabel),
        ['已落实', '待落实'],
      );
      const open = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/close`, { version: d.body.version });
      assert.deepEqual([open.status, open.body.code], [409, 'GUIDANCE.ADVICE_OPEN']);
      const second = v.body.advice[1];
      await call(t, clerk, 'POST', `/api/v1/guidance/advice/${second.id}/done`, { note: '已补设', version: second.version });
      const c = await call(t, clerk, 'POST', `/api/v1/guidance/requests/${r.body.id}/close`, { version: d.body.version });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.equal(c.body.statusLabel, '已办结');
      const queue = await call(t, clerk, 'GET', '/api/v1/guidance/requests?open=true');
      assert.ok(!queue.body.items.some((x: Json) => x.id === r.body.id));
    });

    test('SVC-05 20 parallel identical requests of each transition apply once (assign, visit, advice done, close)', async () => {
      const clerk = tok['clerk.440106']!;
      const r = await ask('guid-par-000001');
      const id = r.body.id;
      wins(await parallel(() => call(t, clerk, 'POST', `/api/v1/guidance/requests/${id}/assign`, { experts: ['王工', '赵工'], version: 0 })), 200);
      wins(
        await parallel(() =>
          call(t, clerk, 'POST', `/api/v1/guidance/requests/${id}/visits`, { visitedOn: '2026-11-23', advice: ['疏散通道保持畅通'], version: 1 }),
        ),
        200,
      );
      const rows = await t.ctx.database.db.selectFrom('guidance_advice').selectAll().where('request_id', '=', id).execute();
      assert.equal(rows.length, 1);
      wins(await parallel(() => call(t, clerk, 'POST', `/api/v1/guidance/advice/${rows[0]!.id}/done`, { note: '已清理', version: 0 })), 200);
      wins(await parallel(() => call(t, clerk, 'POST', `/api/v1/guidance/requests/${id}/close`, { version: 2 })), 200);
    });
  });
}
