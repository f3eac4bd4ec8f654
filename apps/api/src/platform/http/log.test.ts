import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { bearer, DATABASES, startTestApp, type TestApp } from '../../test-support/harness.ts';
import { redactedUrl } from './log.ts';

describe('the access log hides query values (PIPL art. 51)', () => {
  const cases: Array<[string, string, string]> = [
    ['a search term', '/api/v1/units?q=13800001234', '/api/v1/units?q=[已隐藏]'],
    ['paging kept, the term hidden', '/api/v1/units?q=%E5%BC%A0%E4%B8%89&limit=20', '/api/v1/units?q=[已隐藏]&limit=20'],
    [
      'list state kept',
      '/api/v1/inspection-task-queue?page=2&pageSize=50&sort=dueDate&order=ascend',
      '/api/v1/inspection-task-queue?page=2&pageSize=50&sort=dueDate&order=ascend',
    ],
    ['an ID number under any name', '/api/v1/audit/events?target=110105194912310021', '/api/v1/audit/events?target=[已隐藏]'],
    ['a name that is itself typed text', '/api/v1/units?13800001234=1', '/api/v1/units?[已隐藏]=[已隐藏]'],
    ['a parameter without a value', '/api/v1/units?13800001234', '/api/v1/units?[已隐藏]=[已隐藏]'],
    ['no query', '/api/v1/units/abc', '/api/v1/units/abc'],
    ['an empty query', '/api/v1/units?', '/api/v1/units?'],
  ];
  for (const [name, url, expected] of cases) it(name, () => assert.equal(redactedUrl(url), expected));
});

for (const database of DATABASES) {
  describe(`access log lines [${database}]`, () => {
    let t: TestApp;
    let app: FastifyInstance;
    const lines: string[] = [];
    before(async () => {
      t = await startTestApp(database);
      const sink = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      app = await buildApp({ ...t.ctx, config: { ...t.ctx.config, logLevel: 'info' } }, { serveWeb: false, logStream: sink });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    test('GET /api/v1/units?q=13800001234 never logs the number; an ID number in a search is hidden too', async () => {
      const token = await t.login('clerk.211000');
      for (const q of ['13800001234', '110105194912310021']) {
        const r = await app.inject({ method: 'GET', url: `/api/v1/units?q=${q}&limit=5`, headers: bearer(token) });
        assert.equal(r.statusCode, 200, r.body);
      }
      const log = lines.join('');
      assert.ok(log.includes('/api/v1/units?q=[已隐藏]&limit=5'), log.slice(0, 2000));
      assert.ok(!log.includes('13800001234'), 'the phone number reached the log');
      assert.ok(!log.includes('110105194912310021'), 'the ID number reached the log');
    });
  });
}
