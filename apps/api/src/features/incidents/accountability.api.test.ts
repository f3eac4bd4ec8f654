import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

const N = 20;

for (const database of DATABASES) {
  describe(`fire accountability and evaluation [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    let incidentIds: string[] = [];
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['inspector.440106', 'inspector.211000']) tok[u] = await t.login(u);
      const db = t.ctx.database.db;
      const investigators = (await db.selectFrom('users').select('id').where('username', 'in', ['inspector.440106', 'inspector2.440106']).execute()).map(
        (u) => u.id,
      );
      const at = (h: number) => new Date(t.ctx.now().getTime() - h * 3_600_000).toISOString();
      incidentIds = [];
      for (const place of ['天河区某商场', '天河区某厂房']) {
        const r = await call(t, tok['inspector.440106']!, 'POST', '/api/v1/incidents', {
          place,
          reportedAt: at(10),
          extinguishedAt: at(9),
          conditions: {
            factsClear: true,
            noObjection: true,
            noCompensationDispute: true,
            casualties: 2,
            arsonSuspected: false,
            insuranceClaim: false,
            directLoss: 500000,
          },
          investigatorUserIds: investigators,
          sealing: { areas: ['一层'], photoFileIds: [] },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        incidentIds.push(r.body.id);
      }
    });
    after(() => t.close());

    const body = {
      deaths: 2,
      highImpact: true,
      teamLead: '天河区人民政府',
      teamMembers: ['区应急管理局', '区消防救援大队', '区住房和城乡建设局'],
      parties: [
        { party: 'construction', name: '某建设单位', findings: '擅自改变使用性质' },
        { party: 'design', name: '某设计院', findings: '疏散宽度不足' },
        { party: 'supervision', name: '某监理公司', findings: '未履行监理职责' },
        { party: 'intermediary', name: '某消防技术服务机构', findings: '出具虚假检测报告' },
        { party: 'product', name: '某防火门厂', findings: '产品不合格' },
        { party: 'management', name: '某商场管理公司', findings: '消防控制室无人值守' },
      ],
      measures: '全区商场开展专项整治；物业管理单位建立每日防火巡查制度',
    };

    test('FIR-04 a fatal fire gets a government-led accountability investigation, evaluated after a year, published', async () => {
      const insp = tok['inspector.440106']!;
      const minor = await call(t, insp, 'POST', `/api/v1/incidents/${incidentIds[0]}/accountability`, { ...body, deaths: 0, highImpact: false });
      assert.deepEqual([minor.status, minor.body.code], [422, 'INCIDENT.NOT_ACCOUNTABLE']);
      const other = await call(t, tok['inspector.211000']!, 'POST', `/api/v1/incidents/${incidentIds[0]}/accountability`, body);
      assert.equal(other.status, 404);
      const r = await call(t, insp, 'POST', `/api/v1/incidents/${incidentIds[0]}/accountability`, body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.parties.map((p: { partyLabel: string }) => p.partyLabel),
        ['建设单位', '设计单位', '监理单位', '中介服务机构', '消防产品生产销售单位', '使用管理单位'],
      );
      assert.equal(r.body.statusLabel, '已调查，整改评估中');
      const dueMs = Date.parse(`${r.body.evaluationDue}T00:00:00Z`) - t.ctx.now().getTime();
      assert.ok(Math.abs(dueMs / 86_400_000 - 365) <= 2, `one year: ${r.body.evaluationDue}`);
      assert.match(r.body.legalBasis, /待确认/);
      const again = await call(t, insp, 'POST', `/api/v1/incidents/${incidentIds[0]}/accountability`, body);
      assert.deepEqual([again.status, again.body.code], [409, 'INCIDENT.ACCOUNTABILITY_EXISTS']);

      // The back office's ledger: the agency's own (and below), with the fire's place; another city's staff do not see it.
      const ledger = await call(t, insp, 'GET', '/api/v1/incident-accountability');
      assert.equal(ledger.status, 200);
      assert.ok(ledger.body.items.some((x: { id: string; place: string }) => x.id === r.body.id && x.place.length > 0));
      const foreign = await call(t, tok['inspector.211000']!, 'GET', '/api/v1/incident-accountability');
      assert.ok(!foreign.body.items.some((x: { id: string }) => x.id === r.body.id));
      const pub = await call(t, null, 'GET', '/api/v1/public/incident-accountability');
      assert.equal(pub.status, 200);
      assert.ok(pub.body.items.some((x: { id: string }) => x.id === r.body.id));
      const ev = await call(t, insp, 'POST', `/api/v1/incident-accountability/${r.body.id}/evaluation`, { findings: '整改措施全部落实', version: 0 });
      assert.equal(ev.status, 200, JSON.stringify(ev.body));
      assert.deepEqual([ev.body.statusLabel, ev.body.evaluation], ['整改措施已评估', '整改措施全部落实']);
      const twice = await call(t, insp, 'POST', `/api/v1/incident-accountability/${r.body.id}/evaluation`, { findings: '再次', version: 0 });
      assert.deepEqual([twice.status, twice.body.code], [409, 'INCIDENT.STATE']);
      const pub2 = await call(t, null, 'GET', '/api/v1/public/incident-accountability');
      assert.equal(pub2.body.items.find((x: { id: string }) => x.id === r.body.id).evaluation, '整改措施全部落实');
    });

    test('FIR-04 20 parallel records of one fire keep one; 20 parallel evaluations apply once', async () => {
      const insp = tok['inspector.440106']!;
      const parallel = (f: () => Promise<{ status: number; body: Json }>) => Promise.all(Array.from({ length: N }, f));
      const recs = await parallel(() => call(t, insp, 'POST', `/api/v1/incidents/${incidentIds[1]}/accountability`, body));
      assert.deepEqual(
        recs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
      );
      assert.equal(recs.filter((r) => r.status === 201).length, 1, JSON.stringify(recs.map((r) => [r.status, r.body.code])));
      for (const r of recs.filter((x) => x.status !== 201)) assert.equal(r.status, 409);
      const id = recs.find((r) => r.status === 201)!.body.id;
      const evs = await parallel(() => call(t, insp, 'POST', `/api/v1/incident-accountability/${id}/evaluation`, { findings: '已落实', version: 0 }));
      assert.equal(evs.filter((r) => r.status === 200).length, 1);
      for (const r of evs.filter((x) => x.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'INCIDENT.STATE']);
      const events = await t.ctx.database.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute();
      assert.equal(events.filter((e) => e.action === 'incident.accountability.evaluate').length, 1);
    });
  });
}
