import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifySealedPdf } from '../../platform/documents/seal.ts';
import { DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';

/**
 * LIC-01 / LIC-06 intake documents (行政许可法 art. 32): the 受理回执 of a submission with its 办件查询 code, the
 * 受理通知书, the 补正材料通知书 and the 不予受理通知书 — each recorded in the act's transaction, numbered per
 * agency and year without gaps, sealed and verifiable like a permit; 办件查询 without login.
 */
const N = 20;

const venue = (regionCode: string, materials: Record<string, string[]>, venueName: string) =>
  applicationInput(regionCode, 'inspection', materials, { venueName, submit: true });

/** PDFs rendered by the tests, for a person to look at (.tmp, ignored). */
function keep(name: string, pdf: Buffer): void {
  const dir = join(process.cwd(), '.tmp', 'documents');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), pdf);
}

for (const database of DATABASES) {
  describe(`licensing: intake documents and 办件查询 [${database}]`, () => {
    let t: TestApp;
    let applicant: string;
    let clerk: string;
    let materials: Record<string, string[]>;
    let n = 0;
    before(async () => {
      t = await startTestApp(database);
      applicant = await t.login('applicant.440106');
      clerk = await t.login('clerk.440106');
      materials = {
        safety_rules: [await uploadImage(t, applicant)],
        evacuation_plan: [await uploadImage(t, applicant)],
        floor_plan: [await uploadImage(t, applicant)],
        training_records: [await uploadImage(t, applicant)],
      };
    });
    after(() => t.close());
    /** Sessions expire when the test moves the clock. */
    const relogin = async () => {
      applicant = await t.login('applicant.440106');
      clerk = await t.login('clerk.440106');
    };

    const submit = async (region = '440106', token = applicant, files = materials): Promise<Json> => {
      const r = await call(t, token, 'POST', '/api/v1/licensing/applications', venue(region, files, `鑫源大酒店${++n}号店`));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const documents = async (token: string, id: string) => {
      const r = await call(t, token, 'GET', `/api/v1/licensing/applications/${id}/legal-documents`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as { documents: Json[]; lookupCode: string | null };
    };
    const download = async (token: string, docId: string) => {
      const r = await call(t, token, 'GET', `/api/v1/licensing/legal-documents/${docId}/pdf`);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      return r.raw;
    };
    const uploadCheck = async (pdf: Buffer) => {
      const mp = multipartFile('文书.pdf', pdf, 'application/pdf');
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/licences/verify', headers: mp.headers, payload: mp.payload });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as Json;
    };
    const lookup = (reference: string, code: string, ip = '10.0.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/application-lookup', payload: { reference, code }, remoteAddress: ip });

    test('LIC-01 a submission gives a sealed 受理回执 with the 办件查询 code; applicant and staff download it; it verifies by code and by file, and a flipped byte fails', async () => {
      const a = await submit();
      const mine = await documents(applicant, a.id);
      assert.equal(mine.documents.length, 1);
      const receipt = mine.documents[0]!;
      assert.equal(receipt.kind, 'receipt');
      assert.equal(receipt.title, '受理回执');
      // The receipt is the voucher of the submission: it carries the application's reference.
      assert.equal(receipt.number, a.referenceNo);
      assert.match(mine.lookupCode ?? '', /^[A-Z2-9]{8}$/);
      // Staff see the documents, never the applicant's code.
      const staffView = await documents(clerk, a.id);
      assert.equal(staffView.lookupCode, null);
      assert.deepEqual(
        staffView.documents.map((d) => d.id),
        [receipt.id],
      );
      // The database keeps only the code's HMAC.
      const row = await t.ctx.database.db.selectFrom('applications').select('lookup_code_hash').where('id', '=', a.id).executeTakeFirstOrThrow();
      assert.match(row.lookup_code_hash ?? '', /^[0-9a-f]{64}$/);
      assert.notEqual(row.lookup_code_hash, mine.lookupCode);

      const pdf = await download(applicant, receipt.id);
      assert.deepEqual(await download(clerk, receipt.id), pdf);
      keep('受理回执.pdf', pdf);
      const keys = new Map((await t.ctx.database.db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
      assert.equal(verifySealedPdf(pdf, (id) => keys.get(id)).ok, true);

      // Verification by code (QR) shows the document and its status, and checks the QR signature.
      const byCode = await call(t, null, 'GET', `/api/v1/verify/${receipt.verifyCode}`);
      assert.equal(byCode.status, 200, JSON.stringify(byCode.body));
      assert.equal(byCode.body.licence, null);
      assert.equal(byCode.body.document.title, '受理回执');
      assert.equal(byCode.body.document.statusLabel, '有效');
      assert.equal(byCode.body.document.reference, a.referenceNo);
      assert.equal(byCode.body.document.applicationStatusLabel, '待受理');
      const qr = await call(t, null, 'GET', `/api/v1/verify/${receipt.verifyCode}?s=${'A'.repeat(86)}`);
      assert.equal(qr.body.document.qrSignatureValid, false);

      // By file: the sealed PDF verifies; one flipped byte anywhere outside the seal fails it.
      const good = await uploadCheck(pdf);
      assert.equal(good.sealValid, true);
      assert.equal(good.document.number, a.referenceNo);
      const flipped = Buffer.from(pdf);
      const at = Math.floor(flipped.length / 3);
      flipped[at] = flipped[at]! ^ 0x01;
      const bad = await uploadCheck(flipped);
      assert.equal(bad.sealValid, false);
      assert.equal(bad.reason, 'digest_mismatch');
      assert.equal(bad.document, null);

      // Another applicant cannot download it (scope: 404).
      const other = await t.login('applicant.211002');
      const denied = await call(t, other, 'GET', `/api/v1/licensing/legal-documents/${receipt.id}/pdf`);
      assert.equal(denied.status, 404);
    });

    test('LIC-06 the one-time notice gives a 补正材料通知书, acceptance a 受理通知书, refusal a 不予受理通知书 — each recorded in the enforcement record', async () => {
      const a = await submit();
      const notice = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${a.id}/notice`, {
        items: [
          { target: 'material:floor_plan', reason: '平面图未标注安全出口和疏散路线' },
          { target: 'field:floorArea', reason: '建筑面积与平面图不一致' },
        ],
      });
      assert.equal(notice.status, 200, JSON.stringify(notice.body));
      const fixed = await call(t, applicant, 'PUT', `/api/v1/licensing/applications/${a.id}`, {
        ...venue('440106', { ...materials, floor_plan: [await uploadImage(t, applicant)] }, a.venueName),
        floorArea: 1300,
      });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${a.id}/accept`, {});
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const docs = (await documents(applicant, a.id)).documents;
      assert.deepEqual(
        docs.map((d) => d.title),
        ['受理回执', '补正材料通知书', '受理通知书'],
      );
      assert.match(docs[1]!.number, /^天河消补字〔2026〕第\d{4}号$/);
      assert.match(docs[2]!.number, /^天河消受字〔2026〕第\d{4}号$/);
      for (const d of docs) keep(`${d.title}.pdf`, await download(applicant, d.id));

      const b = await submit();
      const rejected = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${b.id}/reject`, {
        reasons: ['该场所不属于公众聚集场所，依法不需要申请营业前消防安全检查'],
      });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      const refusal = (await documents(applicant, b.id)).documents.at(-1)!;
      assert.equal(refusal.title, '不予受理通知书');
      assert.match(refusal.number, /^天河消不受字〔2026〕第\d{4}号$/);
      keep('不予受理通知书.pdf', await download(applicant, refusal.id));

      // Each document is an event on the application's chain, and the chain verifies.
      const events = await t.ctx.database.db
        .selectFrom('audit_events')
        .select(['details'])
        .where('action', '=', 'application_document.issue')
        .where('target_id', '=', a.id)
        .execute();
      assert.deepEqual(events.map((e) => (JSON.parse(e.details) as { kind: string }).kind).sort(), ['acceptance', 'correction', 'receipt']);
      const verify = await call(t, await t.login('leader.440106'), 'GET', `/api/v1/audit/verify?target=${a.id}`);
      assert.equal(verify.status, 200, JSON.stringify(verify.body));
      assert.equal(verify.body.ok, true, JSON.stringify(verify.body));
    });

    test('LIC-06 document numbers run without gaps per agency, kind and year; a refused act takes no number; the next year starts at 0001', async () => {
      const numbers = async (kind: string, agencyRegion: string) => {
        const rows = await t.ctx.database.db
          .selectFrom('application_documents')
          .innerJoin('agencies', 'agencies.id', 'application_documents.agency_id')
          .select('application_documents.number')
          .where('application_documents.kind', '=', kind as 'acceptance')
          .where('agencies.region_code', '=', agencyRegion)
          .execute();
        return rows.map((r) => Number(/第(\d+)号/.exec(r.number)![1])).sort((x, y) => x - y);
      };
      const before = (await numbers('acceptance', '440106')).length;
      for (let i = 0; i < 3; i++) {
        const a = await submit();
        // A refused acceptance (materials missing from a bare submission is impossible here: refuse by a wrong pending list).
        const refused = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${a.id}/accept`, { pendingDocuments: ['application_form'] });
        assert.ok(refused.status >= 400, JSON.stringify(refused.body));
        const ok = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${a.id}/accept`, {});
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
      }
      const mine = await numbers('acceptance', '440106');
      assert.equal(mine.length, before + 3);
      assert.deepEqual(
        mine,
        mine.map((_, i) => i + 1),
        `gapless: ${mine.join(',')}`,
      );

      // Another agency numbers its own documents from 1.
      const lyApplicant = await t.login('applicant.211002');
      const lyClerk = await t.login('clerk.211002');
      const lyFiles = {
        safety_rules: [await uploadImage(t, lyApplicant)],
        evacuation_plan: [await uploadImage(t, lyApplicant)],
        floor_plan: [await uploadImage(t, lyApplicant)],
        training_records: [await uploadImage(t, lyApplicant)],
      };
      const ly = await submit('211002', lyApplicant, lyFiles);
      const lyOk = await call(t, lyClerk, 'POST', `/api/v1/licensing/applications/${ly.id}/accept`, {});
      assert.equal(lyOk.status, 200, JSON.stringify(lyOk.body));
      const lyDocs = (await documents(lyApplicant, ly.id)).documents;
      assert.match(lyDocs.at(-1)!.number, /^白塔消受字〔2026〕第0001号$/);

      // A new year starts again at 0001 (the year is part of the number).
      t.clock.advance(45 * 24 * 3600_000);
      await relogin();
      const next = await submit();
      const nextOk = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${next.id}/accept`, {});
      assert.equal(nextOk.status, 200, JSON.stringify(nextOk.body));
      const nextDocs = (await documents(applicant, next.id)).documents;
      assert.equal(nextDocs.at(-1)!.number, '天河消受字〔2027〕第0001号');
    });

    test('LIC-01 办件查询 without login: status, step, deadline and documents; a wrong code answers exactly like an unknown number; attempts are limited alike', async () => {
      const a = await submit();
      const { lookupCode } = await documents(applicant, a.id);
      const ok = await lookup(a.referenceNo.toLowerCase(), lookupCode!.toLowerCase(), '10.0.1.1');
      assert.equal(ok.statusCode, 200, ok.body);
      const view = ok.json() as Json;
      assert.equal(view.reference, a.referenceNo);
      assert.equal(view.statusLabel, '待受理');
      assert.match(view.step, /审查申请材料/);
      assert.ok(view.deadline?.dueDate, 'the running time limit and its due date');
      assert.deepEqual(
        view.documents.map((d: Json) => d.title),
        ['受理回执'],
      );
      // Nothing personal: no contact, no legal representative, no USCI.
      assert.doesNotMatch(ok.body, /李敏|13800138000|王建华|usci/i);

      // The document downloads with the number and code, without login.
      const pdf = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/application-lookup/documents/${view.documents[0].id}/pdf`,
        payload: { reference: a.referenceNo, code: lookupCode },
        remoteAddress: '10.0.1.1',
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');

      // Wrong code vs unknown number: same status, same body.
      const wrong = await lookup(a.referenceNo, 'AAAAAAAA', '10.0.1.2');
      const unknown = await lookup('XK440106202699999', 'AAAAAAAA', '10.0.1.3');
      assert.equal(wrong.statusCode, 404);
      assert.equal(unknown.statusCode, wrong.statusCode);
      assert.deepEqual(unknown.json(), wrong.json());
      assert.equal((wrong.json() as Json).code, 'LOOKUP.NOT_FOUND');

      // Five wrong codes lock the number for an hour (even the right code), exactly as for an unknown number.
      for (let i = 0; i < 4; i++) {
        assert.equal((await lookup(a.referenceNo, 'BBBBBBBB', `10.0.2.${i}`)).statusCode, 404);
        assert.equal((await lookup('XK440106202699999', 'BBBBBBBB', `10.0.3.${i}`)).statusCode, 404);
      }
      const locked = await lookup(a.referenceNo, lookupCode!, '10.0.4.1');
      const lockedUnknown = await lookup('XK440106202699999', lookupCode!, '10.0.4.2');
      assert.equal(locked.statusCode, 429);
      assert.deepEqual(lockedUnknown.json(), locked.json());
      t.clock.advance(61 * 60_000);
      await relogin();
      assert.equal((await lookup(a.referenceNo, lookupCode!, '10.0.4.1')).statusCode, 200);

      // One client gets at most 30 attempts in ten minutes, whatever it asks.
      const codes = [];
      for (let i = 0; i < 31; i++) codes.push((await lookup(`XK4401062026${String(90000 + i)}`, 'CCCCCCCC', '10.0.9.9')).statusCode);
      assert.deepEqual([...new Set(codes.slice(0, 30))], [404]);
      assert.equal(codes[30], 429);
    });

    test(`LIC-06 ${N} parallel identical acceptances: one 受理通知书, one number`, async () => {
      const a = await submit();
      const rs = await Promise.all(Array.from({ length: N }, () => call(t, clerk, 'POST', `/api/v1/licensing/applications/${a.id}/accept`, {})));
      assert.equal(rs.filter((r) => r.status >= 500).length, 0, JSON.stringify(rs.filter((r) => r.status >= 500).map((r) => r.body)));
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => [r.status, r.body.code])));
      for (const r of rs.filter((x) => x.status !== 200)) assert.equal(r.status, 409, JSON.stringify(r.body));
      const docs = (await documents(applicant, a.id)).documents.filter((d) => d.kind === 'acceptance');
      assert.equal(docs.length, 1);
      const events = await t.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'application_document.issue')
        .where('target_id', '=', a.id)
        .execute();
      assert.equal(events.length, 2, 'receipt and one acceptance notice');
    });
  });
}
