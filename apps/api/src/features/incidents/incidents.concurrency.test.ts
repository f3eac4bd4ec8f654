import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';

/**
 * Every incidents transition under 20 parallel identical requests (FIR-01 … FIR-03): the sealing shrink and lift, the
 * determination clock's pause and extension, the loss declaration, the determination, the review application, its
 * acceptance and its decision. One applies, the others get 409 with a stable code (never a 5xx, never a second
 * change record, review or clock). PostgreSQL is where races show.
 */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
type Json = Record<string, any>;
const N = 20;
const HOUR = 3_600_000;

for (const database of DATABASES) {
  describe(`incidents concurrency [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(() => t.close());

    const post = async (token: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as string });
      return { status: r.statusCode, body: r.json() as Json };
    };
    const par = (fn: () => ReturnType<typeof post>) => Promise.all(Array.from({ length: N }, fn));
    const oneWins = (rs: Awaited<ReturnType<typeof post>>[], codes: string[], ok = 200) => {
      assert.deepEqual(
        rs.filter((r) => r.status >= 500).map((r) => r.body),
        [],
        'no 5xx',
      );
      assert.equal(rs.filter((r) => r.status === ok).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== ok)) {
        assert.equal(r.status, 409, JSON.stringify(r.body));
        assert.ok(codes.includes(r.body.code), r.body.code);
      }
      return rs.find((r) => r.status === ok)!.body;
    };

    test('FIR-02 FIR-03 20 parallel shrinks, lifts, clock moves, declarations, determinations, reviews, acceptances and decisions: exactly one effect each', async () => {
      const db = t.ctx.database.db;
      const inspector = await t.login('inspector.211000');
      const applicant = await t.login('applicant.211000');
      const corps = await t.login('leader.210000');
      const usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      const investigators = (await db.selectFrom('users').select('id').where('username', 'in', ['inspector.211000', 'inspector2.211000']).execute()).map(
        (u) => u.id,
      );
      const ago = (h: number) => new Date(t.ctx.now().getTime() - h * HOUR).toISOString();
      const created = await post(inspector, '/api/v1/incidents', {
        unitUsci: usci,
        place: '并发测试仓库',
        reportedAt: ago(10),
        extinguishedAt: ago(8),
        conditions: {
          factsClear: true,
          noObjection: true,
          noCompensationDispute: true,
          casualties: 1,
          arsonSuspected: false,
          insuranceClaim: false,
          directLoss: 5000,
        },
        investigatorUserIds: investigators,
        sealing: { areas: ['一层', '二层', '院落'], photoFileIds: [] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      const url = `/api/v1/incidents/${id}`;

      const shrunk = oneWins(await par(() => post(inspector, `${url}/sealing/shrink`, { areas: ['一层'], reason: '并发缩小', version: 0 })), [
        'INCIDENT.STATE',
      ]);
      assert.equal((await db.selectFrom('incident_sealing_changes').select('id').where('incident_id', '=', id).execute()).length, 2, 'one shrink recorded');
      oneWins(await par(() => post(inspector, `${url}/sealing/lift`, { reason: '并发解除', version: shrunk.version })), ['INCIDENT.STATE']);
      assert.equal((await db.selectFrom('incident_sealing_changes').select('id').where('incident_id', '=', id).execute()).length, 3, 'one lift recorded');

      oneWins(await par(() => post(inspector, `${url}/clock`, { action: 'pause', reason: '并发鉴定' })), ['CLOCK.ILLEGAL_TRANSITION', 'CLOCK.CONFLICT']);
      oneWins(await par(() => post(inspector, `${url}/clock`, { action: 'resume', reason: '并发恢复' })), ['CLOCK.ILLEGAL_TRANSITION', 'CLOCK.CONFLICT']);
      oneWins(await par(() => post(inspector, `${url}/clock`, { action: 'extend', reason: '并发延长' })), ['INCIDENT.STATE', 'CLOCK.CONFLICT']);
      const clockId = created.body.clocks[0].id as string;
      const events = await db.selectFrom('clock_events').select('type').where('clock_id', '=', clockId).execute();
      assert.deepEqual(
        events.map((e) => e.type),
        ['pause', 'resume', 'extend'],
      );

      oneWins(await par(() => post(applicant, `/api/v1/portal/incidents/${id}/loss`, { amount: 5000, note: '并发申报' })), ['INCIDENT.STATE']);
      const current = (await db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      oneWins(await par(() => post(inspector, `${url}/determination`, { cause: '并发认定', servedAt: ago(1), version: current })), ['INCIDENT.STATE']);
      // FIR-03: one 认定书 for the one determination; 20 parallel first downloads attach one sealed file.
      assert.equal((await db.selectFrom('incident_documents').select('id').where('incident_id', '=', id).execute()).length, 1, 'one 认定书');
      const pdfs = await Promise.all(
        Array.from({ length: N }, () => t.app.inject({ method: 'GET', url: `/api/v1/portal/incidents/${id}/determination.pdf`, headers: bearer(applicant) })),
      );
      assert.deepEqual(
        pdfs.map((r) => r.statusCode),
        Array(N).fill(200),
      );
      assert.equal(new Set(pdfs.map((r) => r.rawPayload.toString('base64'))).size, 1, 'every download is the one attached file');

      const review = oneWins(await par(() => post(applicant, `${url}/reviews`, { appliedAt: ago(0), reasons: '并发复核' })), ['INCIDENT.STATE'], 201);
      assert.equal((await db.selectFrom('incident_reviews').select('id').where('incident_id', '=', id).execute()).length, 1, 'one review');
      assert.equal((await db.selectFrom('clocks').select('id').where('target_id', '=', review.id).execute()).length, 1, 'one acceptance clock');
      oneWins(await par(() => post(corps, `/api/v1/incident-reviews/${review.id}/acceptance`, { accept: true, reason: '' })), ['INCIDENT.STATE']);
      assert.equal(
        (await db.selectFrom('clocks').select('id').where('target_id', '=', review.id).execute()).length,
        3,
        'one file clock and one decision clock',
      );
      const decided = oneWins(await par(() => post(corps, `/api/v1/incident-reviews/${review.id}/decision`, { outcome: 'upheld', reasons: '并发决定' })), [
        'INCIDENT.STATE',
      ]);
      assert.equal(decided.status, 'decided');
    });
  });
}
