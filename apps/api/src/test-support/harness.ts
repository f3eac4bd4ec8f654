import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, createContext } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import type { AppContext } from '../platform/context.ts';
import { dropSchema } from './pg-schema.ts';

/**
 * API tests run in-process (`app.inject`) on a real SQLite file always, and on PostgreSQL too when
 * DATABASE_URL is set (each test app in a schema of its own, dropped afterwards).
 */
export type TestDatabase = 'sqlite' | 'postgres';
export const DATABASES: TestDatabase[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  /** Moves the application's clock. */
  clock: { now: Date; advance(ms: number): void };
  auditKeyHex: string;
  dataDir: string;
  login(username: string, password?: string): Promise<string>;
  /** Dispatches every due domain event (tests dispatch by hand, so that effects are deterministic). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'Test-Demo@2026';

export async function startTestApp(
  database: TestDatabase,
  opts: {
    demo?: boolean;
    now?: Date;
    env?: Record<string, string>;
    autoDispatch?: boolean;
    /** Captures the application's log lines at info level (or FEP_TEST_LOG_LEVEL), for tests that read them. */
    logStream?: Writable;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fep-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    FEP_DEMO: opts.demo === false ? 'false' : 'true',
    FEP_DEMO_PASSWORD: DEMO_PASSWORD,
    FEP_LOG_LEVEL: process.env.FEP_TEST_LOG_LEVEL ?? (opts.logStream ? 'info' : 'silent'),
    FEP_SWEEP_CRON: '',
    ...(database === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
    ...opts.env,
  });
  let schema: string | undefined;
  if (database === 'postgres') {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  }
  const clock = {
    now: opts.now ?? new Date('2026-11-23T02:00:00Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const auditKey = randomBytes(32);
  const ctx = await createContext(config, {
    ...(schema ? { pgSchema: schema } : {}),
    clock: {
      now: () => clock.now,
      moveTo(to) {
        if (to < clock.now) return false;
        clock.now = to;
        return true;
      },
      shifted: true,
    },
    auditKey,
    autoDispatch: opts.autoDispatch ?? false,
  });
  const app = await buildApp(ctx, { serveWeb: false, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  await app.ready();
  return {
    app,
    ctx,
    config,
    clock,
    auditKeyHex: auditKey.toString('hex'),
    dataDir,
    async login(username, password = DEMO_PASSWORD) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return (r.json() as { token: string }).token;
    },
    drain: () => ctx.events.drain(),
    async close() {
      await ctx.events.stop();
      await app.close();
      await ctx.database.close();
      if (schema) {
        await dropSchema(schema);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function agencyId(t: TestApp, regionCode: string): Promise<string> {
  const a = await t.ctx.database.db.selectFrom('agencies').select('id').where('region_code', '=', regionCode).executeTakeFirstOrThrow();
  return a.id;
}

export async function countEvents(t: TestApp): Promise<number> {
  const r = await t.ctx.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A multipart/form-data body with one file, for `app.inject`. */
export function multipartFile(filename: string, data: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----fep${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
