import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ApplicationRequest,
  BadReviewAck,
  BadReviewBody,
  ElicenceList,
  ElicenceQuery,
  ErrorBody,
  LicenceCodeParams,
  LicensingPdfFile,
  PortalApplicationView,
  PortalFileBody,
  PortalFileView,
  PortalReferenceParams,
  RandomExportQuery,
  RandomExportView,
} from '@fep/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { federatedApplicant } from '../../platform/iam/federated.ts';
import { agencyById } from '../../platform/org/agencies.repository.ts';
import { type InboundRequest, partnerSystemActor, type VerifiedPartner, verifyAssertion, verifyInbound } from '../../platform/partners/inbound.ts';
import { servesArea } from '../../platform/partners/partners.ts';
import { recordGovernmentBadReview } from '../evaluations/index.ts';
import { applicationForPartner, applicationIdByReference, licencePdfByCode, licencesOfHolder } from '../licensing/index.ts';
import { randomInspectionExport } from '../supervision/index.ts';
import { elicenceView } from './pushes.ts';
import { portalApplication, portalPermitPdf, submitPortalApplication, uploadPortalFile } from './use-cases/portal.ts';

const ERRORS = { '4xx': ErrorBody };
const TAGS = ['对接平台接口（签名调用）'];
const RAW = Symbol('raw body');
type WithRaw = FastifyRequest & { [RAW]?: Buffer };
const PREFIX = '/api/v1/partners/';
/** Bodies larger than an ordinary request: a portal uploads materials as base64 (10 MB of file). */
const UPLOAD_LIMIT = 14 * 1024 * 1024;
const PDF = { description: '带电子印章的许可证 PDF', content: { 'application/pdf': { schema: LicensingPdfFile } } };

const SIGNED = `签名调用：请求头 x-partner-key、x-timestamp（±5 分钟）、x-nonce（每次不同）、x-signature = HMAC-SM3(密钥, 方法\\n路径?查询\\n时间戳\\n随机数\\nSM3(请求体))，见 docs/partners.md。`;

/**
 * The routes partners call (MON-03), signed (platform/partners/inbound.ts) and scoped; each reaches the same use
 * case as the pages of this platform. The exact bytes of a request are kept by a pre-parsing hook of this plugin,
 * so the signature is checked over what was sent.
 */
export async function gatewayRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!req.url.startsWith(PREFIX) || req.url.startsWith(`${PREFIX}12345/`)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of payload) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
      size += b.length;
      if (size > UPLOAD_LIMIT) throw new AppError('REQUEST.TOO_LARGE', '请求体过大');
      chunks.push(b);
    }
    const raw = Buffer.concat(chunks);
    (req as WithRaw)[RAW] = raw;
    return Readable.from([raw]);
  });
  const inbound = (req: FastifyRequest): InboundRequest => ({
    method: req.method,
    path: req.url,
    route: `${req.method} ${req.routeOptions.url ?? ''}`,
    headers: req.headers,
    body: (req as WithRaw)[RAW] ?? Buffer.alloc(0),
    ip: req.ip,
    peer: req.socket.remoteAddress ?? null,
  });
  // The signature is checked before the body is validated: an unsigned or replayed call learns nothing of the
  // schema, and every refusal is recorded with its partner code.
  const callers = new WeakMap<FastifyRequest, VerifiedPartner>();
  app.addHook('preValidation', async (req) => {
    const scope = req.routeOptions.config.partnerScope;
    if (scope) callers.set(req, await verifyInbound(ctx, inbound(req), scope));
  });
  const verified = (req: FastifyRequest): VerifiedPartner => {
    const v = callers.get(req);
    if (!v) throw new Error('partner route without a partnerScope');
    return v;
  };
  /**
   * A portal files only in the area it serves: the application's region lies in the region of the partner's agency
   * (a province's portal: any region of the province).
   */
  const inArea = async (v: VerifiedPartner, input: { regionCode: string }) => {
    if (!v.partner.agency_id) return;
    const agency = await agencyById(ctx.database.db, v.partner.agency_id);
    const prefix = (agency?.region_code ?? '').replace(/(00)+$/, '');
    if (!input.regionCode.startsWith(prefix)) throw new AppError('PARTNER.SCOPE_DENIED', '该地区不在本对接平台的服务范围内', { field: 'regionCode' });
  };
  /** The portal's user, from its signed identity assertion: the applicant account bound to it. */
  const portalUser = async (req: FastifyRequest) => {
    const v = verified(req);
    const claims = await verifyAssertion(ctx, v, inbound(req));
    const actor = await federatedApplicant(
      ctx,
      { partnerId: v.partner.id, partnerName: v.partner.name, subject: claims.sub, usci: claims.usci, name: claims.name },
      { ip: req.ip, requestId: req.id },
    );
    return { v, actor, scope: `partner:${v.partner.id}:${claims.sub}` };
  };

  app.post(
    `${PREFIX}portal/files`,
    {
      config: { permission: 'public', partnerScope: 'portal.applications.submit' },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: TAGS,
        summary: '统一政务服务门户：代用户上传申请材料（JPEG、PNG、WEBP 或 PDF，base64；需身份断言）',
        description: SIGNED,
        body: PortalFileBody,
        response: { 201: PortalFileView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { actor, scope } = await portalUser(req);
      return idempotent(req, reply, 201, (deps) => uploadPortalFile(deps, actor, req.body), { scope });
    },
  );
  app.post(
    `${PREFIX}portal/applications`,
    {
      config: { permission: 'public', partnerScope: 'portal.applications.submit' },
      schema: {
        tags: TAGS,
        summary: '统一政务服务门户：代用户提交营业前消防安全检查申请，返回办件编号（需身份断言；支持 Idempotency-Key）',
        description: SIGNED,
        body: ApplicationRequest,
        response: { 201: PortalApplicationView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { v, actor, scope } = await portalUser(req);
      await inArea(v, { regionCode: req.body.regionCode });
      const created = await idempotent(req, reply, 201, (deps) => submitPortalApplication(deps, actor, req.body), { scope });
      return portalApplication(ctx, v, { id: created.id });
    },
  );
  app.get(
    `${PREFIX}portal/applications/:referenceNo`,
    {
      config: { permission: 'public', partnerScope: 'portal.applications.submit' },
      schema: {
        tags: TAGS,
        summary: '统一政务服务门户：查询其代为提交的办件的状态和结果',
        description: SIGNED,
        params: PortalReferenceParams,
        response: { 200: PortalApplicationView, ...ERRORS },
      },
    },
    async (req) => {
      const v = verified(req);
      const id = await applicationIdByReference(ctx.database.db, req.params.referenceNo);
      return portalApplication(ctx, v, { id: id ?? '' });
    },
  );
  app.get(
    `${PREFIX}portal/permits/:code/pdf`,
    {
      config: { permission: 'public', partnerScope: 'portal.applications.submit' },
      schema: {
        tags: TAGS,
        summary: '统一政务服务门户：下载其代为提交的办件的许可证 PDF',
        description: SIGNED,
        params: LicenceCodeParams,
        response: { 200: PDF, ...ERRORS },
      },
    },
    async (req, reply) => {
      const v = verified(req);
      const pdf = await portalPermitPdf(ctx, v, req.params.code);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${pdf.number}.pdf`)}`)
        .send(pdf.pdf);
    },
  );

  app.get(
    `${PREFIX}elicence/licences`,
    {
      config: { permission: 'public', partnerScope: 'elicence.read' },
      schema: {
        tags: TAGS,
        summary: '电子证照共享：按统一社会信用代码查询持证单位的许可证、PDF 地址和电子印章核验结果',
        description: SIGNED,
        querystring: ElicenceQuery,
        response: { 200: ElicenceList, ...ERRORS },
      },
    },
    async (req) => {
      const v = verified(req);
      const items = await licencesOfHolder(ctx, req.query.usci);
      return { usci: req.query.usci, items: items.filter((l) => servesArea(v.partner, l.agencyPath)).map(elicenceView) };
    },
  );
  app.get(
    `${PREFIX}elicence/licences/:code/pdf`,
    {
      config: { permission: 'public', partnerScope: 'elicence.read' },
      schema: {
        tags: TAGS,
        summary: '电子证照共享：下载带电子印章的许可证 PDF',
        description: SIGNED,
        params: LicenceCodeParams,
        response: { 200: PDF, ...ERRORS },
      },
    },
    async (req, reply) => {
      const pdf = await licencePdfByCode(ctx, req.params.code.toUpperCase());
      if (!pdf || !servesArea(verified(req).partner, pdf.agencyPath)) throw new AppError('PARTNER.NOT_FOUND', '未找到该许可证');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${pdf.number}.pdf`)}`)
        .send(pdf.pdf);
    },
  );

  app.get(
    `${PREFIX}random-inspection/export`,
    {
      config: { permission: 'public', partnerScope: 'random_inspection.read' },
      schema: {
        tags: TAGS,
        summary: '国家“双随机、一公开”监管平台：导出抽查计划、事项清单、任务和结果（FEP-SSJ v1）',
        description: SIGNED,
        querystring: RandomExportQuery,
        response: { 200: RandomExportView, ...ERRORS },
      },
    },
    async (req) => {
      if (req.query.from > req.query.to) throw new AppError('PARTNER.INVALID', '开始日期不能晚于结束日期', { field: 'from' });
      const out = await randomInspectionExport(ctx.database.db, req.query.from, req.query.to, verified(req).partner.agency_path);
      return { format: 'FEP-SSJ v1' as const, generatedAt: ctx.now().toISOString(), from: req.query.from, to: req.query.to, ...out };
    },
  );

  app.post(
    `${PREFIX}evaluations/bad-reviews`,
    {
      config: { permission: 'public', partnerScope: 'evaluation.bad_reviews.submit' },
      schema: {
        tags: TAGS,
        summary: '政务服务“好差评”系统：回传本平台办件的差评，生成差评整改（按办件一事一评；支持 Idempotency-Key）',
        description: SIGNED,
        body: BadReviewBody,
        response: { 201: BadReviewAck, ...ERRORS },
      },
    },
    async (req, reply) => {
      const v = verified(req);
      const b = req.body;
      const applicationId = await applicationIdByReference(ctx.database.db, b.referenceNo);
      const a = applicationId ? await applicationForPartner(ctx.database.db, applicationId) : undefined;
      if (!applicationId || !a || !servesArea(v.partner, a.agencyPath)) throw new AppError('PARTNER.NOT_FOUND', '未找到该办件编号', { field: 'referenceNo' });
      return idempotent(
        req,
        reply,
        201,
        (deps) =>
          recordGovernmentBadReview(deps, partnerSystemActor(v, req.ip, req.id), {
            externalId: b.externalId,
            applicationId,
            level: b.level,
            tags: b.tags ?? [],
            comment: b.comment ?? null,
            evaluatorName: b.evaluatorName ?? null,
            evaluatorPhone: b.evaluatorPhone ?? null,
            source: v.partner.name,
          }),
        { scope: `partner:${v.partner.id}` },
      );
    },
  );
}
