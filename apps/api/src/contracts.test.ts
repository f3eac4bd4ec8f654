import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import swagger from '@fastify/swagger';
import * as contracts from '@fep/contracts';
import { ApplicationView, NO_CONTENT_DESCRIPTION, NoContent, UnitCsvFile, UnitView } from '@fep/contracts';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { routeRegistry } from './platform/http/guard.ts';
import { startTestApp, type TestApp } from './test-support/harness.ts';

/**
 * Contracts end to end, for the whole API (issue "One shape for every feature", item 5): every route the
 * app registers publishes in its OpenAPI document (GET /api/docs/json) a response schema for its success
 * status, and that schema is one of the exports of @fep/contracts (the object the web app types its calls
 * with), or an array of one; a file download names its content type. And no route handler casts its input
 * (`req.body as`, `req.query as`, `req.params as`): the TypeBox type provider types it from the schema.
 *
 * "Comes from contracts" is checked by identity of the rendered schema: each export of @fep/contracts is
 * rendered by @fastify/swagger exactly as a route's schema is, and a route's schema must equal one of those
 * renderings. An inline `Type.Object(...)`, or a contract widened in the route, renders to something no
 * export renders to and fails.
 */

type OpenApiResponse = { description?: string; content?: Record<string, { schema?: unknown }> };
type OpenApiDoc = { paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>> };
type RouteRef = { method: string; url: string };

const OPENAPI = { openapi: { info: { title: 'contracts', version: '1' } } };
/** Routes outside /api/v1 (not in the guard's registry) that are API routes all the same. */
const UNVERSIONED: RouteRef[] = [{ method: 'GET', url: '/api/health' }];

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

const isBinary = (s: unknown): boolean => (s as { format?: string } | undefined)?.format === 'binary';

/** What is wrong with each route's published success response; empty when every route is in order. */
export function contractViolations(doc: OpenApiDoc, routes: RouteRef[], renderings: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const { method, url } of routes) {
    const path = url.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[path]?.[method.toLowerCase()];
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
      // A 204 has no body: @fastify/swagger shows the `NoContent` contract as its description only.
      if (status === '204' && !response.content && response.description === NO_CONTENT_DESCRIPTION) continue;
      const media = Object.entries(response.content ?? {});
      if (!media.length) problems.push(`${where} ${status}: no response schema`);
      for (const [type, { schema }] of media) {
        const s = schema as { type?: string; items?: unknown } | undefined;
        const found = renderings.get(canonical(schema)) ?? (s?.type === 'array' ? renderings.get(canonical(s.items)) : undefined);
        if (!found) problems.push(`${where} ${status} ${type}: the response schema is not one of @fep/contracts`);
        // A download's contract names its content type(s) in its description, and the route declares the
        // download under one of them (`{ description, content: { '<type>': { schema } } }`): a bare binary
        // schema would be documented as JSON.
        else if (isBinary(schema) && !String((schema as { description?: string }).description ?? '').includes(type))
          problems.push(`${where} ${status}: a file download that does not declare its content type (${type})`);
      }
    }
  }
  return problems;
}

/** The routes a plugin registers (HEAD twins left out) and the document of a bare instance carrying them. */
async function probe(t: TestApp, plugin: FastifyPluginAsync): Promise<{ routes: RouteRef[]; doc: OpenApiDoc }> {
  const app = Fastify();
  app.decorate('ctx', t.ctx);
  await app.register(swagger, OPENAPI);
  const routes: RouteRef[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  });
  await app.register(plugin);
  await app.ready();
  const doc = app.swagger() as unknown as OpenApiDoc;
  await app.close();
  return { routes, doc };
}

const SRC = new URL('.', import.meta.url).pathname;
/** An input cast in a handler: `req.body as X`, `(req.body ?? {}) as X`, `(req.params as X).id`, `req.query.limit as number`. */
const CAST = /\breq\.(?:body|query|params)(?:\.\w+)*(?:\s*\?\?\s*[^)]*)?\)?\s+as\b/;

/** Every line of the given sources that casts a request input instead of taking its type from the schema. */
export function inputCasts(sources: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources)
    text.split('\n').forEach((line, i) => {
      if (CAST.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  return found;
}

/** apps/api/src/**\/*.routes.ts and app.ts. */
function routeSources(): { file: string; text: string }[] {
  const out: string[] = [join(SRC, 'app.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.routes.ts')) out.push(p);
    }
  };
  walk(SRC);
  return out.map((p) => ({ file: relative(SRC, p), text: readFileSync(p, 'utf8') }));
}

describe('every route answers with a schema of @fep/contracts and takes its input types from its schemas', () => {
  let t: TestApp;
  let renderings: Map<string, string>;
  let doc: OpenApiDoc;
  before(async () => {
    t = await startTestApp('sqlite', { demo: false });
    renderings = await contractRenderings();
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as OpenApiDoc;
  });
  after(() => t.close());

  test('every route of the registry publishes a success response schema taken from contracts (LIC, SUP, UNIT, CLOCK, POLICY, CAL, AUDIT)', () => {
    const routes = [...[...routeRegistry.values()].map(({ method, url }) => ({ method, url })), ...UNVERSIONED];
    assert.ok(routes.length >= 90, `expected every route of the app, got ${routes.length}`);
    assert.deepEqual(contractViolations(doc, routes, renderings), []);
  });

  test('the check fails on a planted route without a response schema, with one not from contracts, or a download without its content type', async () => {
    const planted: FastifyPluginAsync = async (app) => {
      app.get('/api/v1/planted/bare', async () => ({ ok: true }));
      app.get('/api/v1/planted/inline', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
      app.get(
        '/api/v1/planted/widened',
        { schema: { response: { 200: Type.Object({ ...ApplicationView.properties, extra: Type.String() }) } } },
        async () => null,
      );
      app.post('/api/v1/planted/no-content', async (_req, reply) => reply.code(204).send());
      app.get('/api/v1/planted/bare-download', { schema: { response: { 200: UnitCsvFile } } }, async () => '');
      // In order: a contract, an array of one, a 204, a download naming its content type.
      app.get('/api/v1/planted/contract', { schema: { response: { 200: UnitView } } }, async () => null);
      app.get('/api/v1/planted/list', { schema: { response: { 200: Type.Array(UnitView) } } }, async () => []);
      app.post('/api/v1/planted/logout', { schema: { response: { 204: NoContent } } }, async (_req, reply) => reply.code(204).send());
      app.get(
        '/api/v1/planted/download',
        { schema: { response: { 200: { description: 'CSV', content: { 'text/csv': { schema: UnitCsvFile } } } } } },
        async () => '',
      );
    };
    const { routes, doc: plantedDoc } = await probe(t, planted);
    assert.deepEqual(contractViolations(plantedDoc, [...routes, { method: 'GET', url: '/api/v1/planted/missing' }], renderings), [
      'GET /api/v1/planted/bare 200: no response schema',
      'GET /api/v1/planted/inline 200 application/json: the response schema is not one of @fep/contracts',
      'GET /api/v1/planted/widened 200 application/json: the response schema is not one of @fep/contracts',
      'POST /api/v1/planted/no-content 200: no response schema',
      'GET /api/v1/planted/bare-download 200: a file download that does not declare its content type (application/json)',
      'GET /api/v1/planted/missing: not in the OpenAPI document',
    ]);
  });

  test('no route handler casts req.body, req.query or req.params (their types come from the schemas)', () => {
    const sources = routeSources();
    assert.ok(sources.length >= 15, `expected every routes file, got ${sources.length}`);
    assert.deepEqual(inputCasts(sources), []);
  });

  test('the cast scan fails on planted casts', () => {
    const planted = [
      'const q = req.query as { limit?: number };',
      'const body = (req.body ?? {}) as { reason?: string };',
      'const id = (req.params as { id: string }).id;',
      'const n = req.query.limit as number;',
      'fine(req.body, req.query.limit, req.params.id);',
      'const alias = req.bodyParts as string[];',
    ].join('\n');
    assert.deepEqual(inputCasts([{ file: 'planted.routes.ts', text: planted }]), [
      'planted.routes.ts:1: const q = req.query as { limit?: number };',
      'planted.routes.ts:2: const body = (req.body ?? {}) as { reason?: string };',
      'planted.routes.ts:3: const id = (req.params as { id: string }).id;',
      'planted.routes.ts:4: const n = req.query.limit as number;',
    ]);
  });
});
