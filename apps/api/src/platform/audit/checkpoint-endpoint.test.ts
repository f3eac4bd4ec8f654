import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { startCheckpointEndpoint, type TestCheckpointEndpoint } from '../../test-support/checkpoint-endpoint.ts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import type { AppContext } from '../context.ts';
import { type CheckpointLine, checkpointHealth, checkpointJob, configuredSink, endpointSink, fileSink, SinkError, verifyRecord } from './checkpoints.ts';
import { loadCheckpointKey } from './keys.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

/**
 * The checkpoint endpoint beside the file (issue 10 item 5: "a partner endpoint where configured"): every line goes
 * to both, the endpoint first; the endpoint refusing or unreachable leaves nothing recorded anywhere; the verifier
 * reads the endpoint and finds a local file an insider rewrote; the endpoint takes only requests signed with the key.
 */
for (const database of DATABASES) {
  describe(`record checkpoints: the partner endpoint beside the file [${database}]`, () => {
    let t: TestApp;
    let endpoint: TestCheckpointEndpoint;
    let dir: string;
    let file: string;
    let ctx: Pick<AppContext, 'database' | 'config' | 'now'>;
    let publicKey: string;
    const secret = randomBytes(32).toString('hex');
    const metric = async (name: string) => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(METRICS_TOKEN) })).body;
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    const fileLines = async () => fileSink(file).read();
    const recorded = async () => (await t.ctx.database.db.selectFrom('audit_checkpoints').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    const verify = () => verifyRecord(t.ctx.database.db, t.ctx.auditKey, publicKey, configuredSink(ctx.config, ctx.now), { chains: [] });

    before(async () => {
      t = await startTestApp(database, { env: { FEP_METRICS_TOKEN: METRICS_TOKEN } });
      endpoint = await startCheckpointEndpoint(secret, t.ctx.now);
      dir = mkdtempSync(join(tmpdir(), 'fep-sink-endpoint-'));
      file = join(dir, 'checkpoints.jsonl');
      ctx = { database: t.ctx.database, now: t.ctx.now, config: { ...t.ctx.config, checkpointFile: file, checkpointEndpoint: undefined } };
      publicKey = loadCheckpointKey(ctx.config.dataDir, ctx.config.checkpointKey).publicKey;
    });
    after(async () => {
      await endpoint.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an endpoint configured after checkpoints went to the file alone gets the earlier lines first, then each new one — the same line in both', async () => {
      const first = await checkpointJob(ctx, 'test');
      assert.equal(first?.seq, 1);
      assert.deepEqual(endpoint.lines, []);
      ctx = { ...ctx, config: { ...ctx.config, checkpointEndpoint: { url: endpoint.url, key: secret } } };
      t.clock.advance(10 * 60_000);
      const second = await checkpointJob(ctx, 'test');
      assert.equal(second?.seq, 2);
      assert.deepEqual(endpoint.lines, [first, second]);
      assert.deepEqual(await fileLines(), [first, second]);
      t.clock.advance(10 * 60_000);
      const third = (await checkpointJob(ctx, 'test')) as CheckpointLine;
      assert.equal(third.seq, 3);
      assert.deepEqual(endpoint.lines.at(-1), third);
      assert.deepEqual((await fileLines()).at(-1), third);
      assert.deepEqual(await recorded(), [1, 2, 3]);
      assert.deepEqual(await verify(), []);
    });

    test('the endpoint down or unreachable: the checkpoint fails, nothing is written to the database or the file, and the next run takes it', async () => {
      const before = { rows: await recorded(), file: readFileSync(file, 'utf8'), endpoint: endpoint.lines.length, failures: checkpointHealth.failures };
      t.clock.advance(10 * 60_000);
      endpoint.down = true;
      await assert.rejects(checkpointJob(ctx, 'test'), (e: unknown) => e instanceof SinkError && e.status === 503);
      endpoint.down = false;
      // Read, but the line refused: the file is not written either (the endpoint is written first).
      endpoint.refusePosts = true;
      await assert.rejects(checkpointJob(ctx, 'test'), (e: unknown) => e instanceof SinkError && e.status === 503);
      endpoint.refusePosts = false;
      // Nothing listens at this address any more: the connection is refused.
      const gone = await startCheckpointEndpoint(secret, t.ctx.now);
      await gone.close();
      const unreachable = { ...ctx, config: { ...ctx.config, checkpointEndpoint: { url: gone.url, key: secret } } };
      await assert.rejects(checkpointJob(unreachable, 'test'), (e: unknown) => e instanceof SinkError && e.status === null && /unreachable/.test(e.message));
      assert.deepEqual(await recorded(), before.rows);
      assert.equal(readFileSync(file, 'utf8'), before.file);
      assert.equal(endpoint.lines.length, before.endpoint);
      assert.equal(checkpointHealth.failures, before.failures + 3);
      assert.equal(await metric('fep_record_checkpoint_failures_total'), checkpointHealth.failures);
      // The lease was released: the next run takes the checkpoint, chained to the last one stored.
      const next = (await checkpointJob(ctx, 'test')) as CheckpointLine;
      assert.equal(next.seq, before.rows.at(-1)! + 1);
      assert.deepEqual(endpoint.lines.at(-1), next);
      assert.deepEqual((await fileLines()).at(-1), next);
      assert.deepEqual(await recorded(), [...before.rows, next.seq]);
      assert.equal(await metric('fep_record_checkpoint_last_success_timestamp_seconds'), t.ctx.now().getTime() / 1000);
      assert.deepEqual(await verify(), []);
    });

    test('an insider rewriting the local file — a line edited, the tail cut off, a line added — is found against the endpoint', async () => {
      const original = readFileSync(file, 'utf8');
      const lines = await fileLines();
      const rewrite = (ls: CheckpointLine[]) => writeFileSync(file, ls.map((l) => `${JSON.stringify(l)}\n`).join(''));
      const mismatches = async () => (await verify()).filter((f) => f.reason === 'sink_mismatch');
      try {
        rewrite(lines.map((l, i) => (i === 1 ? { ...l, createdAt: '2026-01-01T00:00:00.000Z' } : l)));
        assert.deepEqual(await mismatches(), [
          { what: `checkpoint ${lines[1]!.seq}`, reason: 'sink_mismatch', detail: 'differs between the file and the endpoint' },
        ]);
        // Cut back by two lines: what remains still chains and verifies on its own — only the endpoint tells.
        rewrite(lines.slice(0, -2));
        assert.deepEqual(
          (await verifyRecord(t.ctx.database.db, t.ctx.auditKey, publicKey, fileSink(file), { chains: [] })).filter((f) => f.reason.startsWith('sink')),
          [],
        );
        assert.deepEqual(
          (await mismatches()).map((f) => [f.what, f.detail]),
          lines.slice(-2).map((l) => [`checkpoint ${l.seq}`, 'missing from the file']),
        );
        writeFileSync(file, '');
        assert.equal((await mismatches()).length, lines.length);
        rewrite([...lines, { ...lines.at(-1)!, seq: lines.length + 1 }]);
        assert.deepEqual(
          (await mismatches()).map((f) => f.detail),
          ['missing from the endpoint'],
        );
      } finally {
        writeFileSync(file, original);
      }
      assert.deepEqual(await verify(), []);
    });

    test('the endpoint refuses a forged signature, a body changed under a signature, a replayed request, and another line with a stored number', async () => {
      const stored = endpoint.lines.length;
      const line = { ...endpoint.lines.at(-1)!, seq: stored + 1, createdAt: t.ctx.now().toISOString() };
      const forged = endpointSink(endpoint.url, randomBytes(32).toString('hex'), t.ctx.now);
      await assert.rejects(forged.append(line), (e: unknown) => e instanceof SinkError && e.status === 401);
      await assert.rejects(forged.read(), (e: unknown) => e instanceof SinkError && e.status === 401);
      const altered = endpointSink(endpoint.url, secret, t.ctx.now, (url, init) =>
        fetch(url, { ...init, body: String(init?.body).replace(`"seq":${stored + 1}`, `"seq":${stored + 2}`) }),
      );
      await assert.rejects(altered.append(line), (e: unknown) => e instanceof SinkError && e.status === 401);
      let replayed = 0;
      const twice = endpointSink(endpoint.url, secret, t.ctx.now, async (url, init) => {
        const first = await fetch(url, init);
        replayed = (await fetch(url, init)).status;
        return first;
      });
      await twice.read();
      assert.equal(replayed, 401);
      assert.deepEqual(
        endpoint.refused.slice(-4).map((r) => [r.method, r.status, r.reason]),
        [
          ['POST', 401, 'signature'],
          ['GET', 401, 'signature'],
          ['POST', 401, 'signature'],
          ['GET', 401, 'nonce'],
        ],
      );
      assert.equal(endpoint.lines.length, stored);
      const genuine = endpointSink(endpoint.url, secret, t.ctx.now);
      // The same line again (a retry) is accepted; another line with its number is not.
      await genuine.append(endpoint.lines.at(-1)!);
      await assert.rejects(genuine.append({ ...endpoint.lines.at(-1)!, root: '0'.repeat(64) }), (e: unknown) => e instanceof SinkError && e.status === 409);
      assert.equal(endpoint.lines.length, stored);
    });

    test('the verifier cannot prove the record without the endpoint', async () => {
      endpoint.down = true;
      try {
        await assert.rejects(verify(), (e: unknown) => e instanceof SinkError && e.status === 503);
      } finally {
        endpoint.down = false;
      }
    });
  });
}

describe('record checkpoints: the endpoint setting', () => {
  const production = {
    NODE_ENV: 'production',
    FEP_AUDIT_KEY: 'a'.repeat(64),
    FEP_SEAL_MASTER_KEY: 'b'.repeat(64),
    FEP_CHECKPOINT_KEY: 'c'.repeat(64),
    FEP_CHECKPOINT_FILE: '/var/lib/fep-sink/checkpoints.jsonl',
  };
  const key = 'k'.repeat(32);
  test('https, or http to this host; a key of at least 32 characters', () => {
    assert.equal(loadConfig(production).checkpointEndpoint, undefined);
    assert.deepEqual(
      loadConfig({ ...production, FEP_CHECKPOINT_URL: 'https://sink.example.gov.cn/fep/checkpoints', FEP_CHECKPOINT_URL_KEY: key }).checkpointEndpoint,
      {
        url: 'https://sink.example.gov.cn/fep/checkpoints',
        key,
      },
    );
    assert.ok(loadConfig({ ...production, FEP_CHECKPOINT_URL: 'http://127.0.0.1:9400/checkpoints', FEP_CHECKPOINT_URL_KEY: key }).checkpointEndpoint);
    assert.throws(() => loadConfig({ ...production, FEP_CHECKPOINT_URL: 'http://sink.example.gov.cn/c', FEP_CHECKPOINT_URL_KEY: key }), /https/);
    assert.throws(() => loadConfig({ ...production, FEP_CHECKPOINT_URL: 'https://sink.example.gov.cn/c', FEP_CHECKPOINT_URL_KEY: 'short' }), /32/);
    assert.throws(() => loadConfig({ ...production, FEP_CHECKPOINT_URL: 'https://sink.example.gov.cn/c' }), /FEP_CHECKPOINT_URL_KEY/);
    assert.throws(() => loadConfig({ ...production, FEP_CHECKPOINT_URL_KEY: key }), /FEP_CHECKPOINT_URL/);
    assert.throws(() => loadConfig({ ...production, FEP_CHECKPOINT_URL: 'not a url', FEP_CHECKPOINT_URL_KEY: key }), /有效的网址/);
  });
});
