import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  Open311KeyRequest,
  PartnerKeyRequest,
  PartnerKeyView,
  WorkOrderAck,
  WorkOrderEvaluationRequest,
  WorkOrderNoParams,
  WorkOrderProgressView,
  WorkOrderRequest,
} from '@fep/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { issuePartnerKey, partnerActor, verifyPartnerRequest } from './partner.ts';
import { evaluateWorkOrder, receiveWorkOrder, workOrderProgress } from './use-cases/work-orders.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['举报投诉'];
const RAW = Symbol('raw body');
type WithRaw = FastifyRequest & { [RAW]?: Buffer };

/**
 * The 12345 partner API (CMP-01) and the administrator's key issuing for partners and Open311 clients.
 * Partner requests carry no session: they are authenticated by their signature over the exact bytes sent
 * (kept by a pre-parsing hook of this plugin only), with a one-time nonce.
 */
export async function partnerRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!req.url.startsWith('/api/v1/partners/12345/work-orders')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of payload) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
      size += b.length;
      if (size > 64 * 1024) break;
      chunks.push(b);
    }
    const raw = Buffer.concat(chunks);
    (req as WithRaw)[RAW] = raw;
    return Readable.from([raw]);
  });
  const verified = async (req: FastifyRequest) =>
    verifyPartnerRequest(ctx, { method: req.method, path: req.url, headers: req.headers, body: (req as WithRaw)[RAW] ?? Buffer.alloc(0) });

  app.post(
    '/api/v1/partners/12345/keys',
    {
      config: { permission: 'complaints:partner:manage' },
      schema: { tags: TAGS, summary: '签发 12345 工单接口密钥（仅显示一次）', body: PartnerKeyRequest, response: { 201: PartnerKeyView, ...ERRORS } },
    },
    async (req, reply) =>
      idempotent(req, reply, 201, (deps) =>
        issuePartnerKey(deps, actorOf(req), {
          kind: 'hotline_12345',
          name: req.body.name,
          regionCode: req.body.regionCode ?? null,
          callbackUrl: req.body.callbackUrl ?? null,
        }),
      ),
  );
  app.post(
    '/api/v1/open311/keys',
    {
      config: { permission: 'complaints:partner:manage' },
      schema: { tags: TAGS, summary: '签发 Open311 接口 api_key（仅显示一次）', body: Open311KeyRequest, response: { 201: PartnerKeyView, ...ERRORS } },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => issuePartnerKey(deps, actorOf(req), { kind: 'open311', name: req.body.name })),
  );

  app.post(
    '/api/v1/partners/12345/work-orders',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '12345 平台推送工单（签名；按工单号幂等；重放的请求被拒绝）',
        body: WorkOrderRequest,
        response: { 200: WorkOrderAck, 201: WorkOrderAck, ...ERRORS },
      },
    },
    async (req, reply) => {
      const key = await verified(req);
      const r = await receiveWorkOrder(ctx, partnerActor(key, req.ip, req.id), key, req.body);
      reply.status(r.status);
      return r.body;
    },
  );
  app.get(
    '/api/v1/partners/12345/work-orders/:workOrderNo',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '12345 平台查询工单办理进度和结果（签名）',
        params: WorkOrderNoParams,
        response: { 200: WorkOrderProgressView, ...ERRORS },
      },
    },
    async (req) => workOrderProgress(ctx, await verified(req), req.params.workOrderNo),
  );
  app.post(
    '/api/v1/partners/12345/work-orders/:workOrderNo/evaluation',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '12345 平台回访评价（签名）：不满意的重新办理',
        params: WorkOrderNoParams,
        body: WorkOrderEvaluationRequest,
        response: { 200: WorkOrderProgressView, ...ERRORS },
      },
    },
    async (req) => {
      const key = await verified(req);
      return evaluateWorkOrder(ctx, partnerActor(key, req.ip, req.id), key, req.params.workOrderNo, req.body);
    },
  );
}
