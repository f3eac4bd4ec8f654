import { checkExemption, chinaDateOf, type VENUE_KIND_LABELS } from '@fep/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { Actor } from '../../platform/actor.ts';
import type { RoutePermission } from '../../platform/context.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { resolveForAgency } from '../../platform/policy/policy.repository.ts';
import type { ApplicationInput } from './application-input.ts';
import { applicationScope, loadApplication } from './licensing.access.ts';
import { commitmentOffered, handlingAgency } from './licensing.policy.ts';
import { presentApplication, presentApplicationSummary } from './licensing.presenter.ts';
import {
  AcceptBody,
  ApplicationBody,
  AssignBody,
  DecisionBody,
  ExemptionCheckBody,
  IdParams,
  InspectionBody,
  LegalReviewBody,
  NoticeBody,
  ReasonsBody,
  SupplyBody,
  WithdrawBody,
} from './licensing.schemas.ts';
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

/** Routes of the opening-permit application: thin — validate, authorize, call the use case, present. */
export async function applicationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx.database;
  const present = async (req: FastifyRequest, id: string) =>
    presentApplication(db, await loadApplication(app.ctx, actorOf(req), id), req.auth!.roles, app.ctx.now().toISOString());

  app.post(
    '/api/v1/licensing/exemption-check',
    { config: { permission: 'public' }, schema: { tags: TAGS, summary: '免检范围查询（LIC-02）：是否须申请营业前消防安全检查', body: ExemptionCheckBody } },
    async (req) => {
      const b = req.body as { regionCode: string; venueKind: keyof typeof VENUE_KIND_LABELS; floorArea: number; investment?: number | null };
      const { agency, policy } = await handlingAgency(db, b.regionCode, app.ctx.now());
      const r = checkExemption(policy.exemption, { venueKind: b.venueKind, floorArea: b.floorArea, investment: b.investment ?? null });
      const resolvedRule = r.matched?.text ?? (policy.exemption.rules.map((x) => x.text).join('；或') || '本地未设免检范围');
      return {
        exempt: r.exempt,
        reasons: r.reasons,
        rule: {
          text: resolvedRule,
          exceptVenueKinds: policy.exemption.exceptVenueKinds,
          legalBasis: (await exemptionBasis(agency.id)) ?? '《中华人民共和国消防法》第十五条',
          policyVersion: policy.versions['licensing.exemption'],
        },
        agency: { id: agency.id, name: agency.name },
        commitmentOffered: commitmentOffered(policy),
        at: policy.at,
      };
    },
  );

  /** The legal basis of the exemption in force: the document of the override, or the national default. */
  async function exemptionBasis(agencyId: string): Promise<string | null> {
    const agency = await db.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();
    const [r] = await resolveForAgency(db, agency, chinaDateOf(app.ctx.now()), ['licensing.exemption']);
    const p = r?.provenance.rules;
    if (!p) return null;
    return `${p.legalBasis.document}${p.legalBasis.clause ? ` ${p.legalBasis.clause}` : ''}`;
  }

  app.get(
    '/api/v1/licensing/guide',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '申请须知：本地现行的材料清单、容缺材料、告知承诺书和时限（SVC-01）',
        querystring: Type.Object({ region: Type.String({ pattern: '^\\d{6}$' }) }),
      },
    },
    async (req) => {
      const { agency, policy } = await handlingAgency(db, (req.query as { region: string }).region, app.ctx.now());
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
      schema: { tags: TAGS, summary: '下载申请材料示范文本（PDF）', params: Type.Object({ code: Type.String({ pattern: '^[a-z_]{2,40}$' }) }) },
    },
    async (req, reply) => {
      const code = (req.params as { code: string }).code;
      const form = SAMPLE_FORMS[code];
      if (!form) throw new AppError('RESOURCE.NOT_FOUND', '该材料没有示范文本');
      const pdf = await renderDocumentPdf({
        ...form,
        number: '示范文本 · 可根据本单位实际修改',
        agencyName: '消防执法服务平台',
        issuedOn: chinaDateOf(app.ctx.now()),
      });
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
      schema: { tags: TAGS, summary: '新建许可申请（submit=true 直接提交；支持 Idempotency-Key）', body: ApplicationBody },
    },
    async (req, reply) => {
      const b = req.body as ApplicationInput & { submit?: boolean };
      const { id } = await idempotent(req, reply, 201, (deps) => createApplication(deps, actorOf(req), { application: b, submit: b.submit === true }));
      return present(req, id);
    },
  );

  app.put(
    '/api/v1/licensing/applications/:id',
    {
      config: { permission: 'licensing:application:submit' },
      schema: { tags: TAGS, summary: '修改草稿，或按一次性告知补正（submit=true 提交/重新提交）', params: IdParams, body: ApplicationBody },
    },
    async (req) => {
      const b = req.body as ApplicationInput & { submit?: boolean };
      const id = (req.params as { id: string }).id;
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
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 200 })),
          after: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (req) => {
      const q = req.query as { status?: string; after?: string; limit?: number };
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
    { config: { permission: 'licensing:application:read' }, schema: { tags: TAGS, summary: '一件许可申请及其时限、告知、检查和许可证', params: IdParams } },
    async (req) => present(req, (req.params as { id: string }).id),
  );

  const step = <B>(verb: string, permission: RoutePermission, summary: string, body: TSchema, run: (actor: Actor, id: string, b: B) => Promise<unknown>) =>
    app.post(`/api/v1/licensing/applications/:id/${verb}`, { config: { permission }, schema: { tags: TAGS, summary, params: IdParams, body } }, async (req) => {
      const id = (req.params as { id: string }).id;
      await run(actorOf(req), id, req.body as B);
      return present(req, id);
    });

  step<{ items: { target: `material:${string}` | `field:${string}`; reason: string }[] }>(
    'notice',
    'licensing:application:intake',
    '一次性告知补正（LIC-06）：列明全部问题，时限暂停',
    NoticeBody,
    (actor, id, b) => issueNotice(app.ctx, actor, { id, items: b.items }),
  );
  step<{ reasons: string[] }>('reject', 'licensing:application:intake', '不予受理（说明理由）', ReasonsBody, (actor, id, b) =>
    rejectAtIntake(app.ctx, actor, { id, reasons: b.reasons }),
  );
  step<{ pendingDocuments?: string[] }>(
    'accept',
    'licensing:application:intake',
    '受理（可容缺受理 LIC-05；告知承诺即时许可 LIC-03）',
    AcceptBody,
    (actor, id, b) => acceptApplication(app.ctx, actor, { id, pendingDocuments: b.pendingDocuments ?? [] }),
  );
  step<{ materials: Record<string, string[]> }>('documents', 'licensing:application:submit', '补交容缺材料', SupplyBody, (actor, id, b) =>
    supplyDocuments(app.ctx, actor, { id, materials: b.materials }),
  );
  step<{ inspectorIds?: string[]; appointmentAt?: string | null }>(
    'assign',
    'licensing:inspection:assign',
    '指派两名持证检查人员并预约检查时间（LIC-11）',
    AssignBody,
    (actor, id, b) => assignOpeningCheck(app.ctx, actor, { id, ...b }),
  );
  step<{ checklist: { code: string; passed: boolean; note?: string }[]; findings: string; documentsVerifiedOnSite?: boolean }>(
    'inspection',
    'licensing:inspection:record',
    '录入现场检查结果（LIC-04）',
    InspectionBody,
    (actor, id, b) => recordOpeningCheck(app.ctx, actor, { id, ...b }),
  );
  step<{ pass: boolean; opinion: string }>('legal-review', 'licensing:application:review', '法制审核', LegalReviewBody, (actor, id, b) =>
    legalReview(app.ctx, actor, { id, ...b }),
  );
  step<{ grant: boolean; reasons: string[] }>('decision', 'licensing:application:decide', '作出准予或不予许可决定', DecisionBody, (actor, id, b) =>
    decideApplication(app.ctx, actor, { id, ...b }),
  );
  step<{ reason: string }>('withdraw', 'licensing:application:submit', '撤回申请', WithdrawBody, (actor, id, b) =>
    withdrawApplication(app.ctx, actor, { id, reason: b.reason }),
  );
}
