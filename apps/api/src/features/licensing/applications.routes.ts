import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AcceptApplicationRequest,
  ApplicationDecisionRequest,
  ApplicationListQuery,
  ApplicationListView,
  ApplicationNoticeRequest,
  ApplicationRequest,
  ApplicationView,
  ErrorBody,
  ExemptionCheckRequest,
  ExemptionCheckView,
  InspectionAssignmentRequest,
  IntakeRejectionRequest,
  LegalReviewRequest,
  LicensingGuideQuery,
  LicensingGuideView,
  LicensingIdParams,
  LicensingPdfFile,
  OpeningCheckRequest,
  SampleFormParams,
  SupplyDocumentsRequest,
  WithdrawApplicationRequest,
} from '@fep/contracts';
import { checkExemption, chinaDateOf, provenanceLabel } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { renderDocument } from '../../platform/documents/render-pool.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import { applicationScope, loadApplication } from './licensing.access.ts';
import { commitmentOffered, handlingAgency } from './licensing.policy.ts';
import { presentApplication, presentApplicationSummary } from './licensing.presenter.ts';
import { SAMPLE_FORMS } from './sample-forms.ts';
import { acceptApplication } from './use-cases/accept-application.ts';
import { assignOpeningCheck } from './use-cases/assign-opening-check.ts';
import { createApplication } from './use-cases/create-application.ts';
import { decideApplication } from './use-cases/decide-application.ts';
import { editApplication } from './use-cases/edit-application.ts';
import { issueNotice } from './use-cases/issue-notice.ts';
import { legalReview } from './use-cases/legal-review.ts';
import { recordOpeningCheck } from './use-cases/record-opening-check.ts';
import { rejectAtIntake } from './use-cases/reject-at-intake.ts';
import { supplyDocuments } from './use-cases/supply-documents.ts';
import { withdrawApplication } from './use-cases/withdraw-application.ts';

const TAGS = ['许可（营业前消防安全检查）'];
/** Refusals keep the shared error body. */
const ERRORS = { '4xx': ErrorBody };

/** Routes of the opening-permit application: thin — validate, authorize, call the use case, present. */
export async function applicationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx.database;
  const present = async (req: FastifyRequest, id: string): Promise<ApplicationView> =>
    presentApplication(db, await loadApplication(app.ctx, actorOf(req), id), req.auth!.roles, app.ctx.now().toISOString());

  app.post(
    '/api/v1/licensing/exemption-check',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '免检范围查询（LIC-02）：是否须申请营业前消防安全检查',
        body: ExemptionCheckRequest,
        response: { 200: ExemptionCheckView, ...ERRORS },
      },
    },
    async (req) => {
      const b = req.body;
      const { agency, policy } = await handlingAgency(db, b.regionCode, app.ctx.now());
      const r = checkExemption(policy.exemption, { venueKind: b.venueKind, floorArea: b.floorArea, investment: b.investment ?? null });
      const basis = await exemptionBasis(agency.id);
      const resolvedRule = r.matched?.text ?? (policy.exemption.rules.map((x) => x.text).join('；或') || '本地未设免检范围');
      return {
        exempt: r.exempt,
        undetermined: r.undetermined,
        reasons: r.reasons,
        rule: {
          text: resolvedRule,
          exceptVenueKinds: policy.exemption.exceptVenueKinds,
          legalBasis: basis?.text ?? '《中华人民共和国消防法》第十五条',
          // Every resolved kind carries its version key (licensingPolicy); '' only if the policy store is incomplete.
          policyVersion: policy.versions['licensing.exemption'] ?? '',
          policyVersionLabel: basis?.label ?? '国家规定',
        },
        agency: { id: agency.id, name: agency.name },
        commitmentOffered: commitmentOffered(policy),
        at: policy.at,
      };
    },
  );

  /** The legal basis of the exemption in force (the document of the override, or the national default) and where it comes from. */
  async function exemptionBasis(agencyId: string): Promise<{ text: string; label: string } | null> {
    const agency = await db.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();
    const [r] = await resolveForAgency(db, agency, chinaDateOf(app.ctx.now()), ['licensing.exemption']);
    const p = r?.provenance.rules;
    if (!p) return null;
    return { text: `${p.legalBasis.document}${p.legalBasis.clause ? ` ${p.legalBasis.clause}` : ''}`, label: provenanceLabel(p) };
  }

  app.get(
    '/api/v1/licensing/guide',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '申请须知：本地现行的材料清单、容缺材料、告知承诺书和时限（SVC-01）',
        querystring: LicensingGuideQuery,
        response: { 200: LicensingGuideView, ...ERRORS },
      },
    },
    async (req) => {
      const { agency, policy } = await handlingAgency(db, req.query.region, app.ctx.now());
      return {
        agency: { id: agency.id, name: agency.name, regionCode: agency.region_code },
        at: policy.at,
        commitmentOffered: commitmentOffered(policy),
        commitment: policy.commitment,
        inspection: policy.inspection,
        materials: policy.materials.materials,
        conditions: policy.materials.conditions,
        pending: policy.pending,
        exemption: policy.exemption,
        checkItems: policy.checkItems.items,
        legalReviewRequired: policy.approval.legalReviewRequired,
        policyVersions: policy.versions,
      };
    },
  );

  app.get(
    '/api/v1/licensing/sample-forms/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '下载申请材料示范文本（PDF）',
        params: SampleFormParams,
        response: { 200: { description: 'PDF 文件', content: { 'application/pdf': { schema: LicensingPdfFile } } }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const code = req.params.code;
      // Own keys only: `__proto__` or `constructor` is no sample form.
      const form = Object.hasOwn(SAMPLE_FORMS, code) ? SAMPLE_FORMS[code] : undefined;
      if (!form) throw new AppError('RESOURCE.NOT_FOUND', '该材料没有示范文本');
      const { pdf } = await renderDocument(
        app.ctx,
        { ...form, number: '示范文本 · 可根据本单位实际修改', agencyName: '消防执法服务平台', issuedOn: chinaDateOf(app.ctx.now()) },
        null,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${form.title}.pdf`)}`)
        .send(pdf);
    },
  );

  app.post(
    '/api/v1/licensing/applications',
    {
      config: { permission: 'licensing:application:submit' },
      schema: {
        tags: TAGS,
        summary: '新建许可申请（submit=true 直接提交；支持 Idempotency-Key）',
        body: ApplicationRequest,
        response: { 201: ApplicationView, ...ERRORS },
      },
    },
    async (req, reply) => {
      const b = req.body;
      // The view is built from the rows just written (or, on a replay, stored with the answer).
      const created = await idempotent(req, reply, 201, (deps) => createApplication(deps, actorOf(req), { application: b, submit: b.submit === true }));
      return presentApplication(db, created.application, req.auth!.roles, app.ctx.now().toISOString(), { clock: created.clock });
    },
  );

  app.put(
    '/api/v1/licensing/applications/:id',
    {
      config: { permission: 'licensing:application:submit' },
      schema: {
        tags: TAGS,
        summary: '修改草稿，或按一次性告知补正（submit=true 提交/重新提交）',
        params: LicensingIdParams,
        body: ApplicationRequest,
        response: { 200: ApplicationView, ...ERRORS },
      },
    },
    async (req) => {
      const b = req.body;
      const id = req.params.id;
      await editApplication(app.ctx, actorOf(req), { id, application: b, submit: b.submit === true });
      return present(req, id);
    },
  );

  app.get(
    '/api/v1/licensing/applications',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: TAGS,
        summary: '许可申请列表（工作人员：辖区内；申请人：本单位）',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationListView, ...ERRORS },
      },
    },
    async (req) => {
      const q = req.query;
      const limit = q.limit ?? 50;
      let query = db
        .selectFrom('applications')
        .selectAll()
        .where(applicationScope(actorOf(req)));
      if (q.status) query = query.where('status', 'in', q.status.split(','));
      if (q.after) query = query.where('id', '<', q.after);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return { items: page.map(presentApplicationSummary), next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/api/v1/licensing/applications/:id',
    {
      config: { permission: 'licensing:application:read' },
      schema: {
        tags: TAGS,
        summary: '一件许可申请及其时限、告知、检查和许可证',
        params: LicensingIdParams,
        response: { 200: ApplicationView, ...ERRORS },
      },
    },
    async (req) => present(req, req.params.id),
  );

  /** The schema of a step of the case: its body contract in, the whole application out. */
  const step = <B extends TSchema>(summary: string, body: B) => ({
    tags: TAGS,
    summary,
    params: LicensingIdParams,
    body,
    response: { 200: ApplicationView, ...ERRORS },
  });

  app.post(
    '/api/v1/licensing/applications/:id/notice',
    { config: { permission: 'licensing:application:intake' }, schema: step('一次性告知补正（LIC-06）：列明全部问题，时限暂停', ApplicationNoticeRequest) },
    async (req) => {
      const id = req.params.id;
      await issueNotice(app.ctx, actorOf(req), { id, items: req.body.items });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/reject',
    { config: { permission: 'licensing:application:intake' }, schema: step('不予受理（说明理由）', IntakeRejectionRequest) },
    async (req) => {
      const id = req.params.id;
      await rejectAtIntake(app.ctx, actorOf(req), { id, reasons: req.body.reasons });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/accept',
    { config: { permission: 'licensing:application:intake' }, schema: step('受理（可容缺受理 LIC-05；告知承诺即时许可 LIC-03）', AcceptApplicationRequest) },
    async (req) => {
      const id = req.params.id;
      await acceptApplication(app.ctx, actorOf(req), { id, pendingDocuments: req.body.pendingDocuments ?? [] });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/documents',
    { config: { permission: 'licensing:application:submit' }, schema: step('补交容缺材料', SupplyDocumentsRequest) },
    async (req) => {
      const id = req.params.id;
      await supplyDocuments(app.ctx, actorOf(req), { id, materials: req.body.materials });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/assign',
    { config: { permission: 'licensing:inspection:assign' }, schema: step('指派两名持证检查人员并预约检查时间（LIC-11）', InspectionAssignmentRequest) },
    async (req) => {
      const id = req.params.id;
      await assignOpeningCheck(app.ctx, actorOf(req), { id, ...req.body });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/inspection',
    { config: { permission: 'licensing:inspection:record' }, schema: step('录入现场检查结果（LIC-04）', OpeningCheckRequest) },
    // The inspector's phone queues the result offline with its own Idempotency-Key (SUP-09): a replay after
    // a lost answer is the one record, not a 409.
    async (req, reply) => {
      const id = req.params.id;
      await idempotent(req, reply, 200, (deps) => recordOpeningCheck(deps, actorOf(req), { id, ...req.body }));
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/legal-review',
    { config: { permission: 'licensing:application:review' }, schema: step('法制审核', LegalReviewRequest) },
    async (req) => {
      const id = req.params.id;
      await legalReview(app.ctx, actorOf(req), { id, ...req.body });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/decision',
    { config: { permission: 'licensing:application:decide' }, schema: step('作出准予或不予许可决定', ApplicationDecisionRequest) },
    async (req) => {
      const id = req.params.id;
      await decideApplication(app.ctx, actorOf(req), { id, ...req.body });
      return present(req, id);
    },
  );

  app.post(
    '/api/v1/licensing/applications/:id/withdraw',
    { config: { permission: 'licensing:application:submit' }, schema: step('撤回申请', WithdrawApplicationRequest) },
    async (req) => {
      const id = req.params.id;
      await withdrawApplication(app.ctx, actorOf(req), { id, reason: req.body.reason });
      return present(req, id);
    },
  );
}
