import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import swagger from '@fastify/swagger';
import * as contracts from '@fep/contracts';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type RouteOptions } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { startTestApp, type TestApp } from '../../test-support/harness.ts';
import { supervisionRoutes } from './supervision.routes.ts';

/**
 * Contracts end to end: every supervision route answers with a schema exported from @fep/contracts (one
 * schema for the API's serialisation and OpenAPI document and for the web client), and the document
 * served at /api/docs/json shows it for the route's success status.
 */

/** Rewritten elsewhere for performance; their response schemas are in contracts but not wired here yet. */
const NOT_WIRED = new Set<string>();
/** The creating routes answer 201 (idempotent, with an Idempotency-Key); every other route 200. */
const CREATED = new Set([
  'POST /api/v1/supervision/plans',
  'POST /api/v1/supervision/tasks',
  'POST /api/v1/inspector-conflicts',
  'POST /api/v1/portal/orders/:id/extension',
]);

const CONTRACT_SCHEMAS = new Set<unknown>(Object.values(contracts).filter((v) => typeof v === 'object' && v !== null));

interface Route {
  key: string;
  method: string;
  url: string;
  response: Record<string, unknown> | undefined;
}

/** The routes a plugin registers (HEAD twins of GETs left out), read from Fastify's onRoute hook. */
async function routesOf(ctx: AppContext, plugin: FastifyPluginAsync): Promise<{ routes: Route[]; doc: OpenApi }> {
  const probe = Fastify({ logger: false });
  probe.decorate('ctx', ctx);
  const routes: Route[] = [];
  probe.addHook('onRoute', (r: RouteOptions) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      const response = (r.schema as { response?: Record<string, unknown> } | undefined)?.response;
      routes.push({ key: `${method} ${r.url}`, method, url: r.url, response });
    }
  });
  await probe.register(swagger, { openapi: { info: { title: 'probe', version: '0' } } });
  await probe.register(plugin);
  await probe.ready();
  const doc = probe.swagger() as OpenApi;
  await probe.close();
  return { routes, doc };
}

interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

/** What is wrong with the routes' contracts (empty when every route is as required). */
function contractProblems(routes: Route[], doc: OpenApi): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    if (NOT_WIRED.has(r.key)) continue;
    const status = CREATED.has(r.key) ? '201' : '200';
    const declared = r.response?.[status];
    if (!declared) {
      problems.push(`${r.key}: no response schema for ${status}`);
      continue;
    }
    // A file download names its content type(s); its schema, like a JSON one, must be a contract's.
    const content = (declared as { content?: Record<string, { schema: unknown }> }).content;
    const schemas = content ? Object.values(content).map((c) => c.schema) : [declared];
    for (const s of schemas) if (!CONTRACT_SCHEMAS.has(s)) problems.push(`${r.key}: the ${status} response schema is not one exported by @fep/contracts`);
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const entry = doc.paths[path]?.[r.method.toLowerCase()]?.responses?.[status];
    const documented = entry?.content && Object.values(entry.content).every((c) => c.schema !== undefined);
    if (!documented) problems.push(`${r.key}: the OpenAPI document shows no schema for ${status}`);
  }
  return problems;
}

describe('supervision contracts (OpenAPI)', () => {
  let t: TestApp;
  let doc: OpenApi;
  before(async () => {
    t = await startTestApp('sqlite', { demo: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as OpenApi;
  });
  after(() => t.close());

  test('every supervision route of the app has its success response schema from contracts in GET /api/docs/json', async () => {
    const { routes } = await routesOf(t.ctx, supervisionRoutes);
    assert.ok(routes.length >= 25, `supervision registers ${routes.length} routes`);
    // The routes are those of the app: each is in the app's document.
    for (const r of routes) assert.ok(doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()], `${r.key} is in the app's OpenAPI document`);
    assert.deepEqual(contractProblems(routes, doc), []);
  });

  test('a planted route without a response schema, or with one written inline, is found', async () => {
    const planted: FastifyPluginAsync = async (app: FastifyInstance) => {
      await supervisionRoutes(app);
      app.get('/api/v1/supervision/planted-bare', { config: { permission: 'public' } }, async () => ({ ok: true }));
      app.get(
        '/api/v1/supervision/planted-inline',
        { config: { permission: 'public' }, schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
        async () => ({ ok: true }),
      );
      app.post(
        '/api/v1/supervision/plans/:id/planted-wrong-status',
        { config: { permission: 'public' }, schema: { response: { 201: contracts.PlanView } } },
        async () => ({}),
      );
    };
    const { routes, doc: plantedDoc } = await routesOf(t.ctx, planted);
    // The real routes still pass; exactly the three planted ones are reported.
    assert.deepEqual(contractProblems(routes, plantedDoc), [
      'GET /api/v1/supervision/planted-bare: no response schema for 200',
      'GET /api/v1/supervision/planted-inline: the 200 response schema is not one exported by @fep/contracts',
      'POST /api/v1/supervision/plans/:id/planted-wrong-status: no response schema for 200',
    ]);
  });
});
