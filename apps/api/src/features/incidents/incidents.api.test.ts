import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifySealedPdf } from '../../platform/documents/seal.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json } from '../../test-support/http.ts';

/**
 * Fire incidents on both databases (FIR-01 … FIR-03): a minor fire registered on site with no sealing; an insurance
 * claim refusing on-site registration, naming the condition; a general investigation whose sealing shrinks twice, a
 * loss declared online, a determination served, a review applied for, accepted by the higher agency and decided; a late
 * review refused naming the last day.
 */
const minor = {
  factsClear: true,
  noObjection: true,
  noCompensationDispute: true,
  casualties: 0,
  arsonSuspected: false,
  insuranceClaim: false,
  directLoss: 600,
};
const HOUR = 3_600_000;

for (const database of DATABASES) {
  describe(`incidents: fire incident procedures [${database}]`, () => {
    let t: TestApp;
    let inspector = '';
    let applicant = '';
    let usci = '';
    let investigators: string[] = [];
    const ago = (h: number) => new Date(t.ctx.now().getTime() - h * HOUR).toISOString();
    before(async () => {
      t = await startTestApp(database);
      inspector = await t.login('inspector.211000');
      applicant = await t.login('applicant.211000');
      const db = t.ctx.database.db;
      usci = (await db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
      investigators = (await db.selectFrom('users').select('id').where('username', 'in', ['inspector.211000', 'inspector2.211000']).execute()).map((u) => u.id);
    });
    after(() => t.close());

    test('FIR-01 the procedure check: a minor fire is registered on site; an insurance claim refuses it naming the condition', async () => {
      const onsite = await call(t, inspector, 'POST', '/api/v1/incidents/procedure-check', { regionCode: '211002', conditions: minor });
      assert.equal(onsite.status, 200, JSON.stringify(onsite.body));
      assert.deepEqual([onsite.body.tier, onsite.body.sealing, onsite.body.failing], ['onsite_registration', false, []]);
      assert.match(onsite.body.rule.legalBasis, /火灾统计管理规定/);
      assert.match(onsite.body.policyVersion, /incidents\.procedure@/);
      const claim = await call(t, inspector, 'POST', '/api/v1/incidents/procedure-check', {
        regionCode: '211002',
        conditions: { ...minor, insuranceClaim: true },
      });
      assert.equal(claim.body.tier, 'simple');
      assert.deepEqual(
        claim.body.failing.map((f: Json) => f.condition),
        ['insuranceClaim'],
      );
      // The condition is named with the tier it refuses (docs/decisions.md: the seeds' 简易登记, not the simple investigation).
      assert.equal(claim.body.failing[0].message, '轻微火灾现场登记不适用：当事人申请保险理赔，需出具火灾事故认定');
      assert.equal(claim.body.sealing, false, 'the simple procedure seals nothing');
      const hurt = await call(t, inspector, 'POST', '/api/v1/incidents/procedure-check', { regionCode: '211002', conditions: { ...minor, casualties: 1 } });
      assert.deepEqual([hurt.body.tier, hurt.body.sealing], ['general', true]);
      assert.equal((await call(t, applicant, 'POST', '/api/v1/incidents/procedure-check', { regionCode: '211002', conditions: minor })).status, 403);
    });

    test('FIR-01 a minor fire registered on site: no sealing, no clocks, no declaration or review', async () => {
      const sealed = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某商店门前垃圾桶',
        reportedAt: ago(3),
        extinguishedAt: ago(2.5),
        conditions: minor,
        investigatorUserIds: [],
        sealing: { areas: ['垃圾桶周边'], photoFileIds: [] },
      });
      assert.equal(sealed.body.code, 'INCIDENT.INVALID', 'on-site registration seals nothing');
      const r = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某商店门前垃圾桶',
        reportedAt: ago(3),
        extinguishedAt: ago(2.5),
        conditions: minor,
        investigatorUserIds: [],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual([r.body.tier, r.body.status, r.body.sealing.status, r.body.clocks.length], ['onsite_registration', 'registered', 'none', 0]);
      assert.equal(r.body.tierLabel, '轻微火灾现场登记');
      const declared = await call(t, applicant, 'POST', `/api/v1/portal/incidents/${r.body.id}/loss`, { amount: 600, note: '' });
      assert.equal(declared.body.code, 'INCIDENT.STATE');
      const none = await call(t, applicant, 'GET', `/api/v1/portal/incidents/${r.body.id}/determination.pdf`);
      assert.deepEqual([none.status, none.body.code], [404, 'INCIDENT.NO_DOCUMENT'], 'an on-site registration has no 认定书');
    });

    test('FIR-02 FIR-03 a general investigation: sealing shrunk twice and lifted, loss declared online, determination served, review applied, accepted by the higher agency and decided', async () => {
      const conditions = { ...minor, insuranceClaim: true, directLoss: 120_000, noCompensationDispute: false };
      const one = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某仓库',
        reportedAt: ago(48),
        extinguishedAt: ago(45),
        conditions,
        investigatorUserIds: investigators.slice(0, 1),
        sealing: { areas: ['仓库一层', '仓库二层', '东侧院落'], photoFileIds: [] },
      });
      assert.equal(one.body.code, 'INCIDENT.INVALID', 'the general procedure needs two investigators');
      const created = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某仓库',
        reportedAt: ago(48),
        extinguishedAt: ago(45),
        conditions,
        investigatorUserIds: investigators,
        sealing: { areas: ['仓库一层', '仓库二层', '东侧院落'], photoFileIds: [] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.deepEqual([created.body.tier, created.body.sealing.status], ['general', 'sealed']);
      assert.ok(created.body.failing.some((f: Json) => f.condition === 'directLoss'));
      const titles = created.body.clocks.map((c: Json) => [c.title.split('：')[0], c.dueDate]);
      assert.deepEqual(titles, [
        ['火灾事故认定期限', '2026-12-21'],
        ['申报火灾直接财产损失期限', '2026-11-28'],
      ]);

      const s1 = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/sealing/shrink`, { areas: ['仓库一层', '仓库二层'], reason: '东侧院落勘验完毕' });
      assert.equal(s1.status, 200, JSON.stringify(s1.body));
      const grow = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/sealing/shrink`, { areas: ['仓库一层', '西侧院落'], reason: '扩大' });
      assert.equal(grow.body.code, 'INCIDENT.INVALID', 'a shrink cannot add an area');
      const s2 = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/sealing/shrink`, { areas: ['仓库一层'], reason: '二层勘验完毕' });
      assert.deepEqual(s2.body.sealing.areas, ['仓库一层']);
      assert.deepEqual(
        s2.body.sealing.changes.map((c: Json) => [c.kindLabel, c.reason]),
        [
          ['封闭现场', '初步划定现场封闭范围'],
          ['缩小封闭范围', '东侧院落勘验完毕'],
          ['缩小封闭范围', '二层勘验完毕'],
        ],
      );

      // Appraisal pauses the 30-day clock; the higher agency's approval extends it by 30 once.
      const paused = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/clock`, { action: 'pause', reason: '委托电气火灾物证鉴定' });
      assert.equal(paused.status, 200, JSON.stringify(paused.body));
      assert.equal(paused.body.clocks[0].status, 'paused');
      t.clock.advance(24 * HOUR * 3);
      inspector = await t.login('inspector.211000');
      applicant = await t.login('applicant.211000');
      const resumed = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/clock`, { action: 'resume', reason: '鉴定结论已出具' });
      assert.equal(resumed.body.clocks[0].dueDate, '2026-12-24', 'the three appraisal days (pause day counted as used) are not counted');
      const extended = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/clock`, { action: 'extend', reason: '辽宁总队批准延长（辽消复〔2026〕1号）' });
      assert.equal(extended.body.clocks[0].dueDate, '2027-01-23');
      const twice = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/clock`, { action: 'extend', reason: '再次延长' });
      assert.equal(twice.body.code, 'INCIDENT.STATE');

      const portal = await call(t, applicant, 'GET', '/api/v1/portal/incidents');
      assert.ok(
        portal.body.items.some((i: Json) => i.id === id && i.sealing.areas.length === 1),
        'the business sees the sealed scope',
      );
      const declared = await call(t, applicant, 'POST', `/api/v1/portal/incidents/${id}/loss`, { amount: 118_000, note: '库存货物及货架' });
      assert.equal(declared.status, 200, JSON.stringify(declared.body));
      assert.equal(declared.body.declaration.amount, 118_000);
      assert.equal(declared.body.clocks[1].status, 'stopped');

      const determined = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/determination`, { cause: '电气线路短路引燃可燃物', servedAt: ago(1) });
      assert.equal(determined.status, 200, JSON.stringify(determined.body));
      assert.deepEqual([determined.body.status, determined.body.sealing.status], ['determined', 'lifted']);
      assert.equal(determined.body.determination.reviewLastDay, '2026-12-11');
      assert.equal(determined.body.clocks[0].status, 'stopped');

      // FIR-03: the 火灾事故认定书 served is a sealed PDF the party downloads (and staff in scope); others get 404.
      const doc = determined.body.determination.document;
      assert.equal(doc.title, '火灾事故认定书');
      assert.match(doc.number, /火认字〔2026〕第0001号$/);
      const pdf = await call(t, applicant, 'GET', `/api/v1/portal/incidents/${id}/determination.pdf`);
      assert.equal(pdf.status, 200, JSON.stringify(pdf.body));
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /filename\*=UTF-8''/);
      const keys = new Map((await t.ctx.database.db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
      assert.equal(verifySealedPdf(pdf.raw, (k) => keys.get(k)).ok, true, "sealed with the agency's SM2 seal");
      const staffPdf = await call(t, inspector, 'GET', `/api/v1/incidents/${id}/determination.pdf`);
      assert.deepEqual(staffPdf.raw, pdf.raw, 'one document, rendered once');
      // Anyone verifies it by the code behind its QR code on the one /verify page.
      const verified = await call(t, null, 'GET', `/api/v1/verify/${doc.verifyCode}`);
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.deepEqual(
        [verified.body.penaltyDocument.kind, verified.body.penaltyDocument.title, verified.body.penaltyDocument.valid, verified.body.penaltyDocument.number],
        ['fire_determination', '火灾事故认定书', true, doc.number],
      );
      assert.equal((await call(t, await t.login('applicant.440106'), 'GET', `/api/v1/portal/incidents/${id}/determination.pdf`)).status, 404);
      assert.equal((await call(t, await t.login('inspector.440106'), 'GET', `/api/v1/incidents/${id}/determination.pdf`)).status, 404);

      const review = await call(t, applicant, 'POST', `/api/v1/incidents/${id}/reviews`, { appliedAt: ago(0), reasons: '起火原因认定证据不足' });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      assert.equal(review.body.reviewingAgency.name, '辽宁省消防救援总队');
      assert.equal(review.body.clocks[0].title.startsWith('火灾事故认定复核受理期限'), true);
      const again = await call(t, applicant, 'POST', `/api/v1/incidents/${id}/reviews`, { appliedAt: ago(0), reasons: '再次申请' });
      assert.equal(again.body.code, 'INCIDENT.STATE', 'once only');

      const leader = await t.login('leader.211000');
      assert.equal(
        (await call(t, leader, 'POST', `/api/v1/incident-reviews/${review.body.id}/acceptance`, { accept: true, reason: '' })).body.code,
        'INCIDENT.NOT_REVIEWING_AGENCY',
      );
      const corps = await t.login('leader.210000');
      const accepted = await call(t, corps, 'POST', `/api/v1/incident-reviews/${review.body.id}/acceptance`, { accept: true, reason: '' });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'accepted');
      assert.deepEqual(
        accepted.body.clocks.map((c: Json) => [c.title.split('：')[0], c.status]),
        [
          ['火灾事故认定复核受理期限', 'stopped'],
          ['复核', 'running'],
          ['火灾事故认定复核决定期限', 'running'],
        ],
      );
      const decided = await call(t, corps, 'POST', `/api/v1/incident-reviews/${review.body.id}/decision`, {
        outcome: 'upheld',
        reasons: '认定事实清楚，证据充分',
      });
      assert.deepEqual([decided.body.status, decided.body.outcomeLabel], ['decided', '维持原火灾事故认定']);
      const file = await call(t, corps, 'GET', `/api/v1/incidents/${id}`);
      assert.equal(file.body.review.status, 'decided', 'the higher agency sees the file');
    });

    test('FIR-03 a re-determination ordered on review issues a new 火灾事故认定书; the old one is shown as superseded on /verify', async () => {
      inspector = await t.login('inspector.211000');
      applicant = await t.login('applicant.211000');
      const created = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某厂房（重新认定）',
        reportedAt: ago(30),
        extinguishedAt: ago(29),
        conditions: { ...minor, directLoss: 200_000, noCompensationDispute: false },
        investigatorUserIds: investigators,
        sealing: { areas: ['厂房'], photoFileIds: [] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      const first = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/determination`, { cause: '遗留火种引燃可燃物', servedAt: ago(2) });
      const oldDoc = first.body.determination.document;
      const review = await call(t, applicant, 'POST', `/api/v1/incidents/${id}/reviews`, { appliedAt: ago(1), reasons: '起火原因认定错误' });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      const corps = await t.login('leader.210000');
      await call(t, corps, 'POST', `/api/v1/incident-reviews/${review.body.id}/acceptance`, { accept: true, reason: '' });
      const decided = await call(t, corps, 'POST', `/api/v1/incident-reviews/${review.body.id}/decision`, {
        outcome: 'redetermine',
        reasons: '现场勘验不充分',
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      const second = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/determination`, { cause: '电动自行车电池热失控', servedAt: ago(0) });
      assert.equal(second.status, 200, JSON.stringify(second.body));
      const newDoc = second.body.determination.document;
      assert.notEqual(newDoc.number, oldDoc.number);
      assert.notEqual(newDoc.verifyCode, oldDoc.verifyCode);
      const old = await call(t, null, 'GET', `/api/v1/verify/${oldDoc.verifyCode}`);
      assert.deepEqual([old.body.penaltyDocument.status, old.body.penaltyDocument.valid], ['superseded', false]);
      const current = await call(t, null, 'GET', `/api/v1/verify/${newDoc.verifyCode}`);
      assert.equal(current.body.penaltyDocument.valid, true);
      // The party downloads the current one.
      const pdf = await call(t, applicant, 'GET', `/api/v1/portal/incidents/${id}/determination.pdf`);
      assert.match(decodeURIComponent(String(pdf.headers['content-disposition'])), new RegExp(newDoc.number.replace(/[〔〕]/g, '.')));
    });
    test('FIR-03 a review applied for after 15 days from service is refused naming the last day', async () => {
      inspector = await t.login('inspector.211000');
      applicant = await t.login('applicant.211000');
      const created = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某厂房',
        reportedAt: ago(24 * 25),
        extinguishedAt: ago(24 * 25 - 2),
        conditions: { ...minor, casualties: 1 },
        investigatorUserIds: investigators,
        sealing: { areas: ['厂房'], photoFileIds: [] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const determined = await call(t, inspector, 'POST', `/api/v1/incidents/${created.body.id}/determination`, {
        cause: '违规动火作业',
        servedAt: ago(24 * 20),
      });
      assert.equal(determined.status, 200, JSON.stringify(determined.body));
      const late = await call(t, applicant, 'POST', `/api/v1/incidents/${created.body.id}/reviews`, { appliedAt: ago(0), reasons: '不服' });
      assert.equal(late.status, 422);
      assert.equal(late.body.code, 'INCIDENT.REVIEW_LATE');
      assert.equal(late.body.details.lastDay, determined.body.determination.reviewLastDay);
      assert.match(late.body.message, new RegExp(determined.body.determination.reviewLastDay));
    });
    test('FIR-01 FIR-03 a simple-procedure fire: one investigator, no sealing, a 2-day filing clock, no review; a loss declared after 7 days is late', async () => {
      inspector = await t.login('inspector.211000');
      applicant = await t.login('applicant.211000');
      const created = await call(t, inspector, 'POST', '/api/v1/incidents', {
        unitUsci: usci,
        place: '辽阳市白塔区某餐馆后厨',
        reportedAt: ago(2),
        extinguishedAt: ago(1.5),
        conditions: { ...minor, insuranceClaim: true, directLoss: 8000 },
        investigatorUserIds: investigators.slice(0, 1),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.tier, created.body.sealing.status, created.body.investigatorCount], ['simple', 'none', 1]);
      assert.match(created.body.clocks[0].title, /^简易火灾事故认定书备案期限/);
      const id = created.body.id as string;
      const determined = await call(t, inspector, 'POST', `/api/v1/incidents/${id}/determination`, { cause: '油锅过热起火', servedAt: ago(1) });
      assert.equal(determined.body.determination.reviewLastDay, null, 'the simple procedure is not subject to review');
      assert.equal(determined.body.determination.document.title, '火灾事故简易调查认定书');
      const review = await call(t, applicant, 'POST', `/api/v1/incidents/${id}/reviews`, { appliedAt: ago(0), reasons: '不服' });
      assert.deepEqual([review.status, review.body.code], [422, 'INCIDENT.REVIEW_NOT_ALLOWED']);
      t.clock.advance(8 * 24 * HOUR);
      applicant = await t.login('applicant.211000');
      const late = await call(t, applicant, 'POST', `/api/v1/portal/incidents/${id}/loss`, { amount: 8000, note: '' });
      assert.deepEqual([late.status, late.body.code], [422, 'INCIDENT.DECLARATION_LATE']);
      assert.equal(late.body.details.lastDay, created.body.declaration.lastDay);
    });
  });
}
