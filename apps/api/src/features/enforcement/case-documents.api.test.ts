import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseView } from '@fep/contracts';
import { eventOf } from '../../platform/events/outbox.ts';
import { DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { caseDocumentRenders, documentSubscribers } from './document-production.ts';
import { CASE_DOCUMENT_CONTENT } from './enforcement.columns.ts';

/**
 * ENF-04 the sealed documents of a penalty case: the 行政处罚告知书 recorded with the notice, the 行政处罚决定书
 * (不予行政处罚决定书, 当场处罚决定书) with the decision — in the act's transaction, without rendering — then
 * rendered once after the commit; downloaded by the staff and by the party once told; verified by code and
 * by file through the one /verify page, with their standing read from the case (superseded, revoked).
 */
const DAY = 86_400_000;
for (const database of DATABASES) {
  describe(`enforcement: case documents [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    const USERS = [
      'inspector.211000',
      'inspector2.211000',
      'legal_reviewer.211000',
      'approver.211000',
      'applicant.211000',
      'applicant.440106',
      'inspector.440106',
    ];
    const logIn = async () => {
      for (const u of USERS) tok[u] = await t.login(u);
    };
    before(async () => {
      t = await startTestApp(database, { autoDispatch: false });
      await logIn();
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    const ok = async (who: string, method: string, url: string, payload?: unknown, status = 200): Promise<Json> => {
      const r = await call(t, tok[who]!, method, url, payload);
      assert.equal(r.status, status, `${method} ${url} as ${who}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const caseUrl = (id: string, step = '') => `/api/v1/enforcement/cases/${id}${step ? `/${step}` : ''}`;
    const open = async (extra: Json = {}) =>
      (await ok(
        'inspector.211000',
        'POST',
        '/api/v1/enforcement/cases',
        {
          regionCode: '211000',
          party: { kind: 'unit', usci, name: '辽阳市白塔区星光网吧' },
          violationCode: 'XFF-60-1-3',
          facts: '2026年11月20日检查发现营业期间二层安全出口被锁闭',
          circumstances: {},
          coOfficerId: ids['inspector2.211000'],
          ...extra,
        },
        201,
      )) as CaseView;
    const filedWithEvidence = async () => {
      const c = await open();
      await ok('approver.211000', 'POST', caseUrl(c.id, 'filing'), { approve: true });
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'evidence'), { fileId, kind: 'photo', description: '二层安全出口锁闭现场照片' });
      return c;
    };
    const docsOf = (caseId: string) =>
      t.ctx.database.db.selectFrom('enforcement_documents').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    const verify = (code: string, s?: string) => call(t, null, 'GET', `/api/v1/verify/${code}${s ? `?s=${s}` : ''}`);
    const qrParam = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

    test('ENF-04 the 告知书 is recorded with the notice (number, code, snapshot) without rendering; the event renders it once; redelivery renders nothing', async () => {
      const c = await filedWithEvidence();
      const renders = caseDocumentRenders.count;
      const noticed = (await ok('inspector.211000', 'POST', caseUrl(c.id, 'notice'), { outcome: 'fine', fine: 20000 })) as CaseView;
      assert.equal(caseDocumentRenders.count, renders, 'the act rendered a PDF');
      const [doc, ...rest] = await docsOf(c.id);
      assert.equal(rest.length, 0);
      assert.equal(doc!.kind, 'notice');
      assert.match(doc!.number, /^辽阳消行罚告字〔2026〕第\d{4}号$/);
      assert.equal(doc!.pdf_sha256, '');
      assert.match(doc!.verify_code, /^[A-Z2-9]{12}$/);
      const snapshot = CASE_DOCUMENT_CONTENT.decode(doc!.content_json)!;
      assert.equal(snapshot.title, '行政处罚告知书');
      const printed = [...snapshot.paragraphs, ...snapshot.rows.flat()].join('\n');
      for (const s of ['罚款人民币20,000元', '1. 现场照片：二层安全出口锁闭现场照片', '陈述、申辩', doc!.verify_code, '第六十条第一款第三项'])
        assert.ok(printed.includes(s), s);
      assert.ok(!printed.includes('要求举行听证'), '20,000 is not hearing-eligible for a unit (policy 30,000)');
      const audits = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_document.issue')
        .execute();
      assert.equal(audits.length, 1);
      // The case view lists it with the staff's download route.
      assert.deepEqual(
        noticed.documents.map((d) => [d.kindLabel, d.number, d.downloadUrl]),
        [['行政处罚告知书', doc!.number, `/api/v1/enforcement/documents/${doc!.id}/pdf`]],
      );

      await t.drain();
      assert.equal(caseDocumentRenders.count, renders + 1);
      const [produced] = await docsOf(c.id);
      assert.match(produced!.pdf_sha256, /^[0-9a-f]{64}$/);
      assert.notEqual(produced!.qr_signature, '');
      const event = await t.ctx.database.db
        .selectFrom('domain_events')
        .selectAll()
        .where('target_id', '=', c.id)
        .where('type', '=', 'enforcement.notice_served')
        .executeTakeFirstOrThrow();
      await documentSubscribers[0]!.handle(t.ctx, eventOf(event));
      assert.equal(caseDocumentRenders.count, renders + 1, 'a redelivered event rendered again');

      // Downloaded by the staff: a sealed PDF.
      const pdf = await call(t, tok['approver.211000']!, 'GET', noticed.documents[0]!.downloadUrl);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.raw.subarray(0, 5).toString('latin1'), '%PDF-');
      // Another agency's officer gets the 404 of a missing document.
      const foreign = await call(t, tok['inspector.440106']!, 'GET', noticed.documents[0]!.downloadUrl);
      assert.deepEqual([foreign.status, foreign.body.code], [404, 'RESOURCE.NOT_FOUND']);

      // Verified by code with the QR signature: valid, the party unmasked (a unit), the case number.
      const v = await verify(doc!.verify_code, qrParam(produced!.qr_signature));
      assert.equal(v.status, 200, JSON.stringify(v.body));
      assert.equal(v.body.licence, null);
      assert.equal(v.body.document, null);
      assert.equal(v.body.penaltyDocument.title, '行政处罚告知书');
      assert.equal(v.body.penaltyDocument.status, 'valid');
      assert.equal(v.body.penaltyDocument.valid, true);
      assert.equal(v.body.penaltyDocument.qrSignatureValid, true);
      assert.equal(v.body.penaltyDocument.party, '辽阳市白塔区星光网吧');
      assert.equal(v.body.penaltyDocument.caseNumber, noticed.number);
      const forged = await verify(doc!.verify_code, qrParam('ab'.repeat(64)));
      assert.equal(forged.body.penaltyDocument.qrSignatureValid, false);

      // Verified by file: the uploaded PDF is matched by its seal digest.
      const mp = multipartFile('notice.pdf', pdf.raw, 'application/pdf');
      const byFile = await t.app.inject({ method: 'POST', url: '/api/v1/licences/verify', headers: mp.headers, payload: mp.payload });
      assert.equal(byFile.statusCode, 200, byFile.body);
      assert.equal(byFile.json().sealValid, true);
      assert.equal(byFile.json().penaltyDocument.number, doc!.number);
    });

    test('ENF-04 the party downloads the notice at once and the decision once served; a new notice supersedes the old; a revoked decision verifies as revoked', async () => {
      const c = await filedWithEvidence();
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'notice'), { outcome: 'fine', fine: 20000 });
      // Before anything is rendered the party's first download renders it (no subscriber has run).
      const mine = (await ok('applicant.211000', 'GET', `/api/v1/portal/penalties/${c.id}`)) as CaseView;
      assert.equal(mine.documents.length, 1);
      const [notice] = mine.documents;
      assert.equal(notice!.downloadUrl, `/api/v1/portal/penalties/${c.id}/documents/${notice!.id}/pdf`);
      const renders = caseDocumentRenders.count;
      const got = await call(t, tok['applicant.211000']!, 'GET', notice!.downloadUrl);
      assert.equal(got.status, 200);
      assert.equal(got.raw.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(caseDocumentRenders.count, renders + 1);
      await t.drain();
      assert.equal(caseDocumentRenders.count, renders + 1, 'the subscriber found the PDF made');
      // Another unit: the same 404 as a missing case; a document of another case under this case: 404.
      const other = await call(t, tok['applicant.440106']!, 'GET', notice!.downloadUrl);
      assert.deepEqual([other.status, other.body.code], [404, 'RESOURCE.NOT_FOUND']);

      // Returned by legal review, the case is told again: two notices, the first superseded.
      await t.clock.advance(8 * DAY);
      await logIn();
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'review-submission'));
      await ok('legal_reviewer.211000', 'POST', caseUrl(c.id, 'review'), { pass: false, opinion: '罚款数额偏高，请重新告知' });
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'notice'), { outcome: 'fine', fine: 15000 });
      const notices = await docsOf(c.id);
      assert.equal(notices.length, 2);
      assert.notEqual(notices[0]!.number, notices[1]!.number);
      assert.equal((await verify(notices[0]!.verify_code)).body.penaltyDocument.status, 'superseded');
      assert.equal((await verify(notices[0]!.verify_code)).body.penaltyDocument.statusLabel, '已由新的文书取代');
      assert.equal((await verify(notices[1]!.verify_code)).body.penaltyDocument.status, 'valid');

      await t.clock.advance(8 * DAY);
      await logIn();
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'review-submission'));
      await ok('legal_reviewer.211000', 'POST', caseUrl(c.id, 'review'), { pass: true, opinion: '同意' });
      const decided = (await ok('approver.211000', 'POST', caseUrl(c.id, 'decision'), {
        outcome: 'fine',
        fine: 15000,
        deviationReason: '当事人当场改正，从轻处罚',
      })) as CaseView;
      const decision = decided.documents.at(-1)!;
      assert.equal(decision.kindLabel, '行政处罚决定书');
      assert.equal(decision.number, decided.decision?.number);
      const recorded = (await docsOf(c.id)).at(-1)!;
      const printed = CASE_DOCUMENT_CONTENT.decode(recorded.content_json)!.paragraphs.join('\n');
      for (const s of [
        '罚款人民币15,000元',
        '理由如下：当事人当场改正，从轻处罚',
        '15日内',
        '罚缴分离',
        '3%加处罚款',
        '60日内依法申请行政复议',
        '送达了行政处罚告知书',
      ])
        assert.ok(printed.includes(s), s);

      // Not served yet: the party does not see the decision document, and cannot fetch it.
      const before = (await ok('applicant.211000', 'GET', `/api/v1/portal/penalties/${c.id}`)) as CaseView;
      assert.deepEqual(
        before.documents.map((d) => d.kindLabel),
        ['行政处罚告知书', '行政处罚告知书'],
      );
      const early = await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/penalties/${c.id}/documents/${decision.id}/pdf`);
      assert.equal(early.status, 404);
      const today = decided.decision!.decidedOn;
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'service'), { method: 'electronic', servedAt: today });
      const afterService = (await ok('applicant.211000', 'GET', `/api/v1/portal/penalties/${c.id}`)) as CaseView;
      assert.equal(afterService.documents.at(-1)!.kindLabel, '行政处罚决定书');
      assert.equal((await call(t, tok['applicant.211000']!, 'GET', afterService.documents.at(-1)!.downloadUrl)).status, 200);

      // Revoked: the decision verifies as revoked; the notices keep their standing.
      await ok('approver.211000', 'POST', caseUrl(c.id, 'revocation'), { reason: '复议机关决定变更' });
      const revoked = await verify(recorded.verify_code);
      assert.deepEqual([revoked.body.penaltyDocument.status, revoked.body.penaltyDocument.valid], ['revoked', false]);
      assert.equal((await verify(notices[1]!.verify_code)).body.penaltyDocument.status, 'valid');
    });

    test('ENF-04 an on-the-spot fine gets the 当场处罚决定书 naming the officer, verified with the person masked; a no-penalty decision gets the 不予行政处罚决定书', async () => {
      // On the spot a person may be fined up to 200 yuan (art. 51); the decision is handed over at once (art. 52).
      const spot = await open({
        procedure: 'on_the_spot',
        coOfficerId: undefined,
        party: { kind: 'person', name: '张三丰', idNumber: '211002199001011234' },
        violationCode: 'XFF-60-2-3',
        facts: '在公共场所楼梯间堆放杂物，当场责令清除',
      });
      const decided = (await ok('inspector.211000', 'POST', caseUrl(spot.id, 'decision'), {
        outcome: 'fine',
        fine: 200,
        deviationReason: '当场处罚限额内',
      })) as CaseView;
      assert.deepEqual(
        decided.documents.map((d) => d.kindLabel),
        ['当场处罚决定书'],
      );
      const snapshot = CASE_DOCUMENT_CONTENT.decode((await docsOf(spot.id))[0]!.content_json)!;
      const officer = (await t.ctx.database.db.selectFrom('users').select('display_name').where('id', '=', ids['inspector.211000']!).executeTakeFirstOrThrow())
        .display_name;
      assert.ok(snapshot.rows.some(([label, value]) => label === '执法人员' && value.includes(officer)));
      assert.ok(snapshot.rows.some(([label, value]) => label === '公民身份号码' && value === '211002199001011234'));
      assert.ok(snapshot.paragraphs.join('').includes('应当先申请行政复议'));
      assert.ok(snapshot.paragraphs.join('').includes('罚款人民币200元'));
      // The public verification masks the person's name.
      const spotDoc = (await docsOf(spot.id))[0]!;
      assert.equal((await verify(spotDoc.verify_code)).body.penaltyDocument.party, '张**');

      // 不予行政处罚: the engine proposes it for a minor violation corrected in time with no harm (art. 33 ¶1).
      const minor = await open({ circumstances: { correctedInTime: true, firstViolation: true } });
      assert.equal(minor.proposal.noPenalty, true, JSON.stringify(minor.proposal));
      await ok('approver.211000', 'POST', caseUrl(minor.id, 'filing'), { approve: true });
      const fileId = await uploadImage(t, tok['inspector.211000']!, 'scene.png');
      await ok('inspector.211000', 'POST', caseUrl(minor.id, 'evidence'), { fileId, kind: 'photo', description: '已当场改正的照片' });
      await ok('inspector.211000', 'POST', caseUrl(minor.id, 'notice'), { outcome: 'no_penalty' });
      await t.clock.advance(8 * DAY);
      await logIn();
      await ok('inspector.211000', 'POST', caseUrl(minor.id, 'review-submission'));
      await ok('legal_reviewer.211000', 'POST', caseUrl(minor.id, 'review'), { pass: true, opinion: '同意不予处罚' });
      const none = (await ok('approver.211000', 'POST', caseUrl(minor.id, 'decision'), { outcome: 'no_penalty' })) as CaseView;
      assert.deepEqual(
        none.documents.map((d) => d.kindLabel),
        ['行政处罚告知书', '不予行政处罚决定书'],
      );
      const text = CASE_DOCUMENT_CONTENT.decode((await docsOf(minor.id)).at(-1)!.content_json)!.paragraphs.join('\n');
      assert.ok(text.includes('决定不予行政处罚'), text);
      assert.ok(text.includes(none.proposal.rule.text.replace(/[。；]$/u, '')), text);
      assert.ok(!text.includes('缴纳'));
    });

    // Last: its decision makes the unit's next case of the same violation a repeat (ENF-03).
    test('ENF-04 20 parallel identical notices and decisions record one document each (one number taken, gapless)', async () => {
      const c = await filedWithEvidence();
      const year = new Date(t.clock.now).getUTCFullYear();
      const before = await t.ctx.database.db
        .selectFrom('document_sequences')
        .select('last')
        .where('kind', '=', 'penalty_notice')
        .where('year', '=', year)
        .execute();
      const last = before.reduce((m, r) => Math.max(m, Number(r.last)), 0);
      const notices = await Promise.all(
        Array.from({ length: 20 }, () => call(t, tok['inspector.211000']!, 'POST', caseUrl(c.id, 'notice'), { outcome: 'fine', fine: 20000 })),
      );
      assert.equal(notices.filter((r) => r.status === 200).length, 1, JSON.stringify(notices.map((r) => [r.status, r.body.code])));
      assert.deepEqual(
        notices
          .filter((r) => r.status !== 200)
          .map((r) => r.status)
          .filter((s) => s !== 409),
        [],
      );
      const docs = await docsOf(c.id);
      assert.equal(docs.length, 1);
      assert.ok(docs[0]!.number.endsWith(`第${String(last + 1).padStart(4, '0')}号`), `${docs[0]!.number} follows ${last}`);
      await t.clock.advance(8 * DAY);
      await logIn();
      await ok('inspector.211000', 'POST', caseUrl(c.id, 'review-submission'));
      await ok('legal_reviewer.211000', 'POST', caseUrl(c.id, 'review'), { pass: true, opinion: '同意' });
      const decisions = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(t, tok['approver.211000']!, 'POST', caseUrl(c.id, 'decision'), { outcome: 'fine', fine: 20000, deviationReason: '依法从轻' }),
        ),
      );
      assert.equal(decisions.filter((r) => r.status === 200).length, 1, JSON.stringify(decisions.map((r) => [r.status, r.body.code])));
      assert.equal((await docsOf(c.id)).length, 2);
      const issued = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('target_id', '=', c.id)
        .where('action', '=', 'enforcement_document.issue')
        .execute();
      assert.equal(issued.length, 2);
    });
  });
}
