import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventOf } from '../../platform/events/outbox.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadMaterials } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';
import { documentRenders, licensingSubscribers, renderAndAttach } from './document-production.ts';
import { INTAKE_DOCUMENT_RECORDED } from './events.ts';

/**
 * LIC-01 / LIC-06 intake documents are recorded in the act's transaction and rendered after the commit
 * (decisions.md): the submission renders nothing; the event's subscriber, or the first download or
 * verification, renders once from the snapshot; concurrent producers end with one file.
 */
for (const database of DATABASES) {
  describe(`licensing: intake document PDFs after the commit [${database}]`, () => {
    let t: TestApp;
    let applicant: string;
    let clerk: string;
    let materials: Record<string, string[]>;
    let n = 0;
    before(async () => {
      // No dispatcher runs: events wait in the outbox until the test drains them.
      t = await startTestApp(database, { autoDispatch: false });
      applicant = await t.login('applicant.440106');
      clerk = await t.login('clerk.440106');
      materials = await uploadMaterials(t, applicant);
    });
    after(() => t.close());

    const submit = async (): Promise<Json> => {
      const input = applicationInput('440106', 'inspection', materials, { venueName: `鑫源大酒店后台${++n}号店`, submit: true });
      const r = await call(t, applicant, 'POST', '/api/v1/licensing/applications', input);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const receiptOf = (applicationId: string) =>
      t.ctx.database.db
        .selectFrom('application_documents')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('kind', '=', 'receipt')
        .executeTakeFirstOrThrow();
    const download = (docId: string) => call(t, clerk, 'GET', `/api/v1/licensing/legal-documents/${docId}/pdf`);

    test('the submission records the receipt without rendering it; the event renders it once after the commit, and a redelivery renders nothing', async () => {
      const before = documentRenders.count;
      const a = await submit();
      assert.equal(documentRenders.count, before, 'the submission transaction rendered a PDF');
      const recorded = await receiptOf(a.id);
      assert.equal(recorded.pdf_sha256, '');
      assert.equal(recorded.seal_digest, '');
      assert.ok(recorded.content_json, 'the content snapshot is recorded with the act');
      assert.equal(recorded.number, a.referenceNo);
      const event = await t.ctx.database.db
        .selectFrom('domain_events')
        .selectAll()
        .where('type', '=', INTAKE_DOCUMENT_RECORDED)
        .where('target_id', '=', a.id)
        .executeTakeFirstOrThrow();

      await t.drain();
      assert.equal(documentRenders.count, before + 1);
      const produced = await receiptOf(a.id);
      assert.match(produced.pdf_sha256, /^[0-9a-f]{64}$/);
      assert.notEqual(produced.seal_digest, '');
      assert.notEqual(produced.qr_signature, '');

      // Redelivery (at least once): the delivery is due again, and the subscriber is called again by hand.
      await t.ctx.database.db
        .updateTable('event_deliveries')
        .set({ status: 'pending', done_at: null, next_attempt_at: t.clock.now.toISOString() })
        .where('event_id', '=', event.id)
        .execute();
      await t.drain();
      const subscriber = licensingSubscribers.find((s) => s.types.includes(INTAKE_DOCUMENT_RECORDED))!;
      await subscriber.handle(t.ctx, eventOf(event));
      assert.equal(documentRenders.count, before + 1, 'a redelivered event rendered again');
      assert.deepEqual(await receiptOf(a.id), produced);

      // The download is the stored file.
      const r = await download(produced.id);
      assert.equal(r.status, 200);
      assert.deepEqual(r.raw, await readBlob(t.ctx.config.dataDir, produced.pdf_sha256));
    });

    test('20 parallel first downloads of a document not rendered yet: all 200 with the same bytes, one stored file', async () => {
      const a = await submit();
      const doc = await receiptOf(a.id);
      assert.equal(doc.pdf_sha256, '');
      const before = documentRenders.count;
      const answers = await Promise.all(Array.from({ length: 20 }, () => download(doc.id)));
      for (const r of answers) {
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-type'], 'application/pdf');
        assert.deepEqual(r.raw, answers[0]!.raw);
      }
      assert.equal(documentRenders.count, before + 1, 'concurrent downloads in one process share one rendering');
      const stored = await receiptOf(a.id);
      assert.deepEqual(answers[0]!.raw, await readBlob(t.ctx.config.dataDir, stored.pdf_sha256));
      // The event delivered afterwards finds the file and renders nothing.
      await t.drain();
      assert.equal(documentRenders.count, before + 1);
      assert.deepEqual(await receiptOf(a.id), stored);
    });

    test('producers in different processes race on the compare-and-set: the losers answer with the winner’s file', async () => {
      const a = await submit();
      const doc = await receiptOf(a.id);
      // Each call renders on its own (as separate processes would); the signatures differ, so the files do.
      const results = await Promise.all(Array.from({ length: 5 }, () => renderAndAttach(t.ctx, doc)));
      const stored = await receiptOf(a.id);
      assert.match(stored.pdf_sha256, /^[0-9a-f]{64}$/);
      for (const r of results) {
        assert.equal(r.pdf_sha256, stored.pdf_sha256);
        assert.equal(r.seal_digest, stored.seal_digest);
        assert.equal(r.qr_signature, stored.qr_signature);
      }
      const r = await download(doc.id);
      assert.deepEqual(r.raw, await readBlob(t.ctx.config.dataDir, stored.pdf_sha256));
    });

    test('verification by code of a document not rendered yet renders it and shows its seal digest', async () => {
      const a = await submit();
      const doc = await receiptOf(a.id);
      const r = await call(t, null, 'GET', `/api/v1/verify/${doc.verify_code}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const stored = await receiptOf(a.id);
      assert.notEqual(stored.seal_digest, '');
      assert.equal(r.body.document.sealDigest, stored.seal_digest);
    });
  });
}
