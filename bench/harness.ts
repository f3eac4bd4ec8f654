/**
 * What the province-scale benchmarks (figures, dashboard) share: a store of their own made by createContext (a
 * temporary SQLite directory or PostgreSQL schema, or a kept one that is reused), the timing loops and the
 * leader's login.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, createContext } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import type { AppContext } from '../apps/api/src/platform/context.ts';

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}
export interface Row {
  label: string;
  value: string;
  reference?: string;
}

function summary(ms: number[]): Timing {
  ms.sort((a, b) => a - b);
  const n = ms.length;
  return { p50: ms[Math.floor(n * 0.5)]!, p95: ms[Math.min(n - 1, Math.floor(n * 0.95))]!, max: ms[n - 1]! };
}

/** `fn` n times in a row. */
export async function timed(n: number, fn: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return summary(ms);
}

/** `fn` once every `everyMs` (as a page asks, not a tight loop) for `forMs`; at least one sample. */
export async function timedPaced(forMs: number, everyMs: number, fn: () => Promise<unknown>): Promise<Timing & { n: number }> {
  const ms: number[] = [];
  const end = performance.now() + forMs;
  do {
    const t = performance.now();
    await fn();
    const took = performance.now() - t;
    ms.push(took);
    if (took < everyMs) await new Promise((r) => setTimeout(r, everyMs - took));
  } while (performance.now() < end);
  return { ...summary(ms), n: ms.length };
}

export const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
export const show = (r: Timing) => `p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, max ${f(r.max)} ms`;
/** The 1-minute load average, for the figure beside it (the machine is shared). */
export const load = () => loadavg()[0]!.toFixed(2);

export async function login(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return { authorization: `Bearer ${(r.json() as { token: string }).token}` };
}

export interface BenchStore {
  ctx: AppContext;
  app: FastifyInstance;
  dir: string;
  /** PostgreSQL schema (search_path of the store), when on PostgreSQL. */
  schema: string | undefined;
  /** True when a kept store was found (its data already generated): skip generating. */
  reused: boolean;
  /** Marks a kept store complete (the next run reuses it). */
  keep(): void;
  close(): Promise<void>;
}

/**
 * A store for one benchmark run. With `keepAs` (a name that encodes the sizes) the store is kept after the run —
 * /tmp/fep-bench-keep/<name> on SQLite, schema keep_<name> on PostgreSQL — and reused by the next run once marked
 * complete, so a generated 5,000,000-row fixture is built once; otherwise it is temporary and dropped.
 */
export async function openBenchStore(prefix: string, databaseUrl: string | undefined, keepAs?: string): Promise<BenchStore> {
  const keptDir = keepAs ? join(tmpdir(), 'fep-bench-keep', keepAs) : undefined;
  const dir = keptDir ?? mkdtempSync(join(tmpdir(), `fep-bench-${prefix}-`));
  if (keptDir) mkdirSync(keptDir, { recursive: true });
  const marker = keptDir ? join(keptDir, databaseUrl ? 'pg.done' : 'sqlite.done') : undefined;
  const schema = databaseUrl ? (keepAs ? `keep_${keepAs.replace(/\W/g, '_')}` : `bench_${randomBytes(4).toString('hex')}`) : undefined;
  let reused = marker !== undefined && existsSync(marker);
  if (databaseUrl && schema) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    if (!reused) await c.query(`drop schema if exists ${schema} cascade`);
    const exists = (await c.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1;
    if (!exists) {
      await c.query(`create schema ${schema}`);
      reused = false;
    }
    await c.end();
  } else if (keptDir && !reused) {
    rmSync(join(keptDir, 'fep.sqlite'), { force: true });
    rmSync(join(keptDir, 'fep.sqlite-wal'), { force: true });
    rmSync(join(keptDir, 'fep.sqlite-shm'), { force: true });
  }
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dir, FEP_DEMO: 'true', FEP_LOG_LEVEL: 'silent', FEP_SWEEP_CRON: '', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
    schema ? { pgSchema: schema } : {},
  );
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  return {
    ctx,
    app,
    dir,
    schema,
    reused,
    keep() {
      if (marker) writeFileSync(marker, new Date().toISOString());
    },
    async close() {
      await app.close();
      await ctx.events.stop();
      await ctx.database.close();
      if (keepAs) return;
      if (databaseUrl && schema) {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
