import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { pendingMigrations } from '../../db/migrations/index.ts';
import { checkpointHealth } from '../audit/checkpoints.ts';
import type { AppContext } from '../context.ts';

/**
 * Operations endpoints outside the API (docs/operations.md):
 * - `GET /metrics`: Prometheus text format (prom-client) — HTTP requests counted and timed by route pattern
 *   (never the address: ids would make a series per record) and status, and the process's default metrics,
 *   among them event-loop lag (`nodejs_eventloop_lag_seconds`, `nodejs_eventloop_lag_p99_seconds`) and memory.
 *   It answers only a bearer token equal to `FEP_METRICS_TOKEN`; without a configured token it is not served
 *   (404), so a deployment exposes nothing by default. A token, not a bind address: behind a proxy on the same
 *   host every request arrives from loopback, and `trustProxy` lets a client name any address.
 * - `GET /live`: liveness — the process answers (no database): restart it when this fails.
 * - `GET /ready`: readiness — the database answers and every migration of this build has run: send traffic only
 *   while this is 200 (503 otherwise, naming what is not ready).
 */
export function installOperationsEndpoints(app: FastifyInstance, ctx: AppContext): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'fep_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'fep_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const checkpoints = ctx.database.checkpoints;
  if (checkpoints) {
    // SQLite's WAL checkpoints run on a thread of their own (db/checkpointer.ts): a stopped thread means the
    // writer checkpoints inside commits again, and requests wait for it.
    new Gauge({
      name: 'fep_sqlite_checkpoints_total',
      help: 'WAL checkpoints taken on the checkpointer thread',
      registers: [registry],
      collect() {
        this.set(checkpoints.checkpoints);
      },
    });
    new Gauge({
      name: 'fep_sqlite_checkpoint_max_seconds',
      help: 'Longest WAL checkpoint on the checkpointer thread',
      registers: [registry],
      collect() {
        this.set(checkpoints.maxMs / 1000);
      },
    });
    new Gauge({
      name: 'fep_sqlite_checkpointer_running',
      help: '1 while WAL checkpoints run off the event loop, 0 when the writer took them back',
      registers: [registry],
      collect() {
        this.set(checkpoints.running ? 1 : 0);
      },
    });
  }

  // Checkpoints of the enforcement record (platform/audit/checkpoints.ts) taken by this process's schedule: failures
  // mean the sink refused them (the checkpoint endpoint unreachable); nothing was recorded and the next run retries.
  new Gauge({
    name: 'fep_record_checkpoint_failures_total',
    help: 'Scheduled checkpoints of the enforcement record that failed in this process (the sink refused or was unreachable)',
    registers: [registry],
    collect() {
      this.set(checkpointHealth.failures);
    },
  });
  new Gauge({
    name: 'fep_record_checkpoint_last_success_timestamp_seconds',
    help: 'When this process last took a checkpoint of the enforcement record (0: not yet)',
    registers: [registry],
    collect() {
      this.set((checkpointHealth.lastSuccessAt ?? 0) / 1000);
    },
  });

  app.addHook('onResponse', (req, reply, done) => {
    // Requests no route matched share one series (a scan of made-up addresses must not create series).
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      const labels = { method: req.method, route, status_code: String(reply.statusCode) };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
    }
    done();
  });

  const token = ctx.config.metricsToken;
  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (req, reply) => {
    if (!token) return reply.code(404).send({ code: 'RESOURCE.NOT_FOUND', message: '接口不存在', details: null });
    if (!bearerMatches(req, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ code: 'AUTH.UNAUTHENTICATED', message: '请提供监控令牌', details: null });
    }
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });

  app.get('/live', { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'live' }));

  app.get('/ready', { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) => {
    const checks = await readiness(ctx);
    const ready = checks.database === 'ok' && checks.migrations === 'current';
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not_ready', ...checks });
  });

  app.addHook('onClose', async () => {
    registry.clear();
  });
}

function bearerMatches(req: FastifyRequest, token: string): boolean {
  const h = req.headers.authorization;
  if (!h?.startsWith('Bearer ')) return false;
  const given = Buffer.from(h.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const READY_TIMEOUT_MS = 2_000;

/** The database answers within 2 s, and no migration of this build is pending (a newer build migrated, or none yet). */
export async function readiness(ctx: AppContext): Promise<{ database: 'ok' | 'unreachable'; migrations: 'current' | 'pending' | 'unknown' }> {
  const { db, dialect } = ctx.database;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_TIMEOUT_MS);
  });
  try {
    try {
      await Promise.race([db.selectFrom('agencies').select('id').limit(1).execute(), timeout]);
    } catch (e) {
      ctx.log?.(e, 'readiness: database unreachable');
      return { database: 'unreachable', migrations: 'unknown' };
    }
    try {
      const pending = await Promise.race([pendingMigrations(db as never, dialect), timeout]);
      return { database: 'ok', migrations: pending.length === 0 ? 'current' : 'pending' };
    } catch (e) {
      ctx.log?.(e, 'readiness: migrations not readable');
      return { database: 'ok', migrations: 'unknown' };
    }
  } finally {
    clearTimeout(timer);
  }
}
