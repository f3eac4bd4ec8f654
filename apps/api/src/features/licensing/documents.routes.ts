import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApplicationDocumentsView, ApplicationLookupRequest, ApplicationLookupView, ErrorBody, LicensingIdParams, LicensingPdfFile } from '@fep/contracts';
import { APPLICATION_STATUS_LABELS, APPLICATION_STEP_HINTS, type ApplicationStatus, chinaDateOf } from '@fep/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { presentClock } from '../../platform/clocks/clocks.presenter.ts';
import { AppError } from '../../platform/errors.ts';
import { readBlob } from '../../platform/files/storage.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { withIntakeDocumentPdf } from './document-production.ts';
import { lookupCodeOf } from './intake-documents.ts';
import { loadApplication } from './licensing.access.ts';
import { presentIntakeDocument } from './licensing.presenter.ts';
import { lookUpApplication } from './use-cases/look-up-application.ts';

const TAGS = ['受理文书与办件查询'];
const ACT_ORDER = { receipt: 0, correction: 1, acceptance: 2, rejection: 2 } as const;
const ERRORS = { '4xx': ErrorBody };
const PDF = { description: 'PDF 文件（带电子印章）', content: { 'application/pdf': { schema: LicensingPdfFile } } };

/**
 * Intake documents (受理回执, 受理通知书, 补正材料通知书, 不予受理通知书) for the applicant and the staff, and
 * 办件查询 by application number and code without login. Verification by code or file is in licences.routes.ts
 * (one /verify page for permits and documents).
 */
export async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;

  /** An application's documents in the order of the acts (a notice before the acceptance that follows it). */
  const documentsOf = async (applicationId: string) =>
    (await db.selectFrom('application_documents').selectAll().where('application_id', '=', applicationId).execute()).sort(
      (x, y) => x.created_at.localeCompare(y.created_at) || ACT_ORDER[x.kind] - ACT_ORDER[y.kind] || x.act.localeCompare(y.act, 'en', { numeric: true }),
    );

  const sendPdf = async (reply: FastifyReply, sha: string, name: string) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.pdf`)}`)
      .send(await readBlob(app.ctx.config.dataDir, sha));

  app.get(
    '/api/v1/licensing/applications/:id/legal-documents',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: TAGS,
        summary: '一件申请的受理类文书（申请人另见办件查询码）',
        params: LicensingIdParams,
        response: { 200: ApplicationDocumentsView, ...ERRORS },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await loadApplication(app.ctx, actor, req.params.id);
      const own = actor.userId !== null && actor.userId === a.applicant_user_id;
      return {
        documents: (await documentsOf(a.id)).map(presentIntakeDocument),
        lookupCode: own && a.lookup_code_hash ? lookupCodeOf(app.ctx, a.id) : null,
      };
    },
  );

  app.get(
    '/api/v1/licensing/legal-documents/:id/pdf',
    {
      config: { permission: 'licensing:application:read' },
      schema: { tags: TAGS, summary: '下载受理类文书（PDF，带电子印章）', params: LicensingIdParams, response: { 200: PDF, ...ERRORS } },
    },
    async (req, reply) => {
      const d = await db.selectFrom('application_documents').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!d) throw new AppError('RESOURCE.NOT_FOUND', '文书不存在或无权查看');
      // Whoever may see the application may download its documents (scope refusal: 404, recorded).
      await loadApplication(app.ctx, actorOf(req), d.application_id);
      return sendPdf(reply, (await withIntakeDocumentPdf(app.ctx, d)).pdf_sha256, `${presentIntakeDocument(d).title}-${d.number}`);
    },
  );

  app.post(
    '/api/v1/public/application-lookup',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '办件查询（公开，无需登录）：申请编号 + 办件查询码 → 进度、时限、文书；次数受限',
        body: ApplicationLookupRequest,
        response: { 200: ApplicationLookupView, ...ERRORS },
      },
    },
    async (req): Promise<ApplicationLookupView> => {
      const a = await lookUpApplication(app.ctx, actorOf(req), req.body);
      const [agency, clock, docs] = await Promise.all([
        db.selectFrom('agencies').select('name').where('id', '=', a.agency_id).executeTakeFirstOrThrow(),
        a.clock_id ? db.selectFrom('clocks').selectAll().where('id', '=', a.clock_id).executeTakeFirst() : Promise.resolve(undefined),
        documentsOf(a.id),
      ]);
      const c = await presentClock(db, clock, app.ctx.now().toISOString());
      const status = a.status as ApplicationStatus;
      return {
        reference: a.reference_no,
        applicant: a.company_name,
        venue: a.venue_name,
        agency: agency.name,
        status: a.status,
        statusLabel: APPLICATION_STATUS_LABELS[status] ?? a.status,
        step: APPLICATION_STEP_HINTS[status] ?? '',
        submittedOn: a.submitted_at ? chinaDateOf(a.submitted_at) : null,
        deadline: c ? { title: c.title, dueDate: c.dueDate, statusLabel: c.statusLabel, provisional: c.provisional } : null,
        documents: docs.map(presentIntakeDocument),
      };
    },
  );

  app.post(
    '/api/v1/public/application-lookup/documents/:id/pdf',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '办件查询中下载文书（公开；凭申请编号和办件查询码）',
        params: LicensingIdParams,
        body: ApplicationLookupRequest,
        response: { 200: PDF, ...ERRORS },
      },
    },
    async (req, reply) => {
      const a = await lookUpApplication(app.ctx, actorOf(req), req.body);
      const d = await db.selectFrom('application_documents').selectAll().where('id', '=', req.params.id).where('application_id', '=', a.id).executeTakeFirst();
      if (!d) throw new AppError('RESOURCE.NOT_FOUND', '文书不存在');
      return sendPdf(reply, (await withIntakeDocumentPdf(app.ctx, d)).pdf_sha256, `${presentIntakeDocument(d).title}-${d.number}`);
    },
  );
}
