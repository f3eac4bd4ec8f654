import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sm2 } from 'sm-crypto-v2';
import { DATABASES, multipartFile, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { call, type Json, uploadImage } from '../../test-support/http.ts';
import { applicationInput } from '../../test-support/licensing.ts';
import { AppError } from '../errors.ts';
import type { DocumentSpec } from './pdf.ts';
import { RenderPool, renderHere } from './render-pool.ts';
import { type SealKey, verifySealedPdf } from './seal.ts';

/** The render pool (LIC-07): documents rendered and sealed on worker threads, as on the main thread. */

const FAILING = new URL('../../test-support/failing-render-worker.ts', import.meta.url);

const pair = sm2.generateKeyPairHex();
const KEY: SealKey = { id: '0190f3a0-0000-7000-8000-000000000001', agencyId: 'a', publicKey: pair.publicKey, privateKey: pair.privateKey };
const SPEC: DocumentSpec = {
  title: '公众聚集场所投入使用、营业前消防安全检查合格证',
  number: '天河消安许字〔2026〕第0001号',
  rows: [
    ['单位名称', '鑫垚餐饮管理有限公司'],
    ['场所名称', '鑫源大酒店'],
  ],
  paragraphs: ['经审查，该场所符合消防安全要求，准予投入使用、营业。'],
  agencyName: '广州市天河区消防救援大队',
  issuedOn: '2026-11-26',
  qrUrl: 'http://localhost:3000/verify/ABCDEFGHJKLM?s=abc',
  footer: '本证照为电子证照',
};

/** The bytes of a document but for what differs from one rendering to the next: the creation time, the file ID and the seal. */
function stable(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '')
    .replace(/FEPSEAL1;[^)]*/, '');
}

function failingPool(mode: 'crash' | 'hang' | 'stall', failures: number, opts: { size?: number; timeoutMs?: number; startTimeoutMs?: number } = {}) {
  const counter = new SharedArrayBuffer(4);
  new Int32Array(counter)[0] = failures;
  return new RenderPool({
    entry: FAILING,
    workerData: { failures: counter, mode },
    size: opts.size ?? 1,
    timeoutMs: opts.timeoutMs,
    startTimeoutMs: opts.startTimeoutMs,
  });
}

describe('render pool (worker threads)', () => {
  const pools: RenderPool[] = [];
  after(async () => {
    for (const p of pools) await p.close();
  });
  const pool = (p: RenderPool) => {
    pools.push(p);
    return p;
  };

  test('a document from a worker is the one the main thread renders, and its seal verifies', async () => {
    const p = pool(new RenderPool({ size: 2 }));
    const [here, there] = await Promise.all([renderHere(SPEC, KEY), p.render(SPEC, KEY)]);
    assert.equal(stable(there.pdf), stable(here.pdf));
    assert.deepEqual(
      verifySealedPdf(there.pdf, () => KEY.publicKey),
      { ok: true, keyId: KEY.id, digest: there.seal!.digest },
    );
    // Unsealed documents (sample forms) too.
    const plain = await p.render({ ...SPEC, qrUrl: undefined }, null);
    assert.equal(plain.seal, null);
    assert.equal(stable(plain.pdf), stable((await renderHere({ ...SPEC, qrUrl: undefined }, null)).pdf));
    // Several at once spread over the workers, each verifies.
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => p.render({ ...SPEC, number: `第${i}号` }, KEY)));
    for (const d of many) assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.workers, 2);
  });

  test('a document the font cannot print comes back as the same AppError (422), and the pool keeps serving', async () => {
    const p = pool(new RenderPool({ size: 1 }));
    await assert.rejects(p.render({ ...SPEC, rows: [['单位名称', '\u{2A6D6}记']] }, KEY), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'DOCUMENT.UNSUPPORTED_CHARACTERS');
      assert.ok(e.status >= 400 && e.status < 500);
      return true;
    });
    assert.equal(verifySealedPdf((await p.render(SPEC, KEY)).pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 0);
  });

  test('a worker that dies: its document is rendered on a fresh worker, the caller sees no error', async () => {
    const p = pool(failingPool('crash', 1));
    const d = await p.render(SPEC, KEY);
    assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 1);
    assert.equal(p.renderedHere, 0);
    assert.equal(p.workers, 1);
  });

  test('workers that keep dying: the document is rendered on the main thread after the second attempt', async () => {
    const p = pool(failingPool('crash', 100));
    const d = await p.render(SPEC, KEY);
    assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 2);
    assert.equal(p.renderedHere, 1);
  });

  test('a worker that hangs is ended after the time limit and its document rendered again', async () => {
    const p = pool(failingPool('hang', 1, { timeoutMs: 5000 }));
    const d = await p.render(SPEC, KEY);
    assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 1);
  });

  test('a worker that never finishes starting is ended after the start limit and its document rendered on a fresh one', async () => {
    const p = pool(failingPool('stall', 1, { startTimeoutMs: 3000 }));
    const d = await p.render(SPEC, KEY);
    assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 1);
    assert.equal(p.renderedHere, 0);
  });

  test('workers that never start: the document is rendered on the main thread after the second attempt', async () => {
    const p = pool(failingPool('stall', 100, { startTimeoutMs: 2000 }));
    const d = await p.render(SPEC, KEY);
    assert.equal(verifySealedPdf(d.pdf, () => KEY.publicKey).ok, true);
    assert.equal(p.failures, 2);
    assert.equal(p.renderedHere, 1);
  });

  test('closing ends every worker and refuses what comes after', async () => {
    const p = new RenderPool({ size: 2 });
    await p.render(SPEC, KEY);
    const waiting = p.render(SPEC, KEY);
    await p.close();
    await assert.rejects(waiting, /closed/);
    assert.equal(p.workers, 0);
    await assert.rejects(p.render(SPEC, KEY), /closed/);
  });
});

for (const database of DATABASES) {
  describe(`permit issuance on the render pool [${database}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(database);
    });
    after(async () => {
      console.log('after: closing');
      await t.ctx.events.stop();
      console.log('after: events');
      await t.app.close();
      console.log('after: app');
      await t.close();
      console.log('after: closed');
    });

    test('LIC-07 a permit issued while its render worker dies: granted, the PDF verifies; closing the app ends the workers', async () => {
      assert.ok(t.ctx.documents instanceof RenderPool, 'the app renders on a pool');
      const own = t.ctx.documents;
      const crashing = failingPool('crash', 1);
      t.ctx.documents = crashing;
      try {
        const applicant = await t.login('applicant.440106');
        const clerk = await t.login('clerk.440106');
        const files = {
          safety_rules: [await uploadImage(t, applicant)],
          evacuation_plan: [await uploadImage(t, applicant)],
          floor_plan: [await uploadImage(t, applicant)],
          training_records: [await uploadImage(t, applicant)],
        };
        const body = { ...applicationInput('440106', 'commitment', files, { commitment: { signerName: '王建华', accepted: true } }), submit: true };
        const created = await call(t, applicant, 'POST', '/api/v1/licensing/applications', body);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const accepted = await call(t, clerk, 'POST', `/api/v1/licensing/applications/${created.body.id}/accept`, {});
        assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
        assert.equal(accepted.body.status, 'granted');
        assert.equal(crashing.failures, 1, 'the worker died once and the permit was rendered again');
        const licence = accepted.body.licence as Json;
        const pdf = await call(t, applicant, 'GET', `/api/v1/licences/${licence.id}/pdf`);
        assert.equal(pdf.status, 200);
        const mp = multipartFile('permit.pdf', Buffer.from(pdf.raw), 'application/pdf');
        const checked = await t.app.inject({ method: 'POST', url: '/api/v1/licences/verify', headers: mp.headers, payload: mp.payload });
        assert.equal(checked.json().sealValid, true, checked.body);
      } finally {
        t.ctx.documents = own;
        await crashing.close();
      }
      // The app's own pool rendered nothing here; once it has, closing the app ends its workers.
      const sample = await call(t, null, 'GET', '/api/v1/licensing/sample-forms/evacuation_plan');
      assert.equal(sample.status, 200);
      assert.ok(own.workers > 0);
      const other = await startTestApp(database);
      const pool = other.ctx.documents as RenderPool;
      assert.equal((await call(other, null, 'GET', '/api/v1/licensing/sample-forms/evacuation_plan')).status, 200);
      assert.equal(pool.workers, 1);
      await other.close();
      assert.equal(pool.workers, 0);
    });
  });
}
