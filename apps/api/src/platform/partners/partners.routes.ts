import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DeliveryDetailView,
  DeliveryPage,
  DeliveryQuery,
  DeliveryRow,
  ErrorBody,
  InboundRefusalList,
  PartnerCertificateBody,
  PartnerCreateBody,
  PartnerCreatedView,
  PartnerListView,
  PartnerView,
  RecordIdParams,
  VersionBody,
} from '@fep/contracts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../http/actor.ts';
import { idempotent } from '../http/idempotency.ts';
import { deliveryDetail, listDeliveries, listInboundRefusals, replayDelivery } from './outbox.ts';
import { listPartners, registerPartner, revokePartner, setPartnerCertificate } from './partners.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['对接平台'];

/** The administrator's side of the partner gateway (MON-03): partners, their keys and scopes, the delivery log. */
export async function partnerAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  app.get(
    '/api/v1/gateway/partners',
    { config: { permission: 'system:partner:manage' }, schema: { tags: TAGS, summary: '已登记的对接平台', response: { 200: PartnerListView, ...ERRORS } } },
    async (req) => listPartners(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/gateway/partners',
    {
      config: { permission: 'system:partner:manage' },
      schema: {
        tags: TAGS,
        summary: '登记对接平台，签发接口密钥（密钥只显示一次；支持 Idempotency-Key）',
        body: PartnerCreateBody,
        response: { 201: PartnerCreatedView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => registerPartner(deps, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/gateway/partners/:id/revoke',
    {
      config: { permission: 'system:partner:manage' },
      schema: { tags: TAGS, summary: '停用对接平台（密钥立即失效）', params: RecordIdParams, body: VersionBody, response: { 200: PartnerView, ...ERRORS } },
    },
    async (req) => revokePartner(ctx, actorOf(req), { id: req.params.id, version: req.body.version }),
  );
  app.put(
    '/api/v1/gateway/partners/:id/certificate',
    {
      config: { permission: 'system:partner:manage' },
      schema: {
        tags: TAGS,
        summary: '登记或清除对接平台的客户端证书指纹（SHA-256；登记后该平台以双向 TLS 认证，不再使用请求签名）',
        params: RecordIdParams,
        body: PartnerCertificateBody,
        response: { 200: PartnerView, ...ERRORS },
      },
    },
    async (req) => setPartnerCertificate(ctx, actorOf(req), { id: req.params.id, version: req.body.version, clientCertSha256: req.body.clientCertSha256 }),
  );
  app.get(
    '/api/v1/gateway/deliveries',
    {
      config: { permission: 'system:partner_delivery:read' },
      schema: { tags: TAGS, summary: '对外推送记录（最新在前）', querystring: DeliveryQuery, response: { 200: DeliveryPage, ...ERRORS } },
    },
    async (req) => listDeliveries(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/gateway/deliveries/:id',
    {
      config: { permission: 'system:partner_delivery:read' },
      schema: { tags: TAGS, summary: '一条推送的内容和每次推送的结果', params: RecordIdParams, response: { 200: DeliveryDetailView, ...ERRORS } },
    },
    async (req) => deliveryDetail(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/gateway/deliveries/:id/replay',
    {
      config: { permission: 'system:partner_delivery:replay' },
      schema: {
        tags: TAGS,
        summary: '重新推送（已停止重试或已送达的推送重新排队）',
        params: RecordIdParams,
        body: VersionBody,
        response: { 200: DeliveryRow, ...ERRORS },
      },
    },
    async (req) => replayDelivery(ctx, actorOf(req), { id: req.params.id, version: req.body.version }),
  );
  app.get(
    '/api/v1/gateway/inbound-refusals',
    {
      config: { permission: 'system:partner_delivery:read' },
      schema: { tags: TAGS, summary: '被拒绝的对接平台请求（签名错误、重放、超时、越权）', response: { 200: InboundRefusalList, ...ERRORS } },
    },
    async () => listInboundRefusals(ctx),
  );
}
