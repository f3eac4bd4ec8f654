import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SealView } from '@fep/contracts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, uploadImage } from '../../test-support/http.ts';
import { SEAL_DOCUMENT_CONTENT } from './enforcement.columns.ts';

/**
 * ENF-05 the 临时查封决定书 (行政强制法 art. 24): recorded with the collective decision (number, code, snapshot),
 * sealed and downloaded by the staff and by the unit in the portal (one file), verified on the one /verify page
 * by its code with the QR signature; service by post of the seal needs the tracking number. Another unit
 * cannot download it.
 */
for (const database of DATABASES) {
  describe(`enforcement: the 临时查封决定书 [${database}]`, () => {
    let t: TestApp;
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let usci = '';
    before(async () => {
      t = await startTestApp(database);
      for (const u of ['applicant.211000', 'applicant.440106', 'inspector.211000', 'approver.211000']) tok[u] = await t.login(u);
      for (const u of await t.ctx.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
      usci = (await t.ctx.database.db.selectFrom('users').select('usci').where('username', '=', 'applicant.211000').executeTakeFirstOrThrow()).usci!;
    });
    after(() => t.close());

    test('ENF-05 decided collectively, the seal has its sealed 临时查封决定书: staff and portal download, /verify by code', async () => {
      const photo = await uploadImage(t, tok['inspector.211000']!, 'exit.png');
      const proposed = await call(t, tok['inspector.211000']!, 'POST', '/api/v1/enforcement/seals', {
        regionCode: '211000',
        usci,
        unitName: '辽阳市白塔区星光网吧',
        situation: 'exits_blocked',
        scope: '二层营业区及其安全出口',
        photoIds: [photo],
        inspectedOn: '2026-11-23',
        termDays: 30,
        coOfficerId: ids['inspector2.211000'],
      });
      assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
      const id = proposed.body.id as string;
      assert.deepEqual((proposed.body as SealView).documents, [], 'no document before the decision');
      const decided = await call(t, tok['approver.211000']!, 'POST', `/api/v1/enforcement/seals/${id}/decision`, {
        approve: true,
        record: '经集体研究决定临时查封三十日',
        participants: ['王建国（大队长）', '李明（教导员）'],
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      const seal = decided.body as SealView;
      const [doc] = seal.documents;
      assert.ok(doc, 'the decision has its document');
      assert.equal(doc.kindLabel, '临时查封决定书');
      assert.equal(doc.number, seal.number);
      assert.match(doc.verifyCode, /^[A-Z2-9]{12}$/);
      assert.equal(doc.downloadUrl, `/api/v1/enforcement/seal-documents/${doc.id}/pdf`);
      const row = await t.ctx.database.db.selectFrom('enforcement_seal_documents').selectAll().where('seal_id', '=', id).executeTakeFirstOrThrow();
      const printed = SEAL_DOCUMENT_CONTENT.decode(row.content_json)!;
      const text = [...printed.paragraphs, ...printed.rows.flat()].join('\n');
      for (const s of ['二层营业区及其安全出口', `${seal.startDate!.slice(0, 4)}年`, '第五十四条', '申请解除临时查封', doc.verifyCode])
        assert.ok(text.includes(s), s);

      const staff = await call(t, tok['inspector.211000']!, 'GET', doc.downloadUrl);
      assert.equal(staff.status, 200);
      assert.equal(staff.headers['content-type'], 'application/pdf');
      assert.equal(staff.raw.subarray(0, 5).toString(), '%PDF-');
      const portalView = (await call(t, tok['applicant.211000']!, 'GET', `/api/v1/portal/seals/${id}`)).body as SealView;
      const mine = portalView.documents[0]!;
      assert.equal(mine.downloadUrl, `/api/v1/portal/seals/${id}/documents/${doc.id}/pdf`);
      const party = await call(t, tok['applicant.211000']!, 'GET', mine.downloadUrl);
      assert.equal(party.status, 200);
      assert.deepEqual(party.raw, staff.raw, 'one sealed file');
      assert.equal((await call(t, tok['applicant.440106']!, 'GET', mine.downloadUrl)).status, 404);

      const produced = await t.ctx.database.db.selectFrom('enforcement_seal_documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
      assert.ok(produced.pdf_sha256 && produced.seal_digest);
      const s = Buffer.from(produced.qr_signature, 'hex').toString('base64url');
      const v = await call(t, null, 'GET', `/api/v1/verify/${doc.verifyCode}?s=${s}`);
      assert.equal(v.status, 200, JSON.stringify(v.body));
      assert.deepEqual(
        [
          v.body.penaltyDocument.title,
          v.body.penaltyDocument.number,
          v.body.penaltyDocument.valid,
          v.body.penaltyDocument.qrSignatureValid,
          v.body.penaltyDocument.party,
        ],
        ['临时查封决定书', seal.number, true, true, '辽阳市白塔区星光网吧'],
      );

      // Served by post: the tracking number is required and kept.
      const servedOn = seal.startDate!;
      const missing = await call(t, tok['inspector.211000']!, 'POST', `/api/v1/enforcement/seals/${id}/service`, { method: 'post', servedAt: servedOn });
      assert.deepEqual([missing.status, missing.body.code, missing.body.details?.field], [422, 'ENFORCEMENT.TRACKING_REQUIRED', 'trackingNumber']);
      const served = await call(t, tok['inspector.211000']!, 'POST', `/api/v1/enforcement/seals/${id}/service`, {
        method: 'post',
        servedAt: servedOn,
        trackingNumber: 'XA20261123001',
      });
      assert.equal(served.status, 200, JSON.stringify(served.body));
      assert.equal((served.body as SealView).service?.trackingNumber, 'XA20261123001');
    });
  });
}
