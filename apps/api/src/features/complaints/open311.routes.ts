import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Open311Created,
  Open311Errors,
  Open311FileParams,
  Open311ListQuery,
  Open311Requests,
  Open311ServiceDefinition,
  Open311Services,
  Open311TokenAnswer,
  Open311Xml,
} from '@fep/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { type Open311Fields, open311Create, open311Definition, open311List, open311One, open311Services, open311Token, toXml } from './open311.ts';
import { open311Client, partnerActor } from './partner.ts';

const TAGS = ['Open311'];
const XML = { description: 'GeoReport v2 XML', content: { 'application/xml': { schema: Open311Xml } } };

/** `name.json` or `name.xml` → [name, format]; anything else is not a GeoReport resource. */
function split(file: string): [string, 'json' | 'xml'] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new AppError('OPEN311.NOT_FOUND', '请求的格式须为 .json 或 .xml');
  return [m[1]!, m[2] as 'json' | 'xml'];
}

function send(reply: FastifyReply, format: 'json' | 'xml', root: string, item: string, rows: Record<string, unknown>[]) {
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml(root, item, rows));
  return reply.type('application/json; charset=utf-8').send(rows);
}

/**
 * Open311 GeoReport v2 (MON-03) under /api/v1/open311/v2, JSON and XML. Errors are the spec's list of
 * `{code, description}` (400, 403, 404) in the requested format. Reads and writes need an api_key issued by
 * an administrator (POST /api/v1/open311/keys); the service list is open.
 */
export async function open311Routes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  // GeoReport v2 clients POST application/x-www-form-urlencoded (attribute[code]=value).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.setErrorHandler(async (err, req, reply) => {
    const status =
      err instanceof AppError ? err.status : (err as { validation?: unknown }).validation ? 400 : ((err as { statusCode?: number }).statusCode ?? 500);
    const description = err instanceof AppError ? err.message : status === 400 ? '请求参数不符合要求' : '系统内部错误';
    if (status >= 500) req.log.error({ err }, 'open311 error');
    const xml = /\.xml(\?|$)/.test(req.url);
    const rows = [{ code: status, description }];
    reply.code(status);
    return xml ? reply.type('application/xml; charset=utf-8').send(toXml('errors', 'error', rows)) : reply.type('application/json; charset=utf-8').send(rows);
  });

  const ERR = { '4xx': Open311Errors };
  for (const format of ['json', 'xml'] as const) {
    app.get(
      `/api/v1/open311/v2/services.${format}`,
      {
        config: { permission: 'public' },
        schema: {
          tags: TAGS,
          summary: `GeoReport v2：服务列表（举报类别及核查时限，${format.toUpperCase()}）`,
          querystring: Open311ListQuery,
          response: { 200: format === 'json' ? { description: 'JSON', content: { 'application/json': { schema: Open311Services } } } : XML, ...ERR },
        },
      },
      async (req, reply) => send(reply, format, 'services', 'service', await open311Services(ctx, req.query.jurisdiction_id)),
    );
    app.get(
      `/api/v1/open311/v2/requests.${format}`,
      {
        config: { permission: 'public' },
        schema: {
          tags: TAGS,
          summary: `GeoReport v2：举报列表（需 api_key；按编号、类别、起止时间、状态筛选，${format.toUpperCase()}）`,
          querystring: Open311ListQuery,
          response: { 200: format === 'json' ? { description: 'JSON', content: { 'application/json': { schema: Open311Requests } } } : XML, ...ERR },
        },
      },
      async (req, reply) => {
        const client = await open311Client(ctx, req.query.api_key);
        return send(reply, format, 'service_requests', 'request', await open311List(ctx, client, req.query));
      },
    );
    app.post(
      `/api/v1/open311/v2/requests.${format}`,
      {
        config: { permission: 'public' },
        schema: {
          tags: TAGS,
          summary: `GeoReport v2：提交举报（需 api_key；返回 token，凭 tokens/{token} 取得编号，${format.toUpperCase()}）`,
          response: { 201: format === 'json' ? { description: 'JSON', content: { 'application/json': { schema: Open311Created } } } : XML, ...ERR },
        },
      },
      async (req, reply) => {
        const body: Open311Fields = {};
        if (req.body && typeof req.body === 'object')
          for (const [k, v] of Object.entries(req.body)) if (typeof v === 'string' || typeof v === 'number') body[k] = String(v);
        const client = await open311Client(ctx, body.api_key);
        const created = await open311Create(ctx, partnerActor(client, req.ip, req.id), client, body);
        reply.code(201);
        return send(reply, format, 'service_requests', 'request', created);
      },
    );
  }
  app.get(
    '/api/v1/open311/v2/services/:file',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: 'GeoReport v2：服务定义（属性）',
        params: Open311FileParams,
        response: { 200: { description: 'JSON', content: { 'application/json': { schema: Open311ServiceDefinition }, ...XML.content } }, ...ERR },
      },
    },
    async (req, reply) => {
      const [code, format] = split(req.params.file);
      const def = open311Definition(code);
      if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml(null, 'service_definition', [def]));
      return def;
    },
  );
  app.get(
    '/api/v1/open311/v2/requests/:file',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: 'GeoReport v2：单条举报（需 api_key）',
        params: Open311FileParams,
        querystring: Open311ListQuery,
        response: { 200: { description: 'JSON', content: { 'application/json': { schema: Open311Requests } } }, ...ERR },
      },
    },
    async (req, reply) => {
      const [id, format] = split(req.params.file);
      const client = await open311Client(ctx, req.query.api_key);
      return send(reply, format, 'service_requests', 'request', await open311One(ctx, client, id));
    },
  );
  app.get(
    '/api/v1/open311/v2/tokens/:file',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: 'GeoReport v2：由 token 取得举报编号',
        params: Open311FileParams,
        querystring: Open311ListQuery,
        response: { 200: { description: 'JSON', content: { 'application/json': { schema: Open311TokenAnswer } } }, ...ERR },
      },
    },
    async (req, reply) => {
      const [token, format] = split(req.params.file);
      return send(reply, format, 'service_requests', 'request', await open311Token(ctx, token));
    },
  );
}
