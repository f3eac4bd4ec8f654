import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import swagger from '@fastify/swagger';
import * as contracts from '@fep/contracts';
import { ApplicationView } from '@fep/contracts';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { startTestApp, type TestApp } from '../../test-support/harness.ts';
import { applicationRoutes } from './applications.routes.ts';
import { licenceRoutes } from './licences.routes.ts';
import { taskRoutes } from './tasks.routes.ts';

/**
 * One shape per answer (issue "One shape for every feature", item 5): every licensing route publishes in
 * the OpenAPI document a response schema for its success status, and that schema is one of the exported
 * schemas of @fep/contracts (the same object the web app types its calls with), or an array of one.
 *
 * "Comes from contracts" is checked by identity of the rendered schema: each export of @fep/contracts is
 * rendered by @fastify/swagger exactly as a route's schema is, and a route's schema must equal one of those
 * renderings. An inline `Type.Object(...)` in a route, or a contract widened in the route, renders to
 * something no export renders to and fails.
 */

type OpenApiDoc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
};
type RouteRef = { method: string; url: string };

const OPENAPI = { openapi: { info: { title: 'contracts', version: '1' } } };

/** Sorted-key JSON, so that two renderings compare by content. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

/** Every export of @fep/contracts that is a schema, rendered by @fastify/swagger as a response schema. */
async function contractRenderings(): Promise<Map<string, string>> {
  const app = Fastify();
  await app.register(swagger, OPENAPI);
  const names: string[] = [];
  for (const [name, value] of Object.entries(contracts)) {
    if (!value || typeof value !== 'object' || !('type' in value || 'anyOf' in value)) continue;
    names.push(name);
    app.get(`/c/${name}`, { schema: { response: { 200: value } } }, async () => null);
  }
  await app.ready();
  const doc = app.swagger() as unknown as OpenApiDoc;
  const out = new Map<string, string>();
  for (const name of names) {
    const schema = doc.paths[`/c/${name}`]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    out.set(canonical(schema), name);
  }
  await app.close();
  return out;
}

/** The routes the licensing plugins register (collected on a bare instance carrying the test app's context). */
async function routesOf(t: TestApp, plugins: FastifyPluginAsync[]): Promise<{ routes: RouteRef[]; app: FastifyInstance }> {
  const app = Fastify();
  app.decorate('ctx', t.ctx);
  await app.register(swagger, OPENAPI);
  const routes: RouteRef[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m.toLowerCase(), url: r.url });
  });
  for (const p of plugins) await app.register(p);
  await app.ready();
  return { routes, app };
}

/** What is wrong with each route's published success response; empty when every route is in order. */
function contractViolations(doc: OpenApiDoc, routes: RouteRef[], renderings: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const { method, url } of routes) {
    const path = url.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[path]?.[method];
    const where = `${method.toUpperCase()} ${url}`;
    if (!op) {
      problems.push(`${where}: not in the OpenAPI document`);
      continue;
    }
    const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    if (!success.length) {
      problems.push(`${where}: no response schema for its success status`);
      continue;
    }
    for (const [status, response] of success) {
      const media = Object.entries(response.content ?? {});
      if (!media.length) problems.push(`${where} ${status}: no response schema`);
      for (const [type, { schema }] of media) {
        const s = schema as { type?: string; items?: unknown } | undefined;
        const found = renderings.get(canonical(schema)) ?? (s?.type === 'array' ? renderings.get(canonical(s.items)) : undefined);
        if (!found) problems.push(`${where} ${status} ${type}: the response schema is not one of @fep/contracts`);
      }
    }
  }
  return problems;
}

describe('licensing routes answer with the schemas of @fep/contracts (one shape, two users)', () => {
  let t: TestApp;
  let renderings: Map<string, string>;
  before(async () => {
    t = await startTestApp('sqlite', { demo: false });
    renderings = await contractRenderings();
  });
  after(() => t.close());

  test('every licensing route of the app publishes a success response schema taken from contracts (LIC-01…LIC-11)', async () => {
    const { routes, app } = await routesOf(t, [applicationRoutes, licenceRoutes, taskRoutes]);
    await app.close();
    assert.ok(routes.length >= 30, `expected the licensing routes, got ${routes.length}`);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc;
    assert.deepEqual(contractViolations(doc, routes, renderings), []);
  });

  test('the check fails on a planted route without a response schema, or with one not from contracts', async () => {
    const planted: FastifyPluginAsync = async (app) => {
      app.get('/api/v1/licensing/planted/bare', async () => ({ ok: true }));
      app.get(
        '/api/v1/licensing/planted/inline',
        { schema: { response: { 200: Type.Object({ ...ApplicationView.properties, extra: Type.String() }) } } },
        async () => null,
      );
      app.get('/api/v1/licensing/planted/contract', { schema: { response: { 200: Type.Array(ApplicationView) } } }, async () => []);
    };
    const { routes, app } = await routesOf(t, [applicationRoutes, planted]);
    const doc = app.swagger() as unknown as OpenApiDoc;
    await app.close();
    assert.deepEqual(contractViolations(doc, routes, renderings), [
      'GET /api/v1/licensing/planted/bare 200: no response schema',
      'GET /api/v1/licensing/planted/inline 200 application/json: the response schema is not one of @fep/contracts',
    ]);
  });
});
