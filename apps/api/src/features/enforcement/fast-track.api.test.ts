import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';

/**
 * ENF-01 快速办理: a fast-track case is opened only with its conditions confirmed (facts clear, the party admits
 * and accepts, no objection, not a vulnerable party) and within its limits (no hearing-eligible penalty, the fine
 * below the policy's limit); the prior notice is held to the same limits. Each refusal is a 422 naming the field.
 */
for (const database of DATABASES) {
  describe(`enforcement: fast-track limits [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['inspector.211000', 'approver.211000']) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const as = (who: string, url: string, payload?: unknown) => call(t, tok[who]!, 'POST', url, payload);
    const conditions = { factsClear: true, partyAdmits: true, noObjection: true, vulnerableParty: false };
    const open = (over: Json) =>
      as('inspector.211000', '/api/v1/enforcement/cases', {
        regionCode: '211000',
        party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
        violationCode: 'XFF-60-1-3',
        facts: '营业期间安全出口被锁闭，当事人当场认错',
        circumstances: {},
        coOfficerId: ids['inspector2.211000'],
        procedure: 'fast_track',
        ...over,
      });
    const refused = (r: Awaited<ReturnType<typeof as>>, field: string) => {
      assert.deepEqual([r.status, r.body.code, r.body.details?.field], [422, 'ENFORCEMENT.FAST_TRACK_NOT_ALLOWED', field], JSON.stringify(r.body));
      assert.match(r.body.message, /[\u4e00-\u9fa5]/);
    };

    test('ENF-01 fast-track is refused without its conditions, for a vulnerable party and for a hearing-eligible proposal', async () => {
      refused(await open({}), 'fastTrack');
      refused(await open({ fastTrack: { ...conditions, partyAdmits: false } }), 'fastTrack.partyAdmits');
      refused(await open({ fastTrack: { ...conditions, noObjection: false } }), 'fastTrack.noObjection');
      refused(await open({ fastTrack: { ...conditions, factsClear: false } }), 'fastTrack.factsClear');
      refused(await open({ fastTrack: { ...conditions, vulnerableParty: true } }), 'fastTrack.vulnerableParty');
      // Harm done: the engine proposes 43,300, hearing-eligible for a unit (≥ 30,000): an ordinary case.
      const heavy = await open({ fastTrack: conditions, circumstances: { harmfulConsequence: true } });
      refused(heavy, 'fine');
      assert.match(heavy.body.message, /听证/);
    });

    test('ENF-01 a fast-track case within its limits is opened; a notice of a hearing-eligible fine is refused, one below the limit served', async () => {
      const opened = await open({ fastTrack: conditions });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      assert.equal(opened.body.procedureLabel, '快速办理');
      const url = (step: string) => `/api/v1/enforcement/cases/${opened.body.id}/${step}`;
      assert.equal((await as('approver.211000', url('filing'), { approve: true })).status, 200);
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      assert.equal((await as('inspector.211000', url('evidence'), { fileId, kind: 'photo', description: '现场照片' })).status, 200);
      refused(await as('inspector.211000', url('notice'), { outcome: 'fine', fine: 30000 }), 'fine');
      const served = await as('inspector.211000', url('notice'), { outcome: 'fine', fine: 20000 });
      assert.equal(served.status, 200, JSON.stringify(served.body));
      assert.equal(served.body.status, 'notice_served');
    });
  });
}
