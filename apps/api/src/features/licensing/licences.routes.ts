import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  LicenceChangeRequest,
  LicenceDeliveryRequest,
  LicenceDeliveryView,
  LicenceDetailView,
  LicenceFileCheckView,
  LicenceListQuery,
  LicenceListView,
  LicenceRegisterQuery,
  LicenceRegisterView,
  LicenceRequestCreatedView,
  LicenceRequestDecisionRequest,
  LicenceRequestDecisionView,
  LicenceRevocationRequest,
  LicenceVerifyParams,
  LicenceVerifyQuery,
  LicenceView,
  LicensingIdParams,
  LicensingPdfFile,
  PendingLicenceRequestListView,
  type PublicDocumentStatusView,
  PublicLicenceStatusView,
  VerifyCodeView,
} from '@fep/contracts';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  INTAKE_DOCUMENT_KIND_LABELS,
  INTAKE_DOCUMENT_STATUS_LABELS,
  LICENCE_STATUS_LABELS,
  maskPersonalText,
} from '@fep/domain';
import type { FastifyInstance } from 'fastify';
import type { ApplicationDocumentTable } from '../../db/schema.ts';
import { sealPublicKey, sm2Verify, verifySealedPdf } from '../../platform/documents/seal.ts';
import { AppError } from '../../platform/errors.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { caseDocumentByCode, caseDocumentByDigest } from '../enforcement/index.ts';
import { determinationByCode, determinationByDigest } from '../incidents/index.ts';
import { withIntakeDocumentPdf } from './document-production.ts';
import { qrPayload } from './licence-issuance.ts';
import { licenceRequestScope, licenceScope, loadLicence } from './licensing.access.ts';
import { CHANGES } from './licensing.columns.ts';
import { maskedChanges, presentLicence } from './licensing.presenter.ts';
import { decideLicenceChange } from './use-cases/decide-licence-change.ts';
import { recordDelivery } from './use-cases/record-delivery.ts';
import { requestLicenceChange } from './use-cases/request-licence-change.ts';
import { revokeLicence } from './use-cases/revoke-licence.ts';

const TAGS = ['电子证照'];
/** Refusals keep the shared error body. */
const ERRORS = { '4xx': ErrorBody };
const PDF = { description: 'PDF 文件（带电子印章）', content: { 'application/pdf': { schema: LicensingPdfFile } } };

/** E-licences (LIC-07 … LIC-10) and the public register (ENF-07, licensing half). */
export async function licenceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  async function publicStatus(code: string, qrSig?: string): Promise<PublicLicenceStatusView> {
    const l = await db.selectFrom('licences').selectAll().where('verify_code', '=', code.toUpperCase()).executeTakeFirst();
    if (!l) throw new AppError('RESOURCE.NOT_FOUND', '未找到该核验码对应的许可证，请核对或谨防伪造');
    const agency = await db.selectFrom('agencies').select(['name']).where('id', '=', l.agency_id).executeTakeFirstOrThrow();
    const current = l.superseded_by
      ? await db.selectFrom('licences').select(['verify_code', 'number', 'revision']).where('id', '=', l.superseded_by).executeTakeFirst()
      : undefined;
    const qrValid = qrSig ? await qrSignatureValid(l.seal_key_id, qrPayload(l), qrSig) : null;
    const p = presentLicence(l, { masked: true });
    return {
      status: l.status,
      statusLabel: LICENCE_STATUS_LABELS[l.status],
      valid: l.status === 'valid',
      number: l.number,
      revision: l.revision,
      holder: l.holder_name,
      usci: l.usci,
      legalRepresentative: p.legalRepresentative,
      venue: l.venue_name,
      venueAddress: l.venue_address,
      venueKind: p.venueKindLabel,
      floorArea: l.floor_area,
      path: l.path,
      issuedAt: l.issued_on,
      issuer: agency.name,
      revokedAt: l.revoked_at,
      revocation: p.revocation,
      current: current ? { verifyCode: current.verify_code, number: current.number, revision: current.revision } : null,
      qrSignatureValid: qrValid,
      sealDigest: l.seal_digest,
    };
  }

  /** What the public sees of an intake document: the facts printed on it, its status and the application's. */
  async function documentStatus(recorded: ApplicationDocumentTable, qrSig?: string): Promise<PublicDocumentStatusView> {
    // The seal digest shown is the PDF's: a document verified before its PDF was produced gets it now.
    const d = await withIntakeDocumentPdf(app.ctx, recorded);
    const [agency, application] = await Promise.all([
      db.selectFrom('agencies').select(['name']).where('id', '=', d.agency_id).executeTakeFirstOrThrow(),
      db
        .selectFrom('applications')
        .select(['reference_no', 'company_name', 'venue_name', 'status'])
        .where('id', '=', d.application_id)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      kind: d.kind,
      title: INTAKE_DOCUMENT_KIND_LABELS[d.kind],
      number: d.number,
      status: d.status,
      statusLabel: INTAKE_DOCUMENT_STATUS_LABELS[d.status],
      valid: d.status === 'valid',
      issuer: agency.name,
      issuedOn: d.issued_on,
      applicant: application.company_name,
      reference: application.reference_no,
      venue: application.venue_name,
      applicationStatusLabel: APPLICATION_STATUS_LABELS[application.status as ApplicationStatus] ?? application.status,
      qrSignatureValid: qrSig ? await qrSignatureValid(d.seal_key_id, d.qr_facts, qrSig) : null,
      sealDigest: d.seal_digest,
    };
  }

  async function qrSignatureValid(keyId: string, facts: string, qrSig: string): Promise<boolean> {
    const key = await sealPublicKey(db, keyId);
    const hex = /^[A-Za-z0-9_-]{80,100}$/.test(qrSig) ? Buffer.from(qrSig, 'base64url').toString('hex') : '';
    return !!key && sm2Verify(key.publicKey, facts, hex);
  }

  app.get(
    '/api/v1/verify/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '扫码核验（公开）：许可证、受理类文书或行政处罚文书，按核验码',
        params: LicenceVerifyParams,
        querystring: LicenceVerifyQuery,
        response: { 200: VerifyCodeView, ...ERRORS },
      },
    },
    async (req): Promise<VerifyCodeView> => {
      const code = req.params.code.toUpperCase();
      const d = await db.selectFrom('application_documents').selectAll().where('verify_code', '=', code).executeTakeFirst();
      if (d) return { licence: null, document: await documentStatus(d, req.query.s), penaltyDocument: null };
      // A penalty case's document, else a 火灾事故认定书 (FIR-03): both shown as a sealed agency document.
      const penaltyDocument = (await caseDocumentByCode(app.ctx, code, req.query.s)) ?? (await determinationByCode(app.ctx, code, req.query.s));
      if (penaltyDocument) return { licence: null, document: null, penaltyDocument };
      return { licence: await publicStatus(code, req.query.s), document: null, penaltyDocument: null };
    },
  );

  app.get(
    '/api/v1/licences/verify/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '扫码核验许可证（公开）：有效 / 已变更 / 已补发 / 已撤销',
        params: LicenceVerifyParams,
        querystring: LicenceVerifyQuery,
        response: { 200: PublicLicenceStatusView, ...ERRORS },
      },
    },
    async (req) => publicStatus(req.params.code, req.query.s),
  );

  app.post(
    '/api/v1/licences/verify',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '上传许可证、受理类文书或行政处罚文书 PDF，离线核验电子印章（公开）',
        consumes: ['multipart/form-data'],
        response: { 200: LicenceFileCheckView, ...ERRORS },
      },
    },
    async (req): Promise<LicenceFileCheckView> => {
      const part = await req.file({ limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
      if (!part) throw new AppError('FILE.MISSING', '请选择要核验的 PDF 文件');
      const data = await part.toBuffer().catch(() => {
        throw new AppError('FILE.TOO_LARGE', '文件超过 5 MB 上限');
      });
      if (data.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('FILE.TYPE_NOT_ALLOWED', '只能核验 PDF 格式的电子证照或文书');
      const keys = new Map((await db.selectFrom('seal_keys').select(['id', 'public_key']).execute()).map((k) => [k.id, k.public_key]));
      const check = verifySealedPdf(data, (id) => keys.get(id));
      if (!check.ok) {
        const why = {
          no_seal: '文件中没有本平台的电子印章',
          digest_mismatch: '文件内容与盖章时不一致（已被改动）',
          bad_signature: '电子印章签名无效',
          unknown_key: '印章不是本平台机构的印章',
        }[check.reason];
        return { sealValid: false, reason: check.reason, message: why, status: null, licence: null, document: null };
      }
      const l = await db.selectFrom('licences').select(['verify_code']).where('seal_digest', '=', check.digest).executeTakeFirst();
      const status = l ? await publicStatus(l.verify_code) : null;
      const d = l ? undefined : await db.selectFrom('application_documents').selectAll().where('seal_digest', '=', check.digest).executeTakeFirst();
      const penaltyDocument = l || d ? null : ((await caseDocumentByDigest(app.ctx, check.digest)) ?? (await determinationByDigest(app.ctx, check.digest)));
      return {
        sealValid: true,
        reason: null,
        message: '电子印章有效，文件未被改动',
        status: status?.status ?? null,
        licence: status,
        document: d ? await documentStatus(d) : null,
        penaltyDocument,
      };
    },
  );

  app.get(
    '/api/v1/licences/register',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '许可公示（双公示 ENF-07）：准予和撤销的许可，个人信息已脱敏',
        querystring: LicenceRegisterQuery,
        response: { 200: LicenceRegisterView, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      let query = db.selectFrom('licences').selectAll().where('status', 'in', ['valid', 'revoked']);
      if (q.agency) {
        const a = await db.selectFrom('agencies').select('path').where('region_code', '=', q.agency).executeTakeFirst();
        query = query.where('agency_path', 'like', `${a?.path ?? '/none/'}%`);
      }
      if (q.q) {
        const term = `%${q.q.replace(/[%_\\]/g, '')}%`;
        query = query.where((eb) => eb.or([eb('holder_name', 'like', term), eb('venue_name', 'like', term), eb('number', 'like', term)]));
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .limit(q.limit ?? 50)
        .execute();
      const notices = await db
        .selectFrom('public_notices')
        .selectAll()
        .where('kind', '=', 'licence_revocation')
        .orderBy('published_at', 'desc')
        .limit(20)
        .execute();
      return {
        items: rows.map((l) => {
          const p = presentLicence(l, { masked: true });
          return {
            number: p.number,
            status: p.status,
            statusLabel: p.statusLabel,
            holder: p.holder,
            usci: p.usci,
            legalRepresentative: p.legalRepresentative,
            venue: p.venue,
            venueAddress: p.venueAddress,
            venueKind: p.venueKindLabel,
            issuedAt: p.issuedAt,
            revokedAt: p.revokedAt,
            verifyCode: p.verifyCode,
          };
        }),
        notices: notices.map((n) => ({ id: n.id, title: n.title, body: n.body, publishedAt: n.published_at })),
      };
    },
  );

  app.get(
    '/api/v1/licences',
    {
      config: { permission: 'licensing:licence:read' },
      schema: {
        tags: TAGS,
        summary: '许可证列表（工作人员：辖区内；申请人：本单位）',
        querystring: LicenceListQuery,
        response: { 200: LicenceListView, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      let query = db
        .selectFrom('licences')
        .selectAll()
        .where(licenceScope(actorOf(req)));
      if (q.status) query = query.where('status', 'in', q.status.split(',') as never[]);
      const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
      return rows.map((l) => presentLicence(l, { list: true }));
    },
  );

  app.get(
    '/api/v1/licences/:id',
    {
      config: { permission: 'licensing:licence:read' },
      schema: { tags: TAGS, summary: '一张许可证及其变更、补发申请', params: LicensingIdParams, response: { 200: LicenceDetailView, ...ERRORS } },
    },
    async (req) => {
      const l = await loadLicence(app.ctx, actorOf(req), req.params.id);
      const requests = await db.selectFrom('licence_requests').selectAll().where('licence_id', '=', l.id).orderBy('requested_at').execute();
      return {
        ...presentLicence(l),
        requests: requests.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          changes: CHANGES.decode(r.changes_json) ?? {},
          reason: r.reason,
          requestedAt: r.requested_at,
          decidedAt: r.decided_at,
          decisionReason: r.decision_reason,
          newLicenceId: r.new_licence_id,
        })),
      };
    },
  );

  app.get(
    '/api/v1/licences/:id/pdf',
    {
      config: { permission: 'licensing:licence:read' },
      schema: { tags: TAGS, summary: '下载电子许可证（PDF，带电子印章）', params: LicensingIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => {
      const l = await loadLicence(app.ctx, actorOf(req), req.params.id);
      const pdf = await readBlob(app.ctx.config.dataDir, l.pdf_sha256);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${l.number}.pdf`)}`)
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/licences/:id/requests',
    {
      config: { permission: 'licensing:application:submit' },
      schema: {
        tags: TAGS,
        summary: '申请变更（名称、法定代表人，LIC-08）或补发（LIC-09）；支持 Idempotency-Key，同类申请办理中不能重复提交',
        params: LicensingIdParams,
        body: LicenceChangeRequest,
        response: { 201: LicenceRequestCreatedView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 201, (deps) => requestLicenceChange(deps, actorOf(req), { licenceId: req.params.id, ...req.body })),
  );

  app.get(
    '/api/v1/licence-requests',
    {
      config: { permission: 'licensing:licence:manage' },
      schema: { tags: TAGS, summary: '待办的变更、补发申请', response: { 200: PendingLicenceRequestListView, ...ERRORS } },
    },
    async (req) => {
      const rows = await db
        .selectFrom('licence_requests')
        .innerJoin('licences', 'licences.id', 'licence_requests.licence_id')
        .select([
          'licence_requests.id',
          'licence_requests.kind',
          'licence_requests.status',
          'licence_requests.changes_json',
          'licence_requests.reason',
          'licence_requests.requested_at',
          'licences.number',
          'licences.venue_name',
          'licences.holder_name',
          'licences.id as licenceId',
        ])
        .where(licenceRequestScope(actorOf(req)))
        .where('licence_requests.status', '=', 'pending')
        .orderBy('licence_requests.requested_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        // Free text on a list: ID and mobile numbers typed into it are masked (PIPL art. 51).
        changes: maskedChanges(CHANGES.decode(r.changes_json) ?? {}),
        reason: maskPersonalText(r.reason),
        requestedAt: r.requested_at,
        number: r.number,
        venue: maskPersonalText(r.venue_name),
        holder: maskPersonalText(r.holder_name),
        licenceId: r.licenceId,
      }));
    },
  );

  app.post(
    '/api/v1/licence-requests/:id/decision',
    {
      config: { permission: 'licensing:licence:manage' },
      schema: {
        tags: TAGS,
        summary: '办理变更、补发申请（即时换发，不作实质审查）',
        params: LicensingIdParams,
        body: LicenceRequestDecisionRequest,
        response: { 200: LicenceRequestDecisionView, ...ERRORS },
      },
    },
    async (req) => decideLicenceChange(app.ctx, actorOf(req), { requestId: req.params.id, ...req.body }),
  );

  app.post(
    '/api/v1/licences/:id/revoke',
    {
      config: { permission: 'licensing:licence:revoke' },
      schema: {
        tags: TAGS,
        summary: '撤销许可并公告（LIC-09）',
        params: LicensingIdParams,
        body: LicenceRevocationRequest,
        response: { 200: LicenceView, ...ERRORS },
      },
    },
    async (req) => presentLicence(await revokeLicence(app.ctx, actorOf(req), { id: req.params.id, ...req.body })),
  );

  app.post(
    '/api/v1/licences/:id/delivery',
    {
      config: { permission: 'licensing:licence:manage' },
      schema: {
        tags: TAGS,
        summary: '登记送达：直接送达或邮寄（快递单号，LIC-10）；支持 Idempotency-Key，同一送达不能重复登记',
        params: LicensingIdParams,
        body: LicenceDeliveryRequest,
        response: { 200: LicenceDeliveryView, ...ERRORS },
      },
    },
    async (req, reply) => idempotent(req, reply, 200, (deps) => recordDelivery(deps, actorOf(req), { id: req.params.id, ...req.body })),
  );
}
