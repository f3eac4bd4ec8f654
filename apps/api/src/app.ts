import { join } from 'node:path';
import type { Writable } from 'node:stream';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { HealthView } from '@fep/contracts';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { demoRoutes } from './demo/demo.routes.ts';
import { seedReferenceData } from './demo/reference.ts';
import { seedDemoData } from './demo/seed.ts';
import { appointmentRoutes } from './features/appointments/index.ts';
import { complaintRoutes, open311Routes, partnerRoutes } from './features/complaints/index.ts';
import { creditRoutes } from './features/credit/index.ts';
import { dashboardRoutes, watchFiguresAnnouncements } from './features/dashboard/index.ts';
import { disclosureRoutes } from './features/disclosure/index.ts';
import { caseDocumentRoutes } from './features/enforcement/case-documents.routes.ts';
import { caseRoutes } from './features/enforcement/cases.routes.ts';
import { enforcementRoutes } from './features/enforcement/enforcement.routes.ts';
import { paymentRoutes } from './features/enforcement/payments.routes.ts';
import { sealRoutes } from './features/enforcement/seals.routes.ts';
import { engineerRoutes } from './features/engineers/index.ts';
import { evaluationRoutes } from './features/evaluations/index.ts';
import { gatewayRoutes } from './features/gateway/index.ts';
import { guidanceRoutes } from './features/guidance/index.ts';
import { accountabilityRoutes, incidentRoutes } from './features/incidents/index.ts';
import { applicationRoutes } from './features/licensing/applications.routes.ts';
import { documentRoutes } from './features/licensing/documents.routes.ts';
import { licenceRoutes } from './features/licensing/licences.routes.ts';
import { queueRoutes } from './features/licensing/queues.routes.ts';
import { taskRoutes } from './features/licensing/tasks.routes.ts';
import { marketRoutes } from './features/market/index.ts';
import { monitoringRoutes } from './features/monitoring/index.ts';
import { notificationRoutes } from './features/notifications/notifications.routes.ts';
import { oversightRoutes } from './features/oversight/oversight.routes.ts';
import { productRoutes } from './features/products/index.ts';
import { serviceRoutes } from './features/services/services.routes.ts';
import { supervisionRoutes } from './features/supervision/supervision.routes.ts';
import { trainingRoutes } from './features/training/index.ts';
import { unitRoutes } from './features/units/units.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { loadAuditKey } from './platform/audit/keys.ts';
import { flushRefusals } from './platform/audit/refusals.ts';
import { sealInitialRows } from './platform/audit/row-seals.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { createClock, type ProductClock } from './platform/clock.ts';
import { clockRoutes } from './platform/clocks/clocks.routes.ts';
import type { AppContext } from './platform/context.ts';
import { RenderPool } from './platform/documents/render-pool.ts';
import { loadSealMasterKey } from './platform/documents/seal.ts';
import { EventBus } from './platform/events/bus.ts';
import { eventRoutes } from './platform/events/events.routes.ts';
import { fileRoutes } from './platform/files/files.routes.ts';
import { installErrorHandler, installInputGuards } from './platform/http/error-handler.ts';
import { installGuard } from './platform/http/guard.ts';
import { serializeRequest } from './platform/http/log.ts';
import { installOperationsEndpoints } from './platform/http/metrics.ts';
import { registerCompression, serveWebApp } from './platform/http/web-assets.ts';
import { authRoutes } from './platform/iam/auth.routes.ts';
import { watchSessionAnnouncements } from './platform/iam/sessions.ts';
import { mapRoutes, tileOrigins } from './platform/map/map.routes.ts';
import { orgRoutes } from './platform/org/org.routes.ts';
import { partnerAdminRoutes } from './platform/partners/partners.routes.ts';
import { policyRoutes } from './platform/policy/policy.routes.ts';
import { ReadPool } from './platform/workers/pool.ts';
import { READS_MODULE } from './reads.ts';
import { registerSubscribers } from './subscribers.ts';

export interface ContextOptions {
  pgSchema?: string;
  /** The product clock (tests pass one they move by hand); default: FEP_NOW or the machine's time. */
  clock?: ProductClock;
  auditKey?: Buffer;
  sealMasterKey?: Buffer;
  /** Dispatch domain events right after each commit (default); tests that drain by hand turn it off. */
  autoDispatch?: boolean;
}

/** Opens the store, runs migrations on it, loads reference data and, in demo mode, the demo data. */
export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext & { demoLoaded: boolean }> {
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, pgSchema: opts.pgSchema, pgPoolMax: config.pgPoolMax });
  await migrateToLatest(database.db as never, database.dialect);
  const clock = opts.clock ?? createClock(config.startAt);
  const events = new EventBus();
  if (opts.autoDispatch === false) events.autoDispatch = false;
  const ctx: AppContext = {
    database,
    config,
    auditKey: opts.auditKey ?? loadAuditKey(config.dataDir, config.auditKey),
    sealMasterKey: opts.sealMasterKey ?? loadSealMasterKey(config.dataDir, config.sealMasterKey),
    now: () => clock.now(),
    clock,
    events,
  };
  if (database.file) {
    // SQLite answers synchronously on this thread: heavy reads go to worker threads with connections of their own.
    const pool = new ReadPool({ file: database.file, dataDir: config.dataDir, auditKey: ctx.auditKey, registry: READS_MODULE });
    ctx.reads = pool;
    const closeDb = database.close;
    database.close = async () => {
      await pool.close();
      await closeDb();
    };
  }
  // Documents are rendered and sealed off the event loop, on both stores (LIC-07).
  const documents = new RenderPool({ onWorkerFailure: (err) => ctx.log?.(err, 'document render worker failed; its documents are rendered again') });
  ctx.documents = documents;
  const closeStore = database.close;
  database.close = async () => {
    await documents.close();
    await closeStore();
  };
  // Sessions ended by another process leave this process's session cache at once (PostgreSQL).
  await watchSessionAnnouncements(database);
  // The leaders' dashboards of every process hear each rollup commit (MON-02, PostgreSQL).
  await watchFiguresAnnouncements(database);
  registerSubscribers(events);
  events.attach(ctx);
  await seedReferenceData(ctx);
  const demoLoaded = config.demo ? await seedDemoData(ctx) : false;
  // Business rows that existed when row seals began (migration 0270) are sealed once, as they are.
  await sealInitialRows(database.db, database.dialect, ctx.auditKey, ctx.now());
  return { ...ctx, demoLoaded };
}

export const WEB_DIST = join(new URL('.', import.meta.url).pathname, '../../web/dist');

/** The HTTP application. Plugin order: external plugins → platform → features; one error handler. */
export async function buildApp(
  ctx: AppContext,
  opts: { serveWeb?: boolean; webRoot?: string /** Where log lines go (tests read them); stdout by default. */; logStream?: Writable } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[已隐藏]' },
      // The access log writes the query's values hidden: search terms may be ID or phone numbers (PIPL art. 51).
      serializers: { req: serializeRequest as never },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    trustProxy: true,
    // Access lines are written at info level; below it, skip building them for every request.
    logController: new LogController({ disableRequestLogging: !['trace', 'debug', 'info'].includes(ctx.config.logLevel) }),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => {
    await flushRefusals(ctx);
    await ctx.reads?.close();
    await ctx.documents?.close();
  });
  ctx.log ??= (err, message) => app.log.error({ err }, message ?? 'background failure');

  await app.register(cookie);
  await registerCompression(app);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '消防执法服务平台 API', version: '1.0.0', description: '错误统一为 { code, message, details }；创建类 POST 接受 Idempotency-Key。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installGuard(app);
  installErrorHandler(app);
  // The pages may load basemap tiles from the configured tile service, and from nowhere else.
  const imgSrc = ["'self'", 'data:', 'blob:', ...tileOrigins(ctx.config.map)].join(' ');
  const csp = `default-src 'self'; img-src ${imgSrc}; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'`;
  installInputGuards(app);
  installOperationsEndpoints(app, ctx);
  // A callback hook, not an async one: it runs on every response and needs no promise.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // A tile of the offline basemap sets its own caching; every other API answer is never cached.
    if (req.url.startsWith('/api/v1')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    } else if (!req.url.startsWith('/api/docs')) reply.header('content-security-policy', csp);
    done(null, payload);
  });

  app.get('/api/health', { config: { permission: 'public' }, schema: { tags: ['系统'], summary: '健康检查', response: { 200: HealthView } } }, async () => {
    await ctx.database.db.selectFrom('agencies').select('id').limit(1).execute();
    return { status: 'ok' as const };
  });

  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
  await app.register(policyRoutes);
  await app.register(calendarRoutes);
  await app.register(clockRoutes);
  await app.register(fileRoutes);
  await app.register(eventRoutes);
  await app.register(partnerAdminRoutes);
  await app.register(demoRoutes);
  await app.register(unitRoutes);
  await app.register(serviceRoutes);
  await app.register(evaluationRoutes);
  await app.register(gatewayRoutes);
  await app.register(appointmentRoutes);
  await app.register(trainingRoutes);
  await app.register(guidanceRoutes);
  await app.register(disclosureRoutes);
  await app.register(engineerRoutes);
  await app.register(accountabilityRoutes);
  await app.register(mapRoutes);
  await app.register(enforcementRoutes);
  await app.register(caseRoutes);
  await app.register(sealRoutes);
  await app.register(caseDocumentRoutes);
  await app.register(paymentRoutes);
  await app.register(applicationRoutes);
  await app.register(licenceRoutes);
  await app.register(documentRoutes);
  await app.register(taskRoutes);
  await app.register(queueRoutes);
  await app.register(supervisionRoutes);
  await app.register(notificationRoutes);
  await app.register(oversightRoutes);
  await app.register(creditRoutes);
  await app.register(marketRoutes);
  await app.register(productRoutes);
  await app.register(monitoringRoutes);
  await app.register(dashboardRoutes);
  await app.register(incidentRoutes);
  await app.register(complaintRoutes);
  await app.register(partnerRoutes);
  await app.register(open311Routes);

  await serveWebApp(app, opts.serveWeb === false ? null : (opts.webRoot ?? WEB_DIST));
  return app;
}
